"""JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure): a file is a test.

Each analysed file is one testcase, passing when clean; each finding is a `<failure>` and a file
that could not be analysed is an `<error>`, so the CI's test tab lists exactly what to fix.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from ssot_lint.findings import CheckReport, FileResult, Finding
from ssot_lint.sanitize import printable

__all__ = ["JunitReporter", "to_xml"]

NAME = "ssot-lint"


class JunitReporter:
    """Writes one `<testsuites>` document, UTF-8 with an XML declaration; `color` is ignored."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(to_xml(report))


def to_xml(report: CheckReport) -> str:
    results = sorted(report.results, key=lambda r: r.path)
    failures = sum(1 for r in results if r.findings and r.error is None)
    errors = sum(1 for r in results if r.error is not None)
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": NAME, **counts})
    suite = ET.SubElement(
        root, "testsuite", {"name": NAME, **counts, "skipped": "0", "time": f"{report.elapsed:.3f}"}
    )
    for result in results:
        _testcase(suite, result)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _testcase(suite: ET.Element, result: FileResult) -> None:
    path = printable(result.path)  # XML 1.0 cannot hold most control characters at all
    case = ET.SubElement(suite, "testcase", {"classname": NAME, "name": path, "file": path})
    for finding in sorted(result.findings, key=Finding.sort_key):
        message = printable(finding.message)
        failure = ET.SubElement(case, "failure", {"message": f"{finding.code} {message}", "type": finding.code})
        loc = finding.location
        failure.text = f"{path}:{loc.line}:{loc.column} {finding.code} {message}"
    if result.error is not None:
        error = ET.SubElement(
            case, "error", {"message": f"SSOT000 {printable(result.error.message)}", "type": result.error.kind}
        )
        error.text = printable(result.error.describe())

