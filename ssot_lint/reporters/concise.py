"""One line per finding, `path:line:col: CODE message`, then one summary line: what a pre-commit
hook or a long CI log should show (Ruff's `concise`). No tables, no source context, no colour
codes unless asked for; nothing but plain text, so this never imports rich."""

from __future__ import annotations

from typing import TextIO

from ssot_lint.findings import CheckReport, FileError, Finding
from ssot_lint.reporters.fix_note import summary_fix_note
from ssot_lint.rules import ANALYSIS_ERROR
from ssot_lint.sanitize import printable

__all__ = ["ConciseReporter", "error_line", "finding_line", "summary_line"]

_BOLD, _RED, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[0m"


class ConciseReporter:
    """`summary=False` (`--quiet`) leaves out the closing line."""

    def __init__(self, summary: bool = True) -> None:
        self.summary = summary

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.writelines(finding_line(f, color) + "\n" for f in report.findings)
        out.writelines(error_line(e, color) + "\n" for e in report.errors)
        if self.summary:
            out.write(summary_line(report) + "\n")


def _head(where: str, code: str, color: bool) -> str:
    return f"{_BOLD}{where}:{_RESET} {_RED}{code}{_RESET}" if color else f"{where}: {code}"


def finding_line(finding: Finding, color: bool = False) -> str:
    where = printable(finding.location.where())
    return f"{_head(where, finding.code, color)} {printable(finding.message)}"


def error_line(error: FileError, color: bool = False) -> str:
    where = printable(error.path)
    if error.line is not None:
        where += f":{error.line}" + (f":{error.column}" if error.column is not None else "")
    hint = f" ({printable(error.hint)})" if error.hint else ""
    return f"{_head(where, ANALYSIS_ERROR.code, color)} {printable(error.message)}{hint}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: CheckReport) -> str:
    """`Found 3 findings (2 fixable with `ssot-lint check --fix`).`, or that all passed."""
    findings, errors = report.findings, report.errors
    parts = []
    if findings:
        parts.append(f"Found {_plural(len(findings), 'finding')}{summary_fix_note(findings)}.")
    if errors:
        parts.append(f"{_plural(len(errors), 'file')} could not be analysed.")
    if report.baselined:
        parts.append(f"{report.baselined} baselined findings remain (not shown).")
    if report.baseline_gone:
        parts.append(f"{report.baseline_gone} baselined findings are gone: run --update-baseline to lock in the progress.")
    if not findings and not errors:
        parts.insert(0, f"All checks passed! ({report.files_scanned} files scanned)")
    return " ".join(parts)
