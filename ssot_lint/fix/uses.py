"""Which uses of a moved module the rewrite must follow: only those reached through an import the
plan rewrites, in the scope that import binds.

A module local (`import old as m`, `from pkg import old`) keeps its name, but `m.X` must become
`m.Y` when the contract renames `old.X`; a plain `import a.b` that becomes `import c.b` takes
every `a.b...` chain with it. A use reached through an import that is *not* rewritten (it was not
fixable, or is suppressed) is left alone, even if the same module is also imported elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from ..analysis.scope import Bindings, Scope, dotted_parts
from ..project.contract import ContractIndex
from .imports import local_name
from .plan import FixPlan

__all__ = ["ModuleUses", "binder", "module_uses"]


@dataclass
class ModuleUses:
    """Keys are (id of the binding scope, name); built once per file."""

    #: module local -> the deprecated module it named.
    locals: dict[tuple[int, str], str] = field(default_factory=dict)
    #: dotted path of a plain `import a.b` -> the path that replaces it.
    paths: dict[tuple[int, str], str] = field(default_factory=dict)
    #: local name a renamed import binds -> the new name it adopts (every use is renamed).
    names: dict[tuple[int, str], str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.locals or self.paths)


def binder(scope: Scope, name: str) -> Scope | None:
    """The scope whose binding of `name` a use in `scope` sees (`Scope.lookup`'s rule)."""
    current: Scope | None = scope
    first = True
    while current is not None:
        if current.kind != "class" or first:
            if name in current.imports:
                return current
            if name in current.others:
                return None
        first = False
        current = current.parent
    return None


def _statement_scopes(bindings: Bindings) -> dict[int, Scope]:
    return {id(node): scope for node, scope, _ in bindings.events if isinstance(node, (cst.Import, cst.ImportFrom, cst.LazyImport, cst.LazyImportFrom))}


def module_uses(plan: FixPlan, bindings: Bindings, index: ContractIndex) -> ModuleUses:
    """The module locals and plain import paths the plan's import rewrites move."""
    uses = ModuleUses()
    scopes = _statement_scopes(bindings)
    for statement, moving in plan.import_names.items():
        key = id(scopes.get(id(statement)))
        for alias in statement.names:
            parts = dotted_parts(alias.name) if alias.name in moving else None
            move = index.move(".".join(parts)) if parts else None
            if parts is None or move is None:
                continue
            if alias.asname is not None or len(parts) == 1:
                uses.locals[(key, local_name(alias) or parts[0])] = ".".join(parts)
            else:
                uses.paths[(key, ".".join(parts))] = move.new
    for node, adopted in plan.adopted.items():
        for old, new, _ in adopted:
            uses.names[(id(scopes.get(id(node))), old)] = new
    for node, moving in plan.from_names.items():
        for qualname, local in plan.module_names.get(node, ()):
            uses.locals[(id(scopes.get(id(node))), local)] = qualname
    return uses
