"""Contract discovery for `ssot-lint init`: propose a contract from how the code is already wired.

The rules, applied to every class or function reachable through more than one module:
1. Canonical: the module most files already import it from (ties: the defining module, then the
   shortest chain). A contract that ratifies the facade a team converged on moves the fewest
   imports. With `prefer_most_used=False` (`--prefer-defining`) it is the defining module.
2. Symbols are grouped by canonical module: one contract per canonical module.
3. Deprecated, among the other modules reaching a group's symbols: pure re-export modules (shims);
   the defining module when the canonical module is a facade over it and provides everything it
   defines (the definition stays, imports move); and modules that warn `DeprecationWarning` and
   bind names from the canonical module or one of its shims (they call themselves deprecated).
4. Renames: a deprecated module binding a symbol under another name (`Old = New`).
5. Deprecated calls: functions of deprecated modules that warn `DeprecationWarning`; when the
   warning says "use NAME" and the canonical module provides NAME, that is the replacement.
6. Unique: a group's classes that are also defined, as other classes, elsewhere.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .graph import Definition, ProjectIndex
from .reach import SymbolPath, reachable, resolve

__all__ = ["Proposal", "propose", "to_toml"]

_USE = re.compile(r"\buse\s+`?([A-Za-z_][A-Za-z0-9_.]*)")


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed `[[tool.ssot-lint.contract]]`."""

    name: str
    canonical: str
    deprecated: tuple[str, ...]
    renames: tuple[tuple[str, str], ...]
    deprecated_calls: tuple[tuple[str, str], ...]
    unique: tuple[str, ...]
    #: the definitions the contract covers, for the comment above it.
    symbols: tuple[str, ...]


def _canonical(definition: Definition, paths: tuple[SymbolPath, ...], prefer_most_used: bool) -> str:
    if not prefer_most_used:
        return definition.module
    files: dict[str, set[str]] = defaultdict(set)
    depth: dict[str, int] = {}
    for p in paths:
        files[p.module] |= p.usage.files
        depth[p.module] = min(depth.get(p.module, p.depth), p.depth)
    return min(files, key=lambda m: (-len(files[m]), m != definition.module, depth[m], m))


def _provides_all(index: ProjectIndex, module: str, canonical: str) -> bool:
    """The canonical module reaches every public class and function `module` defines."""
    facts = index.get(module)
    own = [d for d in facts.definitions if not d.name.startswith("_")] if facts else []
    return all((found := resolve(index, canonical, d.name)) is not None and found[0] == d for d in own)


def _deprecated(index: ProjectIndex, canonical: str, members: list[Definition],
                reach: dict[Definition, tuple[SymbolPath, ...]]) -> set[str]:
    found = set()
    for definition in members:
        for p in reach[definition]:
            facts = index.get(p.module)
            if p.module == canonical or facts is None:
                continue
            if facts.is_shim or (p.module == definition.module and _provides_all(index, p.module, canonical)):
                found.add(p.module)
    sources = {canonical} | found
    for facts in index.modules:
        binds_from_group = any(b.source_module in sources for b in facts.bindings)
        if facts.warns_deprecation and facts.module != canonical and binds_from_group:
            found.add(facts.module)
    return found


def _renames(canonical: str, members: list[Definition], deprecated: set[str],
             reach: dict[Definition, tuple[SymbolPath, ...]]) -> list[tuple[str, str]]:
    renames = []
    for definition in members:
        in_canonical = [p.name for p in reach[definition] if p.module == canonical]
        target = definition.name if definition.name in in_canonical else min(in_canonical)
        for p in reach[definition]:
            if p.module in deprecated and p.name != target:
                renames.append((p.dotted, f"{canonical}.{target}"))
    return renames


def _calls(index: ProjectIndex, canonical: str, deprecated: set[str]) -> list[tuple[str, str]]:
    calls = []
    for module in sorted(deprecated):
        facts = index.get(module)
        for function, text in facts.deprecated_functions if facts else ():
            match = _USE.search(text)
            name = match.group(1).rpartition(".")[2] if match else ""
            ok = bool(name) and resolve(index, canonical, name) is not None
            calls.append((f"{module}.{function}", f"{canonical}.{name}" if ok else ""))
    return calls


def _name(canonical: str, taken: set[str]) -> str:
    parts = canonical.split(".")
    for size in range(1, len(parts) + 1):
        name = "-".join(parts[-size:]).replace("_", "-")
        if name not in taken:
            return name
    return canonical


def propose(index: ProjectIndex, prefer_most_used: bool = True) -> tuple[Proposal, ...]:
    """One contract per canonical module, biggest group first; a module is deprecated once."""
    reach = reachable(index)
    groups: dict[str, list[Definition]] = defaultdict(list)
    for definition, paths in sorted(reach.items()):
        if len({p.module for p in paths}) > 1:
            groups[_canonical(definition, paths, prefer_most_used)].append(definition)
    taken_modules, taken_names = set(groups), set()
    proposals = []
    for canonical in sorted(groups, key=lambda c: (-len(groups[c]), c)):
        members = groups[canonical]
        deprecated = _deprecated(index, canonical, members, reach) - taken_modules
        taken_modules |= deprecated
        name = _name(canonical, taken_names)
        taken_names.add(name)
        classes = {d.name for d in members if d.kind == "class"}
        unique = sorted(n for n in classes if sum(d.name == n and d.kind == "class" for d in reach) > 1)
        proposals.append(Proposal(
            name, canonical, tuple(sorted(deprecated)),
            tuple(sorted(set(_renames(canonical, members, deprecated, reach)))),
            tuple(sorted(_calls(index, canonical, deprecated))), tuple(unique),
            tuple(f"{d.module}.{d.name}" for d in members),
        ))
    return tuple(p for p in proposals if p.deprecated or p.renames or p.unique)


def to_toml(proposals: tuple[Proposal, ...], src: tuple[str, ...]) -> str:
    """The `[tool.ssot-lint]` table as TOML text, written by tomlkit."""
    import tomlkit

    section = tomlkit.table()
    section.add(tomlkit.comment("Proposed by `ssot-lint init`: review it, then run `ssot-lint check`."))
    section["src"] = list(src)
    contracts = tomlkit.aot()
    for p in proposals:
        table = tomlkit.table()
        table.add(tomlkit.comment("covers: " + ", ".join(p.symbols)))
        table["name"], table["canonical"] = p.name, p.canonical
        for key, values in (("deprecated", p.deprecated), ("unique", p.unique)):
            if values:
                array = tomlkit.array()
                array.extend(values)
                table[key] = array.multiline(len(values) > 1)
        for key, pairs in (("renames", p.renames), ("deprecated-calls", p.deprecated_calls)):
            if pairs:
                inline = tomlkit.inline_table()
                inline.update(dict(pairs))
                table[key] = inline
        contracts.append(table)
    section["contract"] = contracts
    tool = tomlkit.table(is_super_table=True)
    tool["ssot-lint"] = section
    document = tomlkit.document()
    document["tool"] = tool
    return tomlkit.dumps(document)
