"""Jupyter notebooks (`.ipynb`) as Python: the code cells joined into one virtual module, positions
mapped back to cells, and a rewritten module split back into the cells it came from.

Each code cell is preceded by a marker comment line, so a rewrite (which may add or drop import
lines) is split back exactly; IPython magics (`%time x`, `!pip ...`) are stood in for by marker
comments and restored; a cell that starts with a cell magic (`%%bash`) is left out. Only the
sources of cells that changed are replaced, and the notebook is written back with the JSON layout
it was read with (indent, key order, escaping); a notebook whose layout cannot be reproduced
exactly is not rewritten. Markdown and raw cells and all outputs are kept as they are.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from typing import Any

from ..findings import FileError, FileResult, Location

__all__ = ["Notebook", "apply", "cell_position", "not_a_notebook", "read", "relocate"]

_CELL = "# ssot-lint: cell {}"
_CELL_LINE = re.compile(r"^# ssot-lint: cell (\d+)\n?$")
_MAGIC = "# ssot-lint: magic {}"
_MAGIC_LINE = re.compile(r"^(\s*)# ssot-lint: magic (\d+)$")
_LAYOUTS = tuple((indent, ascii_, sort) for indent in (1, 2, 4, None) for ascii_ in (False, True) for sort in (True, False))


@dataclass(frozen=True, slots=True)
class Notebook:
    """The virtual module and how to map it back."""

    text: str
    #: per code cell read (in order): its index in the notebook's `cells`.
    cells: tuple[int, ...]
    #: per code cell read: the virtual line (1-based) of its first line.
    starts: tuple[int, ...]
    #: the magic lines stood in for, by number.
    magics: tuple[str, ...]
    #: per code cell read: its number among all code cells (1-based, as the user counts them).
    numbers: tuple[int, ...] = ()


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def read(data: bytes) -> Notebook | None:
    """The notebook's code as one module; None when `data` is not a notebook of Python cells."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    cells = document.get("cells") if isinstance(document, dict) else None
    if not isinstance(cells, list):
        return None
    parts: list[str] = []
    indexes: list[int] = []
    starts: list[int] = []
    magics: list[str] = []
    numbers: list[int] = []
    line, number = 1, 0
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        number += 1
        source = _source(cell)
        if source.lstrip().startswith("%%"):
            continue  # a cell magic: not Python
        lines = []
        for text in source.split("\n"):
            if text.lstrip().startswith(("%", "!", "?")) or text.rstrip().endswith("?"):
                lines.append(text[: len(text) - len(text.lstrip())] + _MAGIC.format(len(magics)))
                magics.append(text)
            else:
                lines.append(text)
        parts.append(_CELL.format(len(indexes) + 1) + "\n" + "\n".join(lines) + "\n")
        indexes.append(index)
        numbers.append(number)
        starts.append(line + 1)
        line += 1 + len(lines)
    return Notebook("".join(parts), tuple(indexes), tuple(starts), tuple(magics), tuple(numbers))


def cell_position(notebook: Notebook, line: int) -> tuple[int, int]:
    """(code cell number, 1-based; line in that cell) of a virtual line."""
    read = max((i for i, start in enumerate(notebook.starts) if start <= line + 1), default=0)
    return notebook.numbers[read], max(line - notebook.starts[read] + 1, 1)


def _split(notebook: Notebook, text: str) -> list[str] | None:
    """The rewritten module's cell sources, magics restored; None when the markers are not intact."""
    sources: list[list[str]] = []
    head: list[str] = []
    for line in text.splitlines(keepends=True):
        marker = _CELL_LINE.match(line)
        if marker is not None and int(marker.group(1)) == len(sources) + 1:
            sources.append([])
            continue
        magic = _MAGIC_LINE.match(line.rstrip("\n"))
        if magic is not None:
            line = notebook.magics[int(magic.group(2))] + ("\n" if line.endswith("\n") else "")
        (sources[-1] if sources else head).append(line)
    if len(sources) != len(notebook.cells):
        return None
    if head:  # lines a rewrite put above the first cell belong to it
        sources[0] = head + sources[0]
    return ["".join(lines) for lines in sources]


def _dumps(document: Any, layout: tuple[int | None, bool, bool]) -> str:
    indent, ascii_, sort = layout
    return json.dumps(document, indent=indent, ensure_ascii=ascii_, sort_keys=sort)


def apply(data: bytes, notebook: Notebook, text: str) -> bytes | None:
    """The notebook with the changed cells' sources from `text`; None when the layout cannot be
    kept or the rewrite cannot be split back into its cells."""
    document = json.loads(data.decode("utf-8"))
    original = data.decode("utf-8")
    layout = next((c for c in _LAYOUTS if _dumps(document, c) in (original, original.rstrip("\n"))), None)
    sources = _split(notebook, text)
    if layout is None or sources is None:
        return None
    for index, new in zip(notebook.cells, sources):
        cell = document["cells"][index]
        old = _source(cell)
        new = new.removesuffix("\n")  # the newline `read` ends every cell with
        if new != old:
            lines = new.splitlines(keepends=True)
            cell["source"] = lines if isinstance(cell.get("source"), list) else new
    return (_dumps(document, layout) + ("\n" if original.endswith("\n") else "")).encode("utf-8")


def _location(location: Location, notebook: Notebook) -> Location:
    cell, line = cell_position(notebook, location.line)
    return Location(location.path, line, location.column, location.end_line - location.line + line,
                    location.end_column, cell)


def relocate(result: FileResult, notebook: Notebook) -> FileResult:
    """Findings and error with cell-relative positions (`Location.cell`)."""
    findings = tuple(dataclasses.replace(f, location=_location(f.location, notebook)) for f in result.findings)
    error = result.error
    if error is not None and error.line is not None:
        cell, line = cell_position(notebook, error.line)
        error = dataclasses.replace(error, line=line, message=f"cell {cell}: {error.message}")
    return dataclasses.replace(result, findings=findings, error=error)


def not_a_notebook(display: str) -> FileError:
    """The error of a `.ipynb` file that is not a notebook."""
    return FileError(display, "decode", "not a Jupyter notebook (UTF-8 JSON with a `cells` list)",
                     hint="exclude it, or fix its JSON")
