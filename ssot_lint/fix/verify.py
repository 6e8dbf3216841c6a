"""Prove a rewritten file before it is written: it parses, compiles, binds the same top-level
names, has no fixable finding left and no finding it did not have before.

A file that fails any of these is left byte-for-byte intact and reported (REAL-WORLD.md: bulk
"fixers" took 1,034 files from parsing to not parsing).
"""

from __future__ import annotations

import ast
import warnings
from collections import Counter
from pathlib import Path

import libcst as cst

from ..analysis import scope
from ..findings import FileError, FileResult, Finding
from ..project.exports import TopLevel
from ..project.modules import ModuleName, module_for_path
from ..runner import engine
from .rebinding import Rebinding, binding_changes, scope_bindings

__all__ = ["compiles", "top_level_names", "verify"]


def compiles(source: bytes, path: str) -> bool:
    """`compile()` succeeds on this interpreter (warnings such as invalid escapes do not count)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def top_level_names(source: bytes, tree: cst.Module | None, module: ModuleName | None) -> frozenset[str]:
    """Names the module binds at its top level: from the stdlib `ast` (fast), or from the LibCST
    tree when `ast` cannot read the file on this interpreter (PEP 701 on Python < 3.12)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        parsed = None
    if parsed is not None:
        walker = TopLevel(module)
        walker.walk(parsed.body)
        return frozenset(walker.names)
    if tree is None:
        tree = cst.parse_module(source)
    bindings = scope.collect(tree, module).module_scope
    return frozenset(bindings.imports) | frozenset(bindings.others)


def _bindings_changed(
    original: bytes, new_source: bytes, tree: cst.Module | None, module: ModuleName | None,
    job: engine.Job, changes: tuple[Rebinding, ...],
) -> str | None:
    """Why the rewrite binds something other than it meant to (None: it binds what it should).
    Where `ast` cannot read the file (PEP 701 before Python 3.12) only the module's names are
    compared."""
    before = scope_bindings(original, module, job.index.representative)
    after = scope_bindings(new_source, module, job.index.representative)
    if before is not None and after is not None:
        return binding_changes(before, after, changes)
    if changes or top_level_names(original, tree, module) != top_level_names(new_source, None, module):
        return "the rewrite would change the names the module binds"
    return None


def _key(finding: Finding, job: engine.Job) -> tuple[str, str]:
    """Findings compared across the rewrite: the same use keeps its key when its import moves."""
    return (finding.code, job.index.representative(finding.symbol))


def _refuse(path: str, what: str) -> FileError:
    return FileError(path, "verify", f"{what}; file left unchanged",
                     hint="please report this with the file: it is a bug in ssot-lint fix")


def verify(
    before: engine.Analysis,
    original: bytes,
    new_source: bytes,
    path: Path,
    job: engine.Job,
    fixed: Counter[tuple[str, str]],
    changes: tuple[Rebinding, ...] = (),
) -> tuple[FileError | None, FileResult | None]:
    """(None, findings after the rewrite) when `new_source` is safe to write; else (why not, None).

    `fixed` counts (code, canonical symbol) of the findings the plan rewrote; `changes` are the
    bindings the fixer changed on purpose (see `rebinding`). The findings after
    come from the same fast statement-level analysis `check` uses: the same findings by test.
    """
    display = before.result.path
    after = engine.analyse(new_source, path, display, job, sparse=True)
    if after.module is None or after.result.error is not None:
        return _refuse(display, "the rewritten file does not parse"), None
    if not compiles(new_source, display) and compiles(original, display):
        return _refuse(display, "the rewritten file does not compile"), None
    module = module_for_path(path, job.src)
    changed = _bindings_changed(original, new_source, before.module, module, job, changes)
    if changed is not None:
        return _refuse(display, changed), None
    expected = Counter(_key(f, job) for f in before.result.findings) - fixed
    surplus = Counter(_key(f, job) for f in after.result.findings) - expected
    if surplus:
        listed = ", ".join(f"{code} `{symbol}`" for code, symbol in sorted(surplus))
        return _refuse(display, f"the rewrite would leave or add findings ({listed})"), None
    return None, after.result
