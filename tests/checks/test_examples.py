"""Every rule's documented examples: VALID code yields none of its findings, INVALID code yields them."""

from __future__ import annotations

import pytest

from ssot_lint.checks import ALL_CHECKS, Check, Invalid
from ssot_lint.checks.base import EXAMPLE_PATH


def _cases() -> list[pytest.ParameterSet]:
    cases = []
    for check in ALL_CHECKS:
        for i, code in enumerate(check.VALID):
            cases.append(pytest.param(check, code, None, id=f"{check.CODE}-valid-{i}"))
        for i, invalid in enumerate(check.INVALID):
            cases.append(pytest.param(check, invalid.code, invalid, id=f"{check.CODE}-invalid-{i}"))
    return cases


def test_every_rule_has_valid_and_invalid_examples() -> None:
    for check in ALL_CHECKS:
        assert check.VALID, f"{check.CODE} has no VALID example"
        assert check.INVALID, f"{check.CODE} has no INVALID example"


@pytest.mark.parametrize(("check", "code", "invalid"), _cases())
def test_example(project, run_check, check: type[Check], code: str, invalid: Invalid | None) -> None:
    root = project({EXAMPLE_PATH: code}, contract=check.EXAMPLE_CONTRACT, sources=check.EXAMPLE_SOURCES)
    _, document = run_check(root, EXAMPLE_PATH)

    assert document["errors"] == []
    mine = [f for f in document["findings"] if f["code"] == check.CODE]
    assert all(f["path"] == EXAMPLE_PATH for f in document["findings"])
    if invalid is None:
        assert mine == []
        return
    assert len(mine) == invalid.count, mine
    if check.CODE != "SSOT004":
        expected_fixable = invalid.fixed is not None
        assert [f["fixable"] for f in mine] == [expected_fixable] * invalid.count, mine
