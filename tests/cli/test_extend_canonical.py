"""`fix --extend-canonical` (issue 15, section 4): one command completes a migration whose canonical
module still lacks names importers need, in the right order, and `check` predicts it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

CONTRACT = """\
[tool.ssot-lint]
src = ["."]

[[tool.ssot-lint.contract]]
name = "widgets"
canonical = "app.core.canon"
deprecated = ["app.legacy.old", "app.legacy.shim", "app.legacy.twin"]
"""
CANON = '"""The canonical widgets."""\n\nimport os\n\n\nclass Widget:\n    pass\n'
FILES = {
    "app/__init__.py": "", "app/core/__init__.py": "", "app/legacy/__init__.py": "",
    "app/core/canon.py": CANON,
    "app/legacy/old.py": "class Gadget:\n    pass\n\n\ndef make_gadget():\n    return Gadget()\n\n\nLIMIT = 3\n",
    # imports the canonical module: re-exporting from it would be a cycle
    "app/legacy/shim.py": "from app.core.canon import Widget\n\n\ndef helper():\n    return Widget()\n",
    "app/consumer.py": (
        "from app.legacy.old import Gadget, make_gadget, LIMIT\nfrom app.legacy.shim import helper\n\n"
        "print(Gadget.__name__, make_gadget().__class__.__name__, LIMIT, helper().__class__.__name__)\n"
    ),
}


def _project(root: Path, files: dict[str, str]) -> Path:
    (root / "pyproject.toml").write_text(CONTRACT)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(root)
    return CliRunner().invoke(app, list(args))


def _runs(root: Path) -> str:
    done = subprocess.run([sys.executable, "app/consumer.py"], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root)}, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_check_says_which_imports_extend_canonical_would_fix_and_why_not_the_others(tmp_path, monkeypatch) -> None:
    root = _project(tmp_path, FILES)
    result = cli(root, "check", "app/consumer.py", "--output-format", "json", monkeypatch=monkeypatch)
    reasons = {f["symbol"]: f["unfixable_reason"] for f in json.loads(result.stdout)["findings"]}
    assert reasons["app.legacy.old.Gadget"] == (
        "canonical module `app.core.canon` has no `Gadget` (`fix --extend-canonical` re-exports it there from "
        "`app.legacy.old`)"
    )
    assert reasons["app.legacy.shim.helper"].endswith(
        "(not by `--extend-canonical`: `app.legacy.shim` imports `app.core.canon`: re-exporting from it would "
        "make an import cycle)"
    )


def test_fix_extends_the_canonical_module_first_then_moves_the_importers(tmp_path, monkeypatch) -> None:
    root = _project(tmp_path, FILES)
    before = _runs(root)
    result = cli(root, "fix", "--extend-canonical", "-j", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1  # `helper` is left: its module imports the canonical one
    assert (root / "app/core/canon.py").read_text() == CANON.replace(
        "import os\n", "import os\nfrom app.legacy.old import LIMIT, Gadget, make_gadget\n"
    )
    assert (root / "app/consumer.py").read_text().startswith(
        "from app.core.canon import Gadget, make_gadget, LIMIT\nfrom app.legacy.shim import helper\n"
    )
    assert "extended app/core/canon.py: from app.legacy.old import LIMIT, Gadget, make_gadget" in result.stdout
    assert _runs(root) == before  # the program still does what it did
    again = cli(root, "fix", "--extend-canonical", "-j", "1", monkeypatch=monkeypatch)
    assert "Nothing to fix." in again.stdout and "extended" not in again.stdout


def test_fix_diff_shows_both_steps_and_writes_nothing(tmp_path, monkeypatch) -> None:
    root = _project(tmp_path, FILES)
    result = cli(root, "fix", "--extend-canonical", "--diff", "-j", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert "+from app.legacy.old import LIMIT, Gadget, make_gadget\n" in result.stdout
    assert "+from app.core.canon import Gadget, make_gadget, LIMIT\n" in result.stdout
    assert "would be extended app/core/canon.py" in result.stdout
    assert {name: (root / name).read_text() for name in FILES} == FILES


def test_without_the_option_nothing_is_added(tmp_path, monkeypatch) -> None:
    root = _project(tmp_path, FILES)
    result = cli(root, "fix", "-j", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert (root / "app/core/canon.py").read_text() == CANON


def test_a_name_two_deprecated_modules_define_is_refused_with_the_reason(tmp_path, monkeypatch) -> None:
    files = {
        **FILES,
        "app/legacy/twin.py": "class Gadget:\n    pass\n",
        "app/consumer.py": "from app.legacy.old import Gadget, LIMIT\nfrom app.legacy.twin import Gadget as G2\n",
    }
    root = _project(tmp_path, files)
    result = cli(root, "fix", "--extend-canonical", "-j", "1", monkeypatch=monkeypatch)
    assert ("not extended: `app.core.canon.Gadget` would be both `app.legacy.old.Gadget`, "
            "`app.legacy.twin.Gadget`: add it by hand") in result.stdout
    assert "from app.legacy.old import LIMIT\n" in (root / "app/core/canon.py").read_text()
    assert (root / "app/consumer.py").read_text().startswith("from app.legacy.old import Gadget\n")
