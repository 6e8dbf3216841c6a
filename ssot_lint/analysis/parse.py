"""Source bytes -> LibCST module, or a `FileError` saying where and why it could not be parsed.

LibCST's native parser reads modern syntax (PEP 701 f-strings, PEP 695 generics) whatever
interpreter runs the tool, honours PEP 263 coding lines and a UTF-8 BOM, and keeps every byte
of formatting, which `fix` needs.
"""

from __future__ import annotations

import ast
import re
import warnings

import libcst as cst

from ..findings import FileError
from ..lines import declared_encoding, line_of
from .identifiers import normalize

__all__ = ["SHALLOW_BYTES", "parse_source", "too_deep"]

_HINT = "fix the file so Python can parse it, or exclude it in [tool.ssot-lint]"


def parse_source(source: bytes, path: str, *, shallow: bool = False) -> cst.Module | FileError:
    """Parse `source`; never raises for bad input. `shallow`: CPython's parser has already read
    these bytes (or the file they were cut from) without running out of depth."""
    if b"\x00" in source:
        line = line_of(source, source.index(b"\x00"))
        return FileError(path, "syntax", "file contains NUL bytes", line, hint=_HINT)
    deep = None if shallow else too_deep(source, path)
    if deep is not None:
        return deep
    try:
        return normalize(cst.parse_module(source), source)  # names as Python reads them (NFKC)
    except cst.ParserSyntaxError as error:
        return _syntax_error(source, path, error)
    except UnicodeDecodeError as error:
        return _undecodable(source, path, error)
    except (LookupError, SyntaxError, ValueError) as error:
        cookie_after_cr = _parse_declared(source, path)
        if cookie_after_cr is not None:
            return cookie_after_cr
        # libcst reports undecodable bytes as SyntaxError("invalid or missing encoding
        # declaration") without a position: find the offending byte ourselves.
        decode_error = _decode_error(source)
        if decode_error is not None:
            return _undecodable(source, path, decode_error)
        return FileError(path, "decode", f"cannot read source: {error}", hint=_HINT)
    except RecursionError:
        return FileError(path, "syntax", "expression nested too deeply to parse", hint=_HINT)


def _syntax_error(source: bytes, path: str, error: cst.ParserSyntaxError) -> FileError:
    """CPython's own message and position when it agrees the file is invalid (they name the
    problem, e.g. Python 2's `print "x"`), else LibCST's."""
    try:
        compile(source, path, "exec", dont_inherit=True)
    except SyntaxError as cpython:
        if cpython.lineno is not None and cpython.msg:
            return FileError(path, "syntax", f"syntax error: {cpython.msg}", cpython.lineno, cpython.offset, _HINT)
    except (ValueError, RecursionError, MemoryError):
        pass
    message = str(error.message).strip().splitlines()[0] if error.message else "invalid syntax"
    return FileError(path, "syntax", f"syntax error: {message}", error.raw_line, error.raw_column + 1, _HINT)


#: LibCST's native parser overflows its stack (the process dies: SIGSEGV) on deeply nested code
#: that CPython rejects cleanly: thousands of unary minus signs joined by backslashes, a few
#: thousand brackets. It survives 3,000 levels of every other shape (measured), and a level costs
#: at least a byte, so a shorter file with shallow brackets is safe; any other file is first read
#: by CPython's parser (about 9 MB/s), which refuses such nesting with an error, not a crash.
SHALLOW_BYTES = 2_000
_BRACKETS = re.compile(rb"[^()\[\]{}]+")
_DEPTH = {ord("("): 1, ord("["): 1, ord("{"): 1, ord(")"): -1, ord("]"): -1, ord("}"): -1}
_SUSPECT_DEPTH = 100
#: a parser that runs out of memory on a file this big ran out of memory, not of nesting.
_NESTING_MEMORY = 1_000_000


def _suspect(source: bytes) -> bool:
    if len(source) >= SHALLOW_BYTES:
        return True
    depth = deepest = 0
    for byte in _BRACKETS.sub(b"", source):  # brackets in strings count too: only a trigger
        depth += _DEPTH[byte]
        deepest = max(deepest, depth)
    return deepest >= _SUSPECT_DEPTH


def too_deep(source: bytes, path: str) -> FileError | None:
    """A `FileError` when CPython's parser finds the file nested too deeply (or runs out of memory
    on it), else None: an ordinary syntax error, or syntax newer than this Python, is LibCST's to
    report."""
    if not _suspect(source):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes are the user's business
            ast.parse(source)
    except RecursionError:
        line = None
    except MemoryError:
        if len(source) >= _NESTING_MEMORY:
            return FileError(path, "too-large", "the parser ran out of memory on this file; excluded from this run",
                             hint="split the file, or exclude it in [tool.ssot-lint]")
        line = None
    except SyntaxError as error:
        if "too many nested" not in str(error.msg) and "too complex" not in str(error.msg):
            return None
        line = error.lineno
    except ValueError:
        return None
    else:
        return None
    return FileError(path, "syntax", "expression nested too deeply to parse", line,
                     hint="simplify the nesting (Python itself cannot parse it), or exclude the file")


def _undecodable(source: bytes, path: str, error: UnicodeDecodeError) -> FileError:
    line = line_of(source, error.start)
    return FileError(
        path, "decode", f"cannot decode: {error.reason} at byte {error.start}", line,
        hint="save the file as UTF-8 or declare its encoding with a PEP 263 coding line",
    )


def _parse_declared(source: bytes, path: str) -> cst.Module | FileError | None:
    """The parse of a file whose coding cookie LibCST misses (it reads the first lines up to
    `\n` only; Python ends a line at a lone `\r` too); None when that is not why it failed."""
    try:
        encoding = declared_encoding(source)
        if encoding == "utf-8" or b"\r" not in source:
            return None
        text = source.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None
    try:
        return normalize(cst.parse_module(text, cst.PartialParserConfig(encoding=encoding)), source)
    except cst.ParserSyntaxError as error:
        return _syntax_error(source, path, error)
    except (SyntaxError, ValueError):
        return None


def _decode_error(source: bytes) -> UnicodeDecodeError | None:
    """The error decoding `source` with its declared encoding (UTF-8 when none), if any."""
    try:
        encoding = declared_encoding(source)
    except SyntaxError:  # an undecodable first line: no valid cookie, so UTF-8 applies
        encoding = "utf-8"
    try:
        source.decode(encoding)
    except UnicodeDecodeError as error:
        return error
    except LookupError:
        return None
    return None
