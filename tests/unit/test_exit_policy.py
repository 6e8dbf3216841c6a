"""The exit policy, one value beside the exit codes: every mode's code for each outcome."""

from __future__ import annotations

import pytest

from ssot_lint.findings import CheckReport, ExitCode, ExitPolicy, FileChange, FileError, FileResult, Finding, FixReport, Location

FINDING = Finding(Location("a.py", 1, 1, 1, 5), "SSOT001", "m", "c", "old.X", "new.X", True)
ERROR = FileError("b.py", "syntax", "invalid syntax")
CLEAN = CheckReport((FileResult("a.py"),), 1)
FOUND = CheckReport((FileResult("a.py", (FINDING,)),), 1)
BROKEN = CheckReport((FileResult("a.py", (FINDING,)), FileResult("b.py", error=ERROR)), 2)
CHANGE = (FileChange("a.py", ("SSOT001",), "diff"),)


@pytest.mark.parametrize(("policy", "report", "code"), [
    (ExitPolicy(), CLEAN, ExitCode.CLEAN),
    (ExitPolicy(), FOUND, ExitCode.FINDINGS),
    (ExitPolicy(), BROKEN, ExitCode.ERROR),  # 2 wins over 1: the report is incomplete
    (ExitPolicy(exit_zero=True), BROKEN, ExitCode.CLEAN),
    (ExitPolicy(), CheckReport((), 0, warnings=("w",), strict_contract=True), ExitCode.FINDINGS),
    (ExitPolicy(), CheckReport((), 0, warnings=("w",)), ExitCode.CLEAN),
])
def test_check(policy: ExitPolicy, report: CheckReport, code: ExitCode) -> None:
    assert policy.of_check(report) == code
    assert report.exit_code(policy.exit_zero) == code  # the public API says the same


@pytest.mark.parametrize(("report", "code"), [
    (FixReport(CHANGE, CLEAN, written=True), ExitCode.CLEAN),
    (FixReport(CHANGE, FOUND, written=True), ExitCode.FINDINGS),
    (FixReport(CHANGE, CLEAN, written=False), ExitCode.FINDINGS),  # --diff: a file would change
    (FixReport((), CLEAN, written=False), ExitCode.CLEAN),
    (FixReport((), BROKEN, written=True), ExitCode.ERROR),
])
def test_fix(report: FixReport, code: ExitCode) -> None:
    assert ExitPolicy().of_fix(report) == code == report.exit_code()


def test_check_fix_and_fix_only_fail_on_a_fix_only_when_asked() -> None:
    fixed = FixReport(CHANGE, CLEAN, written=True)
    assert ExitPolicy().of_fix_then_check(fixed, CLEAN) == ExitCode.CLEAN
    assert ExitPolicy(non_zero_on_fix=True).of_fix_then_check(fixed, CLEAN) == ExitCode.FINDINGS
    assert ExitPolicy(non_zero_on_fix=True).of_fix_then_check(fixed, BROKEN) == ExitCode.ERROR
    assert ExitPolicy().of_fix_only(fixed) == ExitCode.CLEAN
    assert ExitPolicy(non_zero_on_fix=True).of_fix_only(fixed) == ExitCode.FINDINGS
    assert ExitPolicy().of_fix_only(FixReport((), BROKEN, written=True)) == ExitCode.ERROR
    assert ExitPolicy().of_errors((ERROR,)) == ExitCode.ERROR
    assert ExitPolicy().of_errors(()) == ExitCode.CLEAN
