"""CI fan-out: `check --shard K/N` slices the files deterministically, and `ssot-lint merge`
combines the shards' JSON reports into the report one unsharded run would have written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"

TEMPLATES = (
    f"from {OLD} import {UWM}\n",
    "import app.websocket_core.manager\nx = app.websocket_core.manager.WebSocketManager()\n",
    "from app.websocket_core.manager import WebSocketManager\n",
    f"from unittest import mock\n\n\n@mock.patch('{OLD}.{UWM}')\ndef test(m):\n    pass\n",
    f"from app.websocket_core.websocket_manager import {UWM}\nm = {UWM}()\n",
    "from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory\n"
    "f = get_websocket_manager_factory()\n",
)

#: twelve files with findings, two clean ones.
FILES: dict[str, str] = {
    **{f"app/team{i}/module{i}.py": TEMPLATES[i % len(TEMPLATES)] for i in range(12)},
    "app/clean_a.py": "import os\n",
    "app/clean_b.py": "x = 1\n",
}
BROKEN = {"app/broken.py": f"from {OLD} import (\n"}  # an SSOT000 error
CLEAN = {"app/consumer.py": "from app.websocket_core.websocket_manager import get_websocket_manager\n"}


def cli(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(root)
    return CliRunner().invoke(app, list(args))


def json_check(root: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, dict[str, Any]]:
    result = cli(root, monkeypatch, "check", "--jobs", "1", "--no-cache", "--output-format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def shard_reports(root: Path, monkeypatch: pytest.MonkeyPatch, n: int = 3, *extra: str) -> list[Path]:
    paths = []
    for k in range(1, n + 1):
        out = root / f"part_{k}.json"
        result = cli(root, monkeypatch, "check", "--jobs", "1", "--no-cache", "--shard", f"{k}/{n}",
                     "--output-format", "json", "-o", str(out), *extra)
        assert result.exit_code in (0, 1, 2), result.output
        assert result.stdout == ""  # the report went to the file
        paths.append(out)
    return paths


def key(item: dict[str, Any]) -> str:
    return json.dumps(item, sort_keys=True)


def comparable(summary: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in summary.items() if k != "elapsed_seconds"}


# --- sharding ------------------------------------------------------------------------------------


def test_shards_are_disjoint_and_together_find_exactly_what_one_run_finds(project, monkeypatch) -> None:
    root = project({**FILES, **BROKEN})
    code, whole = json_check(root, monkeypatch)
    assert code == 2
    assert len({f["path"] for f in whole["findings"]}) == 12
    parts = [json.loads(p.read_text(encoding="utf-8")) for p in shard_reports(root, monkeypatch)]

    paths = [{f["path"] for f in part["findings"]} | {e["path"] for e in part["errors"]} for part in parts]
    for i in range(3):
        for j in range(i + 1, 3):
            assert not paths[i] & paths[j], "a file was checked by two shards"
    assert sum(part["summary"]["files_scanned"] for part in parts) == whole["summary"]["files_scanned"]
    assert sum(1 for p in paths if p) >= 2, "twelve files should not all land in one shard"

    union = sorted((f for part in parts for f in part["findings"]), key=key)
    assert union == sorted(whole["findings"], key=key)
    errors = sorted((e for part in parts for e in part["errors"]), key=key)
    assert errors == sorted(whole["errors"], key=key)


def test_sharding_is_deterministic_across_runs_and_hash_seeds(project) -> None:
    root = project(FILES)
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}

    def shard_paths(seed: str) -> list[set[str]]:
        slices = []
        for k in (1, 2, 3):
            done = subprocess.run(
                [sys.executable, "-m", "ssot_lint", "check", "--shard", f"{k}/3", "--jobs", "1",
                 "--no-cache", "--output-format", "json"],
                cwd=root, capture_output=True, text=True, timeout=120,
                env={**environment, "PYTHONHASHSEED": seed},
            )
            assert done.returncode in (0, 1), done.stderr
            slices.append({f["path"] for f in json.loads(done.stdout)["findings"]})
        return slices

    assert shard_paths("1") == shard_paths("12345")


def test_a_single_shard_of_one_is_the_whole_run(project, monkeypatch) -> None:
    root = project(FILES)
    _, whole = json_check(root, monkeypatch)
    code, only = json_check(root, monkeypatch, "--shard", "1/1")
    assert code == 1
    assert only["findings"] == whole["findings"]
    assert comparable(only["summary"]) == comparable(whole["summary"])


@pytest.mark.parametrize("value", ["0/3", "4/3", "x", "3", "1/0", "/3", "1/", "-1/3", "1/3/5", ""])
def test_a_bad_shard_exits_2_with_a_message(project, monkeypatch, value: str) -> None:
    root = project(FILES)
    result = cli(root, monkeypatch, "check", "--jobs", "1", "--no-cache", "--shard", value)
    assert result.exit_code == 2, result.output
    assert "--shard" in result.stderr
    assert result.stdout == ""


# --- merge ---------------------------------------------------------------------------------------


def test_merging_the_shards_gives_the_unsharded_report(project, monkeypatch) -> None:
    root = project({**FILES, **BROKEN})
    _, whole = json_check(root, monkeypatch)
    reports = shard_reports(root, monkeypatch)
    result = cli(root, monkeypatch, "merge", *(str(p) for p in reports), "--output-format", "json")
    assert result.exit_code == 2  # broken.py's SSOT000 survives the merge
    merged = json.loads(result.stdout)
    assert merged["version"] == whole["version"] == 1
    assert merged["findings"] == whole["findings"]
    assert merged["errors"] == whole["errors"]
    assert merged["summary"]["files_scanned"] == whole["summary"]["files_scanned"]
    assert merged["summary"]["findings"] == whole["summary"]["findings"]
    assert comparable(merged["summary"]) == comparable(whole["summary"])


def test_merge_order_does_not_matter(project, monkeypatch) -> None:
    root = project(FILES)
    reports = [str(p) for p in shard_reports(root, monkeypatch)]
    forward = cli(root, monkeypatch, "merge", *reports, "--output-format", "json")
    backward = cli(root, monkeypatch, "merge", *reversed(reports), "--output-format", "json")
    assert json.loads(forward.stdout)["findings"] == json.loads(backward.stdout)["findings"]


def test_merge_writes_text_and_sarif_and_to_a_file(project, monkeypatch) -> None:
    root = project(FILES)
    reports = [str(p) for p in shard_reports(root, monkeypatch)]
    whole = cli(root, monkeypatch, "check", "--jobs", "1", "--no-cache")
    text = cli(root, monkeypatch, "merge", *reports)
    assert text.exit_code == 1
    findings_lines = lambda out: [l for l in out.splitlines() if " SSOT0" in l and l.startswith("app/")]  # noqa: E731
    assert findings_lines(text.stdout) == findings_lines(whole.stdout)
    assert len(findings_lines(text.stdout)) >= 12

    sarif = cli(root, monkeypatch, "merge", *reports, "--output-format", "sarif", "-o", "merged.sarif")
    assert sarif.exit_code == 1
    document = json.loads((root / "merged.sarif").read_text(encoding="utf-8"))
    results = [r for run in document["runs"] for r in run["results"]]
    _, unsharded = json_check(root, monkeypatch)
    assert len(results) == len(unsharded["findings"])


def test_merge_exits_1_with_findings_and_0_without(project, monkeypatch) -> None:
    dirty = project(FILES)
    reports = [str(p) for p in shard_reports(dirty, monkeypatch)]
    assert cli(dirty, monkeypatch, "merge", *reports).exit_code == 1

    clean = project(CLEAN)
    reports = [str(p) for p in shard_reports(clean, monkeypatch)]
    result = cli(clean, monkeypatch, "merge", *reports)
    assert result.exit_code == 0
    assert "All checks passed!" in result.stdout
    merged = json.loads(cli(clean, monkeypatch, "merge", *reports, "--output-format", "json").stdout)
    assert merged["findings"] == [] and merged["errors"] == []
    _, whole = json_check(clean, monkeypatch)
    assert merged["summary"]["files_scanned"] == whole["summary"]["files_scanned"]


@pytest.mark.parametrize("content", [
    "this is not json\n",
    '{"a": 1}\n',
    "[1, 2, 3]\n",
    '{"version": 2, "findings": []}\n',
    "",
], ids=["text", "other-json", "list", "other-version", "empty"])
def test_merge_of_a_file_that_is_not_a_report_exits_2_naming_it(project, monkeypatch, content: str) -> None:
    root = project(FILES)
    (good,) = shard_reports(root, monkeypatch, 1)
    bad = root / "notes.json"
    bad.write_text(content, encoding="utf-8")
    result = cli(root, monkeypatch, "merge", str(good), str(bad))
    assert result.exit_code == 2
    assert "notes.json" in result.stderr
    assert "report" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_merge_of_a_missing_file_exits_2(project, monkeypatch) -> None:
    root = project(FILES)
    result = cli(root, monkeypatch, "merge", "nowhere.json")
    assert result.exit_code == 2
    assert "nowhere.json" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("document", [
    {"version": 1, "findings": [{"path": "a.py"}]},
    {"version": 1, "findings": ["a.py"]},
    {"version": 1, "findings": 5},
    {"version": 1, "findings": [], "errors": [{"path": "a.py"}]},
    {"version": 1, "findings": [], "summary": "none"},
    {"version": 1, "findings": [], "summary": {"files_scanned": "many"}},
], ids=["finding-without-location", "finding-string", "findings-number", "error-without-kind",
        "summary-string", "files-scanned-string"])
def test_merge_of_a_malformed_report_exits_2(project, monkeypatch, document) -> None:
    root = project(FILES)
    bad = root / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    result = cli(root, monkeypatch, "merge", str(bad))
    assert result.exit_code == 2
    assert "bad.json" in result.stderr
    assert "Traceback" not in result.output
