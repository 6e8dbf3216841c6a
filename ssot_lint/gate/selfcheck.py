"""Contract self-check: warnings about the contract itself, found while checking the code.

A contract drifts as the migration proceeds: a shim gains a name the canonical module lacks, the
last import of a shim disappears, a rename points at nothing, an `allowed-in` glob outlives the
package it named. None of these is a finding in the code, so they are warnings (`check` prints
them on stderr; `--strict-contract` fails on them). Pure: everything comes in as values.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping

from ..findings import CheckReport
from ..project.contract import Contract, ContractIndex, Project
from ..project.exports import ExportsIndex, ModuleExports
from ..project.targets import target_warnings
from ..rules import DEPRECATED_IMPORT

__all__ = ["contract_warnings", "deletion_candidates"]


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


def _still_named(module: str, symbols: set[str]) -> bool:
    return any(s == module or s.startswith(module + ".") for s in symbols)


def deletion_candidates(project: Project, exports: ExportsIndex, report: CheckReport, index: ContractIndex) -> list[str]:
    """Deprecated modules that exist and that no finding names: maybe deletable, if no file
    imports them behind a selection or suppression (`importers` finds out)."""
    symbols = _symbols(report, index)
    missing = {m.module for m in exports.missing}
    return [
        module for contract in project.contracts for module in contract.deprecated
        if module not in missing and not _still_named(module, symbols)
    ]


def _unused(contract: Contract, candidates: Mapping[str, frozenset[str]]) -> list[str]:
    """'It can be deleted', only when true; when only the contract's own modules import it, say so."""
    head = f"contract {contract.name!r}: deprecated"
    warnings = []
    for module in contract.deprecated:
        users = candidates.get(module)
        if users is None or not users <= contract.own_modules:
            continue
        others = ", ".join(f"`{u}`" for u in sorted(users - {contract.canonical}))
        if not users:
            warnings.append(f"{head} `{module}` is no longer imported anywhere: it can be deleted")
        elif contract.canonical in users:
            also = f" (and deprecated {others})" if others else ""
            warnings.append(f"{head} `{module}` is imported only by the canonical module `{contract.canonical}`"
                            f"{also}: move the implementation into `{contract.canonical}`, then delete it")
        else:
            warnings.append(f"{head} `{module}` is imported only by deprecated {others}: delete them together")
    return warnings


def _call_moves(contract: Contract, index: ContractIndex) -> list[str]:
    """A `deprecated-calls` entry whose replacement is the same callable reports nothing: say so,
    and where the path move belongs."""
    warnings = []
    for owner, old, new in index.call_moves:
        if owner is not contract:
            continue
        covered = f"{DEPRECATED_IMPORT.code} already covers it" if index.move(old) is not None else "list it under `renames`"
        warnings.append(
            f"contract {contract.name!r}: deprecated-calls `{old}` is the same function as its replacement "
            f"`{new}`: this is an import move, {covered}"
        )
    return warnings


def _unmatched_globs(contract: Contract, modules: frozenset[str]) -> list[str]:
    return [
        f"contract {contract.name!r}: allowed-in `{pattern}` matches no checked module"
        for pattern in contract.allowed_in
        if not any(fnmatch.fnmatchcase(module, pattern) for module in modules)
    ]


def _symbols(report: CheckReport, index: ContractIndex) -> set[str]:
    """Every dotted name a finding reports, and the deprecated module a renamed one came from."""
    symbols = {f.symbol for f in report.findings}
    return symbols | {m.old for m in (index.move(s) for s in list(symbols)) if m is not None}


def contract_warnings(
    project: Project,
    exports: ExportsIndex,
    report: CheckReport,
    index: ContractIndex,
    *,
    modules: Iterable[str] = (),
    whole_project: bool = False,
    importers: Mapping[str, frozenset[str]] | None = None,
) -> tuple[str, ...]:
    """Every warning about the contract, in contract order.

    `modules`: the checked files' module names. `whole_project`: every file of the project was
    checked (no paths, shard or diff filter, no baseline hiding findings); only then can a
    deprecated module be called deletable or an `allowed-in` glob be called unmatched.
    `importers`: for the `deletion_candidates`, the modules of every file that imports each.
    """
    symbols = _symbols(report, index)
    names = frozenset(modules)
    warnings: list[str] = []
    for contract in project.contracts:
        warnings += target_warnings(contract, exports)
        warnings += _missing_in_canonical(contract, exports, symbols)
        warnings += _call_moves(contract, index)
        warnings += _unused(contract, importers or {}) if whole_project else []
        warnings += _unmatched_globs(contract, names) if whole_project else []
    return tuple(warnings)
