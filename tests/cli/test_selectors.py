"""`--select`, `--ignore` and per-file-ignores take the same selectors (a code or a prefix); a
selector matching no rule is an error with a "did you mean", never a silent "All checks passed!"."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

DEPRECATED = "from app.websocket_core.manager import get_websocket_manager\n"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "FOO999"], "--select: unknown rule code or prefix 'FOO999'"),
        (["--select", "SSOT01"], "--select: unknown rule code or prefix 'SSOT01' (did you mean `SSOT001`?)"),
        (["--ignore", "SSOT001,SSTO002"], "--ignore: unknown rule code or prefix 'SSTO002' (did you mean `SSOT002`?)"),
    ],
)
def test_an_unknown_selector_exits_2_with_did_you_mean(project, monkeypatch, args, expected) -> None:
    monkeypatch.chdir(project({"app/user.py": DEPRECATED}))
    for command in ("check", "fix"):
        result = CliRunner().invoke(app, [command, ".", "--no-cache", *args] if command == "check" else [command, ".", *args])
        assert result.exit_code == 2
        assert expected in result.stderr
        assert "All checks passed" not in result.stdout


def test_a_prefix_selects_its_rules(project, monkeypatch) -> None:
    monkeypatch.chdir(project({"app/user.py": DEPRECATED}))
    assert CliRunner().invoke(app, ["check", ".", "--no-cache", "--select", "SSOT00"]).exit_code == 1
    assert CliRunner().invoke(app, ["check", ".", "--no-cache", "--ignore", "ssot"]).exit_code == 0


def test_per_file_ignores_take_prefixes_and_reject_unknown_codes(project, run_check) -> None:
    root = project({"app/user.py": DEPRECATED}, settings='per-file-ignores = { "app/*" = ["SSOT00"] }')
    code, document = run_check(root)
    assert (code, document["findings"]) == (0, [])
    root = project({"app/user.py": DEPRECATED}, settings='per-file-ignores = { "app/*" = ["SSOT01"] }')
    result = CliRunner().invoke(app, ["check", str(root), "--no-cache"])
    assert result.exit_code == 2
    assert "per-file-ignores.\"app/*\"[0]: unknown rule code or prefix 'SSOT01' (did you mean `SSOT001`?)" in result.stderr
