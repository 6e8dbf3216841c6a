"""Where a notebook finding is written in the `.ipynb` file itself, for SARIF viewers.

A notebook finding counts its lines from its code cell (`Location.cell`), as every format shows
it. A SARIF viewer (GitHub code scanning, the VS Code SARIF viewer) opens the artifact, which is
the notebook's JSON text, and places a region by that text's lines and columns. So the SARIF
region of a notebook finding is the span of the JSON text where the finding's characters are
written inside the cell's `source` string literals (escapes counted as what they stand for).
Ruff's SARIF gives the line in the code cells joined together instead, which a viewer puts on an
unrelated line of the JSON text.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterator
from json.decoder import scanstring  # type: ignore[attr-defined]  # public in CPython, absent from typeshed

__all__ = ["Cells", "read_cells"]

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")


def _skip(text: str, i: int) -> int:
    space = _SPACE.match(text, i)
    return space.end() if space else i


def _members(text: str, i: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the JSON object starting at `text[i]`."""
    i = _skip(text, i + 1)
    while text[i] != "}":
        key, i = scanstring(text, i + 1)
        start = _skip(text, _skip(text, i) + 1)  # past the colon
        _, end = _DECODER.raw_decode(text, start)
        yield key, start, end
        i = _skip(text, end)
        i = _skip(text, i + 1) if text[i] == "," else i


def _elements(text: str, i: int) -> Iterator[int]:
    """The start of each element of the JSON array starting at `text[i]`."""
    i = _skip(text, i + 1)
    while text[i] != "]":
        _, end = _DECODER.raw_decode(text, i)
        yield i
        i = _skip(text, end)
        i = _skip(text, i + 1) if text[i] == "," else i


def _characters(text: str, quote: int) -> Iterator[tuple[int, int]]:
    """(start, end) in `text` of each character the JSON string literal at `text[quote]` holds."""
    i = quote + 1
    while text[i] != '"':
        if text[i] != "\\":
            step = 1
        elif text[i + 1] != "u":
            step = 2
        else:  # `\uXXXX`, or a surrogate pair written as two of them: one character
            high = 0xD800 <= int(text[i + 2 : i + 6], 16) < 0xDC00
            step = 12 if high and re.match(r"\\u[dD][c-fC-F]", text[i + 6 : i + 10]) else 6
        yield i, i + step
        i += step


def _sources(text: str) -> list[list[int]]:
    """Per code cell, in order: where each string literal of its `source` starts."""
    found: list[list[int]] = []
    top = _skip(text, 0)
    if text[top] != "{":
        return found
    cells = next((start for key, start, _ in _members(text, top) if key == "cells"), None)
    if cells is None or text[cells] != "[":
        return found
    for cell in _elements(text, cells):
        if text[cell] != "{":
            continue
        members = {key: start for key, start, _ in _members(text, cell)}
        if _DECODER.raw_decode(text, members.get("cell_type", cell))[0] != "code":
            continue
        source = members.get("source")
        if source is None:
            found.append([])
        elif text[source] == "[":
            found.append([i for i in _elements(text, source) if text[i] == '"'])
        else:
            found.append([source] if text[source] == '"' else [])
    return found


class Cells:
    """A notebook's JSON text and where its code cells' sources are written in it."""

    def __init__(self, text: str, sources: list[list[int]]) -> None:
        self._text = text
        self._sources = sources
        self._lines = [0] + [m.end() for m in re.finditer("\n", text)]

    def _point(self, offset: int) -> tuple[int, int]:
        """1-based (line, column in characters) of `offset` in the JSON text."""
        line = bisect.bisect_right(self._lines, offset)
        return line, offset - self._lines[line - 1] + 1

    def region(self, cell: int, line: int, column: int, end_line: int, end_column: int) -> dict[str, int] | None:
        """The SARIF region (JSON text lines and columns) of a span counted from code cell
        number `cell`; None when the notebook has no such position (it changed since)."""
        if not 0 < cell <= len(self._sources):
            return None
        spans = [span for quote in self._sources[cell - 1] for span in _characters(self._text, quote)]
        source = "".join(self._text[a:b] if b - a == 1 else json.loads(f'"{self._text[a:b]}"') for a, b in spans)
        offsets = [0]
        for part in source.split("\n"):
            offsets.append(offsets[-1] + len(part) + 1)
        if not (0 < line <= end_line < len(offsets)):
            return None
        start = offsets[line - 1] + column - 1
        end = offsets[end_line - 1] + end_column - 1
        if not (0 <= start <= end <= len(spans)) or start == len(spans):
            return None
        first = self._point(spans[start][0])
        last = self._point(spans[end - 1][1] if end > start else spans[start][0])
        return {"startLine": first[0], "startColumn": first[1], "endLine": last[0], "endColumn": last[1]}


def read_cells(text: str) -> Cells | None:
    """The notebook's code cells as written in `text`; None when it is not a notebook's JSON."""
    try:
        return Cells(text, _sources(text))
    except (ValueError, IndexError, RecursionError):
        return None
