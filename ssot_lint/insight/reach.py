"""Resolution over the import-path graph: every top-level name -> the definition it denotes,
through imports, `X = Y` aliases and star imports, and the chain of modules on the way.

`graph.scan` reads the facts; this module only reasons about them (no I/O).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .graph import Binding, Definition, ModuleFacts, ProjectIndex, Usage, usage

__all__ = ["SymbolPath", "reachable", "resolve"]



@dataclass(frozen=True, slots=True)
class SymbolPath:
    """One module through which a definition is reachable, and how it gets there."""

    module: str
    name: str
    #: modules from this one to the defining one: (manager, websocket_manager, unified_manager).
    chain: tuple[str, ...]
    line: int
    role: str  #: "definition" | "re-export" | "alias"
    #: the (module, name) this one binds from, None for the definition.
    via: tuple[str, str] | None
    usage: Usage

    @property
    def dotted(self) -> str:
        return f"{self.module}.{self.name}"

    @property
    def depth(self) -> int:
        return len(self.chain) - 1


_Found = tuple[Definition, tuple[str, ...], Binding | None]


def resolve(index: ProjectIndex, module: str, name: str, seen: frozenset[tuple[str, str]] = frozenset()) -> _Found | None:
    """The definition `module.name` denotes, the chain of modules to it, and the first binding."""
    facts = index.get(module)
    if facts is None or (module, name) in seen:
        return None
    seen = seen | {(module, name)}
    for definition in facts.definitions:
        if definition.name == name:
            return definition, (module,), None
    for binding in reversed(facts.bindings):  # the last binding wins, as at run time
        if binding.name == name:
            found = resolve(index, binding.source_module, binding.source_name, seen)
            if found is not None:
                chain = found[1] if found[1][0] == module else (module, *found[1])
                return found[0], chain, binding
    for star, line in zip(facts.stars, facts.star_lines):
        found = resolve(index, star, name, seen)
        if found is not None:
            return found[0], (module, *found[1]), Binding(name, star, name, line, "import")
    return None


def _names(index: ProjectIndex, facts: ModuleFacts) -> set[str]:
    names = {d.name for d in facts.definitions} | {b.name for b in facts.bindings}
    for star in facts.stars:
        inner = index.get(star)
        names |= set(inner.public()) if inner else set()
    return names


def _path(facts: ModuleFacts, name: str, found: _Found, uses: dict[str, Usage]) -> SymbolPath:
    definition, chain, binding = found
    if binding is None:
        role, via, line = "definition", None, definition.line
    else:
        role = "alias" if binding.kind == "alias" else "re-export"
        via, line = (binding.source_module, binding.source_name), binding.line
    return SymbolPath(facts.module, name, chain, line, role, via, uses.get(f"{facts.module}.{name}", Usage()))


def _exported(index: ProjectIndex, path: SymbolPath) -> bool:
    """A re-export, not a consumer's own import: in a module that only re-exports (a shim, used
    or not), declared in `__all__` or as `X as X`, an alias, a package's name from one of its own
    submodules, or imported from."""
    facts = index.get(path.module)
    if facts is None:
        return False
    if path.role != "re-export" or facts.is_shim or path.name in (facts.all_names or ()):
        return True
    binding = next((b for b in reversed(facts.bindings) if b.name == path.name), None)
    source = binding.source_module if binding else path.via[0] if path.via else ""
    own = facts.is_package and source.startswith(facts.module + ".") and not path.name.startswith("_")
    return own or bool(binding and binding.explicit) or bool(path.usage.files - {facts.path})


def reachable(index: ProjectIndex, keep: frozenset[tuple[str, str]] = frozenset()) -> dict[Definition, tuple[SymbolPath, ...]]:
    """Every definition -> the paths it is reachable through (the definition's own first);
    `keep`: (module, name) paths to list even if they look like a consumer's own import (the
    path a user asked about)."""
    uses = usage(index)
    candidates: dict[Definition, list[SymbolPath]] = defaultdict(list)
    for facts in index.modules:
        for name in sorted(_names(index, facts)):
            found = resolve(index, facts.module, name)
            if found is not None:
                candidates[found[0]].append(_path(facts, name, found, uses))
    result = {}
    for definition, paths in candidates.items():
        kept = {(p.module, p.name): p for p in paths if (p.module, p.name) in keep or _exported(index, p)}
        hops = [p.via for p in kept.values() if p.via]
        while hops:  # every hop of a kept chain is itself a path
            hop = hops.pop()
            extra = next((p for p in paths if (p.module, p.name) == hop and hop not in kept), None)
            if extra is not None and extra.via:
                hops.append(extra.via)
            if extra is not None:
                kept[hop] = extra
        result[definition] = tuple(sorted(kept.values(), key=lambda p: (p.depth, p.module, p.name)))
    return result
