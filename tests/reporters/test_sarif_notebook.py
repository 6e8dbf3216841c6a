"""SARIF (then GitHub annotations and GitLab Code Quality) for notebooks, read as a viewer reads it: the artifact is the `.ipynb` file, so the region
must select, in that file's own text, the characters the finding is about (inside the cell's
`source` strings, escapes and all), whatever the notebook's JSON layout; the cell and the
cell-relative region (what text and JSON show) ride along as properties."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

SCHEMA_PATH = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
#: a line with a quote, an accented letter and an emoji before the import: JSON escapes them.
BUSY = f'label = "caf\u00e9 \\"\U0001F600\\""; from {OLD} import {UWM}\n'

pytestmark = pytest.mark.slow


def notebook(sources: list[Any], *, indent: int | None, ascii_: bool) -> str:
    cells = [{"cell_type": "markdown", "metadata": {}, "source": [f"`{OLD}` {UWM}\n"]}]
    cells += [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": s} for s in sources]
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=indent, ensure_ascii=ascii_) + "\n"


#: nbformat's own layout (sources as lists of lines), and one JSON line with every source a string.
LAYOUTS = {
    "lines": notebook([["import os\n", BUSY], ["def make():\n", f"    from {OLD} import {UWM} as M\n", "    return M"]],
                      indent=1, ascii_=False),
    "one-line-ascii": notebook([f"import os\n{BUSY}", f"def make():\n    from {OLD} import {UWM} as M\n    return M"],
                               indent=None, ascii_=True),
}


def run(cwd: Path, *args: str, stdin: str | None = None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
    done = subprocess.run([sys.executable, "-m", "ssot_lint", *args, "--output-format", "sarif"], cwd=cwd,
                          input=stdin, capture_output=True, text=True, env=env, check=False, timeout=120)
    log = json.loads(done.stdout)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    return log  # type: ignore[no-any-return]


def shown(text: str, region: dict[str, int]) -> str:
    """What a viewer highlights: the region of the artifact's text, decoded from JSON."""
    lines = text.split("\n")
    assert region["startLine"] == region["endLine"]
    raw = lines[region["startLine"] - 1][region["startColumn"] - 1 : region["endColumn"] - 1]
    return json.loads(f'"{raw}"')  # type: ignore[no-any-return]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_region_selects_the_finding_in_the_notebook_file(project, layout: str) -> None:
    text = LAYOUTS[layout]
    root = project({"app/analysis.ipynb": text})
    results = run(root, "check", "app/analysis.ipynb")["runs"][0]["results"]
    assert [(r["properties"]["cell"], r["properties"]["cellRegion"]["startLine"]) for r in results] == [(1, 2), (2, 2)]
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == "app/analysis.ipynb"
        assert shown(text, location["region"]) == UWM
        assert "fixes" not in result  # a text replacement in cell lines would corrupt the JSON file
    busy = results[0]["properties"]["cellRegion"]
    assert busy["startColumn"] == BUSY.index(UWM) + 1  # counted in the cell, as text and JSON show it


def test_a_notebook_from_stdin_is_placed_in_the_text_that_was_checked(project) -> None:
    text = LAYOUTS["one-line-ascii"]
    root = project({})
    assert not (root / "app/new.ipynb").exists()
    results = run(root, "check", "--stdin-filename", "app/new.ipynb", stdin=text)["runs"][0]["results"]
    assert [shown(text, r["locations"][0]["physicalLocation"]["region"]) for r in results] == [UWM, UWM]


def test_a_syntax_error_in_a_cell_is_placed_on_its_line_of_the_notebook(project) -> None:
    text = notebook([["import os"], [f"from {OLD} import {UWM}\n", "def (:\n"]], indent=1, ascii_=False)
    root = project({"app/broken.ipynb": text})
    [error] = run(root, "check", "app/broken.ipynb")["runs"][0]["results"]
    assert error["ruleId"] == "SSOT000" and error["message"]["text"].startswith("cell 2: ")
    line = text.split("\n")[error["locations"][0]["physicalLocation"]["region"]["startLine"] - 1]
    assert line.strip() == '"def (:\\n"'


# GitHub annotations and GitLab Code Quality issues annotate the file too: the same placement.

def annotate(cwd: Path, fmt: str, *args: str, stdin: str | None = None, status: int = 1) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
    done = subprocess.run([sys.executable, "-m", "ssot_lint", "check", *args, "--output-format", fmt], cwd=cwd,
                          input=stdin, capture_output=True, text=True, env=env, check=False, timeout=120)
    assert done.returncode == status, done.stderr
    return done.stdout


def github_properties(line: str) -> dict[str, str]:
    """The `key=value` properties of one `::error ...::message` line, unescaped as the runner does."""
    head = line.removeprefix("::error ").split("::", 1)[0]
    pairs = (item.split("=", 1) for item in head.split(","))
    return {k: v.replace("%2C", ",").replace("%3A", ":").replace("%25", "%") for k, v in pairs}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_github_annotations_sit_on_the_notebook_files_own_lines(project, layout: str) -> None:
    text = LAYOUTS[layout]
    root = project({"app/analysis.ipynb": text})
    lines = annotate(root, "github", "app/analysis.ipynb").splitlines()
    found = [github_properties(line) for line in lines]
    assert [p["title"] for p in found] == ["SSOT001 deprecated-import (cell 1, line 2)",
                                          "SSOT001 deprecated-import (cell 2, line 2)"]
    for p in found:
        assert p["file"] == "app/analysis.ipynb"
        region = {"startLine": int(p["line"]), "startColumn": int(p["col"]),
                  "endLine": int(p["endLine"]), "endColumn": int(p["endColumn"])}
        assert shown(text, region) == UWM  # where GitHub draws the annotation in the .ipynb file


def test_github_annotation_of_a_notebook_from_stdin_uses_the_checked_text(project) -> None:
    text = LAYOUTS["lines"]
    root = project({})
    lines = annotate(root, "github", "--stdin-filename", "app/new.ipynb", stdin=text).splitlines()
    regions = [github_properties(line) for line in lines]
    assert [shown(text, {"startLine": int(p["line"]), "startColumn": int(p["col"]), "endLine": int(p["endLine"]),
                         "endColumn": int(p["endColumn"])}) for p in regions] == [UWM, UWM]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_gitlab_issues_name_the_notebook_files_own_lines(project, layout: str) -> None:
    text = LAYOUTS[layout]
    root = project({"app/analysis.ipynb": text})
    issues = json.loads(annotate(root, "gitlab", "app/analysis.ipynb"))
    assert [i["description"].rsplit(" (", 1)[1] for i in issues] == ["cell 1, line 2)", "cell 2, line 2)"]
    file_lines = text.split("\n")
    for issue in issues:
        begin, end = issue["location"]["lines"]["begin"], issue["location"]["lines"]["end"]
        assert begin == end and f"{OLD} import {UWM}" in file_lines[begin - 1]


def test_an_annotation_of_a_syntax_error_in_a_cell_is_on_its_line_of_the_notebook(project) -> None:
    text = notebook([["import os"], [f"from {OLD} import {UWM}\n", "def (:\n"]], indent=1, ascii_=False)
    root = project({"app/broken.ipynb": text})
    [line] = annotate(root, "github", "app/broken.ipynb", status=2).splitlines()
    properties = github_properties(line)
    assert properties["title"] == "SSOT000" and line.split("::")[2].startswith("cell 2: ")
    assert text.split("\n")[int(properties["line"]) - 1].strip() == '"def (:\\n"'
    [issue] = json.loads(annotate(root, "gitlab", "app/broken.ipynb", status=2))
    assert issue["location"]["lines"]["begin"] == int(properties["line"])
