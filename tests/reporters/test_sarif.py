"""SARIF output validates against the OASIS schema, and its fixes are exactly what `fix` writes."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ssot_lint.app import RunOptions, check, fix
from ssot_lint.checks import ALL_CHECKS
from ssot_lint.checks.docs import render_rule
from ssot_lint.findings import CheckReport
from ssot_lint.reporters import get_reporter
from ssot_lint.reporters.sarif import SarifReporter, to_sarif

#: the OASIS SARIF 2.1.0 schema (errata 01), vendored: tests read nothing outside the repository.
SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
CONSUMER = "app/consumer.py"


def render(report: CheckReport) -> dict[str, Any]:
    out = io.StringIO()
    SarifReporter().render(report, out, color=False)
    return json.loads(out.getvalue())


def validate(log: dict[str, Any]) -> None:
    """Validate with the draft the schema itself declares (its `$schema`: draft-04)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    validator(schema).validate(log)


def check_in(root: Path, monkeypatch: pytest.MonkeyPatch) -> CheckReport:
    monkeypatch.chdir(root)
    return check(RunOptions(jobs=1, cwd=root))


def apply(text: str, fixes: list[dict[str, Any]]) -> str:
    """Apply a SARIF fix's replacements (1-based, end-exclusive columns) to `text`."""
    lines = text.splitlines(keepends=True)
    [change] = fixes[0]["artifactChanges"]
    for rep in sorted(change["replacements"], key=lambda r: (r["deletedRegion"]["startLine"],
                                                            r["deletedRegion"]["startColumn"]), reverse=True):
        region = rep["deletedRegion"]
        assert region["startLine"] == region["endLine"]
        i = region["startLine"] - 1
        line = lines[i]
        lines[i] = line[: region["startColumn"] - 1] + rep["insertedContent"]["text"] + line[region["endColumn"] - 1 :]
    return "".join(lines)


def test_registry_has_sarif() -> None:
    assert isinstance(get_reporter("sarif"), SarifReporter)


def test_fixture_report_validates(report: CheckReport) -> None:
    log = render(report)
    validate(log)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in run["results"]] == ["SSOT001", "SSOT003", "SSOT000"]
    assert run["invocations"][0]["executionSuccessful"] is False
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"] == "invalid syntax (fix the syntax error and run again)"
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5}
    error = run["results"][2]
    assert error["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "src/c.py", "uriBaseId": "%SRCROOT%"}
    unfixable = run["results"][1]
    assert "fixes" not in unfixable
    assert unfixable["properties"] == {"contract": "websocket", "symbol": "app.ws.manager.WebSocketManager",
                                       "replacement": None, "fixable": False}


def test_empty_report_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    log = render(CheckReport(results=(), files_scanned=0))
    validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_rules_carry_docs(report: CheckReport) -> None:
    rules = render(report)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["SSOT000", *sorted(c.CODE for c in ALL_CHECKS), "SSOT100"]
    by_id = {r["id"]: r for r in rules}
    for check_class in ALL_CHECKS:
        rule = by_id[check_class.CODE]
        assert rule["name"] == check_class.NAME
        assert rule["shortDescription"]["text"] == check_class.SUMMARY
        assert rule["help"] == {"text": render_rule(check_class), "markdown": render_rule(check_class)}
        assert rule["defaultConfiguration"] == {"level": "error"}
    full = by_id["SSOT001"]["fullDescription"]["text"]
    assert full.startswith("Finds import statements that reach a name through a deprecated module")
    assert "\n" not in full and "Why is this bad" not in full


def test_real_run_results(project: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project({CONSUMER: "import os\nfrom app.websocket_core.manager import WebSocketManager\n"})
    report = check_in(root, monkeypatch)
    log = render(report)
    validate(log)
    run = log["runs"][0]
    [result] = run["results"]
    [finding] = report.findings
    assert result["ruleId"] == "SSOT001"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "SSOT001"
    assert result["partialFingerprints"] == {"ssotLint/v1": finding.fingerprint}
    assert finding.fingerprint
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": CONSUMER, "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2, "startColumn": 40, "endLine": 2, "endColumn": 56}
    [change] = result["fixes"][0]["artifactChanges"]
    assert result["fixes"][0]["description"]["text"] == finding.fix_title
    assert change["replacements"] == [
        {"deletedRegion": {"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 32},
         "insertedContent": {"text": "app.websocket_core.websocket_manager"}},
        {"deletedRegion": {"startLine": 2, "startColumn": 40, "endLine": 2, "endColumn": 56},
         "insertedContent": {"text": "UnifiedWebSocketManager"}},
    ]


SINGLE_FINDING_FILES = {
    "renamed": "from app.websocket_core.manager import WebSocketManager\n",
    "aliased": "x = 1\nfrom app.websocket_core.manager import WebSocketManager as WSM\nprint(WSM)\n",
    "moved": "from app.websocket_core.unified_manager import UnifiedWebSocketManager\nUnifiedWebSocketManager\n",
    "relative": "from .websocket_core.manager import (\n    WebSocketManager,  # the old name\n)\n",
    "indented": "def f():\n    from app.websocket_core.unified_manager import UnifiedWebSocketManager as U\n    return U\n",
    "submodule": "from app.websocket_core import unified_manager\n",
    "import": "import app.websocket_core.unified_manager as um\n",
    "star": "from app.websocket_core.unified_manager import *\n",
    "patch": 'from unittest import mock\n\nmock.patch("app.websocket_core.manager.WebSocketManager")\n',
    "patch-prefix": 'from unittest import mock\n\nmock.patch(r"app.websocket_core.manager.WebSocketManager")\n',
    "import_module": "import importlib\n\nimportlib.import_module('app.websocket_core.unified_manager')\n",
}


@pytest.mark.parametrize("source", SINGLE_FINDING_FILES.values(), ids=SINGLE_FINDING_FILES.keys())
def test_fix_equals_ssot_lint_fix(
    source: str, project: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = project({CONSUMER: source})
    report = check_in(root, monkeypatch)
    [result] = [r for r in render(report)["runs"][0]["results"]]
    assert "fixes" in result, result
    fix(RunOptions(jobs=1, cwd=root))
    fixed = (root / CONSUMER).read_text(encoding="utf-8")
    assert fixed != source
    assert apply(source, result["fixes"]) == fixed


NO_SARIF_FIX = {
    # `fix` would also rewrite `um.X` uses of renamed attributes, which the reporter cannot see
    "module-uses": "import app.websocket_core.unified_manager as um\n\nmanager = um.UnifiedWebSocketManager\n",
    # `fix` splits the statement: not a replacement of the flagged region
    "split": "import os.path\nfrom app.websocket_core.unified_manager import UnifiedWebSocketManager, Missing\n",
}


@pytest.mark.parametrize("source", NO_SARIF_FIX.values(), ids=NO_SARIF_FIX.keys())
def test_no_fix_when_not_exact(source: str, project: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    report = check_in(project({CONSUMER: source}), monkeypatch)
    assert any(f.fixable for f in report.findings)
    results = render(report)["runs"][0]["results"]
    assert results and all("fixes" not in r for r in results)


def test_to_sarif_is_plain_data(report: CheckReport) -> None:
    assert json.loads(json.dumps(to_sarif(report))) == to_sarif(report)


def test_statement_whose_names_all_move_together(
    project: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fix moves the shared module line, so it is offered only when every other name in the
    statement moves there unrenamed: here for `WebSocketManager`, not for `UserExecutionContext`
    (moving the line would leave `WebSocketManager` under its old name in the new module)."""
    source = "from app.websocket_core.manager import WebSocketManager, UserExecutionContext\n"
    results = render(check_in(project({CONSUMER: source}), monkeypatch))["runs"][0]["results"]
    assert len(results) == 2 and "fixes" not in results[1]
    assert apply(source, results[0]["fixes"]) == (
        "from app.websocket_core.websocket_manager import UnifiedWebSocketManager, UserExecutionContext\n"
    )
