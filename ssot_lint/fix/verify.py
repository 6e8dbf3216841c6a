"""Prove a rewritten file before it is written: it parses, compiles, binds the same top-level
names, has no fixable finding left and no finding it did not have before.

A file that fails any of these is left byte-for-byte intact and reported (REAL-WORLD.md: bulk
"fixers" took 1,034 files from parsing to not parsing).
"""

from __future__ import annotations

import warnings
from collections import Counter
from pathlib import Path

import libcst as cst

from .. import engine, scope
from ..findings import FileError, Finding
from ..modules import ModuleName, module_for_path

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


def top_level_names(tree: cst.Module, module: ModuleName | None) -> frozenset[str]:
    bindings = scope.collect(tree, module).module_scope
    return frozenset(bindings.imports) | frozenset(bindings.others)


def _key(finding: Finding, job: engine.Job) -> tuple[str, str]:
    """Findings compared across the rewrite: the same use keeps its key when its import moves."""
    return (finding.code, job.index.canonicalize(finding.symbol))


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
) -> FileError | None:
    # `fixed` counts (code, canonical symbol) of the findings the plan rewrote.
    """None when `new_source` is safe to write; otherwise why not."""
    display = before.result.path
    after = engine.analyse(new_source, path, display, job)
    if after.module is None or after.result.error is not None or before.module is None:
        return _refuse(display, "the rewritten file does not parse")
    if compiles(original, display) and not compiles(new_source, display):
        return _refuse(display, "the rewritten file does not compile")
    module = module_for_path(path, job.src)
    if top_level_names(before.module, module) != top_level_names(after.module, module):
        return _refuse(display, "the rewrite would change the names the module binds")
    expected = Counter(_key(f, job) for f in before.result.findings) - fixed
    surplus = Counter(_key(f, job) for f in after.result.findings) - expected
    if surplus:
        listed = ", ".join(f"{code} `{symbol}`" for code, symbol in sorted(surplus))
        return _refuse(display, f"the rewrite would leave or add findings ({listed})")
    return None
