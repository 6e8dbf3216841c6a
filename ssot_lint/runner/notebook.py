"""Checking a Jupyter notebook: its code cells as one module (`analysis.notebook`), run through
the engine, the findings placed back in their cells."""

from __future__ import annotations

from pathlib import Path

from ..analysis.notebook import not_a_notebook, read, relocate
from ..findings import FileResult
from .job import Job

__all__ = ["check"]


def check(path: Path, display: str, source: bytes, job: Job) -> FileResult:
    """The findings of a notebook's code cells, positioned in their cells; never raises."""
    from . import engine

    notebook = read(source)
    if notebook is None:
        return FileResult(display, error=not_a_notebook(display))
    code = notebook.text.encode("utf-8")
    if job.use_prefilter and not engine.prefilter_matches(code, job):
        return FileResult(display)
    return relocate(engine.analyse_file_bytes(path, display, code, job), notebook)
