"""What `fix` prints: the diff (with --diff), what was rewritten, and what is left and why."""

from __future__ import annotations

import json
from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.syntax import Syntax
from rich.text import Text

from ssot_lint.findings import RULE_NAMES, FixReport
from ssot_lint.reporters.json import to_document
from ssot_lint.reporters.text import TextReporter
from ssot_lint.sanitize import json_safe, printable

__all__ = ["render_fix"]


def _by_rule(report: FixReport) -> str:
    counts = Counter(code for change in report.changes for code in change.fixed)
    return ", ".join(f"{code} {RULE_NAMES[code]} x{n}" for code, n in sorted(counts.items()))


def _render_text(report: FixReport, out: TextIO, color: bool) -> None:
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False,
                      markup=False, emoji=False, soft_wrap=True, width=None if color else 120)
    if not report.written:
        for change in report.changes:
            diff = printable(change.diff, keep="\n\r\t")  # the file's own escape bytes stay inert
            if color:
                console.print(Syntax(diff, "diff", theme="ansi_dark", background_color="default"))
            else:
                out.write(diff)
                out.flush()
    verb = "Fixed" if report.written else "Would fix"
    for note in report.notes:  # what --extend-canonical added to the canonical modules
        console.print(Text(printable(note) if report.written else f"would be {printable(note)}"))
    if report.changes:
        console.print(Text(f"{verb} {report.fixed_count} findings in {len(report.changes)} files ({_by_rule(report)})"))
    else:
        console.print(Text("Nothing to fix."))
    left = report.remaining
    if left.findings or left.errors:
        console.print(Text("\nLeft (not fixable, with the reason):" if report.written else "\nNot fixable:"))
        TextReporter().render(left, out, color=color)


def render_fix(report: FixReport, out: TextIO, *, output_format: str, color: bool) -> None:
    """`text` (diffs and summary) or `json` (the check document of what is left, plus `fixes`)."""
    if output_format == "json":
        document = to_document(report.remaining)
        document["fixes"] = [{"path": c.path, "fixed": list(c.fixed)} for c in report.changes]
        document["written"] = report.written
        document["extended"] = list(report.notes)
        out.write(json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")
        return
    _render_text(report, out, color)
