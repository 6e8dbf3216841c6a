"""The contract codemod: one LibCST transformer that performs a `FixPlan` on one module.

Nodes are matched by identity against the plan (built from this same tree by the checks), so a
rewrite happens exactly where a fixable, unsuppressed finding was reported and nowhere else.
Everything outside the rewritten nodes keeps its bytes.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor

from ..analysis.moves import from_import_home, import_home
from ..analysis.scope import Bindings, Scope, dotted_parts, import_from_module
from ..project.contract import ContractIndex
from ..project.modules import ModuleName
from .blocks import tidy_body
from .imports import dotted, module_ref, split_import_from, with_commas
from .lazy import IMPORTS as _IMPORTS
from .lazy import eager as _eager
from .lazy import lazy as _lazy
from .plan import FixPlan
from .uses import ModuleUses, module_uses
from .uses import binder as _binder

__all__ = ["apply", "rewrite"]


class _Fixer(cst.CSTTransformer):
    def __init__(
        self, plan: FixPlan, index: ContractIndex, bindings: Bindings, module: ModuleName | None
    ) -> None:
        super().__init__()
        self.plan = plan
        self.index = index
        self.bindings = bindings
        self.module = module
        self.scope: Scope = bindings.module_scope
        self.uses: ModuleUses = module_uses(plan, bindings, index)
        self.generated: set[int] = set()
        self.needed_imports: list[tuple[str, str]] = []
        #: modules a rewritten attribute chain now names (`import x.y` for `x.y.z`).
        self.needed_modules: list[str] = []
        #: (module, name, asname) of the imports such a chain went through: removed when
        #: nothing else uses them.
        self.freed: list[tuple[str, str | None, str | None]] = []
        self.skipped: set[int] = set()
        #: the module-level tidy-up dropped, merged or re-commented a top-level statement
        self.reshaped_module = False
        #: ids of `Name` nodes that are not uses of a variable (attributes, keywords, def names)
        self.not_uses: set[int] = set()
        #: ids of the module's statements, and what each the fixer changed became
        self.top_level: set[int] = set()
        self.became: dict[int, object] = {}

    def skip_statements_except(self, tree: cst.Module, wanted: set[int]) -> None:
        """Visit only the top-level statements that hold a rewrite: LibCST rebuilds every node
        a transformer visits, and a 10,000-line module usually needs two statements changed."""
        if -1 in wanted:
            return
        self.skipped = {id(s) for i, s in enumerate(tree.body) if i not in wanted}

    # -- scope tracking, as in the checks' traversal ----------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        if id(node) in self.skipped:
            return False
        scope = self.bindings.scopes.get(node)
        if scope is not None:
            self.scope = scope
        if isinstance(node, _IMPORTS):
            return False  # names inside imports are rewritten as statements, below
        return super().on_visit(node)

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        scope = self.bindings.scopes.get(original_node)
        if scope is not None and scope.parent is not None:
            self.scope = scope.parent
        result = super().on_leave(original_node, updated_node)
        if id(original_node) in self.top_level and result is not original_node:
            self.became[id(original_node)] = result
        return result

    # -- import statements ---------------------------------------------------------------------
    def _pieces(self, body: Sequence[cst.BaseSmallStatement]) -> list[list[cst.BaseSmallStatement]] | None:
        """What each small statement becomes; None when none changes."""
        pieces = [self._small(small) for small in body]
        if all(len(p) == 1 and p[0] is s for p, s in zip(pieces, body)):
            return None
        return pieces

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        pieces = self._pieces(updated_node.body)
        if pieces is None:
            return updated_node
        if len(pieces) == 1 and len(pieces[0]) > 1:
            return self._split_lines(updated_node, pieces[0])
        flat = [s for piece in pieces for s in piece]
        line = updated_node.with_changes(body=_semicolons(flat))
        self.generated.add(id(line))
        return line

    def leave_SimpleStatementSuite(
        self, original_node: cst.SimpleStatementSuite, updated_node: cst.SimpleStatementSuite
    ) -> cst.SimpleStatementSuite:
        """`if x: from old import A`: the one-line body keeps its line, statements joined by `;`."""
        pieces = self._pieces(updated_node.body)
        if pieces is None:
            return updated_node
        return updated_node.with_changes(body=_semicolons([s for piece in pieces for s in piece]))

    def _split_lines(
        self, line: cst.SimpleStatementLine, statements: list[cst.BaseSmallStatement]
    ) -> cst.FlattenSentinel[cst.BaseStatement]:
        lines = [line.with_changes(body=[statements[0]])]
        lines += [cst.SimpleStatementLine(body=[s]) for s in statements[1:]]
        for new_line in lines[1:]:
            self.generated.add(id(new_line))
        return cst.FlattenSentinel(lines)

    def _small(self, small: cst.BaseSmallStatement) -> list[cst.BaseSmallStatement]:
        """What one small statement becomes; a PEP 810 lazy import is rewritten as its eager
        form would be, and every statement it becomes stays lazy."""
        if not isinstance(small, (cst.LazyImport, cst.LazyImportFrom)):
            return self._eager_small(small)
        eager = _eager(small)
        for table in (self.plan.from_names, self.plan.import_names, self.plan.module_names):
            if small in table:
                table[eager] = table[small]  # type: ignore[index]
        if small in self.plan.stars:
            self.plan.stars.add(eager)  # type: ignore[arg-type]
        pieces = self._eager_small(eager)
        if len(pieces) == 1 and pieces[0] is eager:
            return [small]
        return [_lazy(piece, small) for piece in pieces]

    def _eager_small(self, small: cst.BaseSmallStatement) -> list[cst.BaseSmallStatement]:
        if isinstance(small, cst.ImportFrom) and small in self.plan.stars:
            move = self.index.move(import_from_module(small, self.module) or "")
            if move is None:
                return [small]
            dots, ref = module_ref(move.target_module, small, self.module)
            return [small.with_changes(relative=dots, module=ref)]
        if isinstance(small, cst.ImportFrom) and small in self.plan.from_names:
            module = import_from_module(small, self.module)
            if module is None:
                return [small]
            moving = self.plan.from_names[small]
            return list(split_import_from(small, moving, module, self.index, self.module, self.plan.adopt))
        if isinstance(small, cst.Import) and small in self.plan.import_names:
            return self._import(small, self.plan.import_names[small])
        return [small]

    def _import(self, node: cst.Import, moving: set[cst.CSTNode]) -> list[cst.BaseSmallStatement]:
        """Each moving module takes its new path; `import mock` (a top-level module that now
        lives in a package) becomes `from unittest import mock`, in its place among the rest."""
        pieces: list[cst.BaseSmallStatement] = []
        kept: list[cst.ImportAlias] = []
        for alias in node.names:
            parts = dotted_parts(alias.name) if alias.name in moving else None
            move = self.index.move(".".join(parts)) if parts else None
            if parts is None or move is None:
                kept.append(alias)
                continue
            new = import_home(move)
            if alias.name in self.plan.adopt:  # `import a` -> `import d`: the uses follow
                kept.append(alias.with_changes(name=dotted(new)))
                continue
            if alias.asname is not None or len(parts) > 1 or new == parts[0]:
                kept.append(alias.with_changes(name=dotted(new)))
                continue
            if kept:
                pieces.append(node.with_changes(names=with_commas(kept, False, False)))
                kept = []
            pieces.append(_module_import(new, parts[0], node))
        if kept:
            pieces.append(node.with_changes(names=with_commas(kept, False, False)))
        return [*(p.with_changes(semicolon=cst.MaybeSentinel.DEFAULT) for p in pieces[:-1]), pieces[-1]]

    # -- uses of whole modules, strings, calls ---------------------------------------------
    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        """`m.X` where `m` is a module local whose import moves: rename `X` if the contract
        renames it; `a.b.X` where `import a.b` moves to `c.b`: the path becomes `c.b`."""
        new = self.plan.attributes.get(original_node)
        if new is not None:
            return self._renamed_attribute(original_node, updated_node, new)
        parts = dotted_parts(original_node)
        if parts is None or not self.uses.active:
            return updated_node
        binder = _binder(self.scope, parts[0])
        if binder is None:
            return updated_node
        if len(parts) == 2 and (id(binder), parts[0]) in self.uses.locals:
            old = self.uses.locals[(id(binder), parts[0])]
            return updated_node.with_changes(attr=cst.Name(self._new_attribute(old, parts[1])))
        dotted_path = ".".join(parts)
        if (id(binder), dotted_path) in self.uses.paths:
            return dotted(self.uses.paths[(id(binder), dotted_path)])
        parent = ".".join(parts[:-1])
        if len(parts) > 2 and (id(binder), parent) in self.uses.paths:
            return updated_node.with_changes(attr=cst.Name(self._new_attribute(parent, parts[-1])))
        return updated_node

    def _renamed_attribute(self, original: cst.Attribute, updated: cst.Attribute, new: str) -> cst.BaseExpression:
        """`logging.warn` -> `logging.warning`; into another module: that module's full path,
        imported plainly (the old import goes when nothing else uses it)."""
        old = next(iter(sorted(self.scope.resolve(original))), "")
        old_module, new_module = old.rpartition(".")[0], new.rpartition(".")[0]
        if old_module == new_module:
            return updated.with_changes(attr=cst.Name(new.rpartition(".")[2]))
        self.needed_modules.append(new_module)
        parts = dotted_parts(original) or [""]
        self.freed.extend(self._imports_of(parts[0]))
        return dotted(new)

    def _imports_of(self, local: str) -> list[tuple[str, str | None, str | None]]:
        """(module, name, asname) of the imports that bind `local` where this use sees it, in
        `RemoveImportsVisitor`'s terms."""
        scope = _binder(self.scope, local)
        found: list[tuple[str, str | None, str | None]] = []
        for node, where, _ in self.bindings.events:
            if where is not scope or not isinstance(node, _IMPORTS):
                continue
            eager = _eager(node)
            module = import_from_module(eager, self.module) if isinstance(eager, cst.ImportFrom) else None
            for alias in node.names if not isinstance(node.names, cst.ImportStar) else ():
                asname = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else None
                path = ".".join(dotted_parts(alias.name) or [])
                if isinstance(eager, cst.Import) and (asname or path.split(".")[0]) == local:
                    found.append((path, None, asname))
                elif module is not None and (asname or path) == local:
                    found.append((module, path, asname))
        return found

    # -- uses of a renamed import that adopts its new name ---------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> None:
        self.not_uses.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.not_uses.add(id(node.keyword))

    def visit_Param(self, node: cst.Param) -> None:
        self.not_uses.add(id(node.name))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.not_uses.add(id(node.name))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.not_uses.add(id(node.name))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        """A use of a local whose import adopts the new name: in the scope that import binds,
        and in nested scopes that do not bind the name themselves."""
        if not self.uses.names or id(original_node) in self.not_uses:
            return updated_node
        binder = _binder(self.scope, original_node.value)
        new = self.uses.names.get((id(binder), original_node.value)) if binder is not None else None
        return updated_node if new is None else updated_node.with_changes(value=new)

    def _new_attribute(self, module: str, attribute: str) -> str:
        """The name `module.attribute` has after the move of `module`."""
        move = self.index.move(f"{module}.{attribute}")
        return from_import_home(move, module, attribute)[1] if move is not None else attribute

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        new = self.plan.strings.get(original_node)
        if new is None:
            return updated_node
        value = original_node.value
        prefix_length = len(original_node.prefix)
        quote = original_node.quote
        return updated_node.with_changes(value=f"{value[:prefix_length]}{quote}{new}{quote}")

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        replacement = self.plan.calls.get(original_node)
        if replacement is None:
            return updated_node
        module, _, name = replacement.rpartition(".")
        self.needed_imports.append((module, name))
        return updated_node.with_changes(func=cst.Name(name))

    # -- blocks ----------------------------------------------------------------------------
    def leave_IndentedBlock(
        self, original_node: cst.IndentedBlock, updated_node: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        if not self.generated:
            return updated_node
        return updated_node.with_changes(body=tidy_body(updated_node.body, self.generated, self.module))

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.generated:
            return updated_node
        body = tidy_body(updated_node.body, self.generated, self.module)
        if not updated_node.body:
            body = []
        self.reshaped_module = [id(s) for s in body] != [id(s) for s in updated_node.body]
        return updated_node.with_changes(body=body)


def _module_import(new: str, local: str, original: cst.Import) -> cst.ImportFrom | cst.Import:
    """`import <local>` for module `new`: `from package import leaf [as local]`, or `import new
    as local` for a top-level module; the original's trailing `;` stays with it."""
    package, _, leaf = new.rpartition(".")
    asname = None if leaf == local else cst.AsName(name=cst.Name(local))
    if not package:
        return cst.Import(names=[cst.ImportAlias(name=cst.Name(leaf), asname=asname)], semicolon=original.semicolon)
    return cst.ImportFrom(module=dotted(package), names=[cst.ImportAlias(name=cst.Name(leaf), asname=asname)],
                          semicolon=original.semicolon)


def _semicolons(statements: list[cst.BaseSmallStatement]) -> list[cst.BaseSmallStatement]:
    """Small statements sharing a line need `; ` between them and none after the last."""
    fixed = [
        s.with_changes(semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" ")))
        if not isinstance(s.semicolon, cst.Semicolon)
        else s
        for s in statements[:-1]
    ]
    return [*fixed, statements[-1].with_changes(semicolon=statements[-1].semicolon)]


def apply(
    tree: cst.Module, plan: FixPlan, index: ContractIndex, bindings: Bindings, module: ModuleName | None
) -> cst.Module:
    """`tree` with the plan performed; the same object when the plan is empty."""
    return rewrite(tree, plan, index, bindings, module)[0]


#: top-level statement index -> the statements it became, in its place
Replacements = dict[int, list[cst.BaseStatement]]


def rewrite(
    tree: cst.Module, plan: FixPlan, index: ContractIndex, bindings: Bindings, module: ModuleName | None
) -> tuple[cst.Module, Replacements | None]:
    """`apply`, and what each changed top-level statement became when every one became zero or
    more statements in its own place (else None): what lets `splice` write back just those."""
    if not plan:
        return tree, {}
    fixer = _Fixer(plan, index, bindings, module)
    fixer.top_level = {id(s) for s in tree.body}
    wanted = set(plan.statements)
    if plan.modules:
        wanted |= bindings.statements_using(frozenset(plan.modules))
    if plan.adopt:
        wanted.add(-1)  # a renamed local may be used anywhere
    fixer.skip_statements_except(tree, wanted)
    fixed = tree.visit(fixer)
    if fixer.needed_imports or fixer.needed_modules:
        context = CodemodContext()
        for needed_module, name in dict.fromkeys(fixer.needed_imports):
            AddImportsVisitor.add_needed_import(context, needed_module, name)
        for needed_module in dict.fromkeys(fixer.needed_modules):
            AddImportsVisitor.add_needed_import(context, needed_module)
        fixed = AddImportsVisitor(context).transform_module(fixed)
    if fixer.freed or plan.dropped:
        fixed = _remove_freed(fixed, [*fixer.freed, *plan.dropped])
    if fixer.reshaped_module or fixer.needed_imports or fixer.needed_modules or plan.dropped:
        return fixed, None
    return fixed, _replacements(tree, fixed, fixer.became)


def _remove_freed(tree: cst.Module, freed: list[tuple[str, str | None, str | None]]) -> cst.Module:
    """Drop the imports a rewritten chain went through, where nothing else uses them (LibCST's
    scope analysis decides)."""
    context = CodemodContext()
    for module, name, asname in dict.fromkeys(freed):
        RemoveImportsVisitor.remove_unused_import(context, module, name, asname)
    return RemoveImportsVisitor(context).transform_module(tree)


def _replacements(tree: cst.Module, fixed: cst.Module, became: dict[int, object]) -> Replacements | None:
    replacements: Replacements = {}
    body: list[cst.CSTNode] = []
    for i, statement in enumerate(tree.body):
        result = became.get(id(statement), statement)
        if isinstance(result, cst.FlattenSentinel):
            new = list(result.nodes)
        elif isinstance(result, cst.RemovalSentinel):
            new = []
        else:
            new = [result]
        body.extend(new)
        if len(new) != 1 or new[0] is not statement:
            replacements[i] = new  # type: ignore[assignment]
    if len(body) != len(fixed.body) or any(a is not b for a, b in zip(body, fixed.body)):
        return None  # the module's body is not those statements, in that order
    return replacements
