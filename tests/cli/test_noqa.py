"""`# noqa` directives from the user's side: SSOT100 (unused-noqa, opt-in, fixable) and
`check --add-noqa`, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

OLD = "app.websocket_core.unified_manager"
NEW = "app.websocket_core.websocket_manager"
UWM = "UnifiedWebSocketManager"
IMPORT = f"from {OLD} import {UWM}"


def cli(root: Path, *args: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(root)
    monkeypatch.delenv("PRE_COMMIT", raising=False)
    extra = ["--no-cache"] if args[0] == "check" else []
    return CliRunner().invoke(app, [*args, "--jobs", "1", *extra])


def findings(root: Path, monkeypatch, *args: str) -> list[tuple[str, int, int, str]]:
    result = cli(root, "check", "--output-format", "json", *args, monkeypatch=monkeypatch)
    return [(f["code"], f["line"], f["column"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def test_unused_noqa_is_opt_in(project, monkeypatch) -> None:
    root = project({"app/consumer.py": "import os  # noqa: SSOT001\n"})
    assert findings(root, monkeypatch) == []
    assert findings(root, monkeypatch, "--extend-select", "SSOT100") == [
        ("SSOT100", 1, 20, "Unused `noqa` directive (unused: `SSOT001`)")]


def test_a_used_directive_is_not_reported_and_another_tools_code_is_left_alone(project, monkeypatch) -> None:
    code = f"{IMPORT}  # noqa: SSOT001, E501\nx = 1  # noqa: E501\n"
    root = project({"app/consumer.py": code})
    assert findings(root, monkeypatch, "--extend-select", "SSOT100") == []


def test_only_the_unused_code_of_a_directive_is_reported(project, monkeypatch) -> None:
    root = project({"app/consumer.py": f"{IMPORT}  # noqa: SSOT001, SSOT003, SSOT999\n"})
    assert [(c, m) for c, _, _, m in findings(root, monkeypatch, "--select", "SSOT")] == [
        ("SSOT100", "Unused `noqa` directive (unused: `SSOT003`)"),
        ("SSOT100", "Unused `noqa` directive (unknown: `SSOT999`)"),
    ]


def test_a_code_that_did_not_run_cannot_be_judged(project, monkeypatch) -> None:
    root = project({"app/consumer.py": "import os  # noqa: SSOT003\n"})
    assert findings(root, monkeypatch, "--extend-select", "SSOT100", "--ignore", "SSOT003") == []


def test_noqa_text_inside_a_string_is_not_a_directive(project, monkeypatch) -> None:
    root = project({"app/consumer.py": 'HELP = "add # noqa: SSOT001 to silence it"\n'})
    assert findings(root, monkeypatch, "--extend-select", "SSOT100") == []


def test_check_fix_removes_unused_codes_and_keeps_everything_else(project, monkeypatch) -> None:
    code = (
        "import os  # noqa: SSOT001\n"
        "import sys  # type: ignore  # noqa: SSOT003, E501\n"
        f"{IMPORT}  # noqa: SSOT001, SSOT005\n"
        'HELP = "# noqa: SSOT001"\n'
    )
    root = project({"app/consumer.py": code})
    result = cli(root, "check", "--fix", "--extend-select", "SSOT100", "--show-fixes", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "3 × SSOT100 (unused-noqa)" in result.stdout
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == (
        "import os\n"
        "import sys  # type: ignore  # noqa: E501\n"
        f"{IMPORT}  # noqa: SSOT001\n"
        'HELP = "# noqa: SSOT001"\n'
    )


def test_fix_removes_unused_noqa_together_with_a_rewrite(project, monkeypatch) -> None:
    root = project({"app/consumer.py": f"{IMPORT}\nimport os  # noqa: SSOT002\n"})
    result = cli(root, "fix", "--select", "SSOT", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == f"from {NEW} import {UWM}\nimport os\n"


def test_add_noqa_silences_every_finding_and_is_idempotent(project, monkeypatch) -> None:
    code = f"{IMPORT}\n\nmanager = {UWM}()  # keep me\nother = {UWM}()  # noqa: E501\n"
    root = project({"app/consumer.py": code})
    result = cli(root, "check", "--add-noqa", monkeypatch=monkeypatch)
    assert result.exit_code == 0, result.output
    assert "Added 3 noqa directives to 1 file." in result.stdout
    assert (root / "app/consumer.py").read_text(encoding="utf-8") == (
        f"{IMPORT}  # noqa: SSOT001\n\nmanager = {UWM}()  # keep me  # noqa: SSOT003\n"
        f"other = {UWM}()  # noqa: E501, SSOT003\n"
    )
    assert cli(root, "check", monkeypatch=monkeypatch).exit_code == 0
    # and SSOT100 agrees that every directive it added is used
    assert findings(root, monkeypatch, "--extend-select", "SSOT100") == []
    again = cli(root, "check", "--add-noqa", monkeypatch=monkeypatch)
    assert "Added 0 noqa directives to 0 files." in again.stdout


def test_add_noqa_refuses_a_line_that_ends_inside_a_string(project, monkeypatch) -> None:
    code = f'from unittest import mock\np = mock.patch("{OLD}.{UWM}", new="""\nx""")\n'
    root = project({"app/consumer.py": code})
    before = (root / "app/consumer.py").read_bytes()
    result = cli(root, "check", "--add-noqa", monkeypatch=monkeypatch)
    assert "app/consumer.py:2: cannot add a `noqa` comment here" in result.stderr
    assert (root / "app/consumer.py").read_bytes() == before


def test_add_noqa_keeps_crlf_and_the_encoding(project, monkeypatch) -> None:
    code = f"# -*- coding: latin-1 -*-\r\n{IMPORT}\r\nNAME = 'caf\xe9'\r\n".encode("latin-1")
    root = project({"app/consumer.py": code})
    cli(root, "check", "--add-noqa", monkeypatch=monkeypatch)
    assert (root / "app/consumer.py").read_bytes() == code.replace(
        IMPORT.encode() + b"\r\n", IMPORT.encode() + b"  # noqa: SSOT001\r\n")
