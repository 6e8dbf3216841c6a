"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, every rule, every finding.

Rules carry their rendered docs as help, results carry the baseline fingerprint as
`partialFingerprints` so a viewer tracks a finding across edits, and fixable findings carry a
SARIF `fix` a viewer can offer as a suggestion. A fix is only emitted when the replacements can
be built exactly from the source text (see `ssot_lint.reporters._sarif_fixes` below); otherwise
the result simply has no `fixes`, never a guess.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

import ssot_lint
from ssot_lint.findings import RULE_NAMES, CheckReport, FileError, Finding
from ssot_lint.reporters import sarif_fixes

__all__ = ["SARIF_SCHEMA", "SarifReporter", "to_sarif"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ssot-lint/ssot-lint"
ERROR_CODE = "SSOT000"


class SarifReporter:
    """Writes one SARIF log as indented JSON; `color` is ignored."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(json.dumps(to_sarif(report), indent=2, ensure_ascii=False) + "\n")


def to_sarif(report: CheckReport) -> dict[str, Any]:
    """The SARIF log as plain data (tests validate it against the schema)."""
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sources = sarif_fixes.SourceCache()
    findings = report.findings
    results = [_result(f, index, sarif_fixes.fix_for(f, findings, sources)) for f in findings]
    results += [_error_result(e, index) for e in report.errors]
    run = {
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation(report.errors)],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        # our columns count characters, not SARIF's default UTF-16 code units
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "ssot-lint",
        "version": ssot_lint.__version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def _rules() -> list[dict[str, Any]]:
    """SSOT000 first, then every check in code order; imported lazily (checks pull in libcst)."""
    from ssot_lint.checks import ALL_CHECKS
    from ssot_lint.docs import render_rule

    analysis_error = "A file could not be analysed (unreadable, undecodable or invalid syntax)"
    rules = [_rule(ERROR_CODE, RULE_NAMES[ERROR_CODE], analysis_error, analysis_error, analysis_error)]
    for check in sorted(ALL_CHECKS, key=lambda c: c.CODE):
        full = _what_it_does(check.__doc__ or "") or check.SUMMARY
        rules.append(_rule(check.CODE, check.NAME, check.SUMMARY, full, render_rule(check)))
    return rules


def _rule(code: str, name: str, short: str, full: str, help_markdown: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_markdown, "markdown": help_markdown},
        "defaultConfiguration": {"level": "error"},
    }


def _what_it_does(docstring: str) -> str:
    """The first paragraph under `## What it does`, on one line."""
    _, _, body = inspect.cleandoc(docstring).partition("## What it does")
    paragraph = body.strip().split("\n\n", 1)[0]
    return " ".join(line.strip() for line in paragraph.splitlines() if not line.startswith("##"))


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path is relative to %SRCROOT%; an absolute one becomes a file URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": "%SRCROOT%"}


def region(finding: Finding) -> dict[str, int]:
    loc = finding.location
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }


def _result(finding: Finding, index: dict[str, int], fix: dict[str, Any] | None) -> dict[str, Any]:
    location = {"artifactLocation": artifact_location(finding.location.path), "region": region(finding)}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": "error",
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"ssotLint/v1": finding.fingerprint},
        "properties": {
            "contract": finding.contract,
            "symbol": finding.symbol,
            "replacement": finding.replacement,
            "fixable": finding.fixable,
        },
    }
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _error_location(error: FileError) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(error.path)}
    if error.line is not None:
        physical["region"] = {"startLine": error.line}
        if error.column is not None:
            physical["region"]["startColumn"] = error.column
    return {"physicalLocation": physical}


def _error_text(error: FileError) -> str:
    return f"{error.message} ({error.hint})" if error.hint else error.message


def _error_result(error: FileError, index: dict[str, int]) -> dict[str, Any]:
    return {
        "ruleId": ERROR_CODE,
        "ruleIndex": index[ERROR_CODE],
        "level": "error",
        "message": {"text": _error_text(error)},
        "locations": [_error_location(error)],
        "properties": {"kind": error.kind},
    }


def _invocation(errors: tuple[FileError, ...]) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": _error_text(e)},
            "descriptor": {"id": ERROR_CODE},
            "locations": [_error_location(e)],
        }
        for e in errors
    ]
    return {"executionSuccessful": not errors, "toolExecutionNotifications": notifications}
