"""Re-exports across the project: the other paths under which the contract's things are reached.

A contract names each thing once; real code reaches it through shims, package `__init__`s,
facades and `X = Y` aliases (53 paths for one class in the real monorepo). `reexport_scan` reads
the top-level bindings of the project modules that can matter into `ModuleLinks`; `build` keeps
those that lead to a path the contract names. Static only: nothing is imported or executed.
A module `__getattr__`, `importlib` tricks, assignments to `sys.modules` and bindings made inside
functions or classes are not followed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

__all__ = ["Hop", "ModuleLinks", "Reexports", "build"]


@dataclass(frozen=True, slots=True)
class ModuleLinks:
    """The top-level bindings of one module that may matter."""

    module: str
    #: (local name, dotted path it is bound to): `from m import n as local`, `import a.b as local`,
    #: `local = other.Name`; the first binding of a name wins (a `try` body before its fallback).
    links: tuple[tuple[str, str], ...] = ()
    #: names bound to an object of the module's own (`def`, `class`, any other assignment).
    defined: tuple[str, ...] = ()
    #: modules star-imported at the top level.
    stars: tuple[str, ...] = ()
    #: `__all__`, when declared.
    all_names: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Hop:
    """One step along a re-export: `prefix` of the looked-up path is bound to `target`."""

    prefix: str
    #: the looked-up path with `prefix` replaced by what it is bound to.
    target: str

    @property
    def module(self) -> str:
        """The module that re-exports (the one `prefix` is a name of)."""
        return self.prefix.rpartition(".")[0]


@dataclass(frozen=True)
class Reexports:
    """The project's bindings that lead to a contract path; pickled to every worker."""

    #: "module.name" -> the dotted path it is bound to.
    links: dict[str, str] = field(default_factory=dict)
    #: "module.name" bound to an object of that module's own: where identity stops.
    defined: frozenset[str] = frozenset()
    #: local names that stand for a contract thing somewhere: the prefilter must look for them.
    names: tuple[str, ...] = ()

    def hop(self, qualname: str) -> Hop | None:
        """The binding of the longest bound prefix of `qualname`; None when that prefix is a
        definition, or nothing is bound."""
        parts = qualname.split(".")
        for cut in range(len(parts), 1, -1):
            prefix = ".".join(parts[:cut])
            target = self.links.get(prefix)
            if target is not None:
                return Hop(prefix, ".".join([target, *parts[cut:]]))
            if prefix in self.defined:
                return None
        return None

    def is_defined(self, qualname: str) -> bool:
        """The longest bound prefix of `qualname` is a definition of the project."""
        parts = qualname.split(".")
        for cut in range(len(parts), 1, -1):
            prefix = ".".join(parts[:cut])
            if prefix in self.links:
                return False
            if prefix in self.defined:
                return True
        return False

    def fingerprint(self) -> tuple[object, ...]:
        """A stable value for cache keys (set and dict order vary between processes)."""
        return (sorted(self.links.items()), sorted(self.defined))


#: how close a path is to the contract: 2 at or under a contract path, 1 a package above one.
Known = Callable[[str], int]


def _public(module: ModuleLinks, names: set[str]) -> set[str]:
    if module.all_names is not None:
        return names & set(module.all_names)
    return {n for n in names if not n.startswith("_")}


def _expand_stars(modules: dict[str, ModuleLinks], links: dict[str, str], defined: set[str]) -> None:
    """`from m import *` binds every public name of `m` (stars of stars too, in a few rounds)."""
    bound: dict[str, set[str]] = {name: set() for name in modules}
    for key in (*links, *defined):
        owner, _, name = key.rpartition(".")
        if owner in bound:
            bound[owner].add(name)
    for _ in range(len(modules) + 1):
        changed = False
        for module in modules.values():
            for star in module.stars:
                if star not in modules or star == module.module:
                    continue
                for name in _public(modules[star], bound[star]) - bound[module.module]:
                    links[f"{module.module}.{name}"] = f"{star}.{name}"
                    bound[module.module].add(name)
                    changed = True
        if not changed:
            return


def _leads(links: dict[str, str], defined: set[str], known: Known) -> dict[str, int]:
    """For each link, how close what it finally denotes is to the contract (see `Known`)."""
    table = Reexports(links, frozenset(defined))
    memo: dict[str, int] = {}

    def closeness(key: str) -> int:
        if key in memo:
            return memo[key]
        memo[key] = 0  # a cycle leads nowhere
        target = links[key]
        level = known(target)
        hop = table.hop(target) if level == 0 else None
        if hop is not None and hop.prefix != key:
            level = closeness(hop.prefix)
        memo[key] = level
        return level

    return {key: closeness(key) for key in links}


def build(
    modules: Iterable[ModuleLinks], known: Known, reached: Callable[[str], bool] = lambda key: True
) -> tuple[Reexports, frozenset[str]]:
    """The links that some file reaches (`reached`: imports it, or its module and spells its
    name) and that lead to the contract, or that are a contract path's own binding (what it
    denotes); the definitions that stop a walk there; the names that reach a contract thing
    from outside the contract's paths. Also the names of every such link, reached or not: what
    the scan must look for."""
    by_name = {module.module: module for module in modules}
    links: dict[str, str] = {}
    defined: set[str] = set()
    for module in by_name.values():
        for local, target in module.links:
            if target != f"{module.module}.{local}":
                links.setdefault(f"{module.module}.{local}", target)
        defined.update(f"{module.module}.{name}" for name in module.defined)
    defined -= links.keys()
    _expand_stars(by_name, links, defined)
    leads = _leads(links, defined, known)
    own = {key for key in (*links, *defined) if known(key) == 2}
    kept = {key: target for key, target in links.items() if key in own or (leads[key] and reached(key))}
    stops = frozenset(key for key in defined if key in own or reached(key))
    outside = {key.rpartition(".")[2] for key, level in leads.items() if level == 2 and key not in own}
    names = sorted(name for name in outside if any(k.rpartition(".")[2] == name and k not in own for k in kept))
    return Reexports(kept, stops, tuple(names)), frozenset(outside)
