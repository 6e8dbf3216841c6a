"""Fixing a Jupyter notebook: the worker's fix of one module run on its code cells, written back
into the notebook (only changed cells, with the notebook's own JSON layout)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from ..analysis.notebook import apply, not_a_notebook, read, relocate
from ..findings import FileError, FileResult
from ..runner.job import Job
from .worker import FileFix
from .write import digest, unified_diff

__all__ = ["fix"]

#: the worker's fix of one module's bytes: (path, display, source, job) -> FileFix
Fixer = Callable[[Path, str, bytes, Job], FileFix]


def fix(path: Path, display: str, source: bytes, job: Job, fixer: Fixer) -> FileFix:
    """`fixer` (the worker's fix of one module) on the code cells, written back into the
    notebook (only changed cells; same JSON layout); a `FileFix`."""
    notebook = read(source)
    if notebook is None:
        return FileFix(path, display, error=not_a_notebook(display))
    done = fixer(path, display, notebook.text.encode("utf-8"), job)
    remaining = relocate(FileResult(display, done.remaining), notebook).findings
    before = relocate(FileResult(display, done.before), notebook).findings
    if done.error is not None or done.new_source is None:
        error = relocate(FileResult(display, error=done.error), notebook).error if done.error else None
        return dataclasses.replace(done, remaining=remaining, before=before, error=error)
    new = apply(source, notebook, done.new_source.decode("utf-8"))
    if new is None:
        return FileFix(path, display, remaining=before, error=FileError(
            display, "verify", "cannot write this notebook back with its own JSON layout; left unchanged",
            hint="save it once from Jupyter (which normalises the layout) and run `fix` again"))
    diff = unified_diff(source.decode("utf-8"), new.decode("utf-8"), display)
    return FileFix(path, display, digest(source), new, diff, done.fixed, remaining, before=before)
