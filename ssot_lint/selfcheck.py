"""Contract self-check: warnings about the contract itself, found while checking the code.

A contract drifts as the migration proceeds: a shim gains a name the canonical module lacks, the
last import of a shim disappears, a rename points at nothing, an `allowed-in` glob outlives the
package it named. None of these is a finding in the code, so they are warnings (`check` prints
them on stderr; `--strict-contract` fails on them). Pure: everything comes in as values.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable

from .contract import Contract, ContractIndex, Project
from .exports import ExportsIndex, ModuleExports
from .findings import CheckReport

__all__ = ["contract_warnings"]


def _declares_all(exports: ModuleExports) -> bool:
    """True when `__all__` is declared (as far as the exports tell: it differs from the default)."""
    return exports.public != frozenset(n for n in exports.names if not n.startswith("_"))


def _used_names(module: str, symbols: Iterable[str]) -> set[str]:
    """Names the findings show imported from `module`."""
    prefix = module + "."
    return {s[len(prefix):].split(".")[0] for s in symbols if s.startswith(prefix)}


def _missing_in_canonical(contract: Contract, exports: ExportsIndex, symbols: set[str]) -> list[str]:
    """A deprecated module's public name the canonical module lacks: the fix has nowhere to go.
    Without `__all__` a module's public names include everything it imported for itself, so then
    only the names the checked code actually imports from it count."""
    moved = {old for old, _ in contract.renames} | {old for old, _ in contract.deprecated_calls}
    warnings = []
    for module in contract.deprecated:
        found = exports.get(module)
        if found is None:
            continue
        names = found.public if _declares_all(found) else _used_names(module, symbols) & found.names
        for name in sorted(names):
            if f"{module}.{name}" not in moved and exports.provides(contract.canonical, name) is False:
                warnings.append(
                    f"contract {contract.name!r}: canonical `{contract.canonical}` does not provide `{name}`, "
                    f"which deprecated `{module}` exports: its imports cannot be fixed (add it, or a rename)"
                )
    return warnings


def _unused(contract: Contract, symbols: set[str]) -> list[str]:
    return [
        f"contract {contract.name!r}: deprecated `{module}` is no longer imported anywhere: it can be deleted"
        for module in contract.deprecated
        if not any(s == module or s.startswith(module + ".") for s in symbols)
    ]


def _missing_targets(contract: Contract, exports: ExportsIndex) -> list[str]:
    warnings = []
    for old, new in contract.renames:
        module, _, name = new.rpartition(".")
        if exports.provides(module, name) is False:
            warnings.append(f"contract {contract.name!r}: rename target `{new}` (for `{old}`) does not exist")
    return warnings


def _unmatched_globs(contract: Contract, modules: frozenset[str]) -> list[str]:
    return [
        f"contract {contract.name!r}: allowed-in `{pattern}` matches no checked module"
        for pattern in contract.allowed_in
        if not any(fnmatch.fnmatchcase(module, pattern) for module in modules)
    ]


def contract_warnings(
    project: Project,
    exports: ExportsIndex,
    report: CheckReport,
    index: ContractIndex,
    *,
    modules: Iterable[str] = (),
    whole_project: bool = False,
) -> tuple[str, ...]:
    """Every warning about the contract, in contract order.

    `modules`: the checked files' module names (the `allowed-in` check is skipped when empty).
    `whole_project`: every file of the project was checked (no paths, shard or diff filter), so
    "no longer imported anywhere" is a fact rather than a guess; pass False otherwise, and when a
    baseline hides findings. `index` is accepted for symmetry with the engine and used to resolve
    renamed names in findings back to their deprecated module.
    """
    symbols = {f.symbol for f in report.findings}
    symbols |= {m.old for m in (index.move(s) for s in list(symbols)) if m is not None}
    names = frozenset(modules)
    warnings: list[str] = []
    for contract in project.contracts:
        warnings += _missing_in_canonical(contract, exports, symbols)
        warnings += _unused(contract, symbols) if whole_project else []
        warnings += _missing_targets(contract, exports)
        warnings += _unmatched_globs(contract, names) if names else []
    return tuple(warnings)
