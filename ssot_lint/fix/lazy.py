"""PEP 810 lazy imports (`lazy import a.b`, `lazy from a.b import C`) in the rewrite: LibCST 1.9
parses them as `LazyImport`/`LazyImportFrom`, which share their children with the eager forms.
A lazy import is rewritten as its eager form would be, and every statement it becomes stays lazy.
"""

from __future__ import annotations

import libcst as cst

__all__ = ["IMPORTS", "eager", "lazy"]

#: every import statement form: eager and lazy.
IMPORTS = (cst.Import, cst.ImportFrom, cst.LazyImport, cst.LazyImportFrom)


def eager(node: cst.CSTNode) -> cst.CSTNode:
    """The eager form of a PEP 810 lazy import (the same children); other nodes as they are."""
    if isinstance(node, cst.LazyImportFrom):
        return cst.ImportFrom(
            module=node.module, names=node.names, relative=node.relative, lpar=node.lpar, rpar=node.rpar,
            semicolon=node.semicolon, whitespace_after_from=node.whitespace_after_from,
            whitespace_before_import=node.whitespace_before_import, whitespace_after_import=node.whitespace_after_import,
        )
    if isinstance(node, cst.LazyImport):
        return cst.Import(names=node.names, semicolon=node.semicolon, whitespace_after_import=node.whitespace_after_import)
    return node


def lazy(node: cst.BaseSmallStatement, like: cst.LazyImport | cst.LazyImportFrom) -> cst.BaseSmallStatement:
    """`node`, an import a lazy import became, made lazy too."""
    if isinstance(node, cst.ImportFrom):
        return cst.LazyImportFrom(
            module=node.module, names=node.names, relative=node.relative, lpar=node.lpar, rpar=node.rpar,
            semicolon=node.semicolon, whitespace_after_lazy=like.whitespace_after_lazy,
            whitespace_after_from=node.whitespace_after_from, whitespace_before_import=node.whitespace_before_import,
            whitespace_after_import=node.whitespace_after_import,
        )
    if isinstance(node, cst.Import):
        return cst.LazyImport(names=node.names, semicolon=node.semicolon, whitespace_after_lazy=like.whitespace_after_lazy,
                              whitespace_after_import=node.whitespace_after_import)
    return node
