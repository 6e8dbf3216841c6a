"""The JSON document is stable: exact keys, key order, values and finding order."""

from __future__ import annotations

import io
import json

from ssot_lint.findings import CheckReport
from ssot_lint.reporters import get_reporter
from ssot_lint.reporters.json import JsonReporter

FINDING_KEYS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "name",
    "message",
    "contract",
    "symbol",
    "replacement",
    "fixable",
    "fix_title",
    "unfixable_reason",
    "unsafe",
    "fingerprint",
]


def render(report: CheckReport) -> str:
    out = io.StringIO()
    JsonReporter().render(report, out, color=True)
    return out.getvalue()


def test_registry_has_json() -> None:
    assert isinstance(get_reporter("json"), JsonReporter)


def test_document_top_level_and_summary(report: CheckReport) -> None:
    text = render(report)
    assert text.endswith("}\n")
    doc = json.loads(text)
    assert list(doc) == ["version", "tool", "summary", "findings", "errors", "warnings"]
    assert doc["version"] == 1
    assert doc["tool"]["name"] == "ssot-lint"
    assert isinstance(doc["tool"]["version"], str)
    assert doc["summary"] == {
        "files_scanned": 4,
        "files_with_findings": 2,
        "findings": 2,
        "fixable": 1,
        "errors": 1,
        "by_rule": {"SSOT001": 1, "SSOT003": 1},
        "by_contract": {"websocket": 2, "auth": 0},
        "elapsed_seconds": 0.123,
        "baselined": 0,
        "baseline_gone": 0,
    }


def test_findings_exact(report: CheckReport) -> None:
    findings = json.loads(render(report))["findings"]
    assert [list(f) for f in findings] == [FINDING_KEYS, FINDING_KEYS]
    assert findings[0] == {
        "path": "src/a.py",
        "line": 2,
        "column": 6,
        "end_line": 2,
        "end_column": 25,
        "code": "SSOT001",
        "name": "deprecated-import",
        "message": "`app.old.manager` is deprecated; import from `app.ws.manager`",
        "contract": "websocket",
        "symbol": "app.old.manager.WebSocketManager",
        "replacement": "app.ws.manager.WebSocketManager",
        "fixable": True,
        "fix_title": "Import from `app.ws.manager`",
        "unfixable_reason": None,
        "unsafe": False,
        "fingerprint": "",
    }
    assert findings[1]["path"] == "src/b.py"
    assert findings[1]["name"] == "direct-instantiation"
    assert findings[1]["replacement"] is None
    assert findings[1]["fixable"] is False
    assert findings[1]["unfixable_reason"] == "arguments differ from the factory"
    assert (
        findings[1]["message"]
        == "Direct instantiation of `WebSocketManager[T]`; use `get_manager()`"
    )


def test_errors_exact(report: CheckReport) -> None:
    errors = json.loads(render(report))["errors"]
    assert errors == [
        {
            "path": "src/c.py",
            "line": 3,
            "column": 5,
            "kind": "syntax",
            "message": "invalid syntax",
            "hint": "fix the syntax error and run again",
        }
    ]
    assert list(errors[0]) == ["path", "line", "column", "kind", "message", "hint"]


def test_summary_key_order_and_indent(report: CheckReport) -> None:
    text = render(report)
    assert '\n  "version": 1,\n' in text
    doc = json.loads(text)
    assert list(doc["summary"]) == [
        "files_scanned",
        "files_with_findings",
        "findings",
        "fixable",
        "errors",
        "by_rule",
        "by_contract",
        "elapsed_seconds",
        "baselined",
        "baseline_gone",
    ]


def test_clean_report() -> None:
    doc = json.loads(render(CheckReport(results=(), files_scanned=3)))
    assert doc["findings"] == [] and doc["errors"] == []
    assert doc["summary"]["findings"] == 0 and doc["summary"]["by_rule"] == {}
    assert doc["summary"]["files_scanned"] == 3


def test_output_is_deterministic(report: CheckReport) -> None:
    assert render(report) == render(report)
