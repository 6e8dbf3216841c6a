"""`check --statistics`: how many findings of each code, instead of the findings (Ruff's table:
count, code, `[*]` when every one is fixable, `[-]` when some are, the rule's name)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from ssot_lint.findings import RULE_NAMES, CheckReport
from ssot_lint.rules import ANALYSIS_ERROR

__all__ = ["render_statistics", "statistics"]


def statistics(report: CheckReport) -> list[dict[str, Any]]:
    """One row per code (SSOT000 for files that could not be analysed), most frequent first."""
    counts = Counter(f.code for f in report.findings)
    fixable = Counter(f.code for f in report.findings if f.fixable)
    if report.errors:
        counts[ANALYSIS_ERROR.code] = len(report.errors)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [
        {"code": code, "name": RULE_NAMES[code], "count": n, "fixable": fixable[code]}
        for code, n in ordered
    ]


def render_statistics(report: CheckReport, out: TextIO, *, json_output: bool) -> None:
    rows = statistics(report)
    if json_output:
        out.write(json.dumps(rows, indent=2) + "\n")
        return
    width = max((len(str(row["count"])) for row in rows), default=1)
    for row in rows:
        mark = "[*]" if row["fixable"] == row["count"] else "[-]" if row["fixable"] else "   "
        out.write(f"{row['count']:>{width}}\t{row['code']}\t{mark} {row['name']}\n")
