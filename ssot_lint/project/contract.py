"""The import contract: what is canonical, what is deprecated, and how to look a name up in it.

`config` turns TOML into these values; every later stage only reads them. `ContractIndex` answers
the one question every rule and every fix asks: "this fully qualified name, where does it belong?"
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .reexports import Reexports
from .routes import Route, RouteTable

__all__ = [
    "DEFAULT_FILE_TIMEOUT",
    "DEFAULT_MAX_FILE_SIZE",
    "Contract",
    "ContractIndex",
    "Move",
    "Project",
    "is_dotted_name",
    "route_table",
]

#: a hand-written module is rarely over 1 MB; generated ones (protobuf, tables) rarely over 5.
DEFAULT_MAX_FILE_SIZE = 5_000_000
#: LibCST reads about 1 MB/s: a file at the size limit takes seconds, not a minute.
DEFAULT_FILE_TIMEOUT = 60.0

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
    #: files bigger than this many bytes are not read (SSOT000); 0: no limit.
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: a file whose analysis takes longer than this many seconds is given up (SSOT000); 0: no limit.
    file_timeout: float = DEFAULT_FILE_TIMEOUT
    #: "adopt": a renamed import takes its new name; "keep-local": `import New as Old`.
    rename_style: str = "adopt"


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
    #: the modules that re-export it on the way, when it was reached through none of the
    #: contract's own paths (see `reexports`).
    via: tuple[str, ...] = ()
    #: with `via`: the contract path it stands for.
    denotes: str | None = None


def _direct(route: Route[Contract], rest: list[str]) -> Move:
    """The move of `route.old` + `rest`."""
    new = ".".join([route.new, *rest])
    if route.whole_module:
        return Move(route.owner, route.old, new, True, route.new, rest[0] if rest else None)
    module, _, name = route.new.rpartition(".")
    return Move(route.owner, route.old, new, False, module, name)


def _derived(
    qualname: str, first: str, reached: str, route: Route[Contract], rest: list[str], via: tuple[str, ...]
) -> Move:
    """The move of `qualname`, which re-exports (from its prefix `first` on) `reached`, a path
    `route` moves. `old` is the part of `qualname` that stands for a contract path."""
    direct = _direct(route, rest)
    parts = qualname.split(".")
    tail = len(parts) - first.count(".") - 1
    kept = min(tail, len(rest))  # parts after `old`, the same in `qualname` and `reached`
    old = ".".join(parts[: len(parts) - kept])
    new_parts = direct.new.split(".")
    reached_parts = reached.split(".")
    denotes = ".".join(reached_parts[: len(reached_parts) - kept])
    if route.whole_module and denotes == route.old:
        return Move(route.owner, old, direct.new, True, direct.target_module, direct.target_name, via, denotes)
    target_module, _, target_name = ".".join(new_parts[: len(new_parts) - kept]).rpartition(".")
    return Move(route.owner, old, direct.new, False, target_module, target_name, via, denotes)


@dataclass(frozen=True)
class ContractIndex:
    """Lookup tables over every contract; built once per run, pickled to workers.

    What a contract means for a name, and why every lookup terminates, is `routes`' business;
    which other paths of the project reach the same thing, `reexports`'. Two paths name the same
    thing when they settle on the same contract path, or denote the same definition.
    """

    contracts: tuple[Contract, ...]
    _routes: RouteTable[Contract] = field(default_factory=lambda: RouteTable({}, frozenset()), repr=False)
    reexports: Reexports = field(default_factory=Reexports, repr=False)
    _modules: dict[str, Contract] = field(default_factory=dict, repr=False)
    _factory_only: dict[str, Contract] = field(default_factory=dict, repr=False)
    _calls: dict[str, tuple[Contract, str, str]] = field(default_factory=dict, repr=False)
    #: `deprecated-calls` entries whose replacement is the same callable (a mere path move).
    _call_moves: list[tuple[Contract, str, str]] = field(default_factory=list, repr=False)
    _unique: dict[str, Contract] = field(default_factory=dict, repr=False)
    _keys: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, contracts: tuple[Contract, ...], reexports: Reexports | None = None) -> ContractIndex:
        index = cls(contracts, route_table(contracts), reexports or Reexports())
        for contract in contracts:
            for module in contract.deprecated:
                index._modules.setdefault(module, contract)
            for name in contract.factory_only:
                for key in index.keys(name):
                    index._factory_only.setdefault(key, contract)
            for old, new in contract.deprecated_calls:
                if new and index.same(old, new):
                    index._call_moves.append((contract, old, new))  # calling it is calling `new`
                    continue
                for key in index.keys(old):
                    index._calls.setdefault(key, (contract, old, new))
            for class_name in contract.unique:
                index._unique.setdefault(class_name, contract)
        return index

    @property
    def cycles(self) -> list[tuple[str, ...]]:
        """Routes that lead back to themselves (config rejects these; see `crosscheck`)."""
        return self._routes.cycles

    def move(self, qualname: str, *, follow: bool = True) -> Move | None:
        """The one step that applies to `qualname` (most specific prefix first), or None.

        When no contract path is a prefix of it, the project's re-exports are followed (unless
        `follow` is False) to the first contract path: `app.other.reexp.M2`, bound to a renamed
        `old.Manager`, moves as `old.Manager` does, and says so (`via`, `denotes`)."""
        reached, first = qualname, None
        via: list[str] = []
        for _ in range(len(self.reexports.links) + 1):
            decided = self._routes.decide(reached)
            if decided is True:
                return None
            if decided is not None:
                route, rest = decided
                if first is None:
                    return _direct(route, rest)
                return _derived(qualname, first, reached, route, rest, tuple(via))
            hop = self.reexports.hop(reached) if follow else None
            if hop is None:
                return None
            first = first or hop.prefix
            via.append(hop.module)
            reached = hop.target
        return None

    def canonicalize(self, qualname: str) -> str:
        """Where `qualname` finally lands after every move (bounded: see `routes`)."""
        return self._routes.settle(qualname)

    def identity(self, qualname: str) -> str:
        """The definition `qualname` denotes: project bindings first, then the contract's moves
        for what the project does not bind (a module not read, a name it lacks)."""
        seen = {qualname}
        for _ in range(len(self.reexports.links) + self._routes.limit + 2):
            hop = self.reexports.hop(qualname)
            if hop is not None:
                qualname = hop.target
            elif self.reexports.is_defined(qualname) or (step := self._routes.step(qualname)) is None:
                break
            else:
                qualname = ".".join([step[0].new, *step[1]])
            if qualname in seen:
                break
            seen.add(qualname)
        return qualname

    def representative(self, qualname: str) -> str:
        """One name for everything that names the same thing as `qualname` (as `keys` sees it),
        so a finding keeps its identity when `fix` changes the path it is reached through."""
        return self.identity(self.canonicalize(qualname))

    def keys(self, qualname: str) -> frozenset[str]:
        """The names under which `qualname` is indexed: where it settles, and what it denotes."""
        keys = self._keys.get(qualname)
        if keys is None:
            keys = self._keys[qualname] = frozenset((self.canonicalize(qualname), self.identity(qualname)))
        return keys

    def same(self, first: str, second: str) -> bool:
        """The two paths name one thing."""
        return not self.keys(first).isdisjoint(self.keys(second))

    def reached(self, qualname: str, names: Iterable[str]) -> tuple[str, tuple[str, ...]] | None:
        """How `qualname` reaches one of `names` through the project's re-exports: (that name,
        the modules that re-export it on the way); None when it is one of them (after the
        contract's moves), or when no chain of re-exports leads to one."""
        targets = {self.canonicalize(name): name for name in names}
        via: list[str] = []
        for _ in range(len(self.reexports.links) + 1):
            hit = targets.get(self.canonicalize(qualname))
            if hit is not None:
                return (hit, tuple(via)) if via else None
            hop = self.reexports.hop(qualname)
            if hop is None:
                return None
            via.append(hop.module)
            qualname = hop.target
        return None

    def deprecated_module(self, module: str) -> Contract | None:
        return self._modules.get(module)

    def factory_only(self, qualname: str) -> Contract | None:
        for key in self.keys(qualname):
            contract = self._factory_only.get(key)
            if contract is not None:
                return contract
        return None

    def deprecated_call(self, qualname: str) -> tuple[Contract, str, str] | None:
        """(contract, deprecated name as configured, replacement) for a call target; never for
        its own replacement (an entry that only moves a path is not indexed: see `call_moves`)."""
        for key in sorted(self.keys(qualname)):
            hit = self._calls.get(key)
            if hit is not None and not (hit[2] and self.same(qualname, hit[2])):
                return hit
        return None

    def deprecated_call_entry(self, path: str) -> tuple[Contract, str, str] | None:
        """The `deprecated-calls` entry configured under exactly `path` (strings name bindings:
        no re-export is followed); never a mere path move (see `call_moves`)."""
        for contract in self.contracts:
            for old, new in contract.deprecated_calls:
                if old == path and (contract, old, new) not in self._call_moves:
                    return contract, old, new
        return None

    @property
    def call_moves(self) -> tuple[tuple[Contract, str, str], ...]:
        """`deprecated-calls` entries that name the same callable as their replacement: import
        moves, which the contract self-check points out (SSOT001's business, not SSOT004's)."""
        return tuple(self._call_moves)

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
        words.update(self.reexports.names)  # `M2` where a module re-exports a contract thing as `M2`
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
