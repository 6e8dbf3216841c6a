"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, every rule, every finding.

Rules carry their rendered docs as help, results carry the baseline fingerprint as
`partialFingerprints` so a viewer tracks a finding across edits, and fixable findings carry a
SARIF `fix` for viewers that apply them (GitHub code scanning does not show SARIF fixes). Paths
are relative to the git work tree holding the project (`%SRCROOT%`), as code scanning expects.
The reporter reads the source (as `text` does): a fix is text (`sarif_fix`), and a notebook
finding's region is where it is written in the notebook's JSON text (`notebook_region`), the
lines a viewer shows for the `.ipynb` artifact; its cell and cell-relative region are properties.
"""

from __future__ import annotations

import inspect
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

from ssot_lint.findings import RULE_NAMES, CheckReport, FileError, Finding
from ssot_lint.home import REPOSITORY, RULES_URI
from ssot_lint.reporters.file_position import FilePositions, region
from ssot_lint.reporters.sarif_fix import Sources, replacements
from ssot_lint.rules import ANALYSIS_ERROR
from ssot_lint.sanitize import json_safe
from ssot_lint.version import __version__

__all__ = ["SARIF_SCHEMA", "SarifReporter", "to_sarif"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#: the project's home page and rule pages (assumed until published: `ssot_lint.home`).
INFORMATION_URI = REPOSITORY
ERROR_CODE = ANALYSIS_ERROR.code


class SarifReporter:
    """Writes one SARIF log as indented JSON; `color` is ignored."""

    def __init__(self) -> None:
        #: path -> the text that was checked, when it is not the file on disk (`--stdin-filename`).
        self.sources: dict[str, str] = {}

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(json_safe(json.dumps(to_sarif(report, self.sources), indent=2, ensure_ascii=False)) + "\n")


def repository_root(report: CheckReport) -> Path:
    """The folder code scanning names files from: the git work tree holding the project (else
    the project root; the current folder for a merged report, which knows no root)."""
    start = Path(report.root) if report.root else Path.cwd().resolve()
    return next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), start)


def to_sarif(report: CheckReport, given: dict[str, str] | None = None) -> dict[str, Any]:
    """The SARIF log as plain data (tests validate it against the schema); `given`: the text
    checked for a path that is not the file on disk."""
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sources = Sources(given)
    where = _Where(repository_root(report), os.getcwd(), FilePositions(sources.text))
    findings = report.findings
    results = [_result(f, index, _fix(f, findings, sources, where), where) for f in findings]
    results += [_error_result(e, index, where) for e in report.errors]
    run = {
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation(report.errors, where)],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(where.root.as_posix()) + "/"}},
        # our columns count characters, not SARIF's default UTF-16 code units
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "ssot-lint",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def _rules() -> list[dict[str, Any]]:
    """SSOT000 first, then every check in code order; imported lazily (checks pull in libcst)."""
    from ssot_lint.analysis.noqa import UNUSED_NOQA
    from ssot_lint.checks import ALL_CHECKS
    from ssot_lint.checks.docs import NOT_CHECKS, render_rule

    analysis_error = "A file could not be analysed (unreadable, undecodable or invalid syntax)"
    rules = [_rule(ERROR_CODE, RULE_NAMES[ERROR_CODE], analysis_error, analysis_error, analysis_error)]
    for check in sorted(ALL_CHECKS, key=lambda c: c.CODE):
        full = _what_it_does(check.__doc__ or "") or check.SUMMARY
        rules.append(_rule(check.CODE, check.NAME, check.SUMMARY, full, render_rule(check)))
    name, page = NOT_CHECKS[UNUSED_NOQA]
    summary = page.split("\n")[2]
    rules.append(_rule(UNUSED_NOQA, name, summary, _what_it_does(page) or summary, page))
    return rules


def _rule(code: str, name: str, short: str, full: str, help_markdown: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": name,
        "helpUri": f"{RULES_URI}/{code}-{name}.md",
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


@dataclass(frozen=True, slots=True)
class _Where:
    """Where paths are read from (`cwd`: reports name files relative to it) and named from, and
    where in its file each result is."""

    root: Path
    cwd: str
    regions: FilePositions | None = None


def artifact_location(path: str, where: _Where | None = None) -> dict[str, Any]:
    """A file under the repository root is relative to %SRCROOT% (that root); any other becomes
    a file URI. The URI percent-encodes the name's bytes, so a name that is not UTF-8 is exact."""
    where = where or _Where(Path.cwd().resolve(), os.getcwd())
    absolute = os.path.normpath(os.path.join(where.cwd, path))
    relative = os.path.relpath(absolute, where.root)
    if relative == ".." or relative.startswith(".." + os.sep):
        return {"uri": _file_uri(PurePath(absolute).as_posix())}
    return {"uri": quote(os.fsencode(PurePath(relative).as_posix()), safe="/"), "uriBaseId": "%SRCROOT%"}


def _file_uri(absolute: str) -> str:
    return "file://" + quote(os.fsencode(absolute), safe="/")


def _result(finding: Finding, index: dict[str, int], fix: dict[str, Any] | None, where: _Where) -> dict[str, Any]:
    placed = where.regions.finding(finding) if where.regions else region(finding)
    location = {"artifactLocation": artifact_location(finding.location.path, where), "region": placed}
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
            # in a notebook: the code cell (1-based) and the region counted from it, as other formats show it
            **({"cell": finding.location.cell, "cellRegion": region(finding)} if finding.location.cell is not None else {}),
        },
    }
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _error_location(error: FileError, where: _Where) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(error.path, where)}
    placed = (where.regions or FilePositions(Sources().text)).error(error)
    if placed is not None:
        physical["region"] = placed
    return {"physicalLocation": physical}


def _error_text(error: FileError) -> str:
    return f"{error.message} ({error.hint})" if error.hint else error.message


def _error_result(error: FileError, index: dict[str, int], where: _Where) -> dict[str, Any]:
    return {
        "ruleId": ERROR_CODE,
        "ruleIndex": index[ERROR_CODE],
        "level": "error",
        "message": {"text": _error_text(error)},
        "locations": [_error_location(error, where)],
        "properties": {"kind": error.kind},
    }


def _invocation(errors: tuple[FileError, ...], where: _Where) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": _error_text(e)},
            "descriptor": {"id": ERROR_CODE},
            "locations": [_error_location(e, where)],
        }
        for e in errors
    ]
    return {"executionSuccessful": not errors, "toolExecutionNotifications": notifications}


def _fix(finding: Finding, findings: tuple[Finding, ...], sources: Sources, where: _Where) -> dict[str, Any] | None:
    """The SARIF fix of a fixable SSOT001/SSOT002 finding, or None when it cannot be exact."""
    changes = replacements(finding, findings, sources)
    if changes is None:
        return None
    return {
        "description": {"text": finding.fix_title or f"Use `{finding.replacement}`"},
        "artifactChanges": [
            {"artifactLocation": artifact_location(finding.location.path, where), "replacements": changes}
        ],
    }
