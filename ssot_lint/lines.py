"""Lines as Python counts them: `\\n`, `\\r\\n` and a lone `\\r` each end one.

CPython's tokenizer reads source with universal newlines, so `ast` line numbers, LibCST positions
and tracebacks all break at a lone `\\r` too. Nothing else ends a line: not a form feed, not
`\\x85` or U+2028, at which `str.splitlines` also splits. Every place that turns an offset into a
line number, or a file into lines, counts this way, or findings, `noqa` comments and context lines
disagree on CR-only files and files holding one stray `\\r`.
"""

from __future__ import annotations

import re
import tokenize
from bisect import bisect_right

__all__ = ["declared_encoding", "line_of", "split", "split_keepends", "split_keepends_bytes", "starts", "to_lf"]

_BREAK = re.compile(r"\r\n|\r|\n")
_BREAK_BYTES = re.compile(rb"\r\n|\r|\n")
_WITH_ENDING = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_WITH_ENDING_BYTES = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def split(text: str) -> list[str]:
    """The lines without their endings (like `text.split("\\n")`: n breaks give n + 1 items)."""
    return _BREAK.split(text)


def split_keepends(text: str) -> list[str]:
    """The lines with their endings: `"".join(split_keepends(text)) == text`."""
    return _WITH_ENDING.findall(text)


def split_keepends_bytes(source: bytes) -> list[bytes]:
    """`split_keepends` for bytes (what `bytes.splitlines(keepends=True)` also gives)."""
    return _WITH_ENDING_BYTES.findall(source)


def starts(source: bytes) -> list[int]:
    """The offset where each line starts: `[0]` and one after every line break."""
    return [0, *(m.end() for m in _BREAK_BYTES.finditer(source))]


def line_of(source: bytes, offset: int, line_starts: list[int] | None = None) -> int:
    """The 1-based line holding byte `offset` (pass `starts(source)` when asking many times)."""
    return bisect_right(line_starts if line_starts is not None else starts(source[:offset]), offset)


def to_lf(text: str) -> str:
    """Every line ending made `\\n`: line numbers and columns stay what Python reports, and a
    reader that knows only `\\n` (the `tokenize` module fed a string) sees the same lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def declared_encoding(source: bytes) -> str:
    """The encoding Python reads `source` in (a BOM, a PEP 263 cookie in the first two lines,
    else UTF-8). `tokenize.detect_encoding` alone misses a cookie on a line ended by a lone `\r`,
    which CPython honours. Raises SyntaxError for a cookie naming no codec."""
    found = _WITH_ENDING_BYTES.finditer(source)
    return tokenize.detect_encoding(lambda: next(found).group())[0]  # StopIteration: end of file
