"""The import contract: what is canonical, what is deprecated, and how to look a name up in it.

`config` turns TOML into these values; every later stage only reads them. `ContractIndex` answers
the one question every rule and every fix asks: "this fully qualified name, where does it belong?"
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path

from .routes import Route, RouteTable

__all__ = [
    "Contract",
    "ContractIndex",
    "Move",
    "Project",
    "is_dotted_name",
    "route_table",
]

_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def is_dotted_name(text: str) -> bool:
    """True for `a`, `a.b.C`; false for empty strings, `a..b`, `a.b.` or `1a`."""
    return bool(_DOTTED.match(text))


@dataclass(frozen=True, slots=True)
class Contract:
    """One `[[tool.ssot-lint.contract]]` table, validated."""

    name: str
    canonical: str
    deprecated: tuple[str, ...] = ()
    #: ("old.module.Name", "new.module.Name") pairs, sorted by old name.
    renames: tuple[tuple[str, str], ...] = ()
    factory_only: tuple[str, ...] = ()
    factory: str | None = None
    #: module-name globs (fnmatch) where factory-only classes may be created.
    allowed_in: tuple[str, ...] = ()
    #: ("old.callable", "replacement") pairs; an empty replacement means "none".
    deprecated_calls: tuple[tuple[str, str], ...] = ()
    unique: tuple[str, ...] = ()

    @property
    def own_modules(self) -> frozenset[str]:
        """The canonical module and its shims: exempt from this contract's rules."""
        return frozenset((self.canonical, *self.deprecated))


@dataclass(frozen=True, slots=True)
class Project:
    """Everything read from the configuration: where the code is and what it must obey."""

    #: the folder relative paths are resolved against (the config file's folder, or the cwd).
    root: Path
    config_file: Path | None
    src: tuple[Path, ...]
    exclude: tuple[str, ...]
    #: (glob, codes) pairs.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...]
    contracts: tuple[Contract, ...]
    baseline: Path | None = None
    #: the interpreter whose import path holds installed modules (None: the running one); a
    #: path relative to `root`, or a command name looked up on PATH.
    python: str | None = None


@dataclass(frozen=True, slots=True)
class Move:
    """Where a deprecated dotted name goes.

    `old` is the deprecated prefix that matched (a module or a renamed name), `new` the full new
    dotted name for the looked-up name.
    """

    contract: Contract
    old: str
    new: str
    #: True when `old` is a whole deprecated module (not a single renamed name).
    whole_module: bool
    #: the module `new` lives in, and the name imported from it (None: `new` is that module).
    target_module: str
    target_name: str | None


@dataclass(frozen=True)
class ContractIndex:
    """Lookup tables over every contract; built once per run, pickled to workers.

    What a contract means for a name, and why every lookup terminates, is `routes`' business.
    """

    contracts: tuple[Contract, ...]
    _routes: RouteTable[Contract] = field(default_factory=lambda: RouteTable({}, frozenset()), repr=False)
    _modules: dict[str, Contract] = field(default_factory=dict, repr=False)
    _factory_only: dict[str, Contract] = field(default_factory=dict, repr=False)
    _calls: dict[str, tuple[Contract, str, str]] = field(default_factory=dict, repr=False)
    _unique: dict[str, Contract] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, contracts: tuple[Contract, ...]) -> ContractIndex:
        index = cls(contracts, route_table(contracts))
        for contract in contracts:
            for module in contract.deprecated:
                index._modules.setdefault(module, contract)
            for name in contract.factory_only:
                index._factory_only.setdefault(index.canonicalize(name), contract)
            for old, new in contract.deprecated_calls:
                index._calls.setdefault(index.canonicalize(old), (contract, old, new))
            for class_name in contract.unique:
                index._unique.setdefault(class_name, contract)
        return index

    @property
    def cycles(self) -> list[tuple[str, ...]]:
        """Routes that lead back to themselves (config rejects these; see `crosscheck`)."""
        return self._routes.cycles

    def move(self, qualname: str) -> Move | None:
        """The one step that applies to `qualname` (most specific prefix first), or None."""
        hit = self._routes.step(qualname)
        if hit is None:
            return None
        route, rest = hit
        new = ".".join([route.new, *rest])
        if route.whole_module:
            return Move(route.owner, route.old, new, True, route.new, rest[0] if rest else None)
        module, _, name = route.new.rpartition(".")
        return Move(route.owner, route.old, new, False, module, name)

    def canonicalize(self, qualname: str) -> str:
        """Where `qualname` finally lands after every move (bounded: see `routes`)."""
        return self._routes.settle(qualname)

    def deprecated_module(self, module: str) -> Contract | None:
        return self._modules.get(module)

    def factory_only(self, qualname: str) -> Contract | None:
        return self._factory_only.get(self.canonicalize(qualname))

    def deprecated_call(self, qualname: str) -> tuple[Contract, str, str] | None:
        """(contract, deprecated name as configured, replacement) for a call target."""
        return self._calls.get(self.canonicalize(qualname))

    def unique_class(self, class_name: str) -> Contract | None:
        return self._unique.get(class_name)

    def is_exempt(self, module: str | None, contract: Contract) -> bool:
        """The contract's own modules implement it and may do what others may not."""
        return module is not None and module in contract.own_modules

    def may_instantiate(self, module: str | None, contract: Contract) -> bool:
        if self.is_exempt(module, contract):
            return True
        return module is not None and any(
            fnmatch.fnmatchcase(module, pattern) for pattern in contract.allowed_in
        )

    def target_leaves(self) -> tuple[bytes, ...]:
        """Leaf names of the modules a fix may import from: canonical, rename and call targets."""
        modules = {contract.canonical for contract in self.contracts}
        for contract in self.contracts:
            modules.update(new.rpartition(".")[0] for _, new in (*contract.renames, *contract.deprecated_calls))
        return tuple(sorted(m.rsplit(".", 1)[-1].encode() for m in modules if m))

    def needles(self) -> tuple[bytes, ...]:
        """Byte strings at least one of which any relevant file must contain (see prefilter)."""
        words: set[str] = set()
        for contract in self.contracts:
            words.update(m.rsplit(".", 1)[-1] for m in contract.deprecated)
            words.update(old.rsplit(".", 1)[-1] for old, _ in contract.renames)
            words.update(name.rsplit(".", 1)[-1] for name in contract.factory_only)
            words.update(old.rsplit(".", 1)[-1] for old, _ in contract.deprecated_calls)
            words.update(contract.unique)
        return tuple(sorted(w.encode() for w in words))


def route_table(contracts: tuple[Contract, ...]) -> RouteTable[Contract]:
    """Renames and deprecated modules as routes (first contract wins a key; a rename beats a
    module at the same key), canonical modules as stops."""
    routes: dict[str, Route[Contract]] = {}
    for contract in contracts:
        for old, new in contract.renames:
            routes.setdefault(old, Route(old, new, False, contract))
    for contract in contracts:
        for module in contract.deprecated:
            routes.setdefault(module, Route(module, contract.canonical, True, contract))
    return RouteTable.build(routes, frozenset(c.canonical for c in contracts))
