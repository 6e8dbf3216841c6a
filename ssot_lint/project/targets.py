"""Does every module and name the contract points at exist? A typo in a contract otherwise shows
up only as silence, or as one puzzling note per finding. Pure: works on the `ExportsIndex` that
was read once for the run (under `src`, then in the project's environment)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from .contract import Contract
from .exports import ExportsIndex

__all__ = ["target_warnings"]


def _nowhere(exports: ExportsIndex) -> str:
    return f"not found under `src` or in the environment of {exports.python}"


def _did_you_mean(candidates: tuple[str, ...] | list[str]) -> str:
    return f": did you mean {' or '.join(f'`{c}`' for c in candidates)}?" if candidates else ""


def _missing_module(exports: ExportsIndex, module: str) -> str | None:
    """Why `module` cannot be found, with close spellings; None when it exists."""
    for missing in exports.missing:
        if missing.module == module:
            return f"`{module}` is {_nowhere(exports)}{_did_you_mean(missing.near)}"
    return None


def _missing_name(exports: ExportsIndex, dotted: str) -> str | None:
    """Why `module.Name` does not exist (module missing, or provably lacks the name)."""
    module, _, name = dotted.rpartition(".")
    absent = _missing_module(exports, module)
    if absent is not None:
        return f"its module {absent}"
    if exports.provides(module, name) is not False:
        return None
    found = exports.get(module)
    names = sorted((found.names | found.submodules) if found else ())
    return f"`{module}` has no `{name}`{_did_you_mean(difflib.get_close_matches(name, names, n=2))}"


def _named_targets(contract: Contract) -> Iterator[tuple[str, str]]:
    """(what to call it, dotted name) for every name the contract says must exist."""
    for old, new in contract.renames:
        yield f"rename target `{new}` (for `{old}`)", new
    for name in contract.factory_only:
        yield f"factory-only `{name}`", name
    if contract.factory:
        yield f"factory `{contract.factory}`", contract.factory
    for old, new in contract.deprecated_calls:
        if new:
            yield f"deprecated-calls replacement `{new}` (for `{old}`)", new


def target_warnings(contract: Contract, exports: ExportsIndex) -> list[str]:
    """One warning per module or name the contract names that does not exist."""
    head = f"contract {contract.name!r}:"
    warnings = []
    absent = _missing_module(exports, contract.canonical)
    if absent is not None:
        warnings.append(f"{head} canonical {absent}")
    for module in contract.deprecated:
        absent = _missing_module(exports, module)
        if absent is not None:
            warnings.append(f"{head} deprecated {absent} (if it was deleted, remove it from `deprecated`)")
    for what, dotted in _named_targets(contract):
        problem = _missing_name(exports, dotted)
        if problem is not None:
            warnings.append(f"{head} {what} does not exist: {problem}")
    return warnings
