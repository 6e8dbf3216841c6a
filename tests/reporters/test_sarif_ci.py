"""SARIF without the traps code scanning falls into: one fingerprint per result, paths from the
repository root (not the current folder), a help page per rule; JSON fingerprints unique too."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import jsonschema

from ssot_lint.checks.docs import all_codes

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def validate(log: dict) -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
#: the same import, written the same way, in two functions: the same normalised text twice.
TWICE = f"def a():\n    from {OLD} import {UWM}\n\n\ndef b():\n    from {OLD} import {UWM}\n"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ssot_lint", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, timeout=120)


def test_results_never_share_rule_file_and_fingerprint(project) -> None:
    root = project({"app/consumer.py": TWICE, "app/other.py": TWICE})
    log = json.loads(run(root, "check", "--output-format", "sarif", "--no-cache").stdout)
    validate(log)
    results = log["runs"][0]["results"]
    keys = Counter((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    r["partialFingerprints"]["ssotLint/v1"]) for r in results)
    assert len(results) == 4 and set(keys.values()) == {1}


def test_json_fingerprints_are_unique_per_finding_and_stable(project) -> None:
    root = project({"app/consumer.py": TWICE})
    first = json.loads(run(root, "check", "--output-format", "json").stdout)["findings"]
    assert len({f["fingerprint"] for f in first}) == 2
    # warm (from the cache) and cold runs agree, and moving the code keeps them
    again = json.loads(run(root, "check", "--output-format", "json").stdout)["findings"]
    assert [f["fingerprint"] for f in again] == [f["fingerprint"] for f in first]
    (root / "app/consumer.py").write_text("import os\n\n" + TWICE, encoding="utf-8")
    moved = json.loads(run(root, "check", "--output-format", "json").stdout)["findings"]
    assert [f["fingerprint"] for f in moved] == [f["fingerprint"] for f in first]


def test_uris_are_relative_to_the_repository_root_from_any_folder(project) -> None:
    root = project({"app/consumer.py": f"from {OLD} import {UWM}\n"})
    subprocess.run(["git", "init", "-q"], cwd=root.parent, check=True)
    inside = json.loads(run(root / "app", "check", "--output-format", "sarif").stdout)["runs"][0]
    at_root = json.loads(run(root, "check", "--output-format", "sarif").stdout)["runs"][0]
    for sarif_run in (inside, at_root):
        location = sarif_run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {"uri": f"{root.name}/app/consumer.py", "uriBaseId": "%SRCROOT%"}
        assert sarif_run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.parent.resolve().as_uri() + "/"


def test_every_rule_has_a_help_page_that_exists_in_the_repository(project) -> None:
    root = project({"app/consumer.py": f"from {OLD} import {UWM}\n"})
    rules = json.loads(run(root, "check", "--output-format", "sarif").stdout)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == all_codes()
    repository = Path(__file__).resolve().parents[2]
    for rule in rules:
        page = rule["helpUri"].split("/blob/main/", 1)[1]
        assert (repository / page).is_file(), rule["helpUri"]
        assert page == f"rules/{rule['id']}-{rule['name']}.md"
