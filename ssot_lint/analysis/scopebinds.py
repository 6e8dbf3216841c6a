"""What a statement binds in its scope, read from the stdlib `ast` (see `innermost`). Pure.

`scope.collect` counts a name as bound in a scope by imports, assignment targets, loop, `with`
and `except` names, comprehension targets, `:=`, `global`/`nonlocal`, `del` and nested `def`
and `class` names; these helpers find the same names without LibCST, over-approximating where
that is cheaper.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

__all__ = ["DEFS", "bound_here", "import_bound"]

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _target_names(node: ast.AST | None, into: set[str]) -> None:
    if isinstance(node, ast.Name):
        into.add(node.id)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            _target_names(element, into)
    elif isinstance(node, ast.Starred):
        _target_names(node.value, into)


_COMPOUND = tuple(
    getattr(ast, name) for name in ("If", "While", "For", "AsyncFor", "With", "AsyncWith", "Try", "TryStar", "Match")
    if hasattr(ast, name)
)


def bound_here(node: ast.stmt, source: bytes, span: tuple[int, int]) -> set[str]:
    """Names `node` binds in the scope it is in (its own nested scopes excluded), as
    `scope.collect` counts them; over-approximated where that is cheaper."""
    if isinstance(node, DEFS):
        return {node.name}
    names: set[str] = set()
    text = source[span[0] : span[1]]
    if isinstance(node, _COMPOUND) or b"for" in text or b":=" in text:
        for inner in _walk_scope(node):
            _bind_of(inner, names)
    else:
        _bind_of(node, names)
    return names


def _walk_scope(node: ast.AST) -> Iterator[ast.AST]:
    """`ast.walk` that does not enter nested `def`, `class` or `lambda` (their own scopes)."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if isinstance(child, (*DEFS, ast.Lambda)):
                if isinstance(child, DEFS):
                    yield child
                continue
            todo.append(child)


def _bind_of(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            _target_names(target, names)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension, ast.NamedExpr)):
        _target_names(node.target, names)
    elif isinstance(node, ast.withitem):
        _target_names(node.optional_vars, names)
    elif isinstance(node, ast.ExceptHandler) and node.name:
        names.add(node.name)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        names.update(a.asname or a.name.split(".")[0] for a in node.names)
    elif isinstance(node, DEFS):
        names.add(node.name)
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        names.update(node.names)
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        names.add(node.name)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        names.add(node.rest)
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            _target_names(target, names)


_SUBSTATEMENTS = ("body", "orelse", "finalbody")


def import_bound(tree: ast.Module) -> frozenset[str] | None:
    """Names bound anywhere in the module by an import or an `X = a.b` alias; None when a star
    import may bind any name."""
    names: set[str] = set()
    todo: list[list[ast.stmt]] = [tree.body]
    while todo:
        for node in todo.pop():
            if isinstance(node, ast.Import):
                names.update(a.asname or a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if any(a.name == "*" for a in node.names):
                    return None
                names.update(a.asname or a.name for a in node.names)
            elif isinstance(node, ast.Assign):
                if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and _dotted(node.value):
                    names.add(node.targets[0].id)  # `X = a.b`: an alias (see `scope.collect`)
            else:
                todo.extend(getattr(node, field) for field in _SUBSTATEMENTS if hasattr(node, field))
                todo.extend(h.body for h in getattr(node, "handlers", ()))
                todo.extend(c.body for c in getattr(node, "cases", ()))
    return frozenset(names)


def _dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


