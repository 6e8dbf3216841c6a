"""A light depth-first walk over a LibCST tree, for read-only passes.

LibCST's own `visit` rebuilds (and re-validates) every node on the way back up, so that
transformers and visitors share one code path; a read-only pass pays for that on every node.
Walking the dataclass fields directly visits the same nodes several times faster. Whitespace,
comments and punctuation fields are skipped: no rule reads them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import libcst as cst

__all__ = ["walk"]

_SKIPPED = frozenset({
    "leading_lines", "lines_after_decorators", "lpar", "rpar", "semicolon", "comma", "header",
    "footer", "trailing_whitespace", "equal", "colon", "dot", "operator", "lbracket", "rbracket",
    "lbrace", "rbrace", "first_line", "empty_lines", "last_line", "newline", "star_tok",
})
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(node_type: type) -> tuple[str, ...]:
    names = _FIELDS.get(node_type)
    if names is None:
        names = tuple(
            f.name for f in dataclasses.fields(node_type)
            if f.name not in _SKIPPED and not f.name.startswith("whitespace")
        )
        _FIELDS[node_type] = names
    return names


def walk(root: cst.CSTNode, visit: Callable[[cst.CSTNode], bool], leave: Callable[[cst.CSTNode], None]) -> None:
    """Call `visit` on each node in source order (False skips its children), `leave` after its
    children. Iterative, so deeply nested expressions cannot exhaust the Python stack."""
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            leave(node)
            continue
        stack.append((node, True))
        if not visit(node):
            continue
        children: list[cst.CSTNode] = []
        for name in _fields(type(node)):
            value = getattr(node, name)
            if isinstance(value, cst.CSTNode):
                children.append(value)
            elif isinstance(value, (list, tuple)):
                children.extend(v for v in value if isinstance(v, cst.CSTNode))
        stack.extend((child, False) for child in reversed(children))
