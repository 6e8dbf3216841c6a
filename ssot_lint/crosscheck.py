"""Configuration problems that span contract tables: a name used twice, a module canonical in
one contract and deprecated in another, circular renames. `config` runs these once every table
has been read on its own, reporting through the same `add(key, message, hint)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ssot_lint.contract import Contract

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


def _cycle(start: str, renames: Mapping[str, str]) -> list[str] | None:
    """The rename chain from `start` if it comes back to `start` (exact key lookups only)."""
    chain = [start]
    current = renames[start]
    while current in renames and current not in chain:
        chain.append(current)
        current = renames[current]
    return chain if current == start else None


def _check_cycles(add: Add, located: Located) -> None:
    """A circular rename has no final name to fix to; report each cycle once, at its first key."""
    renames: dict[str, str] = {}
    where: dict[str, str] = {}
    for key, contract in located:
        for old, new in contract.renames:
            renames.setdefault(old, new)
            where.setdefault(old, join_key(f"{key}.renames", old))
    reported: set[str] = set()
    for start in renames:
        chain = _cycle(start, renames) if start not in reported else None
        if chain is not None:
            reported.update(chain)
            message = "circular rename: " + " -> ".join([*chain, start])
            add(where[start], message, "a rename chain must end at a name not renamed")


CROSS_CHECKS: tuple[Callable[[Add, Located], None], ...] = (_check_names, _check_canonical, _check_cycles)
