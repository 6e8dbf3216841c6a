"""GitHub Actions workflow commands: each finding becomes an `::error` annotation on the diff.

GitHub parses these lines from the job log, so user text must be escaped exactly as the runner
unescapes it (actions/toolkit `command.ts`): `%`, CR and LF everywhere, and also `:` and `,` in
property values, where they would end the value.

An annotation is placed on the file's own lines: a notebook finding on the line of the `.ipynb`
file (its JSON text) where the cell's source holds it, as SARIF places it (`file_position`); the
title names the cell and the line in it, where Jupyter shows it.
"""

from __future__ import annotations

from typing import TextIO

from ssot_lint.findings import CheckReport, FileError, Finding
from ssot_lint.reporters.file_position import FilePositions, cell_note
from ssot_lint.reporters.fix_note import fix_command
from ssot_lint.reporters.sarif_fix import Sources
from ssot_lint.rules import ANALYSIS_ERROR
from ssot_lint.sanitize import printable

__all__ = ["GithubReporter", "escape_data", "escape_property"]


class GithubReporter:
    """One `::error` line per finding, then one per file that could not be analysed."""

    def __init__(self) -> None:
        #: path -> the text that was checked, when it is not the file on disk (`--stdin-filename`).
        self.sources: dict[str, str] = {}

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        positions = FilePositions(Sources(self.sources).text)
        note = f" (fixable with {fix_command(report.findings)})"  # plain: annotations show no Markdown
        out.writelines(finding_line(finding, positions, note) + "\n" for finding in report.findings)
        out.writelines(error_line(error, positions) + "\n" for error in report.errors)


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


#: the annotation's property for each position key.
_KEYS = {"startLine": "line", "startColumn": "col", "endLine": "endLine", "endColumn": "endColumn"}


def finding_line(finding: Finding, positions: FilePositions, fix_note: str) -> str:
    placed = positions.finding(finding)
    properties: dict[str, object] = {"file": finding.location.path}
    properties.update((name, placed[key]) for key, name in _KEYS.items() if key in placed)
    properties["title"] = f"{finding.code} {finding.name}{cell_note(finding)}"
    return _command(properties, finding.message + (fix_note if finding.fixable else ""))


def error_line(error: FileError, positions: FilePositions) -> str:
    placed = positions.error(error) or {}
    properties: dict[str, object] = {"file": error.path}
    properties.update((name, placed[key]) for key, name in _KEYS.items() if key in placed)
    properties["title"] = ANALYSIS_ERROR.code
    message = f"{error.message} ({error.hint})" if error.hint else error.message
    return _command(properties, message)
