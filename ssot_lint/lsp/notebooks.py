"""Jupyter notebooks in the editor (LSP 3.17 notebook documents): the server analyses a notebook's
code cells as the `.ipynb` it would read from disk, and speaks to the client in cells.

A notebook is checked as one document whose code cells are the cells the client sent, in order,
so each finding counts its lines from its cell (`Location.cell`, the n-th code cell); its
diagnostic is published on that cell's document. "Fix all" rewrites the notebook and hands back
each changed cell's new source; a single finding's quick fix is not offered in a notebook (the
fix of a notebook is all or nothing, as `fix_source` says).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from lsprotocol import types

from ..findings import CheckReport, FileResult

__all__ = ["NOTEBOOK_SYNC", "cell_reports", "cell_sources", "notebook_text"]

#: Jupyter notebooks with Python cells; cell text arrives in notebookDocument/* notifications.
NOTEBOOK_SYNC = types.NotebookDocumentSyncOptions(notebook_selector=[types.NotebookDocumentFilterWithCells(
    cells=[types.NotebookCellLanguage(language="python")], notebook="jupyter-notebook")])


def notebook_text(sources: list[str]) -> str:
    """The `.ipynb` JSON of these code cells, as ssot-lint reads a notebook from disk."""
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
             for source in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1) + "\n"


def cell_sources(text: str) -> list[str]:
    """Each code cell's source in the `.ipynb` JSON `text`, in order."""
    document: dict[str, Any] = json.loads(text)
    sources = []
    for cell in document.get("cells", []):
        if cell.get("cell_type") == "code":
            source = cell.get("source", "")
            sources.append(source if isinstance(source, str) else "".join(source))
    return sources


def cell_reports(report: CheckReport, cells: int) -> list[CheckReport]:
    """The report of each of `cells` code cells (1-based `Location.cell`; an error names its
    cell as `cell N: `, the first cell when it names none)."""
    findings: list[list[Any]] = [[] for _ in range(cells)]
    errors: list[list[Any]] = [[] for _ in range(cells)]
    for finding in report.findings:
        cell = finding.location.cell or 1
        if 0 < cell <= cells:  # positions in the cell's own document
            findings[cell - 1].append(dataclasses.replace(finding, location=dataclasses.replace(finding.location, cell=None)))
    for error in report.errors:
        head, _, rest = error.message.partition(": ")
        named = head.startswith("cell ") and head[5:].isdigit()
        cell = int(head[5:]) if named else 1
        if 0 < cell <= cells:
            errors[cell - 1].append(dataclasses.replace(error, message=rest) if named else error)
    return [CheckReport((FileResult(f"cell {n + 1}", tuple(findings[n])),
                         *(FileResult(f"cell {n + 1}", error=e) for e in errors[n])), 1)
            for n in range(cells)]
