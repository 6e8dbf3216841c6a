"""Rule documentation: `rules/` is generated from the checks and stays in sync; options are real keys."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.checks import ALL_CHECKS, Check
from ssot_lint.cli.main import app
from ssot_lint.checks.docs import render_rule, rule_by_code, write_pages

RULES = Path(__file__).resolve().parents[2] / "rules"
#: the keys a `[[tool.ssot-lint.contract]]` table accepts.
CONTRACT_KEYS = {
    "canonical", "deprecated", "renames", "factory-only", "factory", "allowed-in", "deprecated-calls", "unique",
}


def _options(check: type[Check]) -> list[str]:
    doc = inspect.cleandoc(check.__doc__ or "")
    _, _, section = doc.partition("## Options")
    section = section.split("\n## ", 1)[0]
    return re.findall(r"^- `([^`]+)`", section, flags=re.MULTILINE)


def test_rules_folder_equals_the_generated_pages(tmp_path: Path) -> None:
    write_pages(tmp_path)
    generated = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    committed = {p.name: p.read_text(encoding="utf-8") for p in RULES.iterdir()}
    assert sorted(committed) == sorted(generated), "run `python -m ssot_lint.checks.docs` to regenerate rules/"
    for name, text in generated.items():
        assert committed[name] == text, f"rules/{name} is stale; run `python -m ssot_lint.checks.docs`"


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.CODE)
def test_every_option_a_rule_documents_is_a_contract_key(check: type[Check]) -> None:
    options = _options(check)
    assert options, f"{check.CODE} documents no options"
    assert set(options) <= CONTRACT_KEYS


def test_the_contract_keys_listed_here_are_the_keys_config_accepts() -> None:
    from ssot_lint.project import config

    assert set(config._CONTRACT_KEYS) - {"name"} == CONTRACT_KEYS


def test_rule_command_prints_the_rule_page() -> None:
    result = CliRunner().invoke(app, ["rule", "SSOT003"])
    assert result.exit_code == 0
    assert result.stdout.rstrip("\n") == render_rule(rule_by_code("SSOT003")).rstrip("\n")
    assert result.stdout.startswith("# direct-instantiation (SSOT003)")


def test_rule_command_accepts_a_lowercase_code() -> None:
    result = CliRunner().invoke(app, ["rule", "ssot001"])
    assert result.exit_code == 0
    assert "# deprecated-import (SSOT001)" in result.stdout


def test_rule_command_with_an_unknown_code_exits_2() -> None:
    result = CliRunner().invoke(app, ["rule", "SSOT999"])
    assert result.exit_code == 2
    assert "unknown rule 'SSOT999'" in result.stderr
    assert result.stdout == ""
