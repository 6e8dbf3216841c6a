"""Jupyter notebooks: code cells are checked and fixed like a module, positions count from the
cell (in every format), a fix rewrites only the changed cells' sources and keeps the notebook's
JSON layout, outputs, Markdown and magics."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

OLD = "app.websocket_core.unified_manager"
NEW = "app.websocket_core.websocket_manager"
UWM = "UnifiedWebSocketManager"


def notebook(*cells: tuple[str, list[str]], indent: int = 1) -> str:
    """nbformat's own layout: indent 1, sorted keys, non-ASCII kept, a final newline."""
    document = {
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": source,
             **({"execution_count": 1, "outputs": [{"name": "stdout", "output_type": "stream",
                                                    "text": ["caf\u00e9 from app.websocket_core.unified_manager\n"]}]}
                if kind == "code" else {})}
            for kind, source in cells
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    return json.dumps(document, indent=indent, sort_keys=True, ensure_ascii=False) + "\n"


NOTEBOOK = notebook(
    ("markdown", [f"Import from `{OLD}` no more\n"]),
    ("code", ["%matplotlib inline\n", "import os\n", "!pip list\n", f"from {OLD} import {UWM}\n", "x = 1"]),
    ("code", ["%%bash\n", f"echo from {OLD} import {UWM}"]),
    ("code", ["def make():\n", f"    from {OLD} import {UWM} as M\n", "    return M"]),
)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
    return subprocess.run([sys.executable, "-m", "ssot_lint", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, check=False, timeout=120)


def test_findings_count_from_their_cell_in_every_format(project) -> None:
    root = project({"app/analysis.ipynb": NOTEBOOK})
    concise = run(root, "check", "--output-format", "concise")
    assert concise.returncode == 1, concise.stderr
    assert concise.stdout.splitlines()[:2] == [
        f"app/analysis.ipynb:cell 1:4:{len('from ' + OLD + ' import ') + 1}: SSOT001 `{OLD}` is deprecated; import `{UWM}` from `{NEW}`",
        f"app/analysis.ipynb:cell 3:2:{len('    from ' + OLD + ' import ') + 1}: SSOT001 `{OLD}` is deprecated; import `{UWM}` from `{NEW}`",
    ]
    document = json.loads(run(root, "check", "--output-format", "json").stdout)
    assert [(f["cell"], f["line"]) for f in document["findings"]] == [(1, 4), (3, 2)]
    sarif = json.loads(run(root, "check", "--output-format", "sarif").stdout)["runs"][0]["results"]
    # SARIF's region is in the .ipynb file's own lines (tests/reporters/test_sarif_notebook.py)
    assert [(r["properties"]["cell"], r["properties"]["cellRegion"]["startLine"]) for r in sarif] == [(1, 4), (3, 2)]
    junit = ET.fromstring(run(root, "check", "--output-format", "junit").stdout)
    first, second = (len(f"from {OLD} import ") + 1, len(f"    from {OLD} import ") + 1)
    assert [c.get("name") for c in junit.iter("testcase") if c.get("name").startswith("SSOT001")] == [
        f"SSOT001 app/analysis.ipynb:cell 1:4:{first}", f"SSOT001 app/analysis.ipynb:cell 3:2:{second}"]
    github = run(root, "check", "--output-format", "github").stdout
    # annotations sit on the .ipynb file's own lines (tests/reporters/test_sarif_notebook.py); the title says the cell's
    assert "title=SSOT001 deprecated-import (cell 1%2C line 4)" in github


def test_fix_rewrites_only_the_changed_cell_sources(project) -> None:
    root = project({"app/analysis.ipynb": NOTEBOOK})
    done = run(root, "fix")
    assert done.returncode == 0, done.stdout + done.stderr
    after = (root / "app/analysis.ipynb").read_text(encoding="utf-8")
    # byte for byte what nbformat would write with the two import lines changed, nothing else
    assert after == NOTEBOOK.replace(f'"from {OLD} import {UWM}\\n"', f'"from {NEW} import {UWM}\\n"').replace(
        f'"    from {OLD} import {UWM} as M\\n"', f'"    from {NEW} import {UWM} as M\\n"')
    assert "%matplotlib inline" in after and "!pip list" in after and f"echo from {OLD}" in after
    assert f"Import from `{OLD}` no more" in after and "caf\u00e9 from app.websocket_core.unified_manager" in after
    assert run(root, "check").returncode == 0
    again = run(root, "fix")
    assert again.returncode == 0 and (root / "app/analysis.ipynb").read_text(encoding="utf-8") == after


def test_cells_ending_with_a_newline_keep_it_and_an_unchanged_one_is_not_rewritten(project) -> None:
    # sources as one string each, ending with a newline (as editors and jupytext write them)
    text = notebook(("code", "import os\n"), ("code", f"x = 1\nfrom {OLD} import {UWM}\n"))
    root = project({"app/analysis.ipynb": text})
    assert run(root, "fix").returncode == 0
    after = (root / "app/analysis.ipynb").read_text(encoding="utf-8")
    assert after == text.replace(f"from {OLD} import", f"from {NEW} import")


def test_a_layout_that_cannot_be_reproduced_is_not_rewritten(project) -> None:
    odd = NOTEBOOK.replace('"nbformat": 4', '"nbformat":    4')
    root = project({"app/analysis.ipynb": odd})
    before = (root / "app/analysis.ipynb").read_bytes()
    done = run(root, "fix")
    assert done.returncode == 2
    assert "cannot write this notebook back with its own JSON layout" in done.stdout + done.stderr
    assert (root / "app/analysis.ipynb").read_bytes() == before


def test_a_cell_with_a_syntax_error_and_a_file_that_is_not_a_notebook(project) -> None:
    broken = notebook(("code", ["import os"]), ("code", [f"from {OLD} import {UWM}\n", "def (:\n"]))
    root = project({"app/broken.ipynb": broken, "app/fake.ipynb": "not json"})
    done = run(root, "check", "--output-format", "concise")
    assert done.returncode == 2
    assert "app/broken.ipynb:2" in done.stdout and "cell 2:" in done.stdout
    assert "app/fake.ipynb: SSOT000 not a Jupyter notebook" in done.stdout


def test_stdin_and_the_api_read_a_notebook_buffer(project, monkeypatch) -> None:
    import ssot_lint

    root = project({})
    monkeypatch.chdir(root)
    report = ssot_lint.check_source("app/new.ipynb", NOTEBOOK)
    assert [(f.location.cell, f.location.line) for f in report.findings] == [(1, 4), (3, 2)]
    fixed, left = ssot_lint.fix_source("app/new.ipynb", NOTEBOOK)
    assert OLD not in "".join(json.loads(fixed)["cells"][1]["source"]) and left.remaining.findings == ()

