"""How `check` shows its report: which format (chosen, or the default for where it runs),
colour, `--quiet`/`--silent`/`--statistics`, and the `--fix` summary. Decisions only; the
reporters write."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..findings import RULE_NAMES, CheckReport, FixReport
from ..sanitize import printable

__all__ = ["COLORS", "CONCISE_OVER", "View", "default_format", "render_check", "render_fixes", "use_color"]

#: with more findings than this, the default `text` becomes `concise` (unless a format was asked for).
CONCISE_OVER = 200
COLORS = ("auto", "always", "never")


@dataclass(frozen=True, slots=True)
class View:
    """What the user asked to see."""

    format: str
    #: True when the user named the format (never switched to `concise` behind their back).
    explicit: bool = False
    color: bool = False
    quiet: bool = False
    silent: bool = False
    statistics: bool = False
    show_fixes: bool = False


def default_format(requested: str | None, environ: Mapping[str, str] = os.environ) -> tuple[str, bool]:
    """(format, explicit): `--output-format`, else SSOT_LINT_OUTPUT_FORMAT, else `concise` inside
    a pre-commit hook (pre-commit sets PRE_COMMIT=1), else `text`."""
    if requested is not None:
        return requested, True
    if environ.get("SSOT_LINT_OUTPUT_FORMAT"):
        return environ["SSOT_LINT_OUTPUT_FORMAT"], True
    return ("concise" if environ.get("PRE_COMMIT") == "1" else "text"), False


def use_color(choice: str, output: Path | None, stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """`always`/`never`, or `auto`: a terminal, no NO_COLOR, never a file (FORCE_COLOR forces)."""
    if choice != "auto":
        return choice == "always"
    if output is not None or "NO_COLOR" in environ:
        return False
    return bool(environ.get("FORCE_COLOR")) or getattr(stream, "isatty", lambda: False)()


def _format(view: View, report: CheckReport) -> str:
    if view.format == "text" and not view.explicit and len(report.findings) + len(report.errors) > CONCISE_OVER:
        return "concise"
    return view.format


def _clean(report: CheckReport) -> bool:
    return not (report.findings or report.errors or report.baselined or report.baseline_gone)


def render_check(
    report: CheckReport, view: View, emit: Callable[[Callable[[TextIO], object]], None],
    sources: dict[str, str] | None = None,
) -> None:
    """Write the report the way `view` says, through `emit` (stdout or `--output`); `sources`
    holds the text checked for a path that is not the file on disk (stdin)."""
    from ..reporters import HUMAN_FORMATS, get_reporter

    fmt = _format(view, report)
    if view.statistics:
        from ..reporters.statistics import render_statistics

        emit(lambda out: render_statistics(report, out, json_output=fmt not in HUMAN_FORMATS))
    elif fmt in HUMAN_FORMATS and _clean(report):
        if not view.quiet:  # one line, without importing rich
            emit(lambda out: out.write(f"All checks passed! ({report.files_scanned} files scanned)\n"))
    else:
        reporter = get_reporter(fmt, summary=not view.quiet)
        if sources and hasattr(reporter, "sources"):
            reporter.sources = sources
        emit(lambda out: reporter.render(report, out, color=view.color and fmt in HUMAN_FORMATS))


def render_fixes(report: FixReport, view: View, out: TextIO) -> None:
    """The `check --fix` summary: how many were fixed (and with --show-fixes, where)."""
    if view.quiet or view.silent or not report.changes:
        return
    total = report.fixed_count
    out.write(f"Fixed {total} finding{'s' if total != 1 else ''} in {len(report.changes)} "
              f"file{'s' if len(report.changes) != 1 else ''}.\n")
    if not view.show_fixes:
        return
    for change in report.changes:
        out.write(f"- {printable(change.path)}:\n")
        out.writelines(f"    {n} × {code} ({RULE_NAMES[code]})\n" for code, n in sorted(Counter(change.fixed).items()))
