"""The migration burndown: `check`'s findings counted per contract, rule, deprecated path and folder.

Pure functions of a `CheckReport`, so the numbers can never disagree with `check`'s. The JSON
document is also the snapshot format `--history` reads back, hence its `generated_at` time.
The HTML page is one self-contained file (inline SVG, no scripts, no network) whose charts carry
their numbers as SVG `<text>` and `data-*` attributes, next to a plain table of the same numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from .contract import ContractIndex
from .findings import CheckReport, Finding
from .sanitize import printable

__all__ = ["Count", "Stats", "aggregate", "render_html", "to_document"]

#: Bump on an incompatible change: `--history` reads old snapshots.
SCHEMA_VERSION = 1
_PATH_RULES = ("SSOT001", "SSOT002")


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


def _html(value: object) -> str:
    """Any value from a report or a snapshot, as inert HTML text (names may hold `<script>`,
    control characters or bytes that are not UTF-8)."""
    return escape(printable(str(value)))


_STYLE = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}svg text{font-size:12px}"""


def _bars(chart: str, rows: list[dict[str, Any]]) -> str:
    """A horizontal bar chart: one bar per row, fixable part darker, the numbers as text."""
    if not rows:
        return f'<p class="empty" data-chart="{chart}">No findings.</p>'
    top = max(r["findings"] for r in rows) or 1
    height = 24 * len(rows) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="760" height="{height}" data-chart="{chart}" role="img">']
    for i, row in enumerate(rows):
        y, key = 4 + 24 * i, _html(row["key"])
        width, fixed = 360 * row["findings"] / top, 360 * row["fixable"] / top
        parts.append(
            f'<g class="bar" data-label="{key}" data-count="{row["findings"]}" data-fixable="{row["fixable"]}">'
            f'<text x="0" y="{y + 15}">{key}</text>'
            f'<rect x="300" y="{y}" width="{width:.1f}" height="18" fill="#f4a261"/>'
            f'<rect x="300" y="{y}" width="{fixed:.1f}" height="18" fill="#2a9d8f"/>'
            f'<text class="count" x="{305 + width:.1f}" y="{y + 15}">{row["findings"]}</text></g>'
        )
    return "".join(parts) + "</svg>"


def _table(title: str, rows: list[dict[str, Any]]) -> str:
    body = "".join(
        f'<tr data-label="{_html(r["key"])}"><td>{_html(r["key"])}</td><td>{_html(r["findings"])}</td><td>{_html(r["fixable"])}</td></tr>'
        for r in rows
    )
    return f"<table><tr><th>{_html(title)}</th><th>findings</th><th>fixable</th></tr>{body}</table>"


def _burndown(points: list[tuple[str, int]]) -> str:
    """Findings over time, one point per snapshot, in snapshot order (sorted by time)."""
    top = max((n for _, n in points), default=0) or 1
    step = 640 / max(len(points) - 1, 1)
    xy = [(60 + step * i, 220 - 180 * n / top) for i, (_, n) in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="760" height="260" data-chart="burndown" role="img">',
             f'<polyline points="{line}" fill="none" stroke="#e76f51" stroke-width="2"/>']
    for (when, n), (x, y) in zip(points, xy):
        parts.append(f'<g class="point" data-time="{_html(when)}" data-count="{n}">'
                     f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#e76f51"/>'
                     f'<text class="count" x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle">{n}</text>'
                     f'<text x="{x:.1f}" y="245" text-anchor="middle">{_html(when[:10])}</text></g>')
    return "".join(parts) + "</svg>"


def render_html(document: dict[str, Any], history: list[dict[str, Any]]) -> str:
    """The page: totals, a bar chart and table per directory and per deprecated path, and, with
    history snapshots, the burndown line (snapshots sorted by `generated_at`, this run last)."""
    totals = (f"<h1>ssot-lint migration burndown</h1><p id=\"totals\" data-count=\"{document['findings']}\" "
              f"data-fixable=\"{document['fixable']}\">{document['findings']} findings, {document['fixable']} "
              f"fixable now, {document['files_scanned']} files scanned ({_html(document['generated_at'])})</p>")
    sections = [totals]
    for key, title in (("by_directory", "Directory"), ("by_deprecated_path", "Deprecated path"),
                       ("by_rule", "Rule"), ("by_contract", "Contract")):
        rows = document[key]
        chart = _bars(key, rows) if key in ("by_directory", "by_deprecated_path") else ""
        sections.append(f'<h2>Findings by {title.lower()}</h2>{chart}{_table(title, rows)}')
    if history:
        snapshots = sorted(history, key=lambda d: d["generated_at"]) + [document]
        points = [(d["generated_at"], d["findings"]) for d in snapshots]
        rows = [{"key": t, "findings": n, "fixable": d["fixable"]} for (t, n), d in zip(points, snapshots)]
        sections.append(f"<h2>Burndown</h2>{_burndown(points)}{_table('Snapshot', rows)}")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>ssot-lint stats</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(sections)}</body></html>\n")
