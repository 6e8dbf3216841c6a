"""Use cases beside check and fix: what would be checked (`--show-files`), with which settings
(`--show-settings`), and `--add-noqa`. Built on `app.prepare`/`app.check`, so they see exactly
what `check` sees."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from . import app
from .analysis import noqa
from .findings import FileError
from .runner.job import display_path

__all__ = ["NoqaReport", "add_noqa", "show_files"]


def show_files(options: app.RunOptions) -> tuple[str, ...]:
    """The files `check` would analyse, as it would name them, sorted."""
    prepared = app.prepare(options)
    return tuple(sorted(display_path(path, options.cwd) for path in prepared.files))


@dataclass(frozen=True, slots=True)
class NoqaReport:
    """What `--add-noqa` did."""

    added: int
    files: int
    #: (path, line) of findings whose line cannot hold a comment (inside a string, after `\\`).
    refused: tuple[tuple[str, int], ...]
    errors: tuple[FileError, ...]


def add_noqa(options: app.RunOptions) -> NoqaReport:
    """`# noqa: CODE` on the line of every finding `check` reports (the baseline still applies:
    what it tolerates gets no comment). Each file is rewritten atomically, comments only."""
    from .fix.write import StaleFile, atomic_write, digest

    report = app.check(dataclasses.replace(options, use_cache=False))
    wanted: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for finding in report.findings:
        if finding.code != noqa.UNUSED_NOQA:
            wanted[finding.location.path][finding.location.line].add(finding.code)
    added, files, refused, errors = 0, 0, [], list(report.errors)
    for path, lines in sorted(wanted.items()):
        file = Path(path) if Path(path).is_absolute() else options.cwd / path
        try:
            source = file.read_bytes()
            new, count, cannot = noqa.add(source, lines)
            refused += [(path, line) for line in cannot]
            if count:
                atomic_write(file, new, digest(source))
                added, files = added + count, files + 1
        except StaleFile:
            errors.append(FileError(path, "write", "file changed on disk; not overwritten", hint="run again"))
        except OSError as error:
            errors.append(FileError(path, "write", f"cannot write: {error.strerror or error}; file left unchanged"))
    return NoqaReport(added, files, tuple(refused), tuple(errors))
