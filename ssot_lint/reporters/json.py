"""The machine-readable report: one stable JSON document, versioned so consumers can rely on it.

Keys are written in a fixed order and findings in the report's (sorted) order, so the output is
byte-for-byte reproducible and diffable in CI.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ssot_lint.findings import CheckReport
from ssot_lint.jsondoc import error_to_json, finding_to_json
from ssot_lint.reporters.base import summarize
from ssot_lint.sanitize import json_safe
from ssot_lint.version import __version__

__all__ = ["SCHEMA_VERSION", "JsonReporter"]

#: Bump only on an incompatible change to the document's shape.
SCHEMA_VERSION = 1


class JsonReporter:
    """Writes the whole report as one JSON document; `color` is ignored."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(dumps(to_document(report)))


def dumps(document: dict[str, Any]) -> str:
    """Indented JSON with one finding per line.

    `json.dumps(indent=...)` falls back to the pure-Python encoder, which on thousands of
    findings costs more than a warm check itself; each finding is encoded compactly by the C
    encoder instead, on a line of its own (easy to grep and to diff). A file name that is not
    UTF-8 keeps its bytes as `\\udcXX` escapes (`sanitize.json_safe`).
    """
    parts = []
    for key, value in document.items():
        if key == "findings" and value:
            lines = ",\n".join("    " + json.dumps(f, ensure_ascii=False) for f in value)
            rendered = "[\n" + lines + "\n  ]"
        else:
            rendered = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        parts.append(f"  {json.dumps(key)}: {rendered}")
    return json_safe("{\n" + ",\n".join(parts) + "\n}\n")


def to_document(report: CheckReport) -> dict[str, Any]:
    """The document as plain data, so other tools (and tests) need not re-parse text."""
    return {
        "version": SCHEMA_VERSION,
        "tool": {
            "name": "ssot-lint",
            "version": __version__,
        },
        "summary": _summary(report),
        "findings": [finding_to_json(f) for f in report.findings],
        "errors": [error_to_json(e) for e in report.errors],
        "warnings": list(report.warnings),
    }


def _summary(report: CheckReport) -> dict[str, Any]:
    s = summarize(report)
    return {
        "files_scanned": s.files_scanned,
        "files_with_findings": s.files_with_findings,
        "findings": s.findings,
        "fixable": s.fixable,
        "errors": s.errors,
        "by_rule": {code: total for code, (total, _) in s.by_rule.items()},
        "by_contract": dict(s.by_contract),
        "elapsed_seconds": round(s.elapsed, 3),
        "baselined": report.baselined,
        "baseline_gone": report.baseline_gone,
    }
