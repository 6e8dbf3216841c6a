"""`ssot-lint merge`: JSON reports of CI shards (`check --shard K/N`) -> one report.

The JSON document is the interchange format, so merging reads it back into the same values the
reporters render; any output format can then be produced from the merged report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .findings import CheckReport, FileError, FileResult, Finding, Location

__all__ = ["MergeError", "merge_reports"]

_LOCATION = ("path", "line", "column", "end_line", "end_column")
_FINDING = ("code", "message", "contract", "symbol", "replacement", "fixable", "fix_title",
            "unfixable_reason", "unsafe", "fingerprint")


class MergeError(Exception):
    """A file given to `merge` is not an ssot-lint JSON report."""


def _finding(item: dict[str, Any]) -> Finding:
    location = Location(*(item[key] for key in _LOCATION))
    values = {key: item.get(key) for key in _FINDING}
    values["unsafe"] = bool(values["unsafe"])
    values["fingerprint"] = values["fingerprint"] or ""
    return Finding(location, **values)  # type: ignore[arg-type]


def _error(item: dict[str, Any]) -> FileError:
    return FileError(item["path"], item["kind"], item["message"], item.get("line"), item.get("column"), item.get("hint") or "")


def _read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise MergeError(f"{path}: cannot read a JSON report: {error}") from error
    if not isinstance(document, dict) or document.get("version") != 1 or "findings" not in document:
        raise MergeError(f"{path}: not an ssot-lint JSON report (version 1); produce it with `check --output-format json`")
    return document


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
            findings.update(_finding(item) for item in document["findings"])
            errors.update(_error(item) for item in document.get("errors", ()))
            summary = document.get("summary", {})
            scanned += int(summary.get("files_scanned", 0))
            elapsed = max(elapsed, float(summary.get("elapsed_seconds", 0.0)))
            contracts.update(dict.fromkeys(summary.get("by_contract", {})))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise MergeError(f"{path}: malformed report ({type(error).__name__}: {error})") from error
    by_path: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=Finding.sort_key):
        by_path.setdefault(finding.location.path, []).append(finding)
    results = [FileResult(p, tuple(f)) for p, f in by_path.items()]
    results += [FileResult(e.path, error=e) for e in sorted(errors, key=lambda e: e.path)]
    return CheckReport(tuple(results), scanned, elapsed, tuple(contracts))
