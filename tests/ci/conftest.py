"""Real temporary git repositories holding the reference app's contract, and a CLI runner.

Every CI test builds its repository with the real `git` executable (identity configured locally,
global and system configuration ignored, so the machine's git settings cannot change the
outcome) and drives the command line, asserting exit codes and what a user sees.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ssot_lint.checks.base import DEFAULT_SOURCES
from ssot_lint.cli.main import app

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_PYPROJECT = REPO_ROOT / "fixtures" / "reference_app" / "pyproject.toml"

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
#: one SSOT001 finding each.
VIOLATION = f"from {OLD} import {UWM}\n"
OTHER_VIOLATION = "from app.websocket_core.manager import WebSocketManager\n"
CLEAN = "import os\n"

def git_env(**extra: str) -> dict[str, str]:
    """The environment for git: no global or system configuration, a fixed identity and dates."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_DATE="2024-01-01T00:00:00Z",
        GIT_COMMITTER_DATE="2024-01-01T00:00:00Z",
        GIT_TERMINAL_PROMPT="0",
    )
    env.update(extra)
    return env


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=git_env(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed in {cwd}:\n{done.stdout}{done.stderr}")
    return done.stdout


def configure(repo: Path) -> None:
    git(repo, "config", "user.name", "CI Test")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "commit.gpgsign", "false")
    git(repo, "config", "core.autocrlf", "false")


@dataclass
class Repo:
    """A git working tree with the reference app's contract in its pyproject.toml."""

    root: Path
    runner: CliRunner = field(default_factory=CliRunner)

    def git(self, *args: str) -> str:
        return git(self.root, *args)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def commit(self, message: str = "change", *paths: str) -> str:
        self.git("add", "-A", *paths)
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def settings(self, lines: str) -> None:
        """Add `lines` to the [tool.ssot-lint] table of pyproject.toml."""
        text = self.read("pyproject.toml").replace("[tool.ssot-lint]\n", f"[tool.ssot-lint]\n{lines}\n", 1)
        (self.root / "pyproject.toml").write_text(text, encoding="utf-8")

    def cli(self, *args: str, cwd: Path | None = None) -> Any:
        """`ssot-lint *args` in-process, from the repository root (or `cwd`)."""
        previous = Path.cwd()
        os.chdir(cwd or self.root)
        try:
            return self.runner.invoke(app, list(args))
        finally:
            os.chdir(previous)

    def check(self, *args: str) -> Any:
        return self.cli("check", "--no-cache", "--jobs", "1", *args)

    def check_json(self, *args: str) -> tuple[int, dict[str, Any]]:
        result = self.check("--output-format", "json", *args)
        assert result.exit_code in (0, 1), result.output
        return result.exit_code, json.loads(result.stdout)

    @staticmethod
    def found(document: dict[str, Any]) -> list[tuple[str, int, str]]:
        """(path, line, code) of every reported finding."""
        return sorted((f["path"], f["line"], f["code"]) for f in document["findings"])

    @staticmethod
    def found_paths(document: dict[str, Any]) -> set[str]:
        return {f["path"] for f in document["findings"]}


def init_repo(root: Path, files: dict[str, str] | None = None, *, branch: str = "main") -> Repo:
    """A repository with the reference contract, the contract's modules and `files`, committed."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", branch)
    configure(root)
    repo = Repo(root)
    shutil.copyfile(REFERENCE_PYPROJECT, root / "pyproject.toml")
    repo.write(".gitignore", ".ssot_lint_cache/\n")
    for relative, text in {**DEFAULT_SOURCES, **(files or {})}.items():
        repo.write(relative, text)
    repo.commit("initial")
    return repo


RepoFactory = Callable[..., Repo]


@pytest.fixture
def make_repo(tmp_path: Path) -> RepoFactory:
    """`make_repo({"app/x.py": "..."}, name="repo")` -> a committed repository on branch main."""

    def make(files: dict[str, str] | None = None, *, name: str = "repo", branch: str = "main") -> Repo:
        return init_repo(tmp_path / name, files, branch=branch)

    return make


CloneFactory = Callable[..., Repo]


@pytest.fixture
def clone(tmp_path: Path) -> CloneFactory:
    """`clone(origin, "name", "--depth", "1", ...)` -> a configured clone of `origin` over file://."""

    def make(origin: Repo, name: str, *args: str) -> Repo:
        git(tmp_path, "clone", "-q", *args, origin.root.resolve().as_uri(), name)
        configure(tmp_path / name)
        return Repo(tmp_path / name)

    return make


def run_module(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m ssot_lint *args` in a real subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "ssot_lint", *args], cwd=cwd, env=env or git_env(), capture_output=True,
        text=True, check=False, timeout=120,
    )


@pytest.fixture
def subprocess_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """`subprocess_cli(cwd, *args)`: `python -m ssot_lint *args` in a real subprocess."""
    return run_module


@pytest.fixture(scope="session")
def git_tools() -> tuple[Callable[..., str], Callable[..., dict[str, str]]]:
    """(git, git_env): run git in a folder, and the isolated environment git runs in."""
    return git, git_env
