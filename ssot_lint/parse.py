"""Source bytes -> LibCST module, or a `FileError` saying where and why it could not be parsed.

LibCST's native parser reads modern syntax (PEP 701 f-strings, PEP 695 generics) whatever
interpreter runs the tool, honours PEP 263 coding lines and a UTF-8 BOM, and keeps every byte
of formatting, which `fix` needs.
"""

from __future__ import annotations

import io
import tokenize

import libcst as cst

from .findings import FileError

__all__ = ["parse_source"]

_HINT = "fix the file so Python can parse it, or exclude it in [tool.ssot-lint]"


def parse_source(source: bytes, path: str) -> cst.Module | FileError:
    """Parse `source`; never raises for bad input."""
    if b"\x00" in source:
        return FileError(path, "syntax", "file contains NUL bytes", hint=_HINT)
    try:
        return cst.parse_module(source)
    except cst.ParserSyntaxError as error:
        message = str(error.message).strip().splitlines()[0] if error.message else "invalid syntax"
        return FileError(path, "syntax", f"syntax error: {message}", error.raw_line, error.raw_column + 1, _HINT)
    except UnicodeDecodeError as error:
        return _undecodable(source, path, error)
    except (LookupError, SyntaxError, ValueError) as error:
        # libcst reports undecodable bytes as SyntaxError("invalid or missing encoding
        # declaration") without a position: find the offending byte ourselves.
        decode_error = _decode_error(source)
        if decode_error is not None:
            return _undecodable(source, path, decode_error)
        return FileError(path, "decode", f"cannot read source: {error}", hint=_HINT)
    except RecursionError:
        return FileError(path, "syntax", "expression nested too deeply to parse", hint=_HINT)


def _undecodable(source: bytes, path: str, error: UnicodeDecodeError) -> FileError:
    line = source[: error.start].count(b"\n") + 1
    return FileError(
        path, "decode", f"cannot decode: {error.reason} at byte {error.start}", line,
        hint="save the file as UTF-8 or declare its encoding with a PEP 263 coding line",
    )


def _decode_error(source: bytes) -> UnicodeDecodeError | None:
    """The error decoding `source` with its declared encoding (UTF-8 when none), if any."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError:  # an undecodable first line: no valid cookie, so UTF-8 applies
        encoding = "utf-8"
    try:
        source.decode(encoding)
    except UnicodeDecodeError as error:
        return error
    except LookupError:
        return None
    return None
