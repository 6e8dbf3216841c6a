"""Differential test: the (line, code) findings of SSOT001 and SSOT003 on generated sources equal
an independent reference computed here with the stdlib `ast` (not the product's LibCST visitors),
following the rules documented in checks/deprecated_import.py and checks/factory_only.py:
imports through a deprecated module (or of a renamed name) are SSOT001 wherever they stand; a call
that resolves (imports, `as` aliases, `Y = X` aliases, attribute chains, per-scope LEGB lookup,
flow-insensitive) to the factory-only class is SSOT003."""

from __future__ import annotations

import ast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssot_lint.app import RunOptions, prepare
from ssot_lint.runner.engine import analyse_source

from reliability_helpers import make_project

WS = "app.websocket_core"
DEPRECATED = {f"{WS}.manager", f"{WS}.unified_manager", f"{WS}.websocket_manager_factory"}
RENAMES = {f"{WS}.manager.WebSocketManager": f"{WS}.websocket_manager.UnifiedWebSocketManager"}
CANONICAL = f"{WS}.websocket_manager"
FACTORY_ONLY = f"{WS}.websocket_manager.UnifiedWebSocketManager"
MODULES = sorted(DEPRECATED | {CANONICAL, "app.other.manager"})
NAMES = ["UnifiedWebSocketManager", "WebSocketManager", "UserExecutionContext"]
LOCALS = ["W", "U", "um", "m"]


def canonical(qualname: str) -> str:
    """Follow renames and deprecated-module moves (longest prefix first) to a fixed point."""
    for _ in range(5):
        parts = qualname.split(".")
        for cut in range(len(parts), 0, -1):
            prefix, rest = ".".join(parts[:cut]), parts[cut:]
            if prefix in RENAMES:
                qualname = ".".join([RENAMES[prefix], *rest])
                break
            if prefix in DEPRECATED:
                qualname = ".".join([CANONICAL, *rest])
                break
        else:
            return qualname
    return qualname


def deprecated(qualname: str) -> bool:
    parts = qualname.split(".")
    return any(".".join(parts[:cut]) in DEPRECATED | set(RENAMES) for cut in range(1, len(parts) + 1))


def dotted(node: ast.expr) -> list[str] | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return [node.id, *reversed(parts)]


class Scope:
    def __init__(self, parent: Scope | None) -> None:
        self.parent, self.imports, self.others, self.stars = parent, {}, set(), []

    def lookup(self, name: str) -> set[str]:
        """LEGB; a name bound nowhere may come from a star import on the way."""
        scope, stars = self, []
        while scope is not None:
            if name in scope.imports:
                return scope.imports[name]
            if name in scope.others:
                return set()
            stars += scope.stars
            scope = scope.parent
        return {f"{module}.{name}" for module in stars}

    def resolve(self, node: ast.expr) -> set[str]:
        parts = dotted(node)
        if parts is None:
            return set()
        return {".".join([q, *parts[1:]]) for q in self.lookup(parts[0])}


def reference(source: str) -> set[tuple[int, str]]:
    tree = ast.parse(source)
    found: set[tuple[int, str]] = set()
    calls: list[tuple[Scope, ast.Call]] = []

    def body(statements: list[ast.stmt], scope: Scope) -> None:
        aliases = []
        for node in statements:
            for sub in ast.walk(node) if not isinstance(node, ast.FunctionDef) else [node]:
                if isinstance(sub, ast.ImportFrom):
                    for alias in sub.names:
                        if alias.name == "*":
                            scope.stars.append(sub.module)
                            if sub.module in DEPRECATED:
                                found.add((sub.lineno, "SSOT001"))
                            continue
                        qualname = f"{sub.module}.{alias.name}"
                        scope.imports.setdefault(alias.asname or alias.name, set()).add(qualname)
                        if deprecated(qualname):
                            found.add((sub.lineno, "SSOT001"))
                elif isinstance(sub, ast.Import):
                    for alias in sub.names:
                        local = alias.asname or alias.name.split(".")[0]
                        scope.imports.setdefault(local, set()).add(alias.name if alias.asname else local)
                        if deprecated(alias.name):
                            found.add((sub.lineno, "SSOT001"))
                elif isinstance(sub, ast.Assign):
                    target = sub.targets[0]
                    if dotted(sub.value) is not None:
                        aliases.append((target.id, sub.value))
                    else:
                        scope.others.add(target.id)
                elif isinstance(sub, ast.Call):
                    calls.append((scope, sub))
            if isinstance(node, ast.FunctionDef):
                scope.others.add(node.name)
                inner = Scope(scope)
                inner.others.update(a.arg for a in node.args.args)
                body(node.body, inner)
        for _ in range(3):
            for name, value in aliases:
                resolved = scope.resolve(value)
                if resolved:
                    scope.imports.setdefault(name, set()).update(resolved)
        for name, _ in aliases:
            if name not in scope.imports:
                scope.others.add(name)

    body(tree.body, Scope(None))
    for scope, call in calls:
        if any(canonical(q) == FACTORY_ONLY for q in scope.resolve(call.func)):
            found.add((call.lineno, "SSOT003"))
    return found


def _import() -> st.SearchStrategy[str]:
    local = st.sampled_from([None, *LOCALS])
    return st.one_of(
        st.builds(lambda m, n, a: f"from {m} import {n}" + (f" as {a}" if a else ""), st.sampled_from(MODULES), st.sampled_from(NAMES), local),
        st.builds(lambda m, a: f"import {m}" + (f" as {a}" if a else ""), st.sampled_from(MODULES), local),
        st.builds(lambda n, a: f"from {WS} import {n}" + (f" as {a}" if a else ""), st.sampled_from(["manager", "unified_manager", "websocket_manager"]), local),
        st.sampled_from([f"from {WS}.manager import *", f"from {WS}.websocket_manager import *"]),
    )


def _use() -> st.SearchStrategy[str]:
    name = st.sampled_from([*LOCALS, *NAMES, "B", "app"])
    chain = st.builds(lambda n, attrs: ".".join([n, *attrs]), name, st.lists(st.sampled_from(NAMES + ["websocket_core", "manager", "unified_manager"]), max_size=3))
    return st.one_of(
        st.builds(lambda c: f"{c}()", chain),
        st.builds(lambda c: f"B = {c}", chain),
        st.builds(lambda n: f"{n} = 1", name),
        st.builds(lambda c: f"x = {c}", chain),
    )


statement = st.one_of(_import(), _use())
SOURCES = st.builds(
    lambda top, inner, tail: "\n".join(top) + "\n\ndef f(p):\n" + "".join(f"    {s}\n" for s in inner) + "    pass\n\n" + "\n".join(tail) + "\n",
    st.lists(statement, max_size=6), st.lists(statement, max_size=4), st.lists(statement, max_size=3),
)


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_project(tmp_path_factory.mktemp("diff") / "p", {"app/consumer.py": ""})
    return prepare(RunOptions(paths=(root,), cwd=root, select=("SSOT001", "SSOT003"))).job, root


def _findings(job_root, source: str) -> set[tuple[int, str]]:  # type: ignore[no-untyped-def]
    job, root = job_root
    result = analyse_source(source.encode(), root / "app/consumer.py", "app/consumer.py", job)
    assert result.error is None, result.error
    return {(f.location.line, f.code) for f in result.findings if f.code in ("SSOT001", "SSOT003")}


def test_reference_agrees_on_known_cases(job) -> None:  # type: ignore[no-untyped-def]
    source = (f"import {WS}.unified_manager as um\nB = um.UnifiedWebSocketManager\n\n"
              f"def f(p):\n    from {WS}.manager import WebSocketManager as W\n    W()\n    B()\n    pass\n")
    assert reference(source) == _findings(job, source) == {(1, "SSOT001"), (5, "SSOT001"), (6, "SSOT003"), (7, "SSOT003")}


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=SOURCES)
def test_findings_equal_the_ast_reference(job, source: str) -> None:  # type: ignore[no-untyped-def]
    assert _findings(job, source) == reference(source), source
