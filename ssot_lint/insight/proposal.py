"""Contract discovery for `ssot-lint init`: propose the contract a maintainer would write, each
entry with the evidence for it (see `evidence` for what counts).

1. Deprecated, whole: shims (pure re-export modules that are not public facades), and modules
   that call themselves deprecated and name a replacement module that exists. A module that
   defines things of its own and does not call itself deprecated never is, whatever one of its
   functions does.
2. Canonical, for each thing a deprecated module re-exports: where it is defined, or the
   shortest public re-export of it (a facade listing it in `__all__`, packages first), or the
   replacement the defining module names when it calls itself deprecated; for a name defined
   outside the scanned tree, the first module on its chain that is not deprecated.
   `prefer_most_used` (`--prefer-most-used`) picks the path most files import from instead.
3. One contract per canonical module; a deprecated module joins the canonical most of its names
   go to, and a name that goes elsewhere or by another name becomes a rename.
4. Deprecated calls: functions that warn `DeprecationWarning` and whose warning or docstring
   names a replacement that exists; such a class (its constructor warns) is a rename.
5. Unique: a contract's classes that are also defined, as other classes, elsewhere.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass

from .evidence import (
    declared_deprecation,
    is_public_facade,
    is_shim,
    named_candidates,
    resolve_module,
    shown,
)
from .graph import Definition, DeprecatedFunction, ModuleFacts, ProjectIndex
from .reach import SymbolPath, reachable, resolve

__all__ = ["Entry", "Proposal", "propose"]

_THIS = {"function": re.compile(r"\bthis (?:function|method|helper|callable)\b", re.IGNORECASE),
         "class": re.compile(r"\bthis class\b", re.IGNORECASE)}


@dataclass(frozen=True, slots=True)
class Entry:
    """One proposed key (a module, or `old` of a pair), its value, and why."""

    key: str
    value: str = ""
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed `[[tool.ssot-lint.contract]]`."""

    name: str
    canonical: str
    deprecated: tuple[Entry, ...]
    renames: tuple[Entry, ...]
    deprecated_calls: tuple[Entry, ...]
    unique: tuple[str, ...]
    #: the definitions the contract covers, for the comment above it.
    symbols: tuple[str, ...]


@dataclass
class _Group:
    deprecated: dict[str, Entry]
    renames: dict[str, Entry]
    calls: dict[str, Entry]
    symbols: set[Definition]


class _Planner:
    """Holds the scan and the decisions made so far (one instance per `propose`)."""

    def __init__(self, index: ProjectIndex, prefer_most_used: bool) -> None:
        self.index, self.prefer_most_used = index, prefer_most_used
        self.reach = reachable(index)
        self.replacement: dict[str, str] = {}  # self-deprecated module -> the module it names
        for facts in index.modules:
            if not facts.is_shim and declared_deprecation(facts):
                named = self._replacement_module(facts)
                if named is not None and named != facts.module:
                    self.replacement[facts.module] = named
        self.deprecated = {f.module for f in index.modules if is_shim(f)} | set(self.replacement)

    def _replacement_module(self, facts: ModuleFacts) -> str | None:
        text = declared_deprecation(facts)
        for candidate in named_candidates(text):
            module = resolve_module(self.index, facts, candidate)
            if module is not None:
                return module
        return None

    def canonical(self, definition: Definition) -> str:
        """Where imports of `definition` should point (see the module docstring, rule 2)."""
        paths = self.reach.get(definition, ())
        if self.prefer_most_used and paths:
            return _most_used(definition, paths)
        named = self.replacement.get(definition.module)
        if named is not None and any(p.module == named for p in paths):
            return named
        public = [p.module for p in paths if p.module not in self.deprecated and self._lists(p)]
        if public:
            return min(public, key=lambda m: (not self._is_package(m), m.count("."), len(m), m))
        if definition.module not in self.deprecated:
            return definition.module
        live = [p for p in paths if p.module not in self.deprecated]
        return _most_used(definition, tuple(live)) if live else definition.module

    def _lists(self, path: SymbolPath) -> bool:
        facts = self.index.get(path.module)
        return facts is not None and path.role != "definition" and is_public_facade(facts) and (
            path.name in (facts.all_names or ()) or facts.is_package)

    def _is_package(self, module: str) -> bool:
        facts = self.index.get(module)
        return facts is not None and facts.is_package

    def target(self, module: str, name: str) -> tuple[str, str, Definition | None]:
        """Where `module.name` (in a deprecated module) should be imported from instead."""
        found = resolve(self.index, module, name)
        if found is not None:
            definition = found[0]
            canonical = self.canonical(definition)
            return canonical, self._name_in(canonical, definition), definition
        chain = [(module, name)]
        for _ in range(len(self.index.modules) + 1):  # bounded: one hop per module at most
            facts = self.index.get(chain[-1][0])
            source = _source_of(self.index, facts, chain[-1][1]) if facts else None
            if source is None or source in chain:
                break
            chain.append(source)
        live = [hop for hop in chain[1:] if hop[0] not in self.deprecated]
        module, name = live[-1] if live else chain[-1]
        return module, name, None

    def _name_in(self, canonical: str, definition: Definition) -> str:
        names = [p.name for p in self.reach.get(definition, ()) if p.module == canonical]
        return definition.name if definition.name in names or not names else min(names)


def _source_of(index: ProjectIndex, facts: ModuleFacts, name: str) -> tuple[str, str] | None:
    """Where `facts` binds `name` from: its last binding of it, else the star import offering it."""
    binding = next((b for b in reversed(facts.bindings) if b.name == name and b.source_module), None)
    if binding is not None:
        return binding.source_module, binding.source_name
    for star in facts.stars:
        inner = index.get(star)
        if inner is not None and name in inner.public():
            return star, name
    return None


def _line_of(index: ProjectIndex, facts: ModuleFacts, name: str) -> int:
    """The line binding `name`: its import or alias, else the star import offering it."""
    line = next((b.line for b in reversed(facts.bindings) if b.name == name), None)
    if line is not None:
        return line
    offering = (n for star, n in zip(facts.stars, facts.star_lines) if name in _public(index, star))
    return next(offering, 1)


def _public(index: ProjectIndex, module: str) -> frozenset[str]:
    facts = index.get(module)
    return facts.public() if facts else frozenset()


def _about(function: DeprecatedFunction, text: str) -> bool:
    """The warning is about the function or class itself (not about something it checks)."""
    return function.name in text or bool(_THIS[function.kind].search(text))


def _most_used(definition: Definition, paths: tuple[SymbolPath, ...]) -> str:
    files: dict[str, set[str]] = defaultdict(set)
    depth: dict[str, int] = {}
    for p in paths:
        files[p.module] |= p.usage.files
        depth[p.module] = min(depth.get(p.module, p.depth), p.depth)
    return min(files, key=lambda m: (-len(files[m]), m != definition.module, depth[m], m))


def _reexported(facts: ModuleFacts, index: ProjectIndex) -> list[str]:
    """The public names a deprecated module offers: `__all__`, else what it binds from elsewhere
    (names it defines itself, for a module that calls itself deprecated)."""
    if facts.all_names is not None:
        return sorted(set(facts.all_names))
    names = {b.name for b in facts.bindings} | {d.name for d in facts.definitions}
    for star in facts.stars:
        inner = index.get(star)
        names |= set(inner.public()) if inner else set()
    return sorted(n for n in names if not n.startswith("_"))


def _why_module(facts: ModuleFacts, shim: bool) -> str:
    declared = declared_deprecation(facts)
    sources = sorted({b.source_module for b in facts.bindings if b.source_module != facts.module} | set(facts.stars))
    what = f"only re-exports from {', '.join(sources[:3])}{', ...' if len(sources) > 3 else ''}" if shim else "defines its own code"
    said = f'; says "{shown(declared)}"' if declared else ""
    line = min([b.line for b in facts.bindings if b.line] + list(facts.star_lines), default=1) if shim else 1
    return f"{facts.path}:{line}: {what}{said}"


def _place_module(planner: _Planner, facts: ModuleFacts, groups: dict[str, _Group]) -> None:
    """Put one deprecated module into the contract most of its names go to."""
    shim = facts.module not in planner.replacement
    own = {d.name for d in facts.definitions}
    names = _reexported(facts, planner.index) if shim or facts.all_names is not None else []
    targets = {}
    for name in names:
        if name not in own:
            module, new_name, definition = planner.target(facts.module, name)
            if module.split(".")[0] not in sys.stdlib_module_names:  # its helpers, not its API
                targets[name] = (module, new_name, definition)
    counts = Counter(module for module, _, _ in targets.values())
    if not shim:
        home = planner.replacement[facts.module]
    elif counts:
        home = min(counts, key=lambda m: (-counts[m], m))
    else:
        return
    group = groups.setdefault(home, _Group({}, {}, {}, set()))
    group.deprecated[facts.module] = Entry(facts.module, evidence=_why_module(facts, shim))
    for name, (module, new_name, definition) in sorted(targets.items()):
        if definition is not None:
            group.symbols.add(definition)
        if (module, new_name) != (home, name):
            line = _line_of(planner.index, facts, name)
            why = f"{facts.path}:{line}: `{name}` is `{module}.{new_name}`"
            group.renames[f"{facts.module}.{name}"] = Entry(f"{facts.module}.{name}", f"{module}.{new_name}", why)


def _place_calls(planner: _Planner, groups: dict[str, _Group], home_of: dict[str, str]) -> None:
    """Deprecated functions (a deprecated call) and classes (a rename: every import of the class
    moves) whose warning or docstring names a replacement that exists."""
    for facts in planner.index.modules:
        for function in facts.deprecated_functions:
            texts = tuple(t for t in (function.warning, function.docstring) if _about(function, t))
            target = _replacement_call(planner, facts, function.name, home_of.get(facts.module), *texts)
            if target is None:
                continue
            home = home_of.get(facts.module) or target.rpartition(".")[0]
            why = f"{facts.path}:{function.line}: {_warns(function)}"
            key = f"{facts.module}.{function.name}"
            group = groups.setdefault(home, _Group({}, {}, {}, set()))
            (group.renames if function.kind == "class" else group.calls)[key] = Entry(key, target, why)


def _warns(function: DeprecatedFunction) -> str:
    """The evidence: the warning, and the docstring too when only it names the replacement."""
    said = f'warns "{shown(function.warning)}"' if function.warning else "warns"
    if function.warning and named_candidates(function.warning) or not function.docstring:
        return said
    return f'{said}; its docstring says "{shown(function.docstring)}"'


def _replacement_call(planner: _Planner, facts: ModuleFacts, function: str, home: str | None,
                      *texts: str) -> str | None:
    """The dotted name of the first existing replacement the texts name (not the function itself)."""
    index = planner.index
    for candidate in named_candidates(*texts):
        module, _, name = candidate.rpartition(".")
        places = [module] if module else [m for m in (home, facts.module) if m]
        for place in places:
            found = resolve(index, place, name)
            if found is not None and (place, name) != (facts.module, function):
                canonical = home if home and resolve(index, home, name) else planner.canonical(found[0])
                return f"{canonical}.{planner._name_in(canonical, found[0])}"
        if any((b.source_module, b.source_name) == (module, name) for b in facts.bindings):
            return candidate  # out of the tree, but this module imports it: it exists
    return None


def _name(canonical: str, taken: set[str]) -> str:
    parts = canonical.split(".")
    for size in range(1, len(parts) + 1):
        name = "-".join(parts[-size:]).replace("_", "-").strip("-")
        if name and name not in taken:
            return name
    return canonical


def propose(index: ProjectIndex, prefer_most_used: bool = False) -> tuple[Proposal, ...]:
    """One contract per canonical module, biggest first; each deprecated module once."""
    planner = _Planner(index, prefer_most_used)
    groups: dict[str, _Group] = {}
    for module in sorted(planner.deprecated):
        facts = index.get(module)
        if facts is not None:
            _place_module(planner, facts, groups)
    for group in groups.values():  # a module canonical in one contract is deprecated in none
        for module in set(group.deprecated) & set(groups):
            del group.deprecated[module]
    home_of = {m: home for home, group in groups.items() for m in group.deprecated}
    _place_calls(planner, groups, home_of)
    # a shim made canonical (--prefer-most-used) may leave its contract nothing to declare
    groups = {home: g for home, g in groups.items() if g.deprecated or g.renames or g.calls}
    classes = Counter(d.name for facts in index.modules for d in facts.definitions if d.kind == "class")
    taken: set[str] = set()
    proposals = []
    for canonical in sorted(groups, key=lambda c: (-len(groups[c].deprecated), c)):
        group = groups[canonical]
        name = _name(canonical, taken)
        taken.add(name)
        unique = sorted({d.name for d in group.symbols if d.kind == "class" and classes[d.name] > 1})
        proposals.append(Proposal(
            name, canonical, tuple(group.deprecated[m] for m in sorted(group.deprecated)),
            tuple(group.renames[k] for k in sorted(group.renames)),
            tuple(group.calls[k] for k in sorted(group.calls)), tuple(unique),
            tuple(sorted(f"{d.module}.{d.name}" for d in group.symbols)),
        ))
    return tuple(proposals)
