"""One cheap pass that records what every local name is bound to, scope by scope.

LibCST's `QualifiedNameProvider` would answer "what does this name refer to?" too, but costs about
ten times the parse (PERFORMANCE.md). The rules only need import bindings and simple aliases
(`X = Y`), so we record exactly those. The analysis is flow-insensitive, like Python's own scoping:
a name bound by an import anywhere in a scope may refer to that import everywhere in the scope,
which is what makes `try: from old import X / except ImportError: X = None` still resolve to `old.X`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from ..project.modules import ModuleName, resolve_relative
from .walk import walk

__all__ = ["Bindings", "Scope", "collect", "dotted_parts", "import_from_module"]


@dataclass(eq=False)
class Scope:
    """A module, class or function body. Mutable while collecting; read-only afterwards."""

    kind: str  # "module" | "class" | "function"
    parent: Scope | None
    #: local name -> fully qualified names it may refer to (imports and aliases of them).
    imports: dict[str, set[str]] = field(default_factory=dict)
    #: names bound by anything else (defs, parameters, assignments): they shadow outer imports.
    others: set[str] = field(default_factory=set)
    #: modules star-imported here: a name bound nowhere may come from one of them.
    stars: list[str] = field(default_factory=list)
    #: dotted modules imported here without `as` (`import a.b.c` binds only `a`).
    dotted: set[str] = field(default_factory=set)

    def lookup(self, name: str) -> frozenset[str]:
        """Python's LEGB rule, minus builtins: class bodies are skipped from nested functions."""
        scope: Scope | None = self
        first = True
        stars: list[str] = []
        while scope is not None:
            if scope.kind != "class" or first:
                if name in scope.imports:
                    return frozenset(scope.imports[name])
                if name in scope.others:
                    return frozenset()
                stars += scope.stars
            first = False
            scope = scope.parent
        return frozenset(f"{module}.{name}" for module in stars)

    def resolve(self, expr: cst.BaseExpression) -> frozenset[str]:
        """Qualified names a `Name` or dotted `Attribute` chain may refer to."""
        parts = dotted_parts(expr)
        if parts is None:
            return frozenset()
        rest = ".".join(parts[1:])
        return frozenset(f"{q}.{rest}" if rest else q for q in self.lookup(parts[0]))


@dataclass(eq=False)
class Bindings:
    """The scopes of one module, keyed by the node that opens them."""

    module_scope: Scope
    scopes: dict[cst.CSTNode, Scope]
    #: (scope, expression, top-level statement index) of every dotted chain, for the "which
    #: attributes of m are used" question and to find the statements `fix` must visit.
    chains: list[tuple[Scope, cst.Attribute, int]]
    #: (node, scope it is in, index of its top-level statement) of the node types the rules
    #: asked for, in traversal order.
    events: list[tuple[cst.CSTNode, Scope, int]] = field(default_factory=list)

    def statements_using(self, modules: frozenset[str]) -> frozenset[int]:
        """Top-level statements holding a dotted chain into one of `modules`."""
        found: set[int] = set()
        for scope, chain, top in self.chains:
            if top not in found and any(
                q == m or q.startswith(m + ".") for q in scope.resolve(chain) for m in modules
            ):
                found.add(top)
        return frozenset(found)

    def attribute_uses(self, module: str) -> frozenset[str]:
        """Attribute names read from `module` anywhere in the file (`m.X`, `a.b.mod.X`)."""
        used: set[str] = set()
        prefix = module + "."
        for scope, chain, _ in self.chains:
            for qualname in scope.resolve(chain):
                if qualname.startswith(prefix):
                    used.add(qualname[len(prefix) :].split(".", 1)[0])
        return frozenset(used)


def dotted_parts(expr: cst.BaseExpression) -> list[str] | None:
    """`a.b.c` -> ["a", "b", "c"]; None for anything that is not a plain dotted chain."""
    parts: list[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if not isinstance(expr, cst.Name):
        return None
    parts.append(expr.value)
    parts.reverse()
    return parts


def import_from_module(node: cst.ImportFrom, module: ModuleName | None) -> str | None:
    """The absolute module of a `from ... import` statement (relative ones resolved)."""
    target = None
    if node.module is not None:
        parts = dotted_parts(node.module)
        target = ".".join(parts) if parts else None
    return resolve_relative(module, len(node.relative), target)


class _Collector:
    """Visit methods named as LibCST's (`visit_<Node>`, `leave_<Node>`), dispatched by `walk`."""

    def __init__(self, module: ModuleName | None, record: frozenset[type] = frozenset()) -> None:
        self.module = module
        self.record = record
        self.events: list[tuple[cst.CSTNode, Scope, int]] = []
        #: index in the module body of the top-level statement being walked.
        self.top = -1
        self.root = Scope("module", None)
        self.stack = [self.root]
        self.scopes: dict[cst.CSTNode, Scope] = {}
        self.aliases: list[tuple[Scope, str, cst.BaseExpression]] = []
        self.chains: list[tuple[Scope, cst.Attribute, int]] = []

    @property
    def scope(self) -> Scope:
        return self.stack[-1]

    def on_visit(self, node: cst.CSTNode) -> bool:
        node_type = type(node)
        if node_type in self.record:  # before the node opens its own scope
            self.events.append((node, self.stack[-1], self.top))
        handler = _VISITORS.get(node_type)
        return handler is None or handler(self, node) is not False

    def on_leave(self, node: cst.CSTNode) -> None:
        handler = _LEAVERS.get(type(node))
        if handler is not None:
            handler(self, node)

    def _push(self, node: cst.CSTNode, kind: str) -> None:
        scope = Scope(kind, self.scope)
        self.scopes[node] = scope
        self.stack.append(scope)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.scope.others.add(node.name.value)
        self._push(node, "function")

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self._push(node, "function")

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.stack.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.scope.others.add(node.name.value)
        self._push(node, "class")

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_Param(self, node: cst.Param) -> None:
        self.scope.others.add(node.name.value)

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            parts = dotted_parts(alias.name)
            if parts is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self._bind(alias.asname.name.value, ".".join(parts))
            else:
                self._bind(parts[0], parts[0])
                self.scope.dotted.add(".".join(parts))
        return False  # the dotted names inside are not attribute reads

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        module = import_from_module(node, self.module)
        if isinstance(node.names, cst.ImportStar):
            self.scope.stars += [module] if module is not None else []
            return False
        for alias in node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else None
            if name is None or module is None:
                continue
            local = name
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self._bind(local, f"{module}.{name}")
        return False

    #: PEP 810 (`lazy import a.b`, `lazy from a.b import C`) binds exactly as its eager form.
    visit_LazyImport = visit_Import
    visit_LazyImportFrom = visit_ImportFrom

    def _bind(self, local: str, qualname: str) -> None:
        self.scope.imports.setdefault(local, set()).add(qualname)

    def visit_Assign(self, node: cst.Assign) -> None:
        if (
            len(node.targets) == 1
            and isinstance(node.targets[0].target, cst.Name)
            and dotted_parts(node.value) is not None
        ):
            self.aliases.append((self.scope, node.targets[0].target.value, node.value))
            return
        for target in node.targets:
            self._bind_targets(target.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._bind_targets(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind_targets(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._bind_targets(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._bind_targets(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        # `with ... as x`, `except ... as e`: import aliases never get here (see visit_Import*).
        self._bind_targets(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind_targets(node.target)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.chains.append((self.scope, node, self.top))

    def _bind_targets(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.scope.others.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind_targets(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind_targets(target.value)

    def finish(self) -> Bindings:
        for _ in range(3):  # chains of aliases (A = B; C = A) settle within a few rounds
            for scope, name, value in self.aliases:
                qualnames = scope.resolve(value)
                if qualnames:
                    scope.imports.setdefault(name, set()).update(qualnames)
        for scope, name, _ in self.aliases:
            if name not in scope.imports:
                scope.others.add(name)
        return Bindings(self.root, self.scopes, self.chains, self.events)


_VISITORS = {
    getattr(cst, name[len("visit_") :]): method
    for name, method in vars(_Collector).items() if name.startswith("visit_")
}
_LEAVERS = {
    getattr(cst, name[len("leave_") :]): method
    for name, method in vars(_Collector).items() if name.startswith("leave_")
}


def collect(
    module_node: cst.Module, module: ModuleName | None, record: frozenset[type] = frozenset()
) -> Bindings:
    """Record the bindings of every scope in `module_node`, and the nodes of the `record` types
    with their scope, so the rules need no second traversal."""
    collector = _Collector(module, record)
    for index, statement in enumerate(module_node.body):
        collector.top = index
        walk(statement, collector.on_visit, collector.on_leave)
    return collector.finish()
