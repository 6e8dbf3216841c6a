"""Property tests of `fix` over generated combinations of import forms, aliases and name sets.

Whatever the file: the output parses (LibCST and `compile`), a second fix changes nothing, the
names bound at module level are the same (read with the stdlib `ast`, independently of the
product's own scope code), and `check` then reports no fixable finding. The project keeps local
names (`rename-style = "keep-local"`), the style whose promise is that names stay; the default
style, which renames, is held to `check`'s predictions in `test_check_fix_agree.py`.
"""

from __future__ import annotations

import ast
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssot_lint.app import RunOptions, check, fix
from ssot_lint.checks.base import DEFAULT_CONTRACT, DEFAULT_SOURCES

WS = "app.websocket_core"
MODULES = [f"{WS}.unified_manager", f"{WS}.manager", f"{WS}.websocket_manager_factory", f"{WS}.websocket_manager"]
NAMES = ["UnifiedWebSocketManager", "UserExecutionContext", "get_websocket_manager", "WebSocketManager", "Missing"]
ALIASES = [None, None, "Alias", "WSM", "UserExecutionContext"]
FILE = "app/consumer.py"
#: per example, whether fix changed the file (the generator must exercise the rewrites).
CHANGED: list[bool] = []

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def example_project() -> Iterator[Path]:
    """The default contract and its modules, once per test function; cwd inside it."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        body = DEFAULT_CONTRACT.replace("[[contract]]", "[[tool.ssot-lint.contract]]")
        (root / "pyproject.toml").write_text(
            f'[tool.ssot-lint]\nsrc = ["."]\nrename-style = "keep-local"\n\n{body}', encoding="utf-8"
        )
        for relative, source in DEFAULT_SOURCES.items():
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_text(source, encoding="utf-8")
        previous = Path.cwd()
        os.chdir(root)
        try:
            yield root
        finally:
            os.chdir(previous)


# --- generated sources -------------------------------------------------------------------------

alias_names = st.tuples(st.sampled_from(NAMES), st.sampled_from(ALIASES))


def _alias(name: str, asname: str | None) -> str:
    return f"{name} as {asname}" if asname else name


def _bound(name: str, asname: str | None) -> str:
    return asname or name


@st.composite
def from_import(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """(lines, bound names) of one `from ... import` in some layout."""
    module = draw(st.sampled_from(MODULES))
    if draw(st.booleans()) and module != MODULES[3]:
        module = "." + module.removeprefix("app.")  # relative, from app/consumer.py
    names = draw(st.lists(alias_names, min_size=1, max_size=3))
    aliases = [_alias(n, a) for n, a in names]
    layout = draw(st.sampled_from(["flat", "parens", "parens-comments"]))
    if layout == "flat":
        lines = [f"from {module} import {', '.join(aliases)}"]
    else:
        comment = "  # why" if layout == "parens-comments" else ""
        lines = [f"from {module} import ("] + [f"    {a},{comment}" for a in aliases] + [")"]
    return lines, [_bound(n, a) for n, a in names]


@st.composite
def module_import(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """`import m` / `import m as x` plus a use of an attribute through it."""
    module = draw(st.sampled_from(MODULES[:3]))
    attribute = draw(st.sampled_from(NAMES[:4]))
    if draw(st.booleans()):
        return [f"import {module} as mod", f"USE_{len(attribute)} = mod.{attribute}"], ["mod", f"USE_{len(attribute)}"]
    return [f"import {module}", f"DOTTED_{len(attribute)} = {module}.{attribute}"], ["app", f"DOTTED_{len(attribute)}"]


@st.composite
def statement(draw: st.DrawFn) -> list[str]:
    """One import form, placed at module level, in a function, or in try/except ImportError."""
    lines, bound = draw(st.one_of(from_import(), module_import()))
    place = draw(st.sampled_from(["top", "top", "def", "try"]))
    indented = ["    " + line for line in lines]
    if place == "def":
        uses = ", ".join(bound)
        return ["def load():", *indented, f"    return ({uses},)", ""]
    if place == "try":
        fallback = [f"    {name} = None" for name in bound]
        return ["try:", *indented, "except ImportError:", *fallback]
    return lines


@st.composite
def source(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(statement(), min_size=1, max_size=4))
    lines = [line for block in blocks for line in block]
    return "\n".join(lines) + "\n"


# --- the oracle ----------------------------------------------------------------------------------


def module_level_names(text: str) -> set[str]:
    """Names bound at module level (imports, assignments, defs), through if/try/with bodies."""
    names: set[str] = set()

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                names.update(a.asname or a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                names.update(a.asname or a.name for a in node.names)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
            for field in ("body", "orelse", "finalbody"):
                if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    walk(getattr(node, field, []))
            for handler in getattr(node, "handlers", []):
                walk(handler.body)

    walk(ast.parse(text).body)
    return names


def _run_fix(root: Path) -> bytes:
    fix(RunOptions(paths=(Path(FILE),), cwd=root, jobs=1), write=True)
    return (root / FILE).read_bytes()


@PROPERTY_SETTINGS
@given(text=source())
def test_fix_output_parses_is_idempotent_and_binds_the_same_names(example_project: Path, text: str) -> None:
    root = example_project
    (root / FILE).write_text(text, encoding="utf-8")
    once = _run_fix(root)
    cst.parse_module(once)
    compile(once, FILE, "exec", dont_inherit=True)
    assert module_level_names(once.decode()) == module_level_names(text)
    assert _run_fix(root) == once
    report = check(RunOptions(paths=(Path(FILE),), cwd=root, jobs=1))
    assert report.errors == ()
    assert [f for f in report.findings if f.fixable] == []
    CHANGED.append(once != text.encode())


def test_the_generator_exercises_rewrites() -> None:
    """Runs after the property: most generated files must have had something to fix."""
    if CHANGED:
        assert sum(CHANGED) >= len(CHANGED) // 3, CHANGED


FILLER = [
    "def helper_{n}(value):\n    return value + {n}\n",
    "# a comment about nothing {n}\n",
    "\n",
    "CONSTANT_{n} = {n}\n",
    "class Model{n}:\n    field = {n}\n\n    # trailing comment in the class\n",
]


@st.composite
def source_with_gaps(draw: st.DrawFn) -> str:
    """Contract statements between statements that mention no contract name, so the skeleton
    `fix` parses leaves gaps (blank lines and comments on both sides of each)."""
    parts = []
    for n, block in enumerate(draw(st.lists(statement(), min_size=1, max_size=4))):
        for filler in draw(st.lists(st.sampled_from(FILLER), max_size=3)):
            parts.append(filler.format(n=n))
        parts.append("\n".join(block) + "\n")
        parts.append(draw(st.sampled_from(["", "\n", "\n\n", "# after\n"])))
    text = "".join(parts)
    return text if draw(st.booleans()) else text.rstrip("\n")  # some files lack a last newline


@PROPERTY_SETTINGS
@given(text=source_with_gaps())
def test_fixing_a_skeleton_and_splicing_gives_the_bytes_of_a_whole_file_fix(example_project: Path, text: str) -> None:
    """What `fix` does for files over 2 KB (rewrite a skeleton, splice the changed lines back)
    yields exactly what rewriting the whole file does."""
    from ssot_lint.fix import worker

    root = example_project
    outputs = []
    for threshold in (10**12, 0):
        (root / FILE).write_text(text, encoding="utf-8")
        worker.SPARSE_FIX_BYTES = threshold
        try:
            outputs.append(_run_fix(root))
        finally:
            worker.SPARSE_FIX_BYTES = worker.MIN_SPARSE_BYTES
    assert outputs[1] == outputs[0]
