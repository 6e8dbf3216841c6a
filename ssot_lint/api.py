"""The Python API: what the command line does, as functions returning values.

    import ssot_lint
    report = ssot_lint.check(["src"])                    # -> ssot_lint.Report
    for finding in report.findings: ...
    ssot_lint.fix(["src"])                               # rewrites files; -> ssot_lint.FixReport
    ssot_lint.check_source("app/x.py", b"from old import X\\n")   # a buffer, as if it were that file
    ssot_lint.fix_source("app/x.py", source)             # -> the fixed bytes and what is left
    project = ssot_lint.load_contract("src")             # the validated configuration

Configuration problems raise `ssot_lint.ConfigError` (all of them at once, in `.problems`); a
file that cannot be analysed is a `FileError` in the report, never an exception. Everything not
re-exported by `ssot_lint` is private and may change.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .findings import CheckReport, FixReport

if TYPE_CHECKING:  # imported on first use: `ssot-lint --version` stays fast
    from .app import RunOptions
    from .project.contract import Project

__all__ = ["check", "check_source", "fix", "fix_source", "load_contract"]

PathLike = str | os.PathLike[str]


def _options(paths: Iterable[PathLike], config: PathLike | None, select: Iterable[str], ignore: Iterable[str],
             extend_select: Iterable[str], unsafe_fixes: bool, jobs: int | None) -> RunOptions:
    from .app import RunOptions

    def upper(codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(c.upper() for c in codes)

    return RunOptions(
        paths=tuple(Path(p) for p in paths), config=Path(config) if config is not None else None,
        select=upper(select), ignore=upper(ignore), extend_select=upper(extend_select), jobs=jobs,
        unsafe_fixes=unsafe_fixes, cwd=Path.cwd(),
    )


def check(paths: Iterable[PathLike] = (), *, config: PathLike | None = None, select: Iterable[str] = (),
          ignore: Iterable[str] = (), extend_select: Iterable[str] = (), jobs: int | None = 1) -> CheckReport:
    """Check `paths` (default: the current folder) as `ssot-lint check` does, baseline included;
    paths in the report are relative to the current folder, as the command line shows them."""
    from . import app

    return app.check(_options(paths, config, select, ignore, extend_select, False, jobs))


def fix(paths: Iterable[PathLike] = (), *, write: bool = True, unsafe_fixes: bool = False,
        config: PathLike | None = None, select: Iterable[str] = (), ignore: Iterable[str] = (),
        extend_select: Iterable[str] = (), jobs: int | None = 1) -> FixReport:
    """Fix `paths` as `ssot-lint fix` does (`write=False`: compute the diffs only)."""
    from . import app

    return app.fix(_options(paths, config, select, ignore, extend_select, unsafe_fixes, jobs), write=write)


def check_source(path: PathLike, source: bytes | str, *, config: PathLike | None = None,
                 select: Iterable[str] = (), ignore: Iterable[str] = (), extend_select: Iterable[str] = ()) -> CheckReport:
    """The findings of `source` as if it were the file at `path` (which need not exist)."""
    from .buffers import check_buffer

    options = _options((), config, select, ignore, extend_select, False, 1)
    data = source.encode("utf-8") if isinstance(source, str) else source
    return check_buffer(Path(path), data, options)


def fix_source(path: PathLike, source: bytes | str, *, unsafe_fixes: bool = False,
               config: PathLike | None = None, select: Iterable[str] = (), ignore: Iterable[str] = (),
               extend_select: Iterable[str] = ()) -> tuple[bytes, FixReport]:
    """(the fixed source, what was fixed and what is left) for `source` as the file at `path`;
    writes nothing. The fix is the verified one `fix` writes."""
    from .buffers import fix_buffer

    options = _options((), config, select, ignore, extend_select, unsafe_fixes, 1)
    data = source.encode("utf-8") if isinstance(source, str) else source
    done = fix_buffer(Path(path), data, options)
    return done.source, done.report


def load_contract(path: PathLike = ".", *, config: PathLike | None = None) -> Project:
    """The validated configuration (`Project`: roots, excludes, contracts) that applies to `path`."""
    from .project import config as configuration

    return configuration.load([Path(path)], Path(config) if config is not None else None, Path.cwd())
