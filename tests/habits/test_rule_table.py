"""One owner per fact: `ssot_lint/rules.py` is the only place a rule code is spelled, and the
checks, the rule pages and the registries agree with it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from ssot_lint.checks import ALL_CHECKS
from ssot_lint.checks.docs import NOT_CHECKS, all_codes
from ssot_lint.findings import OPT_IN_CODES, RULE_NAMES
from ssot_lint.rules import BY_CODE, RULES, Fix

PACKAGE = Path(__file__).resolve().parents[2] / "ssot_lint"
CODE = re.compile(r"SSOT\d{3}")


def _docstrings(tree: ast.AST) -> set[int]:
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, owners) and node.body and isinstance(node.body[0], ast.Expr)
    }


def _code_literals(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    """`path:line: 'text'` for every string (f-string parts included, docstrings and comments
    not) that spells a rule code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    return [
        f"{path.relative_to(root)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docs and CODE.search(node.value)
    ]


def test_no_rule_code_is_spelled_outside_the_rule_table() -> None:
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) if path.name != "rules.py" for hit in _code_literals(path)]
    assert found == [], "use the row of ssot_lint/rules.py instead:\n" + "\n".join(found)


def test_the_scan_sees_a_code_in_code_but_not_in_a_docstring(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""SSOT001 in a docstring is prose."""\n# SSOT002 in a comment\nX = f"{1} SSOT003"\n')
    assert _code_literals(sample, tmp_path) == ["sample.py:3: ' SSOT003'"]


def test_every_code_has_one_row_and_one_owner() -> None:
    assert [rule.code for rule in RULES] == sorted(BY_CODE) == all_codes()
    check_codes = [check.CODE for check in ALL_CHECKS]
    assert sorted(check_codes + list(NOT_CHECKS)) == sorted(BY_CODE)
    for check in ALL_CHECKS:
        assert BY_CODE[check.CODE] is check.RULE
        assert (check.NAME, check.SUMMARY) == (check.RULE.name, check.RULE.summary)
    assert RULE_NAMES == {rule.code: rule.name for rule in RULES}
    assert OPT_IN_CODES == {rule.code for rule in RULES if rule.opt_in}


def test_a_rules_fix_kind_matches_its_examples() -> None:
    """Only a rule `fix` rewrites by default shows a fixed example; the others show none."""
    for check in ALL_CHECKS:
        shows_a_fix = any(example.fixed is not None for example in check.INVALID)
        assert shows_a_fix == (check.RULE.fix is Fix.SAFE), check.CODE
