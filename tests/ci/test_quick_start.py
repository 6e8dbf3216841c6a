"""The README's Quick start is two commands, and `.ci/run` runs the same test command.

(That both commands work on a fresh machine is checked by running `.ci/run` on a clean clone.)
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start\n", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return block.group(1).strip().splitlines()


def _pytest_command(line: str) -> list[str]:
    """The last `&&` step of a command line: the test run itself."""
    return shlex.split(line.split("&&")[-1])


def test_quick_start_is_one_command_to_check_the_reference_app_and_one_to_run_the_suite() -> None:
    check, suite = _quick_start()
    assert check.endswith("ssot-lint check fixtures/reference_app")
    assert _pytest_command(suite) == [".venv/bin/python", "-m", "pytest", "-n", "auto"]
    assert "'.[test]'" in suite


def test_ci_runs_the_readmes_test_command() -> None:
    _, suite = _quick_start()
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    [ci] = [line for line in script.splitlines() if "pytest" in line and not line.startswith("#")]
    assert _pytest_command(ci) == _pytest_command(suite)
    assert "'.[test]'" in ci
