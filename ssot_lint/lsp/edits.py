"""Findings as LSP values: diagnostics with UTF-16 positions (LSP's default encoding; ssot-lint
counts characters) and the smallest whole-line edit turning one text into another. A notebook
opened as text (its `.ipynb` JSON) has its findings placed where the JSON text holds them, as the
formats that annotate the file place them (`file_position`)."""

from __future__ import annotations

from lsprotocol import types

from ..findings import RULE_NAMES, CheckReport
from ..home import RULES_URI
from ..lines import split as split_lines
from ..lines import split_keepends
from ..reporters.file_position import FilePositions
from ..rules import ANALYSIS_ERROR

__all__ = ["diagnostics_of", "utf16_column", "whole_text_edit"]


def utf16_column(line: str, column: int) -> int:
    """The LSP character offset of 0-based code-point `column` in `line`."""
    return len(line[:column].encode("utf-16-le")) // 2


def _position(lines: list[str], line: int, column: int) -> types.Position:
    """1-based line and column (characters) -> a 0-based LSP position."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return types.Position(line=max(line - 1, 0), character=utf16_column(text, max(column - 1, 0)))


def diagnostics_of(report: CheckReport, text: str) -> list[types.Diagnostic]:
    lines = split_lines(text)
    positions = FilePositions(lambda _: text)
    out = []
    for finding in report.findings:
        loc = finding.location
        name = RULE_NAMES[finding.code]
        placed = positions.finding(finding)
        start = _position(lines, placed["startLine"], placed.get("startColumn", 1))
        end = _position(lines, placed.get("endLine", placed["startLine"]), placed.get("endColumn", 1))
        out.append(types.Diagnostic(
            range=types.Range(start, end),
            message=finding.message + (f" (fix: {finding.fix_title})" if finding.fixable and finding.fix_title else ""),
            severity=types.DiagnosticSeverity.Warning, code=finding.code, source="ssot-lint",
            code_description=types.CodeDescription(href=f"{RULES_URI}/{finding.code}-{name}.md"),
            # `at` names the finding for its quick fix (clients send `data` back with the diagnostic)
            data={"fixable": finding.fixable and not finding.unsafe, "title": finding.fix_title,
                  "at": [loc.line, loc.column]},
        ))
    for error in report.errors:
        placed = positions.error(error) or {"startLine": 1}
        start = _position(lines, placed["startLine"], placed.get("startColumn", 1))
        out.append(types.Diagnostic(
            range=types.Range(start, types.Position(line=start.line + 1, character=0)),
            message=f"{error.message} ({error.hint})" if error.hint else error.message,
            severity=types.DiagnosticSeverity.Error, code=ANALYSIS_ERROR.code, source="ssot-lint",
        ))
    return out


def whole_text_edit(old: str, new: str) -> types.TextEdit:
    """One edit replacing the lines that differ (common leading and trailing lines are kept,
    so the editor keeps the cursor and folds)."""
    a, b = split_keepends(old), split_keepends(new)  # LSP ends lines at \n, \r\n and \r only
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    end_line = len(a) - tail
    if end_line == len(a) and a and not a[-1].endswith(("\n", "\r")):  # the last line has no newline
        end = types.Position(line=len(a) - 1, character=utf16_column(a[-1], len(a[-1])))
    else:
        end = types.Position(line=end_line, character=0)
    text = "".join(b[head : len(b) - tail])
    return types.TextEdit(range=types.Range(types.Position(line=head, character=0), end), new_text=text)
