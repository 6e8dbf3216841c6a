"""fix on the reference runtime manager: the migration end to end, and --diff that writes nothing."""

from __future__ import annotations

import collections
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "fixtures" / "reference_app"

pytestmark = pytest.mark.slow


def _cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ssot_lint", *args], cwd=cwd, capture_output=True, text=True)


def _tree_hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ssot_lint_cache" not in p.parts and "__pycache__" not in p.parts
    }


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "reference_app"
    shutil.copytree(REFERENCE, target, ignore=shutil.ignore_patterns(".ssot_lint_cache", "__pycache__", ".pytest_cache"))
    return target


def _findings(root: Path) -> list[dict]:  # type: ignore[type-arg]
    done = _cli(root, "check", ".", "--no-cache", "--output-format", "json")
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def test_fix_migrates_the_app_its_tests_still_pass_and_only_unfixable_findings_remain(tmp_path: Path) -> None:
    app = _copy(tmp_path)
    before = _findings(app)
    # by path and code: an instantiation's symbol is the name it resolves to, which moves with its import
    unfixable = collections.Counter((f["path"], f["code"]) for f in before if not f["fixable"])

    done = _cli(app, "fix", ".")
    assert done.returncode == 1, done.stdout + done.stderr  # the unfixable findings are left
    assert f"Fixed {sum(f['fixable'] for f in before)} findings" in done.stdout

    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=app, capture_output=True, text=True
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr

    after = _findings(app)
    assert all(not f["fixable"] for f in after)
    assert collections.Counter((f["path"], f["code"]) for f in after) == unfixable
    assert {"SSOT003", "SSOT005"} <= {f["code"] for f in after}
    runner = (app / "app/agents/runner.py").read_text()  # the renamed class is used by its new name,
    assert "from app.websocket_core.websocket_manager import (\n    AGENT_EVENTS,\n    UnifiedWebSocketManager,\n" in runner
    assert runner.count("from app.websocket_core") == 1  # imported by the canonical import already there
    assert "isinstance(manager, UnifiedWebSocketManager)" in runner


def test_a_second_fix_changes_nothing(tmp_path: Path) -> None:
    app = _copy(tmp_path)
    _cli(app, "fix", ".")
    fixed = _tree_hashes(app)
    again = _cli(app, "fix", ".")
    assert "Nothing to fix." in again.stdout
    assert _tree_hashes(app) == fixed


def test_fix_diff_shows_the_whole_migration_and_changes_no_file() -> None:
    before = _tree_hashes(REFERENCE)
    done = _cli(REFERENCE.parent.parent, "fix", "--diff", "fixtures/reference_app")
    assert done.returncode == 1  # something would change
    assert _tree_hashes(REFERENCE) == before
    diffed = {line[len("--- a/"):] for line in done.stdout.splitlines() if line.startswith("--- a/")}
    expected = {f["path"] for f in json.loads((REFERENCE / "expected_findings.json").read_text())} - {
        "app/services/broadcast.py", "app/services/legacy.py", "app/services/legacy_dual.py",
    }
    assert {p.removeprefix("fixtures/reference_app/") for p in diffed} == expected
    assert "-from app.websocket_core.manager import WebSocketManager\n" in done.stdout
    assert "+    UnifiedWebSocketManager,\n" in done.stdout  # joins the canonical import below, sorted
