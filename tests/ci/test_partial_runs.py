"""A partial run (`--diff-base`, `--shard`, the file names a pre-commit hook passes, a buffer on
stdin) sees part of the project, so it never says a contract warning that is only true of the
whole: an `allowed-in` glob matching no checked module, a deprecated module imported nowhere."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssot_lint.cli.main import app

UNMATCHED = "allowed-in `app.factories.*` matches no checked module"
DELETABLE = "is no longer imported anywhere"
USER = "from app.websocket_core.websocket_manager import get_websocket_manager\n"


@pytest.fixture
def repo(make_repo):  # type: ignore[no-untyped-def]
    repo = make_repo({"app/users/a.py": USER, "app/users/b.py": USER})
    text = repo.read("pyproject.toml").replace(
        'allowed-in = ["app.websocket_core.*"]', 'allowed-in = ["app.websocket_core.*", "app.factories.*"]')
    (repo.root / "pyproject.toml").write_text(text, encoding="utf-8")
    repo.commit("a glob for a package that does not exist yet")
    return repo


def _check(repo, *args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    previous = Path.cwd()
    os.chdir(repo.root)
    try:
        return repo.runner.invoke(app, ["check", "--no-cache", "--jobs", "1", *args], input=stdin)
    finally:
        os.chdir(previous)


def test_the_whole_project_hears_both_warnings(repo) -> None:  # type: ignore[no-untyped-def]
    result = _check(repo)
    assert result.exit_code == 0, result.output
    assert UNMATCHED in result.stderr and DELETABLE in result.stderr


@pytest.mark.parametrize("args", [
    ("--diff-base", "main"),
    ("--shard", "1/2"),
    ("app/users/a.py", "app/users/b.py"),  # what a pre-commit hook passes
    ("--stdin-filename", "app/users/a.py"),
], ids=["diff-base", "shard", "file-names", "stdin"])
def test_a_partial_run_says_neither(repo, args) -> None:  # type: ignore[no-untyped-def]
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/users/a.py", USER + "VALUE = 1\n")
    result = _check(repo, *args, stdin=USER if "--stdin-filename" in args else None)
    assert result.exit_code == 0, result.output
    assert UNMATCHED not in result.stderr and DELETABLE not in result.stderr
