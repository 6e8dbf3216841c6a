"""End to end on the reference app: `check` finds exactly the known set, however it is run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "fixtures" / "reference_app"
PREFIX = "fixtures/reference_app/"


def expected(prefix: str = "") -> Counter[tuple[str, int, str]]:
    rows = json.loads((FIXTURE / "expected_findings.json").read_text(encoding="utf-8"))
    return Counter((prefix + row["path"], row["line"], row["code"]) for row in rows)


def ssot_lint(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SSOT_LINT_NO_PREFILTER")}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "ssot_lint", *args],
        cwd=cwd, capture_output=True, text=True, env=environment, timeout=120,
    )


def json_check(*args: str, cwd: Path = REPO, env: dict[str, str] | None = None) -> dict:
    result = ssot_lint("check", *args, "--output-format", "json", cwd=cwd, env=env)
    assert result.returncode == 1, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def found(document: dict) -> Counter[tuple[str, int, str]]:
    return Counter((f["path"], f["line"], f["code"]) for f in document["findings"])


def test_check_from_the_repo_root_finds_exactly_the_expected_findings() -> None:
    document = json_check("fixtures/reference_app")
    assert document["errors"] == []
    assert found(document) == expected(PREFIX)


def test_check_from_inside_the_app_finds_exactly_the_expected_findings() -> None:
    document = json_check(cwd=FIXTURE)
    assert document["errors"] == []
    assert found(document) == expected()


def test_the_text_report_shows_each_finding_and_the_summary() -> None:
    result = ssot_lint("check", cwd=FIXTURE)
    assert result.returncode == 1
    first = min(expected())
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"{first[0]}:{first[1]}:") and f" {first[2]} " in line for line in lines)
    total = sum(expected().values())
    files = len({path for path, _, _ in expected()})
    assert any(line.startswith(f"{total} findings (") and f" in {files} files; " in line for line in lines)
    assert "Findings by rule" in result.stdout


def test_serial_and_parallel_runs_give_identical_findings() -> None:
    serial = json_check("--jobs", "1", cwd=FIXTURE)["findings"]
    parallel = json_check("--jobs", "2", cwd=FIXTURE)["findings"]
    assert serial == parallel


def test_the_prefilter_changes_no_finding() -> None:
    with_prefilter = json_check("--jobs", "1", cwd=FIXTURE)
    without = json_check("--jobs", "1", cwd=FIXTURE, env={"SSOT_LINT_NO_PREFILTER": "1"})
    assert with_prefilter["findings"] == without["findings"]
    assert without["errors"] == []


def test_the_reference_apps_own_tests_pass() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=FIXTURE, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
