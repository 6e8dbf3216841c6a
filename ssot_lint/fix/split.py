"""`fix --diff --split-by owner|directory`: one patch per CODEOWNERS owner or per top-level folder,
so a migration of a thousand files lands as pull requests each team can review (the way large
monorepos run migrations). Pure: the caller reads CODEOWNERS and writes the patches.

CODEOWNERS follows GitHub's rules: gitignore-style patterns, the last matching line wins, a line
with a pattern and no owner leaves its files unowned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CODEOWNERS_PLACES", "Patch", "owners_rules", "split"]

#: where GitHub looks for CODEOWNERS, in its order.
CODEOWNERS_PLACES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS")
#: the group of files no rule gives an owner, or at the top level of the project.
UNOWNED, TOP = "unowned", "top-level"

Rule = tuple[re.Pattern[str], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Patch:
    """One reviewable patch: its group (owner or folder), file name, files and text."""

    group: str
    name: str
    paths: tuple[str, ...]
    text: str


def _translate(pattern: str) -> re.Pattern[str]:
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    parts = re.split(r"(\*\*/|/\*\*|\*\*|\*|\?)", body)
    table = {"**/": "(?:.*/)?", "/**": "/.*", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    regex = "".join(table.get(part, re.escape(part)) for part in parts)
    below = "" if pattern.endswith("/*") else "(?:/.*)?"  # `docs/*`: files directly in docs
    return re.compile(("^" if anchored else "^(?:.*/)?") + regex + below + "$")


def owners_rules(text: str) -> tuple[Rule, ...]:
    """The rules of a CODEOWNERS file, in file order (comments and blank lines skipped)."""
    rules: list[Rule] = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split()
        if fields:
            rules.append((_translate(fields[0]), tuple(fields[1:])))
    return tuple(rules)


def _owner(path: str, rules: tuple[Rule, ...]) -> str:
    for pattern, owners in reversed(rules):
        if pattern.match(path):
            return " ".join(owners) or UNOWNED
    return UNOWNED


def _directory(path: str) -> str:
    head, _, rest = path.partition("/")
    return head if rest else TOP


def _file_name(group: str, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", group.replace("@", "")).strip("-.") or "group"
    name, number = f"{stem}.patch", 2
    while name in taken:
        name, number = f"{stem}-{number}.patch", number + 1
    taken.add(name)
    return name


def split(diffs: Iterable[tuple[str, str, str]], by: str, rules: tuple[Rule, ...] = ()) -> tuple[Patch, ...]:
    """`diffs` as (path relative to the project root, path shown, unified diff) grouped `by`
    "owner" or "directory"; patches sorted by group, files in the order given."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for relative, shown, diff in diffs:
        group = _owner(relative, rules) if by == "owner" else _directory(relative)
        groups.setdefault(group, []).append((shown, diff))
    taken: set[str] = set()
    return tuple(
        Patch(group, _file_name(group, taken), tuple(p for p, _ in files), "".join(d for _, d in files))
        for group, files in sorted(groups.items())
    )
