"""What every import of a file binds, scope by scope: the verifier's proof that a rewrite binds
each local name to the very object it bound before.

An import rewrite that binds the wrong thing still parses, compiles and passes `check` (`from
a.b.c.d import foo` once became `from x.y import c as foo`). So the verifier compares, in each
scope, the pairs (local name, where its import finally leads, canonicalised by the contract)
before and after the rewrite; the only differences allowed are those the fixer declared
(`Rebinding`), each of which keeps its target. Read with the stdlib `ast`, independently of the
LibCST code that did the rewrite.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from ..project.modules import ModuleName, resolve_relative

__all__ = ["Rebinding", "ScopeBindings", "binding_changes", "scope_bindings"]

#: per scope, in source order: the (local, canonical target) of its imports, and the other names it binds.
ScopeBindings = tuple[tuple[frozenset[tuple[str, str]], frozenset[str]], ...]

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


@dataclass(frozen=True, slots=True)
class Rebinding:
    """A change of bindings the fixer makes on purpose: `old` (None: an added import) becomes
    `new` (None: a removed import), both bound to `target` (already canonical)."""

    old: str | None
    new: str | None
    target: str
    #: only in the module scope (an added or removed top-level import)
    module_only: bool = False
    #: a removal that happens only if nothing else uses the import (adding is always optional)
    optional: bool = False


class _Walker:
    def __init__(self, module: ModuleName | None, canonical: Callable[[str], str]) -> None:
        self.module = module
        self.canonical = canonical
        self.scopes: list[tuple[set[tuple[str, str]], set[str]]] = []

    def scope(self, body: list[ast.AST]) -> None:
        imports: set[tuple[str, str]] = set()
        others: set[str] = set()
        self.scopes.append((imports, others))
        todo = list(body)
        while todo:
            node = todo.pop(0)
            if isinstance(node, _SCOPES):
                if not isinstance(node, ast.Lambda):
                    others.add(node.name)
                inner = node.body if isinstance(node.body, list) else [node.body]
                self._defaults(node, todo)
                self.scope(list(inner))
                continue
            self._bind(node, imports, others)
            todo.extend(ast.iter_child_nodes(node))

    @staticmethod
    def _defaults(node: ast.AST, todo: list[ast.AST]) -> None:
        """Decorators, bases and defaults run in the enclosing scope."""
        todo.extend(getattr(node, "decorator_list", []))
        todo.extend(getattr(node, "bases", []))
        arguments = getattr(node, "args", None)
        if isinstance(arguments, ast.arguments):
            todo.extend(d for d in (*arguments.defaults, *arguments.kw_defaults) if d is not None)

    def _bind(self, node: ast.AST, imports: set[tuple[str, str]], others: set[str]) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                imports.add((local, self.canonical(alias.name)))
        elif isinstance(node, ast.ImportFrom):
            source = resolve_relative(self.module, node.level, node.module)
            source = source if source is not None else "." * node.level + (node.module or "")
            for alias in node.names:
                if alias.name == "*":
                    imports.add(("*", self.canonical(source)))
                else:
                    imports.add((alias.asname or alias.name, self.canonical(f"{source}.{alias.name}")))
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            others.add(node.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            others.add(node.name)
        elif isinstance(node, ast.arg):
            others.add(node.arg)


def scope_bindings(
    source: bytes, module: ModuleName | None, canonical: Callable[[str], str]
) -> ScopeBindings | None:
    """Each scope's bindings, or None when the stdlib `ast` cannot read `source` here."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    walker = _Walker(module, canonical)
    walker.scope(list(tree.body))
    return tuple((frozenset(i), frozenset(o)) for i, o in walker.scopes)


def _expected(scope: frozenset[tuple[str, str]], changes: tuple[Rebinding, ...], is_module: bool) -> set[tuple[str, str]]:
    expected = set(scope)
    for change in changes:
        if change.module_only and not is_module:
            continue
        if change.old is not None and (change.old, change.target) in scope:
            expected.discard((change.old, change.target))
            if change.new is not None:
                expected.add((change.new, change.target))
        elif change.old is None and change.new is not None:
            expected.add((change.new, change.target))
    return expected


def _unexplained(
    before: frozenset[tuple[str, str]], after: frozenset[tuple[str, str]], changes: tuple[Rebinding, ...], is_module: bool
) -> list[str]:
    """The locals whose binding the rewrite changed without declaring it."""
    expected = _expected(before, changes, is_module)
    wrong = expected.symmetric_difference(after)
    added = [c for c in changes if c.old is None and (not c.module_only or is_module)]
    wrong -= {(c.new, c.target) for c in added if (c.new, c.target) in after}  # adding is optional
    kept = [c for c in changes if c.optional and c.new is None and (not c.module_only or is_module)]
    wrong -= {(c.old, c.target) for c in kept if (c.old, c.target) in before and (c.old, c.target) in after}
    return sorted({local for local, _ in wrong})


def _renamed_others(
    imports: frozenset[tuple[str, str]], others: frozenset[str], changes: tuple[Rebinding, ...]
) -> frozenset[str]:
    """A local renamed on purpose is renamed in every binding of it in the scope where its import
    is (`X = None` in the `except ImportError:` of `from old import X`)."""
    renamed = set(others)
    for change in changes:
        bound_here = (change.old, change.target) in imports
        if change.old is not None and change.new is not None and bound_here and change.old in renamed:
            renamed.discard(change.old)
            renamed.add(change.new)
    return frozenset(renamed)


def binding_changes(before: ScopeBindings, after: ScopeBindings, changes: tuple[Rebinding, ...]) -> str | None:
    """Why the bindings after a rewrite are not the ones before with `changes` applied (None
    when they are): the scopes must be the same, bind the same other names, and every import
    must lead where it led."""
    if len(before) != len(after):
        return "the rewrite would change the file's functions or classes"
    for index, ((imports, others), (new_imports, new_others)) in enumerate(zip(before, after)):
        wrong = _unexplained(imports, new_imports, changes, index == 0)
        if wrong:
            where = "at module level" if index == 0 else "in a function or class"
            bound = {local: target for local, target in imports}
            now = {local: target for local, target in new_imports}
            shown = ", ".join(f"`{n}` ({bound.get(n, 'unbound')} -> {now.get(n, 'unbound')})" for n in wrong[:3])
            return f"the rewrite would change what {shown} refers to {where}"
        if _renamed_others(imports, others, changes) != new_others:
            return "the rewrite would change the names the module binds"
    return None
