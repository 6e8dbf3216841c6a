"""JUnit XML reads back with junitparser: one testcase per file, a failure per finding."""

from __future__ import annotations

import io
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, TestSuite

from ssot_lint.findings import CheckReport, FileResult
from ssot_lint.reporters import get_reporter
from ssot_lint.reporters.junit import JunitReporter


def write(report: CheckReport, tmp_path: Path) -> JUnitXml:
    out = io.StringIO()
    JunitReporter().render(report, out, color=False)
    path = tmp_path / "junit.xml"
    path.write_text(out.getvalue(), encoding="utf-8")
    assert out.getvalue().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')
    return JUnitXml.fromfile(str(path))


def test_registry_has_junit() -> None:
    assert isinstance(get_reporter("junit"), JunitReporter)


def test_reads_back_one_testcase_per_finding(report: CheckReport, tmp_path: Path) -> None:
    clean = FileResult("src/ok.py", parsed=True)
    report = CheckReport(results=(*report.results, clean), files_scanned=4)
    xml = write(report, tmp_path)
    assert xml.name == "ssot-lint"
    assert (xml.tests, xml.failures, xml.errors) == (4, 2, 1)
    [suite] = list(xml)
    assert isinstance(suite, TestSuite)
    assert (suite.name, suite.tests, suite.failures, suite.errors) == ("ssot-lint", 4, 2, 1)
    cases = {case.name: case for case in suite}
    assert list(cases) == ["SSOT001 src/a.py:2:6", "SSOT003 src/b.py:2:9", "SSOT000 src/c.py", "src/ok.py"]
    assert [case.classname for case in suite] == ["src/a.py", "src/b.py", "src/c.py", "src/ok.py"]
    [failure] = cases["SSOT001 src/a.py:2:6"].result
    assert isinstance(failure, Failure)
    assert failure.type == "SSOT001"
    assert failure.message == "SSOT001 `app.old.manager` is deprecated; import from `app.ws.manager`"
    assert failure.text == "src/a.py:2:6 SSOT001 `app.old.manager` is deprecated; import from `app.ws.manager`"
    [failure] = cases["SSOT003 src/b.py:2:9"].result
    assert failure.message == "SSOT003 Direct instantiation of `WebSocketManager[T]`; use `get_manager()`"
    [error] = cases["SSOT000 src/c.py"].result
    assert isinstance(error, Error)
    assert error.message == "SSOT000 invalid syntax"
    assert error.text == "src/c.py:3:5: invalid syntax (fix the syntax error and run again)"
    assert cases["src/ok.py"].is_passed
    assert cases["SSOT001 src/a.py:2:6"]._elem.get("file") == "src/a.py"


def test_two_findings_in_one_file_are_two_failing_cases(tmp_path: Path) -> None:
    from ssot_lint.findings import Finding, Location

    findings = tuple(
        Finding(Location("src/a.py", line, 1, line, 5), "SSOT001", f"finding {line}", "c", "a.X", "b.X", True)
        for line in (1, 2)
    )
    xml = write(CheckReport(results=(FileResult("src/a.py", findings, parsed=True),), files_scanned=1), tmp_path)
    [suite] = list(xml)
    assert [[r.message for r in case.result] for case in suite] == [["SSOT001 finding 1"], ["SSOT001 finding 2"]]


def test_empty_report(tmp_path: Path) -> None:
    xml = write(CheckReport(results=(), files_scanned=0), tmp_path)
    assert (xml.tests, xml.failures, xml.errors) == (0, 0, 0)
    [suite] = list(xml)
    assert list(suite) == []
