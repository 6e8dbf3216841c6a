"""A fresh copy of the reference app per test, and a CLI runner working inside it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "reference_app"


@pytest.fixture
def reference_app(tmp_path: Path) -> Path:
    """The reference app copied to a temporary folder (its own contract included)."""
    target = tmp_path / "reference_app"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns(".ssot_lint_cache", "__pycache__"))
    return target


Run = Callable[..., "object"]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., object]:
    """`run(cwd, "graph", "X")` -> the CliRunner result, run with `cwd` as the current folder."""

    def invoke(cwd: Path, *args: str) -> object:
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("NO_COLOR", raising=False)
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return invoke
