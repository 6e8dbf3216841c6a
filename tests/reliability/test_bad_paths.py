"""Paths the tool did not expect: a clear message and exit code, no hang, the other files checked.

Tests run as root here, and root reads a mode-000 file; an unreadable file is therefore simulated
in-process by making the read raise `PermissionError`, which is what a non-root user gets.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reliability_helpers import FIXED, IMPORT, check_json, cli, make_project, no_traceback


def test_nonexistent_path_is_an_error_and_the_others_are_checked(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    code, document, _ = check_json(root, "does/not/exist.py", "app/a.py")
    assert code == 2
    assert [(e["path"], e["message"]) for e in document["errors"]] == [("does/not/exist.py", "path does not exist")]
    assert document["errors"][0]["hint"]
    assert [(f["path"], f["code"]) for f in document["findings"]] == [("app/a.py", "SSOT001")]


def test_directory_without_python_files_is_clean(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"docs/readme.txt": "from app.websocket_core.manager import X\n"})
    done = cli(root, "check", "--no-cache", "docs")
    no_traceback(done)
    assert done.returncode == 0
    assert "0 files scanned" in done.stdout


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    (root / "app/loop").mkdir()
    (root / "app/loop/up").symlink_to("..")
    (root / "app/self").symlink_to("self")  # a link to itself
    (root / "app/x").symlink_to("y")
    (root / "app/y").symlink_to("x")
    code, document, _ = check_json(root, "--jobs", "1", timeout=30)
    assert code == 1
    assert [(f["path"], f["code"]) for f in document["findings"]] == [("app/a.py", "SSOT001")]
    assert cli(root, "fix", timeout=30).returncode == 0


def test_symlinked_folder_outside_the_project_is_not_walked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.py").write_text(IMPORT)
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    (root / "app/ext").symlink_to(outside)
    code, document, _ = check_json(root)
    assert {f["path"] for f in document["findings"]} == {"app/a.py"}
    assert cli(root, "fix").returncode == 0
    assert (outside / "x.py").read_text() == IMPORT


def test_fix_keeps_a_symlinked_file_a_symlink(tmp_path: Path) -> None:
    """A file reached through a symlink is rewritten at its target; the link stays a link."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.py").write_text(IMPORT)
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    (root / "app/ext.py").symlink_to(outside / "x.py")
    done = cli(root, "fix")
    no_traceback(done)
    assert (root / "app/ext.py").is_symlink()
    assert (outside / "x.py").read_text() in (IMPORT, FIXED)


def test_unreadable_file_is_reported_and_the_others_are_checked(tmp_path: Path, run_check, monkeypatch) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT, "app/secret.py": IMPORT})
    from ssot_lint.runner import engine

    read_regular = engine.read_regular

    def guarded_read(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).name == "secret.py":  # root reads any mode: refuse the way the OS would
            raise PermissionError(13, "Permission denied", str(path))
        return read_regular(path, *args, **kwargs)

    monkeypatch.setattr(engine, "read_regular", guarded_read)  # the engine's one read
    code, document = run_check(root)
    assert code == 2
    [error] = document["errors"]
    assert error["path"] == "app/secret.py"
    assert error["message"] == "cannot read file: Permission denied"
    assert error["hint"]
    assert [f["path"] for f in document["findings"]] == ["app/a.py"]


@pytest.mark.skipif(os.geteuid() != 0, reason="root-only variant")
def test_mode_000_file_is_still_read_by_root(tmp_path: Path) -> None:
    """As root, permission bits do not stop reading: the file is checked like any other."""
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    (root / "app/a.py").chmod(0)
    code, document, _ = check_json(root)
    assert code == 1 and document["findings"][0]["path"] == "app/a.py"


def test_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {"app/with space.py": IMPORT, "app/ünïcødé.py": IMPORT})
    code, document, _ = check_json(root)
    assert code == 1
    assert {f["path"] for f in document["findings"]} == {"app/with space.py", "app/ünïcødé.py"}
    done = cli(root, "fix")
    no_traceback(done)
    assert (root / "app/with space.py").read_text() == FIXED
    assert (root / "app/ünïcødé.py").read_text() == FIXED


def test_file_deleted_between_discovery_and_reading(tmp_path: Path, run_check, monkeypatch) -> None:
    from ssot_lint.project import discovery

    root = make_project(tmp_path / "p", {"app/a.py": IMPORT, "app/gone.py": IMPORT})
    real = discovery.find

    def find(*args, **kwargs):  # type: ignore[no-untyped-def]
        found = real(*args, **kwargs)
        (root / "app/gone.py").unlink()
        return found

    monkeypatch.setattr(discovery, "find", find)
    code, document = run_check(root)
    assert code == 2
    [error] = document["errors"]
    assert error["path"] == "app/gone.py" and "No such file" in error["message"]
    assert [f["path"] for f in document["findings"]] == ["app/a.py"]
