"""GitHub workflow commands: exact lines, and escaping the runner undoes."""

from __future__ import annotations

import io

from ssot_lint.findings import CheckReport, FileError, FileResult, Finding, Location
from ssot_lint.reporters import get_reporter
from ssot_lint.reporters.github import GithubReporter, escape_data, escape_property


def render(report: CheckReport) -> list[str]:
    out = io.StringIO()
    GithubReporter().render(report, out, color=True)
    text = out.getvalue()
    assert text.endswith("\n")
    return text.splitlines()


def test_registry_has_github() -> None:
    assert isinstance(get_reporter("github"), GithubReporter)


def test_exact_lines(report: CheckReport) -> None:
    assert render(report) == [
        (
            "::error file=src/a.py,line=2,col=6,endLine=2,endColumn=25,title=SSOT001 deprecated-import"
            "::`app.old.manager` is deprecated; import from `app.ws.manager` (fixable with ssot-lint check --fix)"
        ),
        (
            "::error file=src/b.py,line=2,col=9,endLine=2,endColumn=27,title=SSOT003 direct-instantiation"
            "::Direct instantiation of `WebSocketManager[T]`; use `get_manager()`"
        ),
        "::error file=src/c.py,line=3,col=5,title=SSOT000::invalid syntax (fix the syntax error and run again)",
    ]


def test_escaping_in_paths_and_messages() -> None:
    finding = Finding(
        location=Location("odd,dir/a:b%c.py", 1, 1, 1, 5),
        code="SSOT002",
        message="100% wrong:\nsee a,b\r",
        contract="c",
        symbol="x.y",
        replacement=None,
        fixable=False,
    )
    error = FileError(path="e,1:%.py", kind="decode", message="bad\nbyte: 50%")
    report = CheckReport(
        results=(FileResult(finding.location.path, (finding,)), FileResult(error.path, error=error)),
        files_scanned=2,
    )
    assert render(report) == [
        (
            "::error file=odd%2Cdir/a%3Ab%25c.py,line=1,col=1,endLine=1,endColumn=5,"
            "title=SSOT002 deprecated-string-reference::100%25 wrong:%0Asee a,b%0D"
        ),
        "::error file=e%2C1%3A%25.py,title=SSOT000::bad%0Abyte: 50%25",
    ]


def test_escape_functions() -> None:
    assert escape_data("a%0A\r\n:,") == "a%250A%0D%0A:,"
    assert escape_property("a%0A\r\n:,") == "a%250A%0D%0A%3A%2C"


def test_empty_report_writes_nothing() -> None:
    out = io.StringIO()
    GithubReporter().render(CheckReport(results=(), files_scanned=3), out, color=False)
    assert out.getvalue() == ""
