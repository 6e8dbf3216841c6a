"""GitLab Code Quality (`artifacts: reports: codequality:`): a JSON array of issues, each with
`description`, `check_name`, `fingerprint`, `severity` and `location.path` plus `location.lines.begin`
(the fields GitLab documents), so findings show in the merge request's Code Quality widget.

GitLab shows only the first issue of a fingerprint, so each is made unique across the report by
hashing the finding's own (per-file distinct) fingerprint with its path. Paths are relative to
the repository root, as GitLab reads them.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, TextIO

from ssot_lint.findings import CheckReport, FileError, Finding
from ssot_lint.reporters.sarif import repository_root
from ssot_lint.sanitize import json_safe

__all__ = ["GitlabReporter", "to_issues"]

#: GitLab's scale is info, minor, major, critical, blocker: a contract breach blocks a merge
#: like a failing test would, an unanalysable file more so.
FINDING_SEVERITY = "major"
ERROR_SEVERITY = "critical"


class GitlabReporter:
    """Writes the issues as one JSON array; `color` is ignored."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(json_safe(json.dumps(to_issues(report), indent=2, ensure_ascii=False)) + "\n")


def to_issues(report: CheckReport) -> list[dict[str, Any]]:
    root, cwd = str(repository_root(report)), os.getcwd()

    def relative(path: str) -> str:
        name = os.path.relpath(os.path.normpath(os.path.join(cwd, path)), root)
        return path if name.startswith("..") else name.replace(os.sep, "/")

    issues = [_finding(f, relative(f.location.path)) for f in report.findings]
    return issues + [_error(e, relative(e.path)) for e in report.errors]


def _unique(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _finding(finding: Finding, path: str) -> dict[str, Any]:
    loc = finding.location
    return {
        "type": "issue",
        "description": f"{finding.code} {finding.message}" + (f" (cell {loc.cell})" if loc.cell is not None else ""),
        "check_name": f"ssot-lint/{finding.code}-{finding.name}",
        "categories": ["Style"],
        "fingerprint": _unique(path, finding.code, finding.fingerprint or f"{loc.line}:{loc.column}"),
        "severity": FINDING_SEVERITY,
        "location": {"path": path, "lines": {"begin": loc.line, "end": loc.end_line}},
    }


def _error(error: FileError, path: str) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"SSOT000 {error.message}" + (f" ({error.hint})" if error.hint else ""),
        "check_name": "ssot-lint/SSOT000-analysis-error",
        "categories": ["Bug Risk"],
        "fingerprint": _unique(path, "SSOT000", error.kind),
        "severity": ERROR_SEVERITY,
        "location": {"path": path, "lines": {"begin": error.line or 1}},
    }
