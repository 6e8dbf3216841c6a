"""A crash never looks like a finding: an exception no command handled exits 2 with one line.

Exit 1 means "findings", so a crashed CI gate must not end with it. A fault is injected into each
command in turn and the real entry point (`cli.main`, what the console script runs) is called.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reliability_helpers import IMPORT, make_project, run_main

#: command line -> (module, attribute) that the command calls and the test makes raise.
COMMANDS = {
    "check": (["check", "--no-cache"], "ssot_lint.project.discovery", "find"),
    "fix": (["fix"], "ssot_lint.project.discovery", "find"),
    "stats": (["stats"], "ssot_lint.project.discovery", "find"),
    "graph": (["graph", "WebSocketManager"], "ssot_lint.project.discovery", "find"),
    "init": (["init", "--dry-run"], "ssot_lint.project.discovery", "find"),
    "merge": (["merge", "report.json"], "ssot_lint.gate.merge", "merge_reports"),
    "rule": (["rule", "SSOT001"], "ssot_lint.checks.docs", "rule_by_code"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_an_internal_error_exits_2_with_one_line(tmp_path: Path, monkeypatch, capsys, command: str, debug: bool) -> None:
    import importlib

    args, module, name = COMMANDS[command]
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    monkeypatch.chdir(root)

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom\n\x1b[2J in two lines")

    monkeypatch.setattr(importlib.import_module(module), name, boom)
    code, _, err = run_main(monkeypatch, capsys, *args, *(["--debug"] if debug else []))
    assert code == 2
    last = err.rstrip("\n").splitlines()[-1]
    assert last == (
        "ssot-lint: error: internal error: RuntimeError: boom \\x1b[2J in two lines; "
        "rerun with --debug for the traceback and report it"
    )
    if debug:
        assert "Traceback (most recent call last)" in err and 'raise RuntimeError("boom' in err
    else:
        assert err.count("\n") == 1, err
    assert "\x1b" not in err


def test_a_clean_run_still_exits_with_its_own_code(tmp_path: Path, monkeypatch, capsys) -> None:
    root = make_project(tmp_path / "p", {"app/a.py": IMPORT})
    monkeypatch.chdir(root)
    code, _, _ = run_main(monkeypatch, capsys, "check", "--no-cache", "--jobs", "1")
    assert code == 1  # findings
    code, _, _ = run_main(monkeypatch, capsys, "rule", "SSOT001")
    assert code == 0
