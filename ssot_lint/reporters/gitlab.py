"""GitLab Code Quality (`artifacts: reports: codequality:`): a JSON array of issues, each with
`description`, `check_name`, `fingerprint`, `severity` and `location.path` plus `location.lines.begin`
(the fields GitLab documents), so findings show in the merge request's Code Quality widget.

GitLab shows only the first issue of a fingerprint, so each is made unique across the report by
hashing the finding's own (per-file distinct) fingerprint with its path. Paths are relative to
the repository root, as GitLab reads them. Lines are the file's own: a notebook finding's are
the lines of the `.ipynb` file (its JSON text) where the cell's source holds it, as SARIF places
it (`file_position`), and its description names the cell and the line in it.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, TextIO

from ssot_lint.findings import CheckReport, FileError, Finding
from ssot_lint.reporters.file_position import FilePositions, cell_note
from ssot_lint.reporters.sarif import repository_root
from ssot_lint.reporters.sarif_fix import Sources
from ssot_lint.rules import ANALYSIS_ERROR
from ssot_lint.sanitize import json_safe

__all__ = ["GitlabReporter", "to_issues"]

#: GitLab's scale is info, minor, major, critical, blocker: a contract breach blocks a merge
#: like a failing test would, an unanalysable file more so.
FINDING_SEVERITY = "major"
ERROR_SEVERITY = "critical"


class GitlabReporter:
    """Writes the issues as one JSON array; `color` is ignored."""

    def __init__(self) -> None:
        #: path -> the text that was checked, when it is not the file on disk (`--stdin-filename`).
        self.sources: dict[str, str] = {}

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(json_safe(json.dumps(to_issues(report, self.sources), indent=2, ensure_ascii=False)) + "\n")


def to_issues(report: CheckReport, given: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """The issues; `given`: the text checked for a path that is not the file on disk."""
    root, cwd = str(repository_root(report)), os.getcwd()
    positions = FilePositions(Sources(given).text)

    def relative(path: str) -> str:
        name = os.path.relpath(os.path.normpath(os.path.join(cwd, path)), root)
        return path if name.startswith("..") else name.replace(os.sep, "/")

    issues = [_finding(f, relative(f.location.path), positions.finding(f)) for f in report.findings]
    return issues + [_error(e, relative(e.path), positions.error(e)) for e in report.errors]


def _unique(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _finding(finding: Finding, path: str, placed: dict[str, int]) -> dict[str, Any]:
    loc = finding.location
    lines = {"begin": placed["startLine"], "end": placed.get("endLine", placed["startLine"])}
    return {
        "type": "issue",
        "description": f"{finding.code} {finding.message}{cell_note(finding)}",
        "check_name": f"ssot-lint/{finding.code}-{finding.name}",
        "categories": ["Style"],
        "fingerprint": _unique(path, finding.code, finding.fingerprint or f"{loc.line}:{loc.column}"),
        "severity": FINDING_SEVERITY,
        "location": {"path": path, "lines": lines},
    }


def _error(error: FileError, path: str, placed: dict[str, int] | None) -> dict[str, Any]:
    return {
        "type": "issue",
        "description": f"{ANALYSIS_ERROR.code} {error.message}" + (f" ({error.hint})" if error.hint else ""),
        "check_name": f"ssot-lint/{ANALYSIS_ERROR.code}-{ANALYSIS_ERROR.name}",
        "categories": ["Bug Risk"],
        "fingerprint": _unique(path, ANALYSIS_ERROR.code, error.kind),
        "severity": ERROR_SEVERITY,
        "location": {"path": path, "lines": {"begin": placed["startLine"] if placed else 1}},
    }
