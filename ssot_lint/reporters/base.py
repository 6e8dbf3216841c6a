"""The contract every output format meets, and the counts they all summarise.

A reporter is pure formatting: it gets an already-sorted `CheckReport` and a stream, and writes.
The counts live here once so that `text` and `json` can never disagree about the numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Protocol, TextIO

from ssot_lint.findings import CheckReport
from ssot_lint.reporters.fix_note import summary_fix_note

__all__ = ["Reporter", "Summary", "summarize"]


class Reporter(Protocol):
    """One output format; `color` is decided by the CLI, never guessed here."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None: ...


@dataclass(frozen=True, slots=True)
class Summary:
    """The run's totals, computed once for every reporter."""

    files_scanned: int
    files_with_findings: int
    findings: int
    fixable: int
    errors: int
    #: code -> (findings, fixable), ordered by code.
    by_rule: dict[str, tuple[int, int]]
    #: contract -> findings; configured contracts first (even at 0), in configuration order.
    by_contract: dict[str, int]
    elapsed: float
    #: ` (2 fixable with `ssot-lint check --fix`)`, naming --unsafe-fixes where needed (`fix_note`).
    fix_note: str = ""


def summarize(report: CheckReport) -> Summary:
    """Count findings by rule and by contract, so reporters only format."""
    findings = report.findings
    rules = Counter(f.code for f in findings)
    fixable = Counter(f.code for f in findings if f.fixable)
    contracts = Counter(f.contract for f in findings)
    by_contract = {name: contracts.get(name, 0) for name in report.contracts}
    by_contract.update(
        {name: n for name, n in sorted(contracts.items()) if name not in by_contract}
    )
    return Summary(
        files_scanned=report.files_scanned,
        files_with_findings=len({f.location.path for f in findings}),
        findings=len(findings),
        fixable=sum(fixable.values()),
        errors=len(report.errors),
        by_rule={code: (rules[code], fixable[code]) for code in sorted(rules)},
        by_contract=by_contract,
        elapsed=report.elapsed,
        fix_note=summary_fix_note(findings),
    )
