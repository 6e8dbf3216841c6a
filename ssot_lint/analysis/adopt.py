"""Whether a renamed import can adopt its new name: `from old import WebSocketManager` becoming
`from new import UnifiedWebSocketManager` with every use of the local renamed (what LibCST's
RenameCommand and Ruff's fixes do), rather than `... import UnifiedWebSocketManager as
WebSocketManager`.

Renaming a local everywhere it is seen is the same program when nothing else can see the old name
or capture the new one. Read with the stdlib `ast` over the whole file (the tree `check` parsed
may be a skeleton), only for imports a rename moves. When the answer is no, `fix` keeps the old
name with `as`, and the finding's title says why.
"""

from __future__ import annotations

import ast
import functools
import re
import warnings
from collections.abc import Callable, Iterator

from ..project.modules import ModuleName, resolve_relative

__all__ = ["adopt_problem"]

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)


@functools.lru_cache(maxsize=2)  # a file with several renamed imports is read once
def _parse(source: bytes) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _imports(tree: ast.Module, module: ModuleName | None) -> Iterator[tuple[str, str | None]]:
    """(local name, qualified name or None for a star) of every import in the file."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield (alias.asname or alias.name.split(".")[0]), (alias.name if alias.asname else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            source = resolve_relative(module, node.level, node.module) or ""
            for alias in node.names:
                yield (alias.asname or alias.name), (None if alias.name == "*" else f"{source}.{alias.name}")


def _binds(node: ast.AST) -> list[str]:
    """Names `node` binds other than by an import."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
        return [node.id]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and isinstance(node.name, str):
        return [node.name]
    if isinstance(node, ast.MatchMapping) and node.rest:
        return [node.rest]
    return []


def _signature(node: ast.AST) -> Iterator[ast.AST]:
    """The parts of a def, lambda or class evaluated in the enclosing scope."""
    yield from getattr(node, "decorator_list", [])
    yield from getattr(node, "bases", [])
    yield from (k.value for k in getattr(node, "keywords", []))
    arguments = getattr(node, "args", None)
    if isinstance(arguments, ast.arguments):
        yield from (d for d in (*arguments.defaults, *arguments.kw_defaults) if d is not None)
        every = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs, arguments.vararg, arguments.kwarg)
        yield from (a.annotation for a in every if a is not None and a.annotation is not None)
    returns = getattr(node, "returns", None)
    if returns is not None:
        yield returns


def _mentions(nodes: Iterator[ast.AST], name: str) -> bool:
    return any(isinstance(n, ast.Name) and n.id == name for part in nodes for n in ast.walk(part))


def _all_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            value = getattr(node, "value", None)
            names |= {e.value for e in getattr(value, "elts", []) if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return names


def _annotations(tree: ast.Module) -> Iterator[ast.AST]:
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            yield node.annotation
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            yield node.returns
        elif isinstance(node, ast.AnnAssign):
            yield node.annotation


def _in_string_annotation(tree: ast.Module, old: str) -> int | None:
    """The line of a string annotation (a forward reference) that mentions `old`."""
    word = re.compile(rf"\b{re.escape(old)}\b")
    for annotation in _annotations(tree):
        for node in ast.walk(annotation):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and word.search(node.value):
                return node.lineno
    return None


def _old_problem(tree: ast.Module, old: str) -> str | None:
    """Why renaming every use of `old` could miss one (None: it cannot)."""
    if old in _all_names(tree):
        return f"`{old}` is listed in `__all__`"
    quoted = _in_string_annotation(tree, old)
    if quoted is not None:
        return f"`{old}` is named in a string annotation on line {quoted}"
    for node in ast.walk(tree):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and old in node.names:
            return f"`{old}` is declared `global` or `nonlocal` on line {node.lineno}"
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == old:
            return f"a definition on line {node.lineno} is named `{old}` too"
        scoped = isinstance(node, (*_FUNCTIONS, ast.ClassDef))
        if scoped and _mentions(_signature(node), old) and any(old in _binds(n) for n in ast.walk(node)):
            line = getattr(node, "lineno", 0)
            return f"`{old}` is both a local of the definition on line {line} and used in its signature"
    return None


def adopt_problem(
    source: bytes, old: str, new: str, module: ModuleName | None, same: Callable[[str], bool]
) -> str | None:
    """Why the import binding `old` (one import in the file) cannot adopt `new` with every use
    renamed (None: it can). `same(qualname)` tells whether an import of `qualname` binds the
    very object the rename imports (another import of it may already bind `new`)."""
    tree = _parse(source)
    if tree is None:
        return "the file cannot be read by Python's `ast` here"
    imports = list(_imports(tree, module))
    if sum(1 for local, _ in imports if local == old) > 1:
        return f"another import binds `{old}` too"
    for local, qualname in imports:
        if qualname is None:
            return "a star import may bind the new name"
        if local == new and not same(qualname):
            return f"`{new}` is imported from `{qualname.rpartition('.')[0]}` here"
    taken = sorted({getattr(n, "lineno", 0) for n in ast.walk(tree) if new in _binds(n)})
    if taken:
        return f"`{new}` is bound on line {taken[0]}"
    reads = any(isinstance(n, ast.Name) and n.id == new for n in ast.walk(tree))
    if reads and not any(local == new for local, _ in imports):
        return f"`{new}` already names something else here (a builtin or a global)"
    return _old_problem(tree, old)
