"""GitHub Actions workflow commands: each finding becomes an `::error` annotation on the diff.

GitHub parses these lines from the job log, so user text must be escaped exactly as the runner
unescapes it (actions/toolkit `command.ts`): `%`, CR and LF everywhere, and also `:` and `,` in
property values, where they would end the value.
"""

from __future__ import annotations

from typing import TextIO

from ssot_lint.findings import CheckReport, FileError, Finding
from ssot_lint.sanitize import printable

__all__ = ["GithubReporter", "escape_data", "escape_property"]

FIXABLE_NOTE = " (fixable with ssot-lint fix)"


class GithubReporter:
    """One `::error` line per finding, then one per file that could not be analysed."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.writelines(finding_line(finding) + "\n" for finding in report.findings)
        out.writelines(error_line(error) + "\n" for error in report.errors)


def escape_data(text: str) -> str:
    """The message after `::`; `%` first, so the other escapes are not escaped again. Other
    control characters (a terminal escape in a file name) are shown escaped (`sanitize`)."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A `key=value` property: data escaping plus the two separators."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::error {props}::{escape_data(message)}"


def finding_line(finding: Finding) -> str:
    loc = finding.location
    properties = {
        "file": loc.path,
        "line": loc.line,
        "col": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
        "title": f"{finding.code} {finding.name}" + (f" (cell {finding.location.cell})" if finding.location.cell is not None else ""),
    }
    note = FIXABLE_NOTE if finding.fixable else ""
    return _command(properties, finding.message + note)


def error_line(error: FileError) -> str:
    properties: dict[str, object] = {"file": error.path}
    if error.line is not None:
        properties["line"] = error.line
        if error.column is not None:
            properties["col"] = error.column
    properties["title"] = "SSOT000"
    message = f"{error.message} ({error.hint})" if error.hint else error.message
    return _command(properties, message)
