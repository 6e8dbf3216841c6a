"""The migration burndown: `check`'s findings counted per contract, rule, deprecated path and folder.

Pure functions of a `CheckReport`, so the numbers can never disagree with `check`'s. The JSON
document is also the snapshot format `--history` reads back, hence its `generated_at` time.
The HTML page is drawn from that document by `stats_page`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import CheckReport, Finding
from ..project.contract import ContractIndex
from ..rules import DEPRECATED_IMPORT, DEPRECATED_STRING_REFERENCE

__all__ = ["Count", "Stats", "aggregate", "to_document"]

#: Bump on an incompatible change: `--history` reads old snapshots.
SCHEMA_VERSION = 1
_PATH_RULES = (DEPRECATED_IMPORT.code, DEPRECATED_STRING_REFERENCE.code)


@dataclass(frozen=True, slots=True)
class Count:
    """Findings, and how many `ssot-lint fix` can fix now."""

    total: int
    fixable: int


@dataclass(frozen=True, slots=True)
class Stats:
    """The burndown numbers of one run; each grouping is (key, Count) pairs, largest first."""

    generated_at: str
    files_scanned: int
    depth: int
    total: Count
    by_contract: tuple[tuple[str, Count], ...]
    by_rule: tuple[tuple[str, Count], ...]
    by_deprecated_path: tuple[tuple[str, Count], ...]
    by_directory: tuple[tuple[str, Count], ...]


def _deprecated_path(finding: Finding, index: ContractIndex) -> str:
    """The deprecated module a SSOT001/002 finding imports from (a rename counts as its module)."""
    move = index.move(finding.symbol)
    if move is None:
        return finding.symbol.rpartition(".")[0] or finding.symbol
    return move.old if move.whole_module else move.old.rpartition(".")[0]


def _directory(finding: Finding, root: Path, cwd: Path, depth: int) -> str:
    path = (cwd / finding.location.path).resolve()
    try:
        parts = path.relative_to(root.resolve()).parts
    except ValueError:
        parts = Path(finding.location.path).parts
    return "/".join(parts[:-1][:depth]) or "."


def _group(keyed: Iterable[tuple[str, Finding]]) -> tuple[tuple[str, Count], ...]:
    totals: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for key, finding in keyed:
        totals[key] += 1
        fixable[key] += finding.fixable
    ordered = sorted(totals, key=lambda k: (-totals[k], k))
    return tuple((key, Count(totals[key], fixable[key])) for key in ordered)


def aggregate(report: CheckReport, index: ContractIndex, root: Path, cwd: Path,
              depth: int, generated_at: str) -> Stats:
    """Count the report's findings every way the burndown shows them."""
    findings = report.findings
    contracts = dict(_group((f.contract, f) for f in findings))
    by_contract = tuple((name, contracts.pop(name, Count(0, 0))) for name in report.contracts)
    return Stats(
        generated_at=generated_at,
        files_scanned=report.files_scanned,
        depth=depth,
        total=Count(len(findings), sum(f.fixable for f in findings)),
        by_contract=by_contract + tuple(contracts.items()),
        by_rule=tuple(sorted(_group((f.code, f) for f in findings))),
        by_deprecated_path=_group((_deprecated_path(f, index), f) for f in findings if f.code in _PATH_RULES),
        by_directory=_group((_directory(f, root, cwd, depth), f) for f in findings),
    )


def _rows(pairs: tuple[tuple[str, Count], ...]) -> list[dict[str, Any]]:
    return [{"key": key, "findings": c.total, "fixable": c.fixable} for key, c in pairs]


def to_document(stats: Stats) -> dict[str, Any]:
    """The JSON output and `--history` snapshot."""
    return {
        "version": SCHEMA_VERSION,
        "generated_at": stats.generated_at,
        "files_scanned": stats.files_scanned,
        "depth": stats.depth,
        "findings": stats.total.total,
        "fixable": stats.total.fixable,
        "by_contract": _rows(stats.by_contract),
        "by_rule": _rows(stats.by_rule),
        "by_deprecated_path": _rows(stats.by_deprecated_path),
        "by_directory": _rows(stats.by_directory),
    }
