"""What a module says about itself: is it a shim, a public facade, or deprecated -- and in favour
of what. `init` proposes only what this evidence supports, and shows it (see `proposal`).

- A *shim* only re-exports names defined elsewhere (imports, `X = Y` aliases, `__all__`,
  warnings, a forwarding `__getattr__`), whether or not anything imports through it.
- A *public facade* is a pure re-export module that is meant to be imported from: it lists the
  names in `__all__`, or is a package `__init__` re-exporting its own submodules, and does not
  call itself deprecated. It is a candidate canonical module, never a shim.
- A module *declares itself deprecated* when its docstring says "deprecated" or it warns
  `DeprecationWarning` on import; the text usually names the replacement.
"""

from __future__ import annotations

import re

from .graph import ModuleFacts, ProjectIndex

__all__ = ["declared_deprecation", "is_public_facade", "is_shim", "named_candidates", "resolve_module", "shown"]

_DEPRECATED = re.compile(r"deprecat", re.IGNORECASE)
#: ``x.y``, `x.y`, :mod:`x.y`, :func:`~x.y()`, and the word after "use".
_QUOTED = re.compile(r"`{1,2}~?([A-Za-z_][\w.]*?)(?:\(\))?`{1,2}")
_USE = re.compile(r"\b(?:use|import from|in favou?r of|replaced by|moved to)\s+([A-Za-z_][\w.]*)", re.IGNORECASE)


def declared_deprecation(facts: ModuleFacts) -> str:
    """The module's own words calling itself deprecated ("" when it does not)."""
    if facts.module_warning:
        return facts.module_warning
    return facts.docstring if _DEPRECATED.search(facts.docstring) else ""


def _own_submodules_only(facts: ModuleFacts) -> bool:
    sources = [b.source_module for b in facts.bindings if b.kind == "import"] + list(facts.stars)
    return bool(sources) and all(s.startswith(facts.module + ".") for s in sources)


def is_public_facade(facts: ModuleFacts) -> bool:
    if not facts.is_shim or declared_deprecation(facts):
        return False
    listed = set(facts.all_names or ()) & {b.name for b in facts.bindings}
    return bool(listed or facts.stars and facts.all_names) or (facts.is_package and _own_submodules_only(facts))


def is_shim(facts: ModuleFacts) -> bool:
    return facts.is_shim and not is_public_facade(facts)


def named_candidates(*texts: str) -> list[str]:
    """Dotted names a deprecation text points at, quoted ones first, trailing dots dropped."""
    found: list[str] = []
    for text in texts:
        found += [m.group(1) for m in _QUOTED.finditer(text)]
    for text in texts:
        found += [m.group(1) for m in _USE.finditer(text)]
    return list(dict.fromkeys(name.rstrip(".") for name in found if name.rstrip(".")))


def shown(text: str, limit: int = 110) -> str:
    """A quoted one-line excerpt for a TOML comment."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def resolve_module(index: ProjectIndex, facts: ModuleFacts, candidate: str) -> str | None:
    """The module a candidate names: a scanned module, or the module a name bound in `facts`
    (or defined under that name in exactly one scanned module) comes from."""
    if index.get(candidate) is not None or candidate in facts.stars:
        return candidate
    if any(b.source_module == candidate for b in facts.bindings):
        return candidate  # out of the tree, but this module imports it: it exists
    head = candidate.split(".")[0]
    for binding in facts.bindings:
        if binding.name == head and binding.source_module:
            return binding.source_module if "." not in candidate else None
    owners = {d.module for m in index.modules for d in m.definitions if d.name == head}
    return owners.pop() if len(owners) == 1 and "." not in candidate else None
