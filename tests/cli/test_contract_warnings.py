"""The contract self-check runs with every `check`: warnings on stderr, exit code unchanged
unless `--strict-contract`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ssot_lint.checks.base import DEFAULT_CONTRACT
from ssot_lint.cli.main import app

BROKEN_RENAME = DEFAULT_CONTRACT.replace(
    'renames = { "app.websocket_core.manager.WebSocketManager"',
    'renames = { "app.websocket_core.other.Gone" = "app.websocket_core.websocket_manager.Nope", '
    '"app.websocket_core.manager.WebSocketManager"',
)
CLEAN = "from app.websocket_core.websocket_manager import get_websocket_manager\n"


def _run(root: Path, monkeypatch, *args: str):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(root)
    return CliRunner().invoke(app, ["check", ".", "--no-cache", *args])


def test_a_rename_target_that_does_not_exist_is_a_warning_not_a_finding(project, monkeypatch) -> None:
    root = project({"app/consumer.py": CLEAN}, contract=BROKEN_RENAME)
    result = _run(root, monkeypatch)
    assert result.exit_code == 0
    assert "warning: contract 'websocket-manager': rename target" in result.stderr
    assert "app.websocket_core.websocket_manager.Nope" in result.stderr


def test_strict_contract_turns_the_warning_into_exit_1(project, monkeypatch) -> None:
    root = project({"app/consumer.py": CLEAN}, contract=BROKEN_RENAME)
    assert _run(root, monkeypatch, "--strict-contract").exit_code == 1


def test_json_output_lists_the_warnings(project, monkeypatch) -> None:
    root = project({"app/consumer.py": CLEAN}, contract=BROKEN_RENAME)
    result = _run(root, monkeypatch, "--output-format", "json")
    warnings = json.loads(result.stdout)["warnings"]
    assert sum("does not exist" in w for w in warnings) == 1
    # nothing imports the shims any more: the whole project was checked, so they can go; the
    # implementation is still imported by the canonical module, so deleting it would break that
    assert sorted(w.split("`")[1] for w in warnings if "no longer imported" in w) == [
        "app.websocket_core.manager",
        "app.websocket_core.websocket_manager_factory",
    ]
    assert ("contract 'websocket-manager': deprecated `app.websocket_core.unified_manager` is imported only by "
            "the canonical module `app.websocket_core.websocket_manager`: move the implementation into "
            "`app.websocket_core.websocket_manager`, then delete it") in warnings


def test_a_shim_still_imported_is_not_reported_as_deletable(project, monkeypatch) -> None:
    root = project({"app/consumer.py": "from app.websocket_core.manager import get_websocket_manager\n"})
    result = _run(root, monkeypatch)
    assert "`app.websocket_core.manager` is no longer imported" not in result.stderr
    assert "`app.websocket_core.unified_manager` is imported only by the canonical module" in result.stderr


def test_checking_part_of_the_tree_never_calls_a_shim_deletable(project, monkeypatch) -> None:
    root = project({"app/consumer.py": CLEAN, "app/other/x.py": CLEAN})
    monkeypatch.chdir(root)
    result = CliRunner().invoke(app, ["check", "app/other", "--no-cache"])
    assert result.exit_code == 0
    assert "no longer imported" not in result.stderr


def test_the_reference_app_contract_has_no_warnings(monkeypatch) -> None:
    reference = Path(__file__).resolve().parents[2] / "fixtures" / "reference_app"
    monkeypatch.chdir(reference)
    result = CliRunner().invoke(app, ["check", ".", "--no-cache", "--strict-contract"])
    assert result.exit_code == 1  # its planted findings
    assert "warning:" not in result.stderr
