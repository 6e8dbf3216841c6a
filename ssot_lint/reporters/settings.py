"""`check --show-settings`: the configuration as ssot-lint resolved it (file, roots, excludes,
rules, each contract), so a user can see why a file is or is not checked."""

from __future__ import annotations

from typing import TextIO

from ssot_lint.project.contract import Project
from ssot_lint.sanitize import printable

__all__ = ["render_settings"]


def _value(value: object) -> str:
    if isinstance(value, tuple):
        items = [_value(v) if not isinstance(v, tuple) else " = ".join(map(str, v)) for v in value]
        return "[" + ", ".join(items) + "]"
    return str(value)


def render_settings(project: Project, codes: frozenset[str], out: TextIO) -> None:
    lines = [
        f"Settings path: {project.config_file if project.config_file else '(none: defaults)'}",
        f"root = {project.root}",
        f"src = {_value(tuple(str(p) for p in project.src))}",
        f"exclude = {_value(project.exclude)}",
        f"per-file-ignores = {_value(tuple((g, ','.join(c)) for g, c in project.per_file_ignores))}",
        f"baseline = {project.baseline or '(default: .ssot-lint-baseline.json if present)'}",
        f"python = {project.python or '(the running interpreter)'}",
        f"max-file-size = {project.max_file_size or '0 (no limit)'}",
        f"file-timeout = {format(project.file_timeout, 'g') if project.file_timeout else '0 (no limit)'}",
        f"rules = {_value(tuple(sorted(codes)))}",
    ]
    for contract in project.contracts:
        lines += ["", f"[contract {contract.name}]", f"canonical = {contract.canonical}"]
        for key, value in (
            ("deprecated", contract.deprecated), ("renames", contract.renames),
            ("factory-only", contract.factory_only), ("factory", contract.factory),
            ("allowed-in", contract.allowed_in), ("deprecated-calls", contract.deprecated_calls),
            ("unique", contract.unique),
        ):
            if value:
                lines.append(f"{key} = {_value(value)}")
    out.write(printable("\n".join(lines), keep="\n") + "\n")
