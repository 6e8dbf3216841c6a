"""Findings -> a `FixPlan`: which CST nodes to rewrite, and to what. Pure.

Only findings that survived suppression and that `check` judged fixable are planned, so `fix`
does exactly what `check --output-format json` predicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from ..analysis.moves import from_import_home, import_home
from ..analysis.scope import dotted_parts
from ..checks import Report
from ..findings import Finding
from ..project.contract import ContractIndex, Move
from ..rules import DEPRECATED_CALL, DEPRECATED_IMPORT, DEPRECATED_STRING_REFERENCE
from .rebinding import Rebinding

__all__ = ["FixPlan", "for_file", "rebindings"]


@dataclass
class FixPlan:
    """Node identities to rewrite; built once per file, consumed by `transforms.apply`."""

    #: ImportFrom statement -> alias-name nodes whose names move.
    from_names: dict[cst.ImportFrom, set[cst.CSTNode]] = field(default_factory=dict)
    #: `from old import *` statements whose module moves.
    stars: set[cst.ImportFrom] = field(default_factory=set)
    #: Import statement -> alias-name nodes whose module moves.
    import_names: dict[cst.Import, set[cst.CSTNode]] = field(default_factory=dict)
    #: deprecated module (as imported) -> its move, for modules imported whole (their `m.X`
    #: uses move too).
    modules: dict[str, Move] = field(default_factory=dict)
    #: ImportFrom statement -> (deprecated module, local name) of the names that are modules.
    module_names: dict[cst.ImportFrom, list[tuple[str, str]]] = field(default_factory=dict)
    #: attribute chain naming a renamed name (`logging.warn`) -> the new dotted path.
    attributes: dict[cst.Attribute, str] = field(default_factory=dict)
    #: ImportFrom statement -> (old local, new name, symbol) of the renamed names that adopt the new
    #: name (every use is renamed; see `adopt`).
    adopted: dict[cst.ImportFrom | cst.Import, list[tuple[str, str, str]]] = field(default_factory=dict)
    #: alias-name nodes of those names.
    adopt: set[cst.CSTNode] = field(default_factory=set)
    #: string literal -> new dotted path.
    strings: dict[cst.SimpleString, str] = field(default_factory=dict)
    #: call -> replacement callable (unsafe SSOT004 fixes).
    calls: dict[cst.Call, str] = field(default_factory=dict)
    #: (module, name, asname) of imports of deprecated callables, dropped once their calls are
    #: rewritten (and only if nothing else uses them).
    dropped: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    #: bindings the rewrite changes on purpose (what the verifier allows).
    rebindings: list[Rebinding] = field(default_factory=list)
    #: finding codes planned, for the summary.
    codes: list[str] = field(default_factory=list)
    #: indices of the top-level statements holding a planned node.
    statements: set[int] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.codes)


def _plan_import(plan: FixPlan, report: Report, finding: Finding, index: ContractIndex) -> None:
    statement = report.statement
    move = index.move(finding.symbol)
    if isinstance(statement, (cst.ImportFrom, cst.LazyImportFrom)):
        if isinstance(report.node, cst.ImportStar):
            plan.stars.add(statement)
            return
        plan.from_names.setdefault(statement, set()).add(report.node)
        if report.verdict.adopt and move is not None and isinstance(report.node, cst.Name):
            module, _, name = finding.symbol.rpartition(".")
            plan.adopt.add(report.node)
            new_name = from_import_home(move, module, name)[1]
            plan.adopted.setdefault(statement, []).append((report.node.value, new_name, finding.symbol))
        if move is not None and move.target_name is None:
            plan.modules[finding.symbol] = move
            plan.module_names.setdefault(statement, []).append((finding.symbol, _local(statement, report.node)))
    elif isinstance(statement, (cst.Import, cst.LazyImport)):
        plan.import_names.setdefault(statement, set()).add(report.node)
        if report.verdict.adopt and move is not None:  # `import a` -> `import d`, uses renamed
            plan.adopt.add(report.node)
            plan.adopted.setdefault(statement, []).append((finding.symbol, move.new, finding.symbol))
        if move is not None:
            plan.modules[finding.symbol] = move


def _plan_attribute(plan: FixPlan, node: cst.Attribute, finding: Finding, index: ContractIndex) -> None:
    """`a.b.c` -> `x.y.z`: the chain is rewritten; into another module, `import x.y` is added
    and the import the chain went through goes if nothing else uses it."""
    new = finding.replacement or finding.symbol
    plan.attributes[node] = new
    old_module, new_module = finding.symbol.rpartition(".")[0], new.rpartition(".")[0]
    parts = dotted_parts(node)
    if old_module == new_module or not parts:
        return
    plan.rebindings.append(Rebinding(None, new_module.split(".")[0], index.representative(new_module), True))
    bound = ".".join(finding.symbol.split(".")[: len(finding.symbol.split(".")) - len(parts) + 1])
    plan.rebindings.append(Rebinding(parts[0], None, index.representative(bound), optional=True))


def _plan_drop(plan: FixPlan, statement: cst.ImportFrom, name: cst.CSTNode, finding: Finding, index: ContractIndex) -> None:
    """`from m import old_factory`: goes with its calls (SSOT004 rewrites them)."""
    local = _local(statement, name)
    module, _, imported = finding.symbol.rpartition(".")
    plan.dropped.append((module, imported, None if local == imported else local))
    plan.rebindings.append(Rebinding(local, None, index.representative(finding.symbol), optional=True))


def _local(statement: cst.ImportFrom, name: cst.CSTNode) -> str:
    """The local name the alias whose name node is `name` binds."""
    assert not isinstance(statement.names, cst.ImportStar)
    alias = next(a for a in statement.names if a.name is name)
    bound = alias.asname.name if alias.asname is not None else alias.name
    return bound.value if isinstance(bound, cst.Name) else ""


def for_file(
    kept: tuple[tuple[Report, Finding], ...], index: ContractIndex, unsafe_fixes: bool
) -> FixPlan:
    """Plan every fixable finding; unsafe ones only with `unsafe_fixes`."""
    plan = FixPlan()
    for report, finding in kept:
        if not finding.fixable or (finding.unsafe and not unsafe_fixes):
            continue
        if report.code == DEPRECATED_IMPORT.code and isinstance(report.node, cst.Attribute) and report.statement is report.node:
            _plan_attribute(plan, report.node, finding, index)
        elif report.code == DEPRECATED_IMPORT.code and report.unsafe and isinstance(report.statement, (cst.ImportFrom, cst.LazyImportFrom)):
            _plan_drop(plan, report.statement, report.node, finding, index)
        elif report.code == DEPRECATED_IMPORT.code:
            _plan_import(plan, report, finding, index)
        elif report.code == DEPRECATED_STRING_REFERENCE.code and isinstance(report.node, cst.SimpleString):
            plan.strings[report.node] = finding.replacement or finding.symbol
        elif report.code == DEPRECATED_CALL.code and isinstance(report.node, cst.Call) and finding.replacement:
            plan.calls[report.node] = finding.replacement
            new_name = finding.replacement.rpartition(".")[2]
            plan.rebindings.append(Rebinding(None, new_name, index.representative(finding.replacement), True))
        else:
            continue
        plan.codes.append(report.code)
        plan.statements.add(report.top)
    return plan


def rebindings(plan: FixPlan, index: ContractIndex) -> tuple[Rebinding, ...]:
    """The local names the plan changes on purpose, for the verifier: `import a.b` becoming
    `import c.b` binds `c` where it bound `a` (`check` made sure nothing else says either); a
    call rewrite imports its replacement at module level."""
    changes: list[Rebinding] = []
    for statement, moving in plan.import_names.items():
        for alias in statement.names:
            parts = dotted_parts(alias.name) if alias.name in moving and alias.asname is None else None
            move = index.move(".".join(parts)) if parts else None
            if parts is None or move is None:
                continue
            new = import_home(move)
            if len(parts) > 1 and new.split(".")[0] != parts[0]:
                changes.append(Rebinding(parts[0], new.split(".")[0], index.representative(new)))
    for names in plan.adopted.values():
        for old, new, symbol in names:
            changes.append(Rebinding(old, new, index.representative(symbol)))
    return (*changes, *plan.rebindings)
