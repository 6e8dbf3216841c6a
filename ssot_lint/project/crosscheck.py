"""Configuration problems that span contract tables: a name used twice, a module canonical in
one contract and deprecated in another, circular renames. `config` runs these once every table
has been read on its own, reporting through the same `add(key, message, hint)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ssot_lint.project.contract import Contract, route_table

__all__ = ["CROSS_CHECKS", "join_key"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")

Add = Callable[[str, str, str], None]
Located = list[tuple[str, Contract]]  # (the contract's key path, the contract)


def join_key(prefix: str, name: str) -> str:
    """Extend a key path, quoting names (such as dotted module paths) that TOML would quote."""
    part = name if _BARE_KEY.match(name) else f'"{name}"'
    return f"{prefix}.{part}" if prefix else part


def _check_names(add: Add, located: Located) -> None:
    """Contract names label findings and baselines, so two contracts may not share one."""
    first: dict[str, str] = {}
    for key, contract in located:
        if contract.name in first:
            hint = f"already used by {first[contract.name]}; names must be unique"
            add(f"{key}.name", f"duplicate contract name {contract.name!r}", hint)
        first.setdefault(contract.name, key)


def _check_canonical(add: Add, located: Located) -> None:
    """A module both canonical and deprecated would make the fixer rewrite imports in circles."""
    owners: dict[str, str] = {}
    for _, contract in located:
        owners.setdefault(contract.canonical, contract.name)
    for key, contract in located:
        for module in contract.deprecated:
            if module in owners:
                owner = f"the canonical module of contract {owners[module]!r}"
                message = f"`{module}` is {owner} and cannot also be deprecated"
                add(f"{key}.deprecated", message, "remove it from `deprecated`")


def _route_keys(located: Located) -> dict[str, str]:
    """Each route's config key path, first contract first (as `route_table` keeps them)."""
    where: dict[str, str] = {}
    for key, contract in located:
        for old, _ in contract.renames:
            where.setdefault(old, join_key(f"{key}.renames", old))
    for key, contract in located:
        for module in contract.deprecated:
            where.setdefault(module, f"{key}.deprecated")
    return where


def _check_cycles(add: Add, located: Located) -> None:
    """A name that moves back to itself has no final home to fix to: report each cycle once,
    at its first entry, naming every entry on it."""
    table = route_table(tuple(contract for _, contract in located))
    where = _route_keys(located)
    canonical = {contract.canonical for _, contract in located}
    for cycle in table.cycles:
        if any(table.routes[old].whole_module and old in canonical for old in cycle):
            continue  # a canonical module listed as deprecated: `_check_canonical` said so
        start = min(cycle)
        turn = cycle.index(start)
        ordered = [*cycle[turn:], *cycle[:turn]]
        path = " -> ".join([*ordered, start])
        others = ", ".join(f"`{old}` ({where[old]})" for old in ordered[1:]) or "itself"
        message = f"circular move: {path}"
        add(where[start], message, f"together with {others}: a chain of moves must end at a name that stays")


CROSS_CHECKS: tuple[Callable[[Add, Located], None], ...] = (_check_names, _check_canonical, _check_cycles)
