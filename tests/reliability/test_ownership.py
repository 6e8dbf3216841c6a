"""`fix` replaces a file's bytes and nothing else about it: owner, group and mode stay (a hook
run by root in a container must not hand the project to root:root), and a file with other hard
links is refused with the reason rather than split from them (see `fix.write`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reliability_helpers import FIXED, IMPORT, cli, make_project, no_traceback, run_main


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_fix_as_root_keeps_owner_group_and_mode(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT, "app/b.py": IMPORT})
    os.chown(root / "app/a.py", 1234, 2345)
    (root / "app/a.py").chmod(0o2775)  # set-group-id: chown clears it, so it must come back
    os.chown(root / "app/b.py", 0, 2345)
    done = cli(root, "fix")
    no_traceback(done)
    assert done.returncode == 0, done.stdout + done.stderr
    a, b = (root / "app/a.py").stat(), (root / "app/b.py").stat()
    assert (a.st_uid, a.st_gid, a.st_mode & 0o7777) == (1234, 2345, 0o2775)
    assert (b.st_uid, b.st_gid) == (0, 2345)
    assert (root / "app/a.py").read_text() == FIXED == (root / "app/b.py").read_text()


def test_an_owner_that_cannot_be_kept_refuses_the_write(tmp_path: Path, monkeypatch, capsys) -> None:
    """A user who may write a file owned by someone else (group-writable) cannot give the new
    file back to its owner: the file is left as it is, with the reason."""
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT, "app/b.py": IMPORT})
    os.chown(root / "app/a.py", os.geteuid(), os.getegid() + 1)

    def chown(path, uid, gid):  # type: ignore[no-untyped-def]
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(os, "chown", chown)
    monkeypatch.chdir(root)
    code, out, _ = run_main(monkeypatch, capsys, "fix", "--jobs", "1")
    assert code == 2
    assert f"app/a.py SSOT000 file belongs to user {os.geteuid()}, group {os.getegid() + 1}" in out
    assert "run `ssot-lint fix` as the file's owner" in out
    assert (root / "app/a.py").read_text() == IMPORT
    assert (root / "app/b.py").read_text() == FIXED
    assert sorted(p.name for p in (root / "app").iterdir() if p.name.startswith(".")) == []


def test_a_hard_linked_file_is_refused_and_its_links_stay_one_file(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT, "app/b.py": IMPORT})
    os.link(root / "app/a.py", root / "vendored_copy.py.txt")
    done = cli(root, "fix")
    no_traceback(done)
    assert done.returncode == 2
    assert "app/a.py SSOT000 file has 2 hard links: replacing it would split them" in done.stdout
    assert "cp FILE tmp && mv tmp FILE" in done.stdout
    assert (root / "app/a.py").read_text() == IMPORT == (root / "vendored_copy.py.txt").read_text()
    assert (root / "app/a.py").stat().st_nlink == 2
    assert (root / "app/b.py").read_text() == FIXED
