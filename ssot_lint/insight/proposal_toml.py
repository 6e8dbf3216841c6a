"""The proposal as `[tool.ssot-lint]` TOML, each entry under a comment with its evidence, so a
reviewer can trust or delete it line by line. Written by hand rather than by tomlkit: tomlkit
cannot put a comment above an array item or a key of an inline table."""

from __future__ import annotations

import json

from ..sanitize import printable
from .proposal import Entry, Proposal

__all__ = ["to_toml"]

_SECTION = "tool.ssot-lint"


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(text)


def _comment(text: str) -> str:
    """A one-line comment quoting the project (a deprecation message): its control characters
    escaped, which TOML does not allow in a comment and a terminal would act on."""
    return "# " + printable(" ".join(text.split()))


def _modules(key: str, entries: tuple[Entry, ...]) -> list[str]:
    lines = [f"{key} = ["]
    for entry in entries:
        if entry.evidence:
            lines.append("    " + _comment(entry.evidence))
        lines.append(f"    {_string(entry.key)},")
    return [*lines, "]"]


def _pairs(key: str, entries: tuple[Entry, ...]) -> list[str]:
    lines = ["", f"[{_SECTION}.contract.{key}]"]
    for entry in entries:
        if entry.evidence:
            lines.append(_comment(entry.evidence))
        lines.append(f"{_string(entry.key)} = {_string(entry.value)}")
    return lines


def _contract(proposal: Proposal) -> list[str]:
    lines = ["", f"[[{_SECTION}.contract]]"]
    if proposal.symbols:
        lines.append(_comment("covers: " + ", ".join(proposal.symbols)))
    lines += [f"name = {_string(proposal.name)}", f"canonical = {_string(proposal.canonical)}"]
    if proposal.deprecated:
        lines += _modules("deprecated", proposal.deprecated)
    if proposal.unique:
        lines.append(f"unique = [{', '.join(map(_string, proposal.unique))}]")
    if proposal.renames:
        lines += _pairs("renames", proposal.renames)
    if proposal.deprecated_calls:
        lines += _pairs("deprecated-calls", proposal.deprecated_calls)
    return lines


def to_toml(proposals: tuple[Proposal, ...], src: tuple[str, ...]) -> str:
    """The `[tool.ssot-lint]` table as TOML text."""
    lines = [
        f"[{_SECTION}]",
        _comment("Proposed by `ssot-lint init`: each entry says why it is there. Review it, then run `ssot-lint check`."),
        f"src = [{', '.join(map(_string, src))}]",
    ]
    for proposal in proposals:
        lines += _contract(proposal)
    return "\n".join(lines) + "\n"
