"""Where a result sits in its file's own text, for formats that annotate the file (SARIF, GitHub
annotations, GitLab Code Quality).

A Python file's positions are its own. A notebook finding counts its lines from its code cell
(`Location.cell`, as text, concise and JSON show it), but a viewer that annotates the `.ipynb`
artifact places a position by the lines of that file, which is the notebook's JSON text: there
the finding is placed where its characters are written inside the cell's `source` strings
(`notebook_region`). Errors in a notebook are prefixed `cell N: ` by `notebook.relocate`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ssot_lint.findings import FileError, Finding
from ssot_lint.reporters.notebook_region import Cells, read_cells

__all__ = ["FilePositions", "cell_note", "region"]

#: how `notebook.relocate` names the cell of an error in a notebook.
_ERROR_CELL = re.compile(r"cell (\d+): ")


def region(finding: Finding) -> dict[str, int]:
    """The finding's span as it records it (cell-relative in a notebook), SARIF's keys."""
    loc = finding.location
    return {"startLine": loc.line, "startColumn": loc.column, "endLine": loc.end_line, "endColumn": loc.end_column}


def cell_note(finding: Finding) -> str:
    """` (cell 2, line 3)` for a notebook finding (where Jupyter shows it), else ``."""
    loc = finding.location
    return f" (cell {loc.cell}, line {loc.line})" if loc.cell is not None else ""


class FilePositions:
    """Positions in each file's own text; `text(path)` gives the text that was checked (None
    when unreadable), read at most once per notebook."""

    def __init__(self, text: Callable[[str], str | None]) -> None:
        self._text = text
        self._notebooks: dict[str, Cells | None] = {}

    def _cells(self, path: str) -> Cells | None:
        if path not in self._notebooks:
            text = self._text(path)
            self._notebooks[path] = read_cells(text) if text is not None else None
        return self._notebooks[path]

    def finding(self, finding: Finding) -> dict[str, int]:
        """startLine, startColumn, endLine, endColumn in the file; only startLine 1 (the file,
        not a wrong line) for a notebook that changed since it was checked."""
        loc = finding.location
        if loc.cell is None:
            return region(finding)
        cells = self._cells(loc.path)
        found = cells.region(loc.cell, loc.line, loc.column, loc.end_line, loc.end_column) if cells else None
        return found or {"startLine": 1}

    def error(self, error: FileError) -> dict[str, int] | None:
        """startLine (and startColumn when known) in the file; None when the error has no line."""
        if error.line is None:
            return None
        column = error.column or 1
        cell = _ERROR_CELL.match(error.message) if error.path.endswith(".ipynb") else None
        if cell is None:
            return {"startLine": error.line, **({"startColumn": error.column} if error.column is not None else {})}
        cells = self._cells(error.path)
        found = cells.region(int(cell.group(1)), error.line, column, error.line, column) if cells else None
        return {"startLine": found["startLine"], "startColumn": found["startColumn"]} if found else {"startLine": 1}
