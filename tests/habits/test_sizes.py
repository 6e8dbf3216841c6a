"""Rooms of a size one can find one's way in: no module over 300 lines, no function over 40
(STYLE.md; the anchors' p90). What is over today is listed here, each entry to be split and then
removed; the test fails on a new one and on an entry that is no longer over (so the list only
shrinks)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ssot_lint"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40

#: modules still over MAX_MODULE_LINES (path from the repository root).
LONG_MODULES = {
    "ssot_lint/app.py",
    "ssot_lint/checks/deprecated_import.py",
    "ssot_lint/cli/main.py",
    "ssot_lint/fix/transforms.py",
    "ssot_lint/insight/graph.py",
    "ssot_lint/insight/proposal.py",
    "ssot_lint/lsp/server.py",
    "ssot_lint/project/config.py",
    "ssot_lint/project/contract.py",
    "ssot_lint/runner/engine.py",
}
#: functions still over MAX_FUNCTION_LINES (`path:name`), from `def` to their last line.
LONG_FUNCTIONS = {
    "ssot_lint/analysis/headswap.py:swap_problem",
    "ssot_lint/cli/init.py:init",
    "ssot_lint/cli/main.py:check",
    "ssot_lint/cli/stats.py:stats",
    "ssot_lint/fix/worker.py:_fix",
    "ssot_lint/runner/pool.py:supervise",
}


def _measure() -> tuple[set[str], set[str]]:
    modules, functions = set(), set()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > MAX_MODULE_LINES:
            modules.add(name)
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                if (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES:
                    functions.add(f"{name}:{node.name}")
    return modules, functions


def test_no_module_grows_past_the_limit() -> None:
    modules, _ = _measure()
    assert modules - LONG_MODULES == set(), f"split these modules (over {MAX_MODULE_LINES} lines)"
    assert LONG_MODULES - modules == set(), "no longer over the limit: remove them from LONG_MODULES"


def test_no_function_grows_past_the_limit() -> None:
    _, functions = _measure()
    assert functions - LONG_FUNCTIONS == set(), f"split these functions (over {MAX_FUNCTION_LINES} lines)"
    assert LONG_FUNCTIONS - functions == set(), "no longer over the limit: remove them from LONG_FUNCTIONS"
