"""Start-up cost and parallelism: `--version` and a warm `check` of a clean tree import neither
LibCST nor rich (measured with `python -X importtime`), and the job count never changes the output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from ssot_lint.gate.cache import CACHE_DIR

OLD = "app.websocket_core.unified_manager"
UWM = "UnifiedWebSocketManager"
CLEAN = "from app.websocket_core.websocket_manager import get_websocket_manager\n"

IMPORT_LINE = re.compile(r"^import time:\s*(?:\d+|self \[us\])\s*\|\s*(?:\d+|cumulative)\s*\|\s*(?P<module>\S+)\s*$")


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "PYTHONHASHSEED")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def imported(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `python -X importtime -m ssot_lint ARGS` and return the modules it imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ssot_lint", *args],
        cwd=root, capture_output=True, text=True, env=environment(), timeout=120,
    )
    modules = {m.group("module") for line in done.stderr.splitlines() if (m := IMPORT_LINE.match(line))}
    modules.discard("package")  # the header line
    assert modules, f"no -X importtime output parsed from stderr:\n{done.stderr[:2000]}"
    return done, modules


def family(modules: set[str], top: str) -> set[str]:
    return {m for m in modules if m == top or m.startswith(top + ".")}


def test_version_imports_neither_libcst_nor_rich(tmp_path: Path) -> None:
    done, modules = imported(tmp_path, "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("ssot-lint ")
    assert "ssot_lint.cli.main" in modules, "sanity: the CLI module itself shows in the import log"
    assert family(modules, "libcst") == set()
    assert family(modules, "rich") == set()


def test_a_cold_check_imports_libcst(project) -> None:
    """The counterpart that proves the two tests around it can fail."""
    root = project({"app/consumer.py": CLEAN})
    done, modules = imported(root, "check", "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "libcst" in modules


def test_a_warm_check_of_a_clean_tree_imports_neither_libcst_nor_rich(project) -> None:
    root = project({"app/consumer.py": CLEAN, "app/other.py": "import os\n"})
    first = subprocess.run([sys.executable, "-m", "ssot_lint", "check", "--jobs", "1"], cwd=root,
                           capture_output=True, text=True, env=environment(), timeout=120)
    assert first.returncode == 0, first.stdout + first.stderr
    assert (root / CACHE_DIR).is_dir()
    done, modules = imported(root, "check", "--jobs", "1")
    assert done.returncode == 0
    assert "All checks passed!" in done.stdout
    assert "ssot_lint.app" in modules, "sanity: the check really ran in this process"
    assert family(modules, "libcst") == set()
    assert family(modules, "rich") == set()


def test_a_warm_check_with_the_default_job_count_imports_no_libcst(project) -> None:
    root = project({"app/consumer.py": CLEAN})
    first = subprocess.run([sys.executable, "-m", "ssot_lint", "check"], cwd=root,
                           capture_output=True, text=True, env=environment(), timeout=120)
    assert first.returncode == 0, first.stdout + first.stderr
    done, modules = imported(root, "check")
    assert done.returncode == 0
    assert family(modules, "libcst") == set()
    assert family(modules, "rich") == set()


# --- --jobs ----------------------------------------------------------------------------------------

TEMPLATES = (
    f"from {OLD} import {UWM}\n",
    "import app.websocket_core.manager\nx = app.websocket_core.manager.WebSocketManager()\n",
    "from app.websocket_core.manager import WebSocketManager\n",
    f"from unittest import mock\n\n\n@mock.patch('{OLD}.{UWM}')\ndef test(m):\n    pass\n",
    f"from app.websocket_core.websocket_manager import {UWM}\nm = {UWM}()\n",
    "from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory\n"
    "f = get_websocket_manager_factory()\n",
    f"class {UWM}:\n    pass\n",
    f"from app.websocket_core import unified_manager\nunified_manager.{UWM}\n",
    "import os\n",
    f"from {OLD} import (\n",  # SSOT000
)
FILES = {f"app/part{i}/mod{i}.py": TEMPLATES[i % len(TEMPLATES)] for i in range(10)}


def test_one_and_two_jobs_give_identical_findings(project, run_check) -> None:
    root = project(FILES)
    one_code, one = run_check(root, jobs=1)
    two_code, two = run_check(root, jobs=2)
    assert one_code == two_code == 2
    assert len(one["findings"]) >= 8
    assert two["findings"] == one["findings"]
    assert two["errors"] == one["errors"]
    assert {k: v for k, v in two["summary"].items() if k != "elapsed_seconds"} == \
        {k: v for k, v in one["summary"].items() if k != "elapsed_seconds"}


def test_one_and_two_jobs_print_identical_json_from_the_command_line(project) -> None:
    root = project(FILES)

    def document(jobs: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "ssot_lint", "check", "--no-cache", "--jobs", jobs, "--output-format", "json"],
            cwd=root, capture_output=True, text=True, env=environment(), timeout=120,
        )
        assert done.returncode == 2, done.stderr
        data = json.loads(done.stdout)
        data["summary"].pop("elapsed_seconds")
        return data

    assert document("1") == document("2")


def test_zero_jobs_is_refused(project) -> None:
    root = project(FILES)
    done = subprocess.run([sys.executable, "-m", "ssot_lint", "check", "--jobs", "0"], cwd=root,
                          capture_output=True, text=True, env=environment(), timeout=120)
    assert done.returncode == 2
    assert "--jobs" in done.stderr


# --- progress bar ----------------------------------------------------------------------------------


def test_no_progress_bar_when_stderr_is_not_a_terminal(project) -> None:
    root = project(FILES)
    done = subprocess.run([sys.executable, "-m", "ssot_lint", "check", "--no-cache", "--jobs", "1"], cwd=root,
                          capture_output=True, text=True, env=environment(), timeout=120)
    assert done.returncode == 2
    assert done.stderr == ""


def test_no_progress_bar_for_machine_formats_or_in_ci(monkeypatch) -> None:
    from ssot_lint.cli import progress

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress.sys, "stderr", Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert progress.progress_callback(machine_format=True)[0] is None
    assert progress.progress_callback(machine_format=False)[0] is not None
    monkeypatch.setenv("CI", "true")
    assert progress.progress_callback(machine_format=False)[0] is None
