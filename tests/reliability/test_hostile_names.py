"""File names and contents that attack the output: names that are not UTF-8, terminal escape
sequences, newlines that would start a fake `::error` line. Every format prints them inert."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reliability_helpers import IMPORT, make_project

FORMATS = ("text", "concise", "json", "sarif", "github", "junit", "gitlab")
NOT_UTF8 = os.fsdecode(b"app/caf\xe9.py")


def _strict_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """The CLI writing to a strict UTF-8 stdout, as most terminals and CI runners have it."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8:strict", "LC_ALL": "C.UTF-8"}
    return subprocess.run([sys.executable, "-m", "ssot_lint", *args], cwd=cwd, capture_output=True, env=env, timeout=120)


@pytest.fixture(scope="module")
def not_utf8(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("names") / "p", {"app/ok.py": IMPORT})
    Path(root, NOT_UTF8).write_text(IMPORT)
    return root


@pytest.mark.parametrize("output_format", FORMATS)
def test_a_name_that_is_not_utf8_in_every_format(not_utf8: Path, output_format: str) -> None:
    done = _strict_cli(not_utf8, "check", "--no-cache", "--output-format", output_format)
    assert done.returncode == 1, done.stderr.decode()
    out = done.stdout.decode("utf-8")  # valid UTF-8 whatever the name
    if output_format == "json":
        paths = {os.fsencode(f["path"]) for f in json.loads(out)["findings"]}
        assert paths == {b"app/caf\xe9.py", b"app/ok.py"}  # the exact bytes survive
    elif output_format == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}
        assert uris == {"app/caf%E9.py", "app/ok.py"}
    elif output_format == "junit":
        names = {case.get("classname") for case in ET.fromstring(out).iter("testcase")}
        assert {"app/caf\\xe9.py", "app/ok.py"} <= names
    elif output_format == "gitlab":
        paths = {os.fsencode(issue["location"]["path"]) for issue in json.loads(out)}
        assert paths == {b"app/caf\xe9.py", b"app/ok.py"}
    else:
        assert "app/caf\\xe9.py:1:" in out or "file=app/caf\\xe9.py," in out


def test_sarif_to_a_file_is_complete_with_such_a_name(not_utf8: Path) -> None:
    report = not_utf8 / "report.sarif"
    done = _strict_cli(not_utf8, "check", "--no-cache", "--output-format", "sarif", "-o", str(report))
    assert done.returncode == 1, done.stderr.decode()
    assert len(json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"]) == 2
