"""A cloned repository is hostile input: its configuration may name paths outside it, and folders
or config files it holds may be unreadable. Nothing outside the project is read or written on
a config file's word, and nothing is silently skipped: each case exits 2 and says why.

Unreadable files are real here: `cli_as_user` drops root's power to ignore permission bits.
"""

from __future__ import annotations

from pathlib import Path

from reliability_helpers import IMPORT, check_json, cli, cli_as_user, make_project, no_traceback, tree_hashes

VICTIM = b"root:x:0:0:root:/root:/bin/bash\n"


def _victim(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "passwd").write_bytes(VICTIM)
    return folder / "passwd"


def test_a_configured_baseline_outside_the_project_is_neither_read_nor_written(tmp_path: Path) -> None:
    victim = _victim(tmp_path / "a/etc")
    root = make_project(tmp_path / "a/b/c/d/p", {"app/a.py": IMPORT}, settings='baseline = "../../../../etc/passwd"')
    for args in (("check",), ("check", "--update-baseline"), ("fix", "--diff")):
        done = cli(root, *args)
        no_traceback(done)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "tool.ssot-lint.baseline: '../../../../etc/passwd' points outside the project folder" in done.stderr
        assert "--baseline PATH" in done.stderr
    assert victim.read_bytes() == VICTIM
    assert sorted(p.name for p in victim.parent.iterdir()) == ["passwd"]  # no temporary either


def test_a_committed_baseline_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    victim = _victim(tmp_path / "etc")
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    (root / ".ssot-lint-baseline.json").symlink_to(victim)
    for args in (("check",), ("check", "--update-baseline")):
        done = cli(root, *args)
        no_traceback(done)
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"leads to {victim}, which points outside the project folder" in done.stderr
    assert victim.read_bytes() == VICTIM
    assert (root / ".ssot-lint-baseline.json").is_symlink()


def test_a_configured_symlink_inside_the_project_leading_out_is_refused(tmp_path: Path) -> None:
    victim = _victim(tmp_path / "etc")
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT}, settings='baseline = "ci/base.json"')
    (root / "ci").mkdir()
    (root / "ci/base.json").symlink_to(victim)
    done = cli(root, "check", "--update-baseline")
    assert done.returncode == 2 and "tool.ssot-lint.baseline" in done.stderr
    assert victim.read_bytes() == VICTIM


def test_only_the_command_line_may_name_a_baseline_elsewhere(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    outside = tmp_path / "shared/baseline.json"
    assert cli(root, "check", "--baseline", str(outside), "--update-baseline").returncode == 0
    code, document, _ = check_json(root, "--baseline", str(outside))
    assert code == 0 and document["summary"]["baselined"] == 1


def test_src_and_python_outside_the_project_are_configuration_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT}, settings='python = "../venv/bin/python"')
    text = (root / "pyproject.toml").read_text().replace('src = ["."]', 'src = [".", "/usr/lib"]')
    (root / "pyproject.toml").write_text(text)
    done = cli(root, "check")
    no_traceback(done)
    assert done.returncode == 2
    assert "tool.ssot-lint.src: '/usr/lib' points outside the project folder" in done.stderr
    assert "tool.ssot-lint.python: '../venv/bin/python' points outside the project folder" in done.stderr
    assert "--python PATH" in done.stderr


def test_a_nested_pyproject_that_is_not_utf8_is_an_error_not_a_parents_contract(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"sub/a.py": IMPORT})
    (root / "sub/pyproject.toml").write_bytes(b'[tool.other]\nname = "caf\xe9"\n')
    for command in ("check", "fix"):
        done = cli(root, command, "sub")
        no_traceback(done)
        assert done.returncode == 2, done.stdout + done.stderr
        assert f"{root / 'sub/pyproject.toml'}:2:12: not UTF-8 (byte 0xe9)" in done.stderr
        assert "SSOT001" not in done.stdout  # the parent folder's contract was not applied
    assert (root / "sub/a.py").read_text() == IMPORT


def test_a_pyproject_without_read_permission_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"sub/a.py": IMPORT})
    (root / "sub/pyproject.toml").write_text("[tool.other]\n")
    (root / "sub/pyproject.toml").chmod(0)
    done = cli_as_user(root, "check", "sub")
    no_traceback(done)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "sub/pyproject.toml: cannot read config file: Permission denied" in done.stderr
    assert "SSOT001" not in done.stdout


def test_an_unreadable_folder_is_an_error_and_nothing_is_called_deletable(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": "import os\n", "app/locked/b.py": IMPORT})
    before = tree_hashes(root)
    (root / "app/locked").chmod(0)
    try:
        check = cli_as_user(root, "check", "--no-cache")
        fix = cli_as_user(root, "fix")
    finally:
        (root / "app/locked").chmod(0o755)
    for done in (check, fix):
        no_traceback(done)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "app/locked SSOT000 cannot read folder: Permission denied; its files were not checked" in done.stdout
        assert "All checks passed" not in done.stdout
        assert "can be deleted" not in done.stderr
    assert tree_hashes(root) == before


def test_a_path_given_inside_an_unsearchable_folder_is_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/locked/b.py": IMPORT})
    (root / "app/locked").chmod(0)
    try:
        with_config = cli_as_user(root, "check", "--config", "pyproject.toml", "app/locked/b.py")
        discovered = cli_as_user(root, "check", "app/locked/b.py")
    finally:
        (root / "app/locked").chmod(0o755)
    no_traceback(with_config)
    assert with_config.returncode == 2
    assert "app/locked/b.py SSOT000 cannot read: Permission denied" in with_config.stdout
    no_traceback(discovered)
    assert discovered.returncode == 2
    assert "cannot look for a configuration at" in discovered.stderr and "Permission denied" in discovered.stderr
