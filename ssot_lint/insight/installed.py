"""The graph of a symbol that lives in an installed package: the project's files show who imports
it; the package's own modules (read on the environment's path, never imported) show where it is
defined and through which of its modules it is re-exported."""

from __future__ import annotations

import dataclasses

from ..project.locate import ModuleFinder
from ..project.modules import ModuleName
from .graph import ModuleFacts, ProjectIndex, read_facts

__all__ = ["with_installed"]

#: the most installed modules one graph reads: a symbol's re-export chain is short.
LIMIT = 64


def _read(finder: ModuleFinder, module: str) -> ModuleFacts | None:
    found = finder.find(module)
    if found is None or found.path is None or not found.installed:
        return None
    try:
        source = found.path.read_bytes()
    except OSError:
        return None
    facts = read_facts(source, ModuleName(module, found.is_package), found.path.as_posix())
    # the package's own imports are not uses by the project
    return None if facts is None else dataclasses.replace(facts, uses=())


def with_installed(index: ProjectIndex, asked: str, finder: ModuleFinder) -> ProjectIndex:
    """`index` plus the installed modules on the way from the project's imports of `asked` (a
    dotted or bare name) to its definition, following imports and star imports."""
    leaf = asked.rpartition(".")[2]
    pending = [asked.rpartition(".")[0]] if "." in asked else []
    pending += [b.source_module for f in index.modules for b in f.bindings if leaf in (b.name, b.source_name)]
    added: dict[str, ModuleFacts] = {}
    names = {leaf}
    while pending and len(added) < LIMIT:
        module = pending.pop(0)
        if not module or module in added or index.get(module) is not None:
            continue
        facts = _read(finder, module)
        if facts is None:
            continue
        added[module] = facts
        for binding in facts.bindings:
            if binding.name in names or binding.source_name in names:
                names |= {binding.name, binding.source_name}
                pending.append(binding.source_module)
        pending += list(facts.stars)
    if not added:
        return index
    return ProjectIndex(tuple(sorted((*index.modules, *added.values()), key=lambda f: f.module)))
