"""The `stats --html` page a team lead puts on a wall: the burndown first (a time axis spaced by
date, axes, a legend), then the top directories and deprecated paths as bars with an "other" row,
then the tables. Self-contained: inline SVG and CSS, no script, nothing fetched. Every label is
given the room it needs (widths come from the longest label), so none is cut."""

from __future__ import annotations

import datetime
from html import escape
from typing import Any

from ..sanitize import printable

__all__ = ["TOP", "render_page"]

#: bars shown per chart; the rest are summed into one "other" row.
TOP = 10
_CHAR = 7.4  # px per character of 12px system-ui, generous: labels are measured in the browser test
_STYLE = """body{font-family:system-ui,sans-serif;margin:2em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}
td:first-child,th:first-child{text-align:left}svg text{font-size:12px;font-family:system-ui,sans-serif}
.legend text{font-size:12px}"""
_FINDINGS, _FIXABLE = "#e76f51", "#2a9d8f"


def _html(value: object) -> str:
    """Any value from a report or a snapshot, as inert HTML text."""
    return escape(printable(str(value)))


def _text_width(text: str) -> float:
    return len(printable(text)) * _CHAR


def _top(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(rows) <= TOP:
        return rows
    rest = rows[TOP - 1 :]
    other = {"key": f"other ({len(rest)})", "findings": sum(r["findings"] for r in rest),
             "fixable": sum(r["fixable"] for r in rest), "other": True}
    return [*rows[: TOP - 1], other]


def _bars(chart: str, rows: list[dict[str, Any]]) -> str:
    """Horizontal bars, the fixable part darker, the count after each bar."""
    if not rows:
        return f'<p class="empty" data-chart="{chart}">No findings.</p>'
    shown = _top(rows)
    label = max(_text_width(r["key"]) for r in shown) + 12
    top = max(r["findings"] for r in shown) or 1
    span, height = 360, 24 * len(shown) + 8
    width = label + span + 60
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
             f'data-chart="{chart}" role="img">')]
    for i, row in enumerate(shown):
        y, key = 4 + 24 * i, _html(row["key"])
        full, fixed = span * row["findings"] / top, span * row["fixable"] / top
        kind = "bar other" if row.get("other") else "bar"
        parts.append(
            f'<g class="{kind}" data-label="{key}" data-count="{row["findings"]}" data-fixable="{row["fixable"]}">'
            f'<text class="label" x="0" y="{y + 15}">{key}</text>'
            f'<rect x="{label:.1f}" y="{y}" width="{full:.1f}" height="18" fill="{_FINDINGS}"/>'
            f'<rect x="{label:.1f}" y="{y}" width="{fixed:.1f}" height="18" fill="{_FIXABLE}"/>'
            f'<text class="count" x="{label + full + 5:.1f}" y="{y + 15}">{row["findings"]}</text></g>'
        )
    return "".join(parts) + "</svg>" + _legend(("findings", _FINDINGS), ("fixable now", _FIXABLE))


def _legend(*entries: tuple[str, str]) -> str:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="260" height="22" class="legend" role="img">']
    for i, (name, color) in enumerate(entries):
        x = 4 + 120 * i
        parts.append(f'<g class="key" data-series="{name}"><rect x="{x}" y="5" width="12" height="12" fill="{color}"/>'
                     f'<text x="{x + 18}" y="15">{name}</text></g>')
    return "".join(parts) + "</svg>"


def _time(stamp: str) -> float:
    try:
        moment = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


_LEFT, _RIGHT, _TOP_Y, _BOTTOM = 60.0, 700.0, 20.0, 220.0


def _xs(times: list[float]) -> list[float]:
    """x by date: equal time, equal distance (evenly spread only when every time is the same)."""
    first, last = min(times), max(times)
    if last == first:
        step = (_RIGHT - _LEFT) / max(len(times) - 1, 1)
        return [_LEFT + step * i for i in range(len(times))]
    return [_LEFT + (_RIGHT - _LEFT) * (t - first) / (last - first) for t in times]


def _axes(top: int, points: list[tuple[str, float]]) -> str:
    """The y axis with 0, half and top, the x axis with a date under each point far enough
    from the last one labelled (the last point is always labelled)."""
    parts = [f'<g class="axes"><line class="y-axis" x1="{_LEFT}" y1="{_TOP_Y}" x2="{_LEFT}" y2="{_BOTTOM}" stroke="#555"/>',
             f'<line class="x-axis" x1="{_LEFT}" y1="{_BOTTOM}" x2="{_RIGHT}" y2="{_BOTTOM}" stroke="#555"/>']
    for value in sorted({0, top // 2, top}):
        y = _BOTTOM - (_BOTTOM - _TOP_Y) * value / (top or 1)
        parts.append(f'<text class="y-tick" x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    labelled: list[float] = []
    for i, (when, x) in enumerate(points):
        last = i == len(points) - 1
        if labelled and x - labelled[-1] < 80:
            if not last:
                continue
            parts.pop()  # make room for the latest date
            labelled.pop()
        labelled.append(x)
        parts.append(f'<text class="x-tick" x="{x:.1f}" y="{_BOTTOM + 18}" text-anchor="middle">{_html(when[:10])}</text>')
    return "".join(parts) + "</g>"


def _burndown(snapshots: list[dict[str, Any]]) -> str:
    """Findings and fixable-now over time, one point per snapshot, spaced by date."""
    times = [_time(s["generated_at"]) for s in snapshots]
    xs = _xs(times)
    top: int = max(max(s["findings"] for s in snapshots), 1)

    def y(n: int) -> float:
        return _BOTTOM - (_BOTTOM - _TOP_Y) * n / top

    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="760" height="250" data-chart="burndown" role="img">',
             _axes(top, [(s["generated_at"], x) for s, x in zip(snapshots, xs)])]
    for key, color in (("fixable", _FIXABLE), ("findings", _FINDINGS)):
        line = " ".join(f"{x:.1f},{y(s[key]):.1f}" for s, x in zip(snapshots, xs))
        parts.append(f'<polyline class="{key}" points="{line}" fill="none" stroke="{color}" stroke-width="2"/>')
    for s, x in zip(snapshots, xs):
        parts.append(f'<g class="point" data-time="{_html(s["generated_at"])}" data-count="{s["findings"]}">'
                     f'<circle cx="{x:.1f}" cy="{y(s["findings"]):.1f}" r="4" fill="{_FINDINGS}"/>'
                     f'<text class="count" x="{x:.1f}" y="{y(s["findings"]) - 8:.1f}" text-anchor="middle">{s["findings"]}</text></g>')
    return "".join(parts) + "</svg>" + _legend(("findings", _FINDINGS), ("fixable now", _FIXABLE))


def _table(title: str, rows: list[dict[str, Any]]) -> str:
    body = "".join(
        f'<tr data-label="{_html(r["key"])}"><td>{_html(r["key"])}</td><td>{_html(r["findings"])}</td><td>{_html(r["fixable"])}</td></tr>'
        for r in rows
    )
    return f"<table><tr><th>{_html(title)}</th><th>findings</th><th>fixable</th></tr>{body}</table>"


def render_page(document: dict[str, Any], history: list[dict[str, Any]], project: str = "") -> str:
    """The page for one `stats` document and earlier snapshots (sorted by `generated_at`, this
    run last)."""
    date = _html(document["generated_at"][:10])
    name = f"{_html(project)}: " if project else ""
    title = f"{name}ssot-lint migration burndown, {date}"
    sections = [f"<h1>{title}</h1>",
                (f"<p id=\"totals\" data-count=\"{document['findings']}\" data-fixable=\"{document['fixable']}\">"
                f"{document['findings']} findings, {document['fixable']} fixable now, {document['files_scanned']} "
                f"files scanned ({_html(document['generated_at'])})</p>")]
    if history:
        snapshots = sorted(history, key=lambda d: _time(d["generated_at"])) + [document]
        rows = [{"key": d["generated_at"], "findings": d["findings"], "fixable": d["fixable"]} for d in snapshots]
        sections.append(f"<h2>Burndown</h2>{_burndown(snapshots)}{_table('Snapshot', rows)}")
    for key, heading in (("by_directory", "Directory"), ("by_deprecated_path", "Deprecated path"),
                         ("by_rule", "Rule"), ("by_contract", "Contract")):
        rows = document[key]
        chart = _bars(key, rows) if key in ("by_directory", "by_deprecated_path") else ""
        sections.append(f"<h2>Findings by {heading.lower()}</h2>{chart}{_table(heading, rows)}")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(sections)}</body></html>\n")
