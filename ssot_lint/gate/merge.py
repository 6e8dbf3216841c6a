"""`ssot-lint merge`: JSON reports of CI shards (`check --shard K/N`) -> one report.

The JSON document is the interchange format, so merging reads it back into the same values the
reporters render; any output format can then be produced from the merged report. A report is
read as hostile input (`jsondoc`): a wrong type anywhere is one error naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..findings import CheckReport, FileError, FileResult, Finding
from ..jsondoc import DocumentError, error_from_json, expect, finding_from_json, read_json

__all__ = ["MergeError", "merge_reports"]


class MergeError(Exception):
    """A file given to `merge` is not an ssot-lint JSON report."""


def _read(path: Path) -> dict[str, Any]:
    try:
        document = read_json(path)
    except (OSError, DocumentError) as error:
        raise MergeError(f"{path}: cannot read a JSON report: {error}") from error
    if not isinstance(document, dict) or document.get("version") != 1 or "findings" not in document:
        raise MergeError(f"{path}: not an ssot-lint JSON report (version 1); produce it with `check --output-format json`")
    return document


def _parts(document: dict[str, Any]) -> tuple[list[Finding], list[FileError], dict[str, Any]]:
    findings = expect(document, "findings", list)
    errors = expect(document, "errors", list, default=[])
    summary = expect(document, "summary", dict, default={})
    return (
        [finding_from_json(item, f"findings[{i}]") for i, item in enumerate(findings)],
        [error_from_json(item, f"errors[{i}]") for i, item in enumerate(errors)],
        summary,
    )


def merge_reports(paths: list[Path]) -> CheckReport:
    """One report holding every finding and error of the given JSON reports, deduplicated."""
    findings: set[Finding] = set()
    errors: set[FileError] = set()
    scanned = 0
    contracts: dict[str, None] = {}
    elapsed = 0.0
    for path in paths:
        document = _read(path)
        try:
            found, failed, summary = _parts(document)
            scanned += expect(summary, "files_scanned", int, where="summary", default=0)
            elapsed = max(elapsed, expect(summary, "elapsed_seconds", float, where="summary", default=0.0))
            contracts.update(dict.fromkeys(expect(summary, "by_contract", dict, where="summary", default={})))
        except DocumentError as error:
            raise MergeError(f"{path}: malformed report: {error}") from error
        findings.update(found)
        errors.update(failed)
    by_path: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        by_path.setdefault(finding.location.path, []).append(finding)
    results = [FileResult(p, tuple(f)) for p, f in by_path.items()]
    results += [FileResult(e.path, error=e) for e in sorted(errors, key=lambda e: e.path)]
    return CheckReport(tuple(results), scanned, elapsed, tuple(contracts))
