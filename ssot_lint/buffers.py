"""Use cases on one buffer that is not (or not yet) the file on disk: `--stdin-filename`, the
language server and the Python API. The buffer is checked and fixed exactly as `check` and `fix`
treat the file at `path` (its configuration, its module name, the same verified fix)."""

from __future__ import annotations

import dataclasses
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from . import app
from .findings import CheckReport, FileChange, FileError, FileResult, FixReport
from .project.contract import Project
from .runner.job import Job, display_path

__all__ = ["BufferFix", "check_buffer", "fix_buffer", "load_for"]


def load_for(path: Path, options: app.RunOptions) -> tuple[Project, Job]:
    """The project and job that `check` would use for the file at `path`."""
    return app.load(dataclasses.replace(options, paths=(path,)))


def _absolute(path: Path, cwd: Path) -> Path:
    return path if path.is_absolute() else cwd / path


def check_buffer(path: Path, source: bytes, options: app.RunOptions, job: Job | None = None) -> CheckReport:
    """The findings of `source` as if it were the file at `path`; raises `ConfigError`."""
    from .runner import engine

    started = time.perf_counter()
    project = None
    if job is None:
        project, job = load_for(path, options)
    absolute = _absolute(path, options.cwd)
    display = display_path(absolute, options.cwd)
    try:
        if absolute.suffix == ".ipynb":
            from .runner import notebook

            result = notebook.check(absolute, display, source, job)
        elif engine.prefilter_matches(source, job):
            result = engine.analyse_source(source, absolute, display, job)
        else:
            result = FileResult(display)
    except Exception as error:  # noqa: BLE001 - a bad buffer is a result, as a bad file is
        result = FileResult(display, error=FileError(
            display, "internal", f"internal error: {type(error).__name__}: {error}",
            hint="please report this with the file; run with --debug for the traceback",
            traceback=traceback.format_exc()))
    contracts = tuple(c.name for c in project.contracts) if project else ()
    return CheckReport((result,), 1, time.perf_counter() - started, contracts)


@dataclass(frozen=True, slots=True)
class BufferFix:
    """The fixed buffer (the original when nothing changed) and the report of what is left."""

    source: bytes
    report: FixReport


def fix_buffer(path: Path, source: bytes, options: app.RunOptions, job: Job | None = None,
               only: frozenset[tuple[str, int, int]] | None = None) -> BufferFix:
    """`fix` applied to `source` as if it were the file at `path`; writes nothing. `only`: just
    the findings starting at these (code, line, column), as an editor's quick fix asks."""
    from .fix.worker import fix_source

    if job is None:
        _, job = load_for(path, options)
    absolute = _absolute(path, options.cwd)
    display = display_path(absolute, options.cwd)
    done = fix_source(absolute, source, job, display, only)
    left = done.remaining if done.error is None else done.before
    remaining = CheckReport((FileResult(display, left, done.error, parsed=True),), 1)
    changes = (FileChange(display, done.fixed, done.diff),) if done.new_source is not None and done.error is None else ()
    new = done.new_source if changes else source
    return BufferFix(new or source, FixReport(changes, remaining, written=False))
