"""The bench scripts run on a tiny corpus and produce a well-formed table (no timing assertions)."""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MAKE_CORPUS = REPO / "bench" / "make_corpus.py"
RUN = REPO / "bench" / "run.py"
CODES = {"SSOT001", "SSOT002", "SSOT003", "SSOT004", "SSOT005"}
DEPRECATED = (
    "websocket_core.manager",
    "websocket_core.unified_manager",
    "websocket_core.websocket_manager_factory",
    "websocket_core import manager",
    "websocket_core import websocket_manager_factory",
    "websocket_core import unified_manager",
    "class UnifiedWebSocketManager",
)


def make(out: Path, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(MAKE_CORPUS), str(out), "--json", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def tree_digest(root: Path) -> dict[str, str]:
    # the stamp records the generation time, everything else must be byte-identical
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".corpus-stamp"
    }


def ssot_lint() -> str:
    local = Path(sys.executable).parent / "ssot-lint"
    return str(local) if local.exists() else (shutil.which("ssot-lint") or "ssot-lint")


def test_make_corpus_is_deterministic_valid_and_plants_every_rule(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    stats = make(a, "--files", "40", "--target-mb", "0.8", "--seed", "3", "--verify")
    make(b, "--files", "40", "--target-mb", "0.8", "--seed", "3")
    make(c, "--files", "40", "--target-mb", "0.8", "--seed", "4")
    assert tree_digest(a) == tree_digest(b)
    assert tree_digest(a) != tree_digest(c)

    py = sorted(a.rglob("*.py"))
    assert len(py) == stats["files"] == 40
    for path in py:
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path), feature_version=(3, 10))

    manifest = json.loads((a / ".corpus-manifest.json").read_text())
    planted = manifest["planted"]
    assert 0.05 <= len(planted) / len(py) <= 0.2
    for rel in planted:
        assert any(needle in (a / rel).read_text() for needle in DEPRECATED), rel
    for rel in manifest["canonical_only"]:
        assert "websocket_core.websocket_manager import" in (a / rel).read_text()
    assert (a / "app/websocket_core/websocket_manager.py").exists()
    assert '"app.websocket_core.manager".msg' in (a / "pyproject.toml").read_text()

    proc = subprocess.run(
        [ssot_lint(), "check", "--output-format", "json", "."],
        cwd=a,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert CODES <= {f["code"] for f in doc["findings"]}
    flagged = {Path(f["path"]).as_posix() for f in doc["findings"]}
    assert flagged <= set(planted), flagged - set(planted)


@pytest.mark.slow
def test_run_prints_a_well_formed_table(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    proc = subprocess.run(
        [
            sys.executable,
            str(RUN),
            "--quick",
            "--runs",
            "1",
            "--files",
            "40",
            "--corpus",
            str(corpus),
            "--only",
            "cold,warm",
            "--cold-without-no-cache",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    table = [line for line in proc.stdout.splitlines() if line.startswith("|")]
    assert table[0] == "| measure | ssot-lint | peer | ratio | target | met |"
    assert table[1] == "|---|---|---|---|---|---|"
    rows = table[2:]
    assert len(rows) == 2
    assert rows[0].startswith("| cold check") and rows[1].startswith("| warm check")
    for row in rows:
        cells = row.strip("|").split(" | ")
        assert len(cells) == 6, row
        assert cells[5].strip() in {"yes", "no"}
        assert "error" not in row
    assert (corpus / ".corpus-stamp").exists()
