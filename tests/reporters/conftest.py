"""A fixed CheckReport shared by the reporter tests, with its source files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssot_lint.findings import CheckReport, FileError, FileResult, Finding, Location

IMPORT_SRC = "import os\nfrom app.old.manager import WebSocketManager\n"
CALL_SRC = "def f():\n    m = WebSocketManager()\n    return m\n"


def make_report() -> CheckReport:
    """Two files with findings (one fixable, one not, one with `[brackets]`) and one error."""
    fixable = Finding(
        location=Location("src/a.py", 2, 6, 2, 25),
        code="SSOT001",
        message="`app.old.manager` is deprecated; import from `app.ws.manager`",
        contract="websocket",
        symbol="app.old.manager.WebSocketManager",
        replacement="app.ws.manager.WebSocketManager",
        fixable=True,
        fix_title="Import from `app.ws.manager`",
    )
    unfixable = Finding(
        location=Location("src/b.py", 2, 9, 2, 27),
        code="SSOT003",
        message="Direct instantiation of `WebSocketManager[T]`; use `get_manager()`",
        contract="websocket",
        symbol="app.ws.manager.WebSocketManager",
        replacement=None,
        fixable=False,
        unfixable_reason="arguments differ from the factory",
    )
    error = FileError(
        path="src/c.py",
        kind="syntax",
        message="invalid syntax",
        line=3,
        column=5,
        hint="fix the syntax error and run again",
    )
    return CheckReport(
        results=(
            FileResult("src/a.py", (fixable,), parsed=True),
            FileResult("src/b.py", (unfixable,), parsed=True),
            FileResult("src/c.py", error=error),
        ),
        files_scanned=4,
        elapsed=0.12345,
        contracts=("websocket", "auth"),
    )


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CheckReport:
    """The fixed report, run from a directory where its display paths resolve."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text(IMPORT_SRC, encoding="utf-8")
    (tmp_path / "src" / "b.py").write_text(CALL_SRC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return make_report()
