"""What a file imports, at any depth, read with a regular expression: which re-exports it can
reach (see `reexport_scan`). Over-approximate by design (an import in a docstring counts): a
re-export wrongly thought reached is only followed, never reported by itself. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .modules import ModuleName, resolve_relative

__all__ = ["Uses", "uses_of"]

_FROM = re.compile(
    rb"^[ \t]*(?:lazy[ \t]+)?from[ \t]+(\.*)[ \t]*([\w.]*)[ \t]+import[ \t]*(\([^)]*\)|[^\n#;]*)", re.MULTILINE
)
_IMPORT = re.compile(rb"^[ \t]*(?:lazy[ \t]+)?import[ \t]+([^\n#;]+)", re.MULTILINE)
_NAME = re.compile(rb"[\w.]+|\*")


@dataclass(frozen=True, slots=True)
class Uses:
    """`names`: `module.name` of each `from module import name` (`module.*` for a star);
    `modules`: modules imported whole (`import a.b`, and `from a import b` in case `b` is one);
    `spelled`: the needles the file spells."""

    names: tuple[str, ...] = ()
    modules: tuple[str, ...] = ()
    spelled: tuple[str, ...] = ()


def _imported(clause: bytes) -> list[str]:
    """The names of `a as x, b` or `(a, b as y)`: the first word of each comma-separated part."""
    found = []
    for part in clause.strip(b"()\\ \t\r\n").split(b","):
        word = _NAME.match(part.strip())
        if word:
            found.append(word.group().decode("ascii", "replace"))
    return found


def uses_of(
    source: bytes, module: ModuleName, pattern: re.Pattern[bytes], spelled: Iterable[str] | None = None
) -> Uses:
    """Every import statement that starts a line, and the needles (`pattern`) spelled (given as
    `spelled` when the caller has searched for them already). A lone carriage return ends a
    line as Python reads it, so the search sees it as a newline."""
    if b"\r" in source:
        source = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    names: set[str] = set()
    modules: set[str] = set()
    for match in _FROM.finditer(source):
        dots, target, clause = match.groups()
        base = resolve_relative(module, len(dots), target.decode("ascii", "replace") or None)
        for name in _imported(clause) if base else ():
            names.add(f"{base}.{name}")
            if name != "*":
                modules.add(f"{base}.{name}")
    for match in _IMPORT.finditer(source):
        modules.update(_imported(match.group(1)))
    if spelled is None:
        spelled = {m.group().decode("ascii", "replace") for m in pattern.finditer(source)}
    own = module.name
    return Uses(tuple(sorted(n for n in names if not n.startswith(own + "."))),
                tuple(sorted(m for m in modules if m != own)), tuple(sorted(spelled)))
