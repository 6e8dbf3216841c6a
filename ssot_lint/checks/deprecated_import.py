"""SSOT001 deprecated-import."""

from __future__ import annotations

import libcst as cst

from ..analysis.adopt import adopt_problem
from ..analysis.headswap import swap_problem
from ..analysis.moves import (
    Verdict,
    from_import_home,
    import_home,
    judge_attribute,
    judge_import,
    judge_module,
    judge_name,
    judge_star,
)
from ..analysis.scope import dotted_parts, import_from_module
from ..project.contract import Contract, Move
from ..rules import DEPRECATED_IMPORT
from .base import Check, FileContext, Invalid, _Cursor, reexported
from .guards import fallbacks, used_otherwise
from .guards import local_name as _local_name

__all__ = ["DeprecatedImport"]


class DeprecatedImport(Check):
    """## What it does
    Finds import statements that reach a name through a deprecated module, or import a name the
    contract renamed: `from old import X`, `from old import X as Y`, `import old`, `import old as m`,
    `import a.b.old`, `from pkg import old` (a deprecated submodule), `from .old import X`
    (relative imports are resolved from the file's module name), and `from old import *`,
    wherever they stand: in functions, classes, `try/except ImportError` and `if TYPE_CHECKING:`,
    and in PEP 810 lazy imports (`lazy import old`, `lazy from old import X`).
    A compatibility guard is respected, as in Ruff: in `try: from new import X` / `except
    ImportError: from old import X`, the fallback is not reported when the `try` body already
    imports the same local name from a path that is not deprecated (the fallback runs only where
    the new path is missing). Other names in the fallback, and a deprecated import in the `try`
    body, are findings.
    A renamed name, or a name of a deprecated module, imported from a module of the project that
    re-exports it is found too, and the message says how it was reached; a name re-exported from
    the canonical module is the canonical name.
    A renamed name used through the module it lives in is found too (`import logging;
    logging.warn(1)` with `logging.warn` renamed, `import a.b; a.b.c()`, `from a import b; b.c`,
    `import a.b as alias; alias.c()`), when that module's own import is not deprecated.
    Importing a name listed under `deprecated-calls`, through any path, is a finding too: its
    replacement is another function (another signature), not the same one under a new path, so
    the message names the replacement and says so.

    ## Why is this bad?
    Every shim is one more path to the same object. While shims live, code keeps growing on them,
    and the day a shim is emptied its importers break (the hand migration this tool replaces broke
    117 importers that way). One canonical path is the single source of truth.

    ## Fix safety
    Safe. `fix` moves the import to the canonical module and splits a statement whose names go to
    different homes. A renamed name takes its new name and every use of it in the file is renamed,
    scope by scope (a parameter or local of the same name is left alone); a name the file chose
    with `as` stays. It keeps the old name (`import New as Old`, and the fix title says why) when
    the new name is taken in the file, the old one is listed in `__all__`, named in a string
    annotation, declared `global`, or is a class attribute, and always with
    `rename-style = "keep-local"` in `[tool.ssot-lint]`.
    A plain `import a.b` whose module moves to `c.b` becomes `import c.b`, and every `a.b.X` in the
    file follows; `import mock` whose module now lives in a package becomes `from unittest import
    mock`. It refuses, and `check` says why, when the canonical module does not provably bind the
    name, when a star import cannot move because the canonical module lacks some of its names, when
    the import was already broken (the deprecated module never had the name), and when `import a.b`
    cannot become `import c.b` because the file uses `a` otherwise or binds `c` to something else.
    A renamed name used through an attribute is renamed in place (`logging.warning(1)`) when it
    stays in its module; otherwise the chain becomes the new module's path (`x.y.z()`), `import
    x.y` is added, and the import the chain went through is removed when nothing else uses it.
    The import of a deprecated callable is unsafe to fix: only with `--unsafe-fixes`, and together
    with every call (SSOT004 rewrites the calls, the replacement is imported, the old import
    goes); a file where the name is also used other than by a call is left unchanged.

    ## Known problems
    Imports built at run time (`__import__(name)` with a computed name) are not seen. A whole
    deprecated module reached only through an attribute of a module that is not deprecated
    (`import pkg; pkg.old.X()`, where `pkg.old` was imported elsewhere) is not reported; a renamed
    name reached that way is.

    ## Options
    - `canonical`
    - `deprecated`
    - `renames`
    - `deprecated-calls`
    """

    RULE = DEPRECATED_IMPORT
    VALID = (
        "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n",
        "import app.websocket_core.websocket_manager as wm\n",
        "# from app.websocket_core.manager import WebSocketManager\n",
        "from app.other.manager import WebSocketManager\n",
    )
    INVALID = (
        Invalid(
            "from app.websocket_core.unified_manager import UnifiedWebSocketManager\n",
            "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n",
        ),
        Invalid(
            "from app.websocket_core.manager import WebSocketManager\n\nmanager = WebSocketManager\n",
            "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n\nmanager = UnifiedWebSocketManager\n",
        ),
        Invalid(
            "from .websocket_core.manager import (\n"
            "    WebSocketManager as WSM,  # the old name\n"
            "    UserExecutionContext,\n"
            ")\n",
            "from .websocket_core.websocket_manager import (\n"
            "    UnifiedWebSocketManager as WSM,  # the old name\n"
            "    UserExecutionContext,\n"
            ")\n",
            count=2,
        ),
        Invalid(
            "import app.websocket_core.unified_manager as um\n\nmanager = um.UnifiedWebSocketManager\n",
            "import app.websocket_core.websocket_manager as um\n\nmanager = um.UnifiedWebSocketManager\n",
        ),
        Invalid("from app.websocket_core.unified_manager import Missing\n"),
        Invalid("from app.websocket_core.websocket_manager_factory import create_websocket_manager\n"),
        Invalid(
            "import app.websocket_core as wc\n\nmanager = wc.manager.WebSocketManager\n",
            "import app.websocket_core.websocket_manager\n\n"
            "manager = app.websocket_core.websocket_manager.UnifiedWebSocketManager\n",
        ),
    )

    def __init__(self, context: FileContext, cursor: _Cursor) -> None:
        super().__init__(context, cursor)
        #: ids of the imports in an `except ImportError` fallback -> the locals the `try` body
        #: already imports from a path that is not deprecated.
        self._guarded: dict[int, set[str]] = {}

    def visit_Try(self, node: cst.Try) -> None:
        """`try: from new import X` / `except ImportError: from old import X`: a compatibility
        guard. As in Ruff, the fallback is not reported when the `try` body already imports the
        same name from a path that is not deprecated (it runs only where the new path is missing)."""
        index = self.context.index
        self._guarded.update(fallbacks(
            node, self.context.module, lambda q: index.move(q) is None and index.deprecated_call(q) is None))

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        module = import_from_module(node, self.context.module)
        if module is None:
            return
        if isinstance(node.names, cst.ImportStar):
            self._star(node, module)
            return
        local_names = [_local_name(alias) for alias in node.names]
        repeated = {n for n in local_names if local_names.count(n) > 1}
        guarded = self._guarded.get(id(node), set())
        for alias, local in zip(node.names, local_names):
            if isinstance(alias.name, cst.Name) and local not in guarded:
                self._name(node, alias, module, alias.name.value, local in repeated)

    def _name(
        self, node: cst.ImportFrom, alias: cst.ImportAlias, module: str, name: str, repeated: bool
    ) -> None:
        qualname = f"{module}.{name}"
        hit = self.context.index.deprecated_call(qualname)
        if hit is not None:
            if not self.exempt(hit[0]):
                self._callable(node, alias, qualname, hit)
            return
        move = self.context.index.move(qualname)
        if move is None or self.exempt(move.contract):
            return
        if repeated:  # splitting would change which import binds the name last
            verdict = Verdict(False, None, "the statement binds this name twice: fix it by hand")
        elif move.target_name is None:
            uses = self.context.bindings.attribute_uses(qualname)
            verdict = judge_module(move, uses, self.context.exports, self.context.index, self._shared(alias))
        else:
            verdict = self._adopt(alias, judge_name(move, module, name, self.context.exports), move, module, name)
        home = from_import_home(move, module, name) if move.target_name is not None else None
        self._report(alias.name, node, qualname, move, verdict, home)

    def _callable(
        self, node: cst.ImportFrom, alias: cst.ImportAlias, qualname: str, hit: tuple[Contract, str, str]
    ) -> None:
        """A `deprecated-calls` name: its replacement is another function, not the same one
        under a new path, so the import moves only together with every call (`--unsafe-fixes`)."""
        contract, old, replacement = hit
        how = self.context.index.reached(qualname, [old])
        local = _local_name(alias)
        name = f"{reexported(local, *how)}, which" if how is not None else f"`{qualname}`"
        if replacement:
            message = (f"{name} is a deprecated callable; call `{replacement}` instead (another function, "
                       f"not a path move: review each call)")
        else:
            message = f"{name} is a deprecated callable and has no replacement"
        self.report(alias.name, message, contract=contract, symbol=qualname, replacement=replacement or None,
                    verdict=self._call_verdict(replacement, local), statement=node, unsafe=True)

    def _call_verdict(self, replacement: str, local: str) -> Verdict:
        if not replacement:
            return Verdict(False, None, "no replacement is configured")
        if not self.context.unsafe_fixes:
            return Verdict(False, None, "unsafe fix: the replacement may differ; use `--unsafe-fixes`")
        if used_otherwise(self.context.tree, local):
            return Verdict(False, None, f"`{local}` is also used other than by a call: move it together with its calls by hand")
        module, _, name = replacement.rpartition(".")
        if self.context.exports.provides(module, name) is not True:
            return Verdict(False, None, f"cannot verify that `{module}` provides `{name}`")
        return Verdict(True, f"Import `{name}` from `{module}` with every call (unsafe: review the arguments)")

    def _adopt(self, alias: cst.ImportAlias, verdict: Verdict, move: Move, module: str, name: str) -> Verdict:
        """A renamed name imported under its own name takes the new name, every use renamed,
        unless `rename-style = "keep-local"`, it is a class attribute, or the file could see the
        difference (then `as` the old name, and the title says why)."""
        new_module, new_name = from_import_home(move, module, name)
        if not verdict.fixable or alias.asname is not None or new_name == name or self.context.rename_style != "adopt":
            return verdict
        problem = "it is a class attribute" if self.scope.kind == "class" else None
        index = self.context.index
        target = f"{new_module}.{new_name}"
        problem = problem or adopt_problem(
            self.context.source, name, new_name, self.context.module, lambda q: index.same(q, target)
        )
        if problem is not None:
            return Verdict(True, f"{verdict.title} ({problem})")
        return Verdict(True, f"Import `{new_name}` from `{new_module}` and rename `{name}` to it", adopt=True)

    def _star(self, node: cst.ImportFrom, module: str) -> None:
        move = self.context.index.move(module)
        if move is None or move.old != module or self.exempt(move.contract):
            return
        verdict = judge_star(move, self.context.exports)
        self.report(
            node.names,  # type: ignore[arg-type]
            f"`{module}` is deprecated; import from `{move.target_module}`",
            contract=move.contract,
            symbol=f"{module}.*",
            replacement=f"{move.target_module}.*",
            verdict=verdict,
            statement=node,
        )

    def visit_Import(self, node: cst.Import) -> None:
        guarded = self._guarded.get(id(node), set())
        for alias in node.names:
            parts = dotted_parts(alias.name)
            if parts is None or (alias.asname is not None and _local_name(alias) in guarded):
                continue
            dotted = ".".join(parts)
            move = self.context.index.move(dotted)
            if move is None or self.exempt(move.contract):
                continue
            self._report(alias.name, node, dotted, move, self._import_verdict(alias, parts, move))

    def _import_verdict(self, alias: cst.ImportAlias, parts: list[str], move: Move) -> Verdict:
        """`import a.b [as m]`: the module moves (and, for `import a.b` becoming `import c.b`,
        the local `a` becomes `c`: only when nothing else in the file says `a` or `c`)."""
        dotted = ".".join(parts)
        uses = self.context.bindings.attribute_uses(dotted)
        shared = self._shared(alias) if alias.asname is not None else None
        verdict = judge_import(move, dotted, uses, self.context.exports, self.context.index, shared)
        new = import_home(move)
        if verdict.fixable and alias.asname is None and len(parts) == 1 and "." not in new:
            return self._adopt_module(verdict, parts[0], new, move)
        if not verdict.fixable or alias.asname is not None or len(parts) == 1 or new.split(".")[0] == parts[0]:
            return verdict
        index = self.context.index
        head = new.split(".")[0]
        problem = swap_problem(
            self.context.source, dotted, new, lambda m: index.move(m) is not None, lambda q: index.same(q, head)
        )
        return verdict if problem is None else Verdict(False, None, problem)

    def visit_Attribute(self, node: cst.Attribute) -> None:
        """`logging.warn`, `a.b.c`, `alias.c`: a renamed name used through the module it lives in,
        when that module's own import is not deprecated (then the import is the finding)."""
        parts = dotted_parts(node)
        bound = self.scope.lookup(parts[0]) if parts else frozenset()
        index = self.context.index
        if not bound or any(index.move(b) is not None for b in bound):
            return
        if any(index.move(d) is not None for d in self._dotted_imports(parts[0])):
            return  # `import a.old` then `a.old.X`: the import is the finding
        for qualname in sorted(self.scope.resolve(node)):
            move = index.move(qualname)
            if move is None or move.whole_module or move.old != qualname or move.new == qualname:
                continue
            if self.exempt(move.contract):
                continue
            module, _, name = qualname.rpartition(".")
            verdict = judge_attribute(move, module, name, self.context.exports)
            self._report(node, node, qualname, move, self._unshadowed(verdict, move.target_module, module))
            return

    def _dotted_imports(self, top: str) -> set[str]:
        """The plain `import top.x.y` modules visible here."""
        found: set[str] = set()
        scope = self.scope
        while scope is not None:
            found.update(d for d in scope.dotted if d.startswith(top + "."))
            scope = scope.parent
        return found

    def _unshadowed(self, verdict: Verdict, target: str, module: str) -> Verdict:
        """A chain rewritten to `x.y.z` needs `x` free for `import x.y` where it is used."""
        top = target.split(".")[0]
        if not verdict.fixable or target == module or self.scope.lookup(top) <= {top} and not self._other(top):
            return verdict
        return Verdict(False, None, f"`{top}` names something else here, so `{target}` cannot be imported: fix it by hand")

    def _other(self, name: str) -> bool:
        """`name` is bound here by something other than an import (a local shadows it)."""
        scope = self.scope
        while scope is not None:
            if name in scope.imports:
                return False
            if name in scope.others and (scope is self.scope or scope.kind != "class"):
                return True
            scope = scope.parent
        return False

    #: PEP 810 lazy imports name modules exactly as their eager forms do.
    visit_LazyImport = visit_Import
    visit_LazyImportFrom = visit_ImportFrom

    def _adopt_module(self, verdict: Verdict, old: str, new: str, move: Move) -> Verdict:
        """`import a` whose module is now the top-level `d`: `import d`, every `a` renamed (as
        LibCST's RenameCommand does), unless the file could see the difference: then `import d as a`."""
        if self.context.rename_style != "adopt":
            return verdict
        index = self.context.index
        problem = "it is a class attribute" if self.scope.kind == "class" else None
        problem = problem or adopt_problem(self.context.source, old, new, self.context.module, lambda q: index.same(q, new))
        if problem is not None:
            return Verdict(True, f"Use `{new}` as `{old}` ({problem})")
        return Verdict(True, f"Use `{new}` and rename `{old}` to it", adopt=True)

    def _shared(self, alias: cst.ImportAlias) -> str | None:
        """The alias's local name when its scope also binds it to something else."""
        local = _local_name(alias)
        return local if len(self.scope.lookup(local)) > 1 else None

    def _report(
        self, at: cst.CSTNode, statement: cst.CSTNode, qualname: str, move: Move, verdict: Verdict,
        home: tuple[str, str] | None = None,
    ) -> None:
        if move.via:
            target = f"import `{home[1]}` from `{home[0]}`" if home else f"use `{move.target_module}`"
            message = f"{reexported(move.old.rsplit('.', 1)[-1], move.denotes or move.old, move.via)}, which is deprecated; {target}"
        elif move.whole_module and home is not None:
            message = f"`{move.old}` is deprecated; import `{home[1]}` from `{home[0]}`"
        elif move.whole_module:
            message = f"`{move.old}` is deprecated; use `{move.new}`"
        else:
            message = f"`{qualname}` is deprecated; use `{move.new}`"
        self.report(
            at,
            message,
            contract=move.contract,
            symbol=qualname,
            replacement=move.new,
            verdict=verdict,
            statement=statement,
        )
