"""`check --diff-base REF`: only files changed since the merge base with REF, only changed lines.

Each test builds a real git repository (see conftest) and drives the command line.
"""

from __future__ import annotations

import json

from pathlib import Path

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
VIOLATION = f"from {OLD} import {UWM}\n"
OTHER = "from app.websocket_core.manager import WebSocketManager\n"
CLEAN = "import os\n"
#: enough unchanged lines that git still sees a rename after a one-line edit.
BODY = "".join(f"value_{i} = {i}\n" for i in range(20))


def test_checks_committed_staged_unstaged_and_untracked_files_only(make_repo) -> None:
    repo = make_repo({
        "app/untouched.py": VIOLATION,  # a violation on main that nobody touches
        "app/committed.py": CLEAN,
        "app/staged.py": CLEAN,
        "app/unstaged.py": CLEAN,
    })
    repo.write(".gitignore", ".ssot_lint_cache/\napp/ignored.py\n")
    repo.commit("ignore a file")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/committed.py", CLEAN + VIOLATION)
    repo.commit("committed on the branch")
    repo.write("app/staged.py", CLEAN + VIOLATION)
    repo.git("add", "app/staged.py")
    repo.write("app/unstaged.py", CLEAN + VIOLATION)
    repo.write("app/untracked.py", VIOLATION)
    repo.write("app/ignored.py", VIOLATION)

    code, document = repo.check_json("--diff-base", "main")

    assert code == 1
    assert repo.found(document) == [
        ("app/committed.py", 2, "SSOT001"),
        ("app/staged.py", 2, "SSOT001"),
        ("app/unstaged.py", 2, "SSOT001"),
        ("app/untracked.py", 1, "SSOT001"),
    ]
    assert document["summary"]["files_scanned"] == 4  # not untouched.py, not ignored.py

    # without --diff-base the untouched file is checked too
    _, everything = repo.check_json()
    assert "app/untouched.py" in repo.found_paths(everything)


def test_nothing_changed_is_clean(make_repo) -> None:
    repo = make_repo({"app/legacy.py": VIOLATION})
    result = repo.check("--diff-base", "main")
    assert result.exit_code == 0, result.output
    assert "0 files scanned" in result.output


def test_only_added_or_modified_lines_are_reported_unless_all_lines(make_repo) -> None:
    repo = make_repo({"app/mixed.py": VIOLATION + "x = 1\ny = 2\n"})
    repo.git("checkout", "-q", "-b", "feature")
    # line 2 modified into a violation, line 4 added; line 1 (pre-existing) untouched
    repo.write("app/mixed.py", VIOLATION + OTHER + "y = 2\n" + VIOLATION.replace(UWM, f"{UWM} as Manager"))
    repo.commit("edit")

    code, document = repo.check_json("--diff-base", "main")
    assert code == 1
    assert [(p, line) for p, line, _ in repo.found(document)] == [("app/mixed.py", 2), ("app/mixed.py", 4)]

    code, document = repo.check_json("--diff-base", "main", "--all-lines")
    assert code == 1
    assert [(p, line) for p, line, _ in repo.found(document)] == [
        ("app/mixed.py", 1), ("app/mixed.py", 2), ("app/mixed.py", 4),
    ]


def test_preexisting_violation_in_a_changed_file_is_not_reported(make_repo) -> None:
    repo = make_repo({"app/legacy.py": VIOLATION + BODY})
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/legacy.py", VIOLATION + BODY + "extra = 1\n")
    repo.commit("harmless edit")

    result = repo.check("--diff-base", "main")
    assert result.exit_code == 0, result.output

    result = repo.check("--diff-base", "main", "--all-lines")
    assert result.exit_code == 1
    assert "app/legacy.py:1:" in result.output


def test_all_lines_needs_diff_base(make_repo) -> None:
    repo = make_repo()
    result = repo.check("--all-lines")
    assert result.exit_code == 2
    assert "--diff-base" in result.output


def test_renamed_file_without_content_change_reports_nothing(make_repo) -> None:
    repo = make_repo({"app/old_name.py": VIOLATION + BODY})
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("mv", "app/old_name.py", "app/new_name.py")
    repo.commit("rename")

    code, document = repo.check_json("--diff-base", "main")
    assert code == 0
    assert document["findings"] == []
    # the renamed file's old violation is still there for a full run
    _, everything = repo.check_json()
    assert "app/new_name.py" in repo.found_paths(everything)


def test_renamed_and_edited_file_reports_only_the_edited_line(make_repo) -> None:
    repo = make_repo({"app/old_name.py": VIOLATION + BODY})
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("mv", "app/old_name.py", "app/new_name.py")
    repo.write("app/new_name.py", VIOLATION + BODY + OTHER)
    repo.commit("rename and edit")
    assert "R" in repo.git("diff", "--name-status", "-M", "main", "HEAD")  # git sees a rename

    code, document = repo.check_json("--diff-base", "main")
    assert code == 1
    assert [(p, line) for p, line, _ in repo.found(document)] == [("app/new_name.py", 22)]


def test_renamed_but_uncommitted_file_is_followed(make_repo) -> None:
    repo = make_repo({"app/old_name.py": VIOLATION + BODY})
    repo.git("mv", "app/old_name.py", "app/new_name.py")  # staged rename, no commit
    result = repo.check("--diff-base", "HEAD")
    assert result.exit_code == 0, result.output


def test_merge_base_not_branch_tip(make_repo) -> None:
    """Work done on main after the branch point is not the pull request's: compare with the merge base."""
    repo = make_repo({"app/legacy.py": VIOLATION + BODY, "app/feature.py": CLEAN})
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/feature.py", CLEAN + VIOLATION)
    repo.commit("feature work")
    repo.git("checkout", "-q", "main")
    repo.write("app/legacy.py", "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n" + BODY)
    repo.write("app/main_only.py", VIOLATION)
    repo.commit("main moves on: fixes legacy.py, adds main_only.py")
    repo.git("checkout", "-q", "feature")

    code, document = repo.check_json("--diff-base", "main")
    assert code == 1
    # legacy.py differs from main's tip, but not from the merge base: not the feature's change
    assert repo.found(document) == [("app/feature.py", 2, "SSOT001")]


def test_paths_restrict_the_changed_files(make_repo) -> None:
    repo = make_repo()
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/a/one.py", VIOLATION)
    repo.write("app/b/two.py", VIOLATION)
    code, document = repo.check_json("--diff-base", "main", "app/a")
    assert code == 1
    assert repo.found_paths(document) == {"app/a/one.py"}


def test_run_from_a_subfolder(make_repo) -> None:
    repo = make_repo()
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/sub/one.py", VIOLATION)
    result = repo.cli("check", "--no-cache", "--jobs", "1", "--diff-base", "main", cwd=repo.root / "app")
    assert result.exit_code == 1, result.output
    assert "SSOT001" in result.output


def _diverged_origin(make_repo):  # type: ignore[no-untyped-def]
    """origin: main with history, feature two commits past the fork, main one commit past it."""
    origin = make_repo({"app/legacy.py": VIOLATION + BODY, "app/feature.py": CLEAN}, name="origin")
    for i in range(3):
        origin.write("app/history.py", f"h = {i}\n")
        origin.commit(f"history {i}")
    origin.git("checkout", "-q", "-b", "feature")
    origin.write("app/feature.py", CLEAN + VIOLATION)
    origin.commit("feature 1")
    origin.write("app/feature2.py", CLEAN)
    origin.commit("feature 2")
    origin.git("checkout", "-q", "main")
    origin.write("app/main_only.py", VIOLATION)
    origin.commit("main moves on")
    return origin


def test_shallow_clone_without_merge_base_says_what_to_fetch(make_repo, clone) -> None:
    origin = _diverged_origin(make_repo)
    work = clone(origin, "shallow", "--depth", "1", "--branch", "feature")
    work.git("fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    assert (work.root / ".git" / "shallow").exists()

    result = work.check("--diff-base", "origin/main")

    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    message = result.output.lower()
    assert "merge base" in message
    assert "shallow" in message
    assert "fetch" in message
    assert "origin/main" in result.output


def test_shallow_clone_with_merge_base_works(make_repo, clone) -> None:
    origin = _diverged_origin(make_repo)
    work = clone(origin, "shallow", "--depth", "3", "--no-single-branch", "--branch", "feature")
    assert (work.root / ".git" / "shallow").exists()

    code, document = work.check_json("--diff-base", "origin/main")

    assert code == 1
    assert work.found(document) == [("app/feature.py", 2, "SSOT001")]


def test_shallow_clone_deepened_after_the_hint_works(make_repo, clone) -> None:
    """Following the hint (fetch more history) turns the error into a result."""
    origin = _diverged_origin(make_repo)
    work = clone(origin, "shallow", "--depth", "1", "--branch", "feature")
    work.git("fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main")
    assert work.check("--diff-base", "origin/main").exit_code == 2
    work.git("fetch", "-q", "--deepen=5", "origin", "main:refs/remotes/origin/main", "feature")

    code, document = work.check_json("--diff-base", "origin/main")
    assert code == 1
    assert work.found(document) == [("app/feature.py", 2, "SSOT001")]


def test_nonexistent_ref_is_a_usage_error(make_repo) -> None:
    repo = make_repo()
    result = repo.check("--diff-base", "no-such-branch")
    assert result.exit_code == 2
    assert "no-such-branch" in result.output
    assert "Traceback" not in result.output


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path, make_repo) -> None:
    repo = make_repo()
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "pyproject.toml").write_text(repo.read("pyproject.toml"), encoding="utf-8")
    result = repo.cli("check", "--no-cache", "--diff-base", "main", cwd=plain)
    assert result.exit_code == 2
    assert "--diff-base" in result.output
    assert "Traceback" not in result.output


def test_real_subprocess_on_a_branch(make_repo, subprocess_cli) -> None:
    """The entry point in a real process, as CI runs it: a new violation on the branch fails the job."""

    repo = make_repo({"app/legacy.py": VIOLATION})
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("app/new.py", OTHER)
    repo.commit("new file")
    done = subprocess_cli(repo.root, "check", "--no-cache", "--diff-base", "main")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "app/new.py" in done.stdout
    assert "app/legacy.py" not in done.stdout


def _notebook(*cells: list[str]) -> str:
    document = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": c}
                          for c in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=1, sort_keys=True) + "\n"


def test_a_changed_notebook_reports_every_finding_as_its_lines_count_from_cells(make_repo) -> None:
    repo = make_repo({"app/analysis.ipynb": _notebook(["import os\n"])})
    repo.write("app/analysis.ipynb", _notebook(["import os\n"], ["x = 1\n", VIOLATION]))
    code, document = repo.check_json("--diff-base", "main")
    assert code == 1
    assert [(f["cell"], f["line"]) for f in document["findings"]] == [(2, 2)]
