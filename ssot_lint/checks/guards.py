"""Compatibility guards: `try: from new import X` / `except ImportError: from old import X`.

The fallback runs only where the new path is missing (an older install); as in Ruff, it is not a
finding when the `try` body already imports the same name from a path that is not deprecated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from ..analysis.scope import dotted_parts, import_from_module
from ..analysis.walk import walk
from ..project.modules import ModuleName

__all__ = ["fallbacks", "local_name", "used_otherwise"]

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})


def _imports_in(body: Sequence[cst.BaseStatement]) -> list[cst.Import | cst.ImportFrom]:
    """The import statements directly in `body` (not nested in blocks)."""
    found: list[cst.Import | cst.ImportFrom] = []
    for statement in body:
        if isinstance(statement, cst.SimpleStatementLine):
            found += [s for s in statement.body if isinstance(s, (cst.Import, cst.ImportFrom))]
    return found


def _imported(body: Sequence[cst.BaseStatement], module: ModuleName | None) -> list[tuple[str, str]]:
    """(local, qualified name) of what the imports directly in `body` bind."""
    bound: list[tuple[str, str]] = []
    for statement in _imports_in(body):
        if isinstance(statement, cst.ImportFrom):
            source = import_from_module(statement, module)
            if source is not None and not isinstance(statement.names, cst.ImportStar):
                bound += [(local_name(a), f"{source}.{a.name.value}") for a in statement.names if isinstance(a.name, cst.Name)]
        else:
            bound += [(local_name(a), ".".join(dotted_parts(a.name) or [])) for a in statement.names if a.asname is not None]
    return bound


def _catches_import_error(handler: cst.ExceptHandler) -> bool:
    """`except ImportError`, `except (ImportError, ...)`, `except ModuleNotFoundError as e`."""
    kind = handler.type
    if kind is None:
        return False
    kinds = [e.value for e in kind.elements] if isinstance(kind, cst.Tuple) else [kind]
    return any(isinstance(k, cst.Name) and k.value in _IMPORT_ERRORS for k in kinds)


def local_name(alias: cst.ImportAlias) -> str:
    """The name an import alias binds (`b` for `a as b`, `a` for `a`; "" for a dotted one)."""
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return alias.name.value if isinstance(alias.name, cst.Name) else ""


def fallbacks(node: cst.Try, module: ModuleName | None, current: Callable[[str], bool]) -> dict[int, set[str]]:
    """ids of the imports in the `except ImportError` handlers of `node` -> the locals its body
    imports from a `current` path (one that is neither deprecated nor a deprecated callable)."""
    guarded = {local for local, qualname in _imported(node.body.body, module) if current(qualname)}
    if not guarded:
        return {}
    return {
        id(statement): guarded
        for handler in node.handlers if _catches_import_error(handler)
        for statement in _imports_in(handler.body.body)
    }


def used_otherwise(tree: cst.Module | None, name: str) -> bool:
    """`name` is read somewhere other than as the callee of a call (or the file is not known):
    an import that must go with its calls cannot go then. Any spelling counts, in any scope."""
    if tree is None:
        return True
    callees: set[int] = set()
    found = False

    def visit(node: cst.CSTNode) -> bool:
        nonlocal found
        if isinstance(node, (cst.Import, cst.ImportFrom)) or found:
            return False
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            callees.add(id(node.func))
        elif isinstance(node, cst.Name) and node.value == name and id(node) not in callees:
            found = True
        return True

    walk(tree, visit, lambda node: None)
    return found
