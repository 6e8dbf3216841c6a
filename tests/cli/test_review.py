"""Reviewing a migration at scale (issue 15, section 5): `fix --interactive` asks file by file,
`fix --diff --split-by owner|directory` writes one patch per CODEOWNERS owner or top-level folder."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.cli import review
from ssot_lint.cli.main import app
from ssot_lint.fix.split import owners_rules, split

OLD = "from app.websocket_core.unified_manager import UnifiedWebSocketManager\n"
NEW = "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n"
FILES = {"app/agents/a.py": OLD, "app/agents/b.py": OLD, "app/routes/c.py": OLD, "tools/d.py": OLD}
OWNERS = "# who reviews what\n*  @org/platform\n/app/agents/ @org/agents @alice\ntools/*.py\n"


def cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch, given: str | None = None):
    monkeypatch.chdir(root)
    return CliRunner().invoke(app, list(args), input=given)


def _texts(root: Path) -> dict[str, str]:
    return {name: (root / name).read_text() for name in FILES}


def test_split_by_owner_writes_one_patch_per_owner_that_applies(project, monkeypatch) -> None:
    root = project({**FILES, ".github/CODEOWNERS": OWNERS})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    result = cli(root, "fix", "--diff", "--split-by", "owner", "--patch-dir", "out", "-j", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1  # --diff: something would change
    assert _texts(root) == FILES  # nothing written but the patches
    patches = sorted(p.name for p in (root / "out").iterdir())
    assert patches == ["org-agents-alice.patch", "org-platform.patch", "unowned.patch"]
    touched = {p: [line[6:] for line in (root / "out" / p).read_text().splitlines() if line.startswith("+++ ")] for p in patches}
    assert touched == {
        "org-agents-alice.patch": ["app/agents/a.py", "app/agents/b.py"],
        "org-platform.patch": ["app/routes/c.py"],
        "unowned.patch": ["tools/d.py"],  # a pattern with no owner leaves its files unowned
    }
    assert "out/org-agents-alice.patch: @org/agents @alice (2 files)" in result.stderr
    for patch in patches:
        subprocess.run(["git", "apply", str(root / "out" / patch)], cwd=root, check=True)
    assert _texts(root) == {name: NEW for name in FILES}


def test_split_by_directory_groups_by_top_level_folder(project, monkeypatch) -> None:
    root = project({**FILES, "top.py": OLD})
    result = cli(root, "fix", "--diff", "--split-by", "directory", "--patch-dir", "out", "-j", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 1
    assert sorted(p.name for p in (root / "out").iterdir()) == ["app.patch", "tools.patch", "top-level.patch"]
    assert (root / "out/app.patch").read_text().count("+++ ") == 3


def test_split_by_owner_without_codeowners_is_a_usage_error(project, monkeypatch) -> None:
    root = project(FILES)
    result = cli(root, "fix", "--diff", "--split-by", "owner", "--patch-dir", "out", "-j", "1", monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert "--split-by owner: no CODEOWNERS in" in result.stderr
    assert not (root / "out").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split-by", "owner"], "--split-by writes patches instead of files: use it with --diff"),
        (["--diff", "--split-by", "team"], "--split-by takes owner or directory, not 'team'"),
        (["--interactive", "--diff"], "--interactive asks before writing files"),
        (["--interactive"], "--interactive needs a terminal to ask on"),
    ],
)
def test_review_options_used_wrongly_exit_2_and_change_nothing(project, monkeypatch, args, message) -> None:
    root = project(FILES)
    result = cli(root, "fix", *args, monkeypatch=monkeypatch)
    assert result.exit_code == 2
    assert message in result.stderr
    assert _texts(root) == FILES


def test_interactive_writes_only_the_files_accepted(project, monkeypatch) -> None:
    root = project(FILES)
    monkeypatch.setattr(review, "is_terminal", lambda: True)
    # files come in path order: a yes, b no, c "all the rest" (c and d written)
    result = cli(root, "fix", "--interactive", "-j", "1", monkeypatch=monkeypatch, given="y\nn\na\n")
    assert result.exit_code == 1  # b's finding is left
    assert _texts(root) == {"app/agents/a.py": NEW, "app/agents/b.py": OLD, "app/routes/c.py": NEW, "tools/d.py": NEW}
    assert result.stdout.count("Write ") == 3  # not asked again after "a"
    assert "+" + NEW in result.stdout  # the diff is shown before the question


def test_interactive_quit_leaves_the_rest(project, monkeypatch) -> None:
    root = project(FILES)
    monkeypatch.setattr(review, "is_terminal", lambda: True)
    result = cli(root, "fix", "--interactive", "-j", "1", monkeypatch=monkeypatch, given="what\ny\nq\n")
    assert result.exit_code == 1
    assert _texts(root) == {"app/agents/a.py": NEW, "app/agents/b.py": OLD, "app/routes/c.py": OLD, "tools/d.py": OLD}


@pytest.mark.parametrize(
    ("pattern", "path", "owned"),
    [
        ("*.js", "web/app/x.js", True),
        ("/build/", "build/logs/x.py", True),
        ("/build/", "src/build/x.py", False),
        ("apps/", "a/apps/x.py", True),
        ("docs/*", "docs/x.md", True),
        ("docs/*", "docs/deep/x.md", False),
        ("**/logs", "a/b/logs/x.py", True),
        ("src/**/test_*.py", "src/a/b/test_x.py", True),
        ("app/agents", "app/agents/a.py", True),
        ("app/agents", "lib/app/agents/a.py", False),
    ],
)
def test_codeowners_patterns_follow_github(pattern: str, path: str, owned: bool) -> None:
    [patch] = split([(path, path, "diff\n")], "owner", owners_rules(f"{pattern} @team\n"))
    assert (patch.group == "@team") is owned
