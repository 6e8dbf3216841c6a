"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One testcase per finding, holding its one `<failure>` (Ruff's convention: common readers keep only
the first failure of a case), one per file that could not be analysed, holding an `<error>`, and
one passing testcase per clean file, so the CI's test tab lists exactly what to fix.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ssot_lint.findings import CheckReport, FileResult, Finding
from ssot_lint.rules import ANALYSIS_ERROR
from ssot_lint.sanitize import printable

__all__ = ["JunitReporter", "to_xml"]

NAME = "ssot-lint"


class JunitReporter:
    """Writes one `<testsuites>` document, UTF-8 with an XML declaration; `color` is ignored."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(to_xml(report))


def to_xml(report: CheckReport) -> str:
    results = sorted(report.results, key=lambda r: r.path)
    failures = sum(len(r.findings) for r in results)
    errors = sum(1 for r in results if r.error is not None)
    clean = sum(1 for r in results if not r.findings and r.error is None)
    counts = {"tests": str(failures + errors + clean), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": NAME, **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": NAME, **counts, "skipped": "0", "time": f"{report.elapsed:.3f}"}
    )
    for result in results:
        _testcases(suite, result)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _testcases(suite: ET.Element, result: FileResult) -> None:
    path = printable(result.path)  # XML 1.0 cannot hold most control characters at all
    for finding in sorted(result.findings, key=Finding.sort_key):
        loc = finding.location
        where = printable(loc.where())
        case = ET.SubElement(suite, "testcase", {
            "classname": path, "name": f"{finding.code} {where}", "file": path, "line": str(loc.line)})
        message = printable(finding.message)
        failure = ET.SubElement(case, "failure", {"message": f"{finding.code} {message}", "type": finding.code})
        failure.text = f"{where} {finding.code} {message}"
    if result.error is not None:
        case = ET.SubElement(suite, "testcase", {"classname": path, "name": f"{ANALYSIS_ERROR.code} {path}", "file": path})
        error = ET.SubElement(
            case, "error", {"message": f"{ANALYSIS_ERROR.code} {printable(result.error.message)}", "type": result.error.kind}
        )
        error.text = printable(result.error.describe())
    elif not result.findings:
        ET.SubElement(suite, "testcase", {"classname": path, "name": path, "file": path})
