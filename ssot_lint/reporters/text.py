"""The human report: findings grouped by file, with the source line and a caret under the span.

Each finding starts with `path:line:col CODE message` on one unwrapped line so editors and
terminals can jump to it. All user text goes through `Text` objects, never markup, because paths
and messages can contain `[`; with `color=False` not a single escape code is written, and what came
from the project (paths, source lines, messages quoting them) is `printable` first.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ssot_lint.fileio import read_regular
from ssot_lint.findings import RULE_NAMES, CheckReport, FileError, Finding
from ssot_lint.lines import split as split_lines
from ssot_lint.reporters.base import Summary, summarize
from ssot_lint.rules import ANALYSIS_ERROR
from ssot_lint.sanitize import printable

__all__ = ["TextReporter"]

#: Wide enough that nothing wraps when we write to a file or a pipe.
_PIPE_WIDTH = 120
#: a file bigger than this was not analysed either (see `limits`): no context is shown.
_CONTEXT_LIMIT = 64 * 1024 * 1024


class TextReporter:
    """Ruff-like text output; the console is made per call so tests capture it with a StringIO."""

    def __init__(self, summary: bool = True) -> None:
        #: False (`--quiet`): the findings only, without the tables and totals.
        self.summary = summary
        #: path -> the text that was checked, when it is not the file on disk (`--stdin-filename`).
        self.sources: dict[str, str] = {}

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        console = _console(out, color)
        # Without colour the findings are plain lines: written in one go they cost a fraction of
        # rich's per-call rendering (thousands of findings in a CI log); the tables stay rich.
        sink: Console | _PlainLines = console if color else _PlainLines()
        for path, findings in groupby(report.findings, key=lambda f: f.location.path):
            sink.print(Text(printable(path), style="bold underline"))
            lines = split_lines(self.sources[path]) if path in self.sources else _read_lines(path)
            for finding in findings:
                _print_finding(sink, finding, lines)
            sink.print()
        for error in report.errors:
            _print_error(sink, error)
        if isinstance(sink, _PlainLines):
            out.write(sink.text())
        if self.summary:
            _print_summary(console, summarize(report))
            _print_baseline(console, report)


class _PlainLines:
    """The part of rich's Console the finding printers use, collecting plain text."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def print(self, text: Text | str = "") -> None:
        self.parts.append((text.plain if isinstance(text, Text) else text) + "\n")

    def text(self) -> str:
        return "".join(self.parts)


def _console(out: TextIO, color: bool) -> Console:
    """A console that writes no escape codes at all unless `color`, and never wraps a pipe."""
    isatty = getattr(out, "isatty", lambda: False)()
    return Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
        legacy_windows=False,
        width=None if isatty else _PIPE_WIDTH,
    )


def _read_lines(path: str) -> list[str] | None:
    """The file's lines for context, or None: context is a nicety, so any failure is silent
    (only a regular file is read: a FIFO put in its place would block)."""
    try:
        data, _ = read_regular(path, _CONTEXT_LIMIT)
    except (OSError, ValueError):  # ValueError: a path no file can have (a NUL, from `merge`)
        return None
    return split_lines(data.decode("utf-8", errors="replace"))


def _print_finding(console: Console | _PlainLines, finding: Finding, lines: list[str] | None) -> None:
    loc = finding.location
    head = Text.assemble(
        (printable(loc.where()), "bold"),
        " ",
        (finding.code, "bold red"),
        " ",
    )
    console.print(head + Text(printable(finding.message)))
    if lines is not None and loc.cell is None and 1 <= loc.line <= len(lines):
        _print_context(console, finding, lines[loc.line - 1])
    if finding.fixable and finding.fix_title:
        unsafe = " (unsafe fix)" if finding.unsafe else ""
        console.print(
            Text.assemble("  ", ("help", "bold cyan"), f": {finding.fix_title}{unsafe}")
        )
    elif not finding.fixable and finding.unfixable_reason:
        note = f": not fixable: {finding.unfixable_reason}"
        console.print(Text.assemble("  ", ("note", "bold yellow"), note))


def _print_context(console: Console | _PlainLines, finding: Finding, source: str) -> None:
    """The source line and carets under columns [column, end_column), to end of line if it spans."""
    loc = finding.location
    # a tab as one space keeps carets aligned; cell_len handles wide (e.g. CJK) characters
    source = printable(source.rstrip("\r").replace("\t", " "))
    start = min(loc.column - 1, len(source))
    end = loc.end_column - 1 if loc.end_line == loc.line else len(source)
    gutter = " " * len(str(loc.line))
    console.print(Text.assemble((f" {loc.line} | ", "blue"), source))
    width = max(1, cell_len(source[start:end]))
    carets = " " * cell_len(source[:start]) + "^" * width
    console.print(Text.assemble((f" {gutter} | ", "blue"), (carets, "bold red")))


def _print_error(console: Console | _PlainLines, error: FileError) -> None:
    where = printable(error.path)
    if error.line is not None:
        where += f":{error.line}" + (
            f":{error.column}" if error.column is not None else ""
        )
    console.print(
        Text.assemble((where, "bold"), " ", (ANALYSIS_ERROR.code, "bold red"), " ", printable(error.message))
    )
    if error.hint:
        console.print(Text.assemble("  ", ("hint", "bold cyan"), f": {printable(error.hint)}"))


def _print_baseline(console: Console, report: CheckReport) -> None:
    if report.baselined:
        console.print(Text(f"{report.baselined} baselined findings remain (not shown)"))
    if report.baseline_gone:
        console.print(Text(
            f"{report.baseline_gone} baselined findings are gone: "
            "run --update-baseline to lock in the progress",
            "bold red" if report.strict_baseline else "yellow",
        ))


def _print_summary(console: Console, summary: Summary) -> None:
    if not summary.findings and not summary.errors:
        console.print(
            Text(f"All checks passed! ({summary.files_scanned} files scanned)", "green")
        )
        return
    if summary.findings:
        console.print(_rule_table(summary))
        console.print(_contract_table(summary))
    console.print(
        f"{summary.findings} findings{summary.fix_note} in "
        f"{summary.files_with_findings} files; {summary.files_scanned} files scanned in "
        f"{summary.elapsed:.2f}s"
    )
    if summary.errors:
        console.print(Text(f"{summary.errors} files could not be analysed", "bold red"))


def _rule_table(summary: Summary) -> Table:
    table = Table(title="Findings by rule", box=box.SIMPLE, title_justify="left")
    table.add_column("Code")
    table.add_column("Name")
    table.add_column("Findings", justify="right")
    table.add_column("Fixable", justify="right")
    for code, (total, fixable) in summary.by_rule.items():
        table.add_row(code, RULE_NAMES.get(code, "?"), str(total), str(fixable))
    return table


def _contract_table(summary: Summary) -> Table:
    table = Table(title="Findings by contract", box=box.SIMPLE, title_justify="left")
    table.add_column("Contract")
    table.add_column("Findings", justify="right")
    for name, total in summary.by_contract.items():
        table.add_row(Text(printable(name)), str(total))
    return table
