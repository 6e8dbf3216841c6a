"""GitLab Code Quality: the fields GitLab documents for a `codequality` report, checked with a
JSON schema written from that documentation (docs.gitlab.com/ci/testing/code_quality/,
"Code Quality report format"), and fingerprints that GitLab will not merge."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import jsonschema

from ssot_lint.findings import CheckReport, FileResult, Finding, Location
from ssot_lint.reporters import get_reporter
from ssot_lint.reporters.gitlab import GitlabReporter

#: GitLab: "an array of objects" with these required properties; severity one of five values.
CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {"type": "object", "required": ["begin"],
                              "properties": {"begin": {"type": "integer", "minimum": 1}}},
                },
            },
        },
    },
}


def issues(report: CheckReport) -> list[dict]:
    out = io.StringIO()
    GitlabReporter().render(report, out, color=False)
    document = json.loads(out.getvalue())
    jsonschema.validate(document, CODE_QUALITY_SCHEMA)
    return document


def test_registry_has_gitlab() -> None:
    assert isinstance(get_reporter("gitlab"), GitlabReporter)


def test_findings_and_errors_are_issues(report: CheckReport) -> None:
    found = issues(report)
    assert [(i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"], i["severity"]) for i in found] == [
        ("ssot-lint/SSOT001-deprecated-import", "src/a.py", 2, "major"),
        ("ssot-lint/SSOT003-direct-instantiation", "src/b.py", 2, "major"),
        ("ssot-lint/SSOT000-analysis-error", "src/c.py", 3, "critical"),
    ]
    assert found[0]["description"] == "SSOT001 `app.old.manager` is deprecated; import from `app.ws.manager`"


def test_fingerprints_are_unique_even_for_the_same_text_in_two_files(report: CheckReport) -> None:
    same = [Finding(Location(path, 1, 1, 1, 5), "SSOT001", "m", "c", "a.X", "b.X", True, fingerprint="f" * 16)
            for path in ("src/x.py", "src/y.py")]
    results = tuple(FileResult(f.location.path, (f,), parsed=True) for f in same)
    fingerprints = [i["fingerprint"] for i in issues(CheckReport(results=results, files_scanned=2))]
    assert len(set(fingerprints)) == 2


def test_check_writes_it_with_paths_from_the_repository_root(project, tmp_path) -> None:
    root = project({"app/consumer.py": "def a():\n    from app.websocket_core.unified_manager import UnifiedWebSocketManager\n"
                                        "def b():\n    from app.websocket_core.unified_manager import UnifiedWebSocketManager\n"})
    subprocess.run(["git", "init", "-q"], cwd=root.parent, check=True)
    done = subprocess.run([sys.executable, "-m", "ssot_lint", "check", "--output-format", "gitlab", "app"],
                          cwd=root, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    found = json.loads(done.stdout)
    jsonschema.validate(found, CODE_QUALITY_SCHEMA)
    assert {i["location"]["path"] for i in found} == {f"{root.name}/app/consumer.py"}
    assert len({i["fingerprint"] for i in found}) == 2
