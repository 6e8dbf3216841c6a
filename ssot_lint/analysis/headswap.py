"""Whether `import a.b` can become `import c.b` with every `a.b...` chain following it.

`import a.b` binds `a`; `import c.b` binds `c` instead (LibCST's RenameCommand makes this move).
That is the same program only when the file reaches `a` through nothing but `a.b...` chains (or
another import that is not moving keeps `a` bound), and when `c` names nothing else anywhere in
the file: a parameter, an assignment or a `from z import c` would capture the rewritten chains.
Read with the stdlib `ast` over the whole file (`check` may have parsed only a skeleton), and
asked only for this one rare shape, so its cost never touches an ordinary file.
"""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Iterator

__all__ = ["swap_problem"]

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.Module)


def _walk(tree: ast.AST) -> Iterator[tuple[ast.AST, ast.AST]]:
    """(node, the module/def/class/lambda whose scope it binds in), depth first."""
    todo: list[tuple[ast.AST, ast.AST]] = [(tree, tree)]
    while todo:
        node, scope = todo.pop()
        yield node, scope
        inner = node if isinstance(node, _SCOPES) else scope
        todo.extend((child, inner) for child in ast.iter_child_nodes(node))


def _chain(node: ast.Attribute) -> list[str] | None:
    parts: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        parts.append(current.attr)
        current = current.value
    if not isinstance(current, ast.Name):
        return None
    return [current.id, *reversed(parts)]


def _binds(node: ast.AST) -> list[tuple[str, ast.AST]]:
    """(name, binding node) for every name `node` binds other than by `import`."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return [(node.id, node)]
    if isinstance(node, ast.arg):
        return [(node.arg, node)]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [(node.name, node)]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return [(name, node) for name in node.names]
    name = getattr(node, "name", None) if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) else None
    if isinstance(node, ast.MatchMapping):
        name = node.rest
    return [(name, node)] if isinstance(name, str) else []


def _plain(alias: ast.alias, head: str) -> bool:
    """`import head` / `import head.x`: binds `head` to the package `head` itself."""
    return alias.asname is None and alias.name.split(".")[0] == head


def swap_problem(
    source: bytes, dotted: str, new: str, moves: Callable[[str], bool],
    same: Callable[[str], bool] = lambda qualname: False,
) -> str | None:
    """Why `import <dotted>` cannot become `import <new>` (None: it can). `moves` tells whether
    an imported module is itself deprecated (its import may move too); `same(qualname)` whether
    an import of `qualname` binds the very module `new`'s first name does (`from legacy.moves
    import jobs` where `jobs` is the package `import jobs` binds)."""
    old_head, new_head = dotted.split(".")[0], new.split(".")[0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "the file cannot be read by Python's `ast` here, so the names it binds are unknown"
    prefix = dotted.split(".")
    chained: set[int] = set()
    uses: list[int] = []
    keeps_old: set[int] = set()  # scopes where an import that stays binds `old_head`
    ours: set[int] = set()  # scopes of the `import <dotted>` statements
    new_binders: list[int] = []
    new_imported = False
    new_loads: list[int] = []
    stars: list[int] = []
    for node, scope in _walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in chained:
            parts = _chain(node)
            if parts is not None and parts[: len(prefix)] == prefix:
                chained.update(id(n) for n in ast.walk(node) if isinstance(n, (ast.Name, ast.Attribute)))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if alias.name == dotted and alias.asname is None:
                    ours.add(id(scope))
                elif bound == old_head and _plain(alias, old_head) and not moves(alias.name):
                    keeps_old.add(id(scope))
                elif bound == old_head:
                    uses.append(node.lineno)
                if bound == new_head:
                    new_imported = True
                    if not _plain(alias, new_head) and not same(alias.name):
                        new_binders.append(node.lineno)
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                bound = alias.asname or alias.name
                stars += [node.lineno] if alias.name == "*" else []
                uses += [node.lineno] if bound == old_head else []
                source_module = "." * node.level + (node.module or "")
                new_imported = new_imported or (bound == new_head and same(f"{source_module}.{alias.name}"))
                new_binders += [node.lineno] if bound == new_head and not same(f"{source_module}.{alias.name}") else []
        if isinstance(node, ast.Name) and id(node) not in chained and node.id == old_head:
            uses.append(node.lineno)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id == new_head:
            new_loads.append(node.lineno)
        for name, binder in _binds(node):
            if name == new_head:
                new_binders.append(getattr(binder, "lineno", 0))
            elif name == old_head and not isinstance(binder, ast.Name):
                uses.append(getattr(binder, "lineno", 0))
    return _verdict(dotted, new, old_head, new_head, uses if not (ours and ours <= keeps_old) else [],
                    new_binders, new_loads if not new_imported else [], stars)


def _verdict(
    dotted: str, new: str, old_head: str, new_head: str,
    uses: list[int], new_binders: list[int], new_loads: list[int], stars: list[int],
) -> str | None:
    if uses:
        return (f"`import {dotted}` also binds `{old_head}`, which line {min(uses)} uses other than "
                f"through `{dotted}`: import `{new}` and keep `{old_head}` bound by hand, or use `import {dotted} as ...`")
    if new_binders:
        return (f"`import {new}` would bind `{new_head}`, which line {min(new_binders)} binds to something "
                f"else: rename that, or use `import {dotted} as ...`")
    if new_loads:
        return (f"`import {new}` would bind `{new_head}`, which line {min(new_loads)} already reads: "
                f"rename that, or use `import {dotted} as ...`")
    if stars:
        return (f"`import {new}` would bind `{new_head}`, which the star import on line {min(stars)} may bind "
                f"too: import the names explicitly, or use `import {dotted} as ...`")
    return None
