"""Bad command lines: exit 2 with a one-line message naming the option, never a traceback, and
nothing read or written."""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability_helpers import IMPORT, cli, make_project, no_traceback, tree_hashes

CASES = {
    "unknown_option": (["check", "--bogus"], "No such option: --bogus"),
    "unknown_fix_option": (["fix", "--frobnicate"], "No such option: --frobnicate"),
    "unknown_command": (["chekc"], "No such command"),
    "all_lines_without_diff_base": (["check", "--all-lines"], "--all-lines only makes sense with --diff-base"),
    "jobs_zero": (["check", "--jobs", "0"], "--jobs must be 1 or more, got 0"),
    "jobs_negative": (["check", "-j", "-3"], "--jobs must be 1 or more, got -3"),
    "fix_jobs_zero": (["fix", "--jobs", "0"], "--jobs must be 1 or more, got 0"),
    "jobs_not_a_number": (["check", "--jobs", "many"], "Invalid value for '--jobs'"),
    "unknown_format": (["check", "--output-format", "xml"], "unknown --output-format 'xml'"),
    "fix_with_check_only_format": (["fix", "--output-format", "sarif"], "fix supports --output-format text or json"),
    "bad_shard": (["check", "--shard", "3/2"], "--shard takes K/N"),
    "shard_zero": (["check", "--shard", "0/0"], "--shard takes K/N"),
    "unknown_rule": (["rule", "SSOT999"], "unknown rule"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_command_line_exits_2(tmp_path: Path, case: str) -> None:
    args, message = CASES[case]
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    before = tree_hashes(root)
    done = cli(root, *args)
    no_traceback(done)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr, done.stderr
    assert tree_hashes(root) == before


@pytest.mark.parametrize("command", ["check", "fix"])
def test_unwritable_output(tmp_path: Path, command: str) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    target = root / "no" / "such" / "dir" / "report.txt"
    args = [command, "--output", str(target)] + (["--diff"] if command == "fix" else ["--no-cache"])
    done = cli(root, *args)
    no_traceback(done)
    assert done.returncode == 2
    assert f"ssot-lint: error: cannot write {target}: No such file or directory" in done.stderr
    assert (root / "app/a.py").read_text() == IMPORT  # fix --diff wrote nothing


def test_output_is_a_directory(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    done = cli(root, "check", "--no-cache", "--output", str(root / "app"))
    no_traceback(done)
    assert done.returncode == 2
    assert "cannot write" in done.stderr
