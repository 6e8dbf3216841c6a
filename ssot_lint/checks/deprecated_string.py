"""SSOT002 deprecated-string-reference."""

from __future__ import annotations

import libcst as cst

from ..analysis.moves import Verdict, judge_module, judge_name
from ..analysis.scope import dotted_parts
from ..project.contract import Contract, Move, is_dotted_name
from ..rules import DEPRECATED_STRING_REFERENCE
from .base import Check, FileContext, Invalid, _Cursor

__all__ = ["STRING_TARGET_CALLS", "DeprecatedStringReference", "string_target"]

#: Calls whose first argument (or `target=`/`name=`) is a dotted path that Python resolves:
#: `mock.patch`, `patch.object`/`patch.multiple`, `importlib.import_module`, `__import__`,
#: `pkgutil.resolve_name`, and pytest's `monkeypatch.setattr("a.b.C", ...)`.
STRING_TARGET_CALLS = frozenset(
    {"patch", "object", "multiple", "import_module", "__import__", "resolve_name", "setattr", "delattr"}
)
_KEYWORDS = frozenset({"target", "name"})
_MODULES_METHODS = frozenset({"sys.modules.pop", "sys.modules.get", "sys.modules.setdefault"})


def string_target(call: cst.Call) -> cst.SimpleString | None:
    """The string argument of `call` that names a dotted path, if `call` is one of those calls."""
    parts = dotted_parts(call.func)
    if not parts or parts[-1] not in STRING_TARGET_CALLS:
        return None
    for position, arg in enumerate(call.args):
        named = arg.keyword.value if arg.keyword is not None else None
        if (named is None and position == 0 and arg.star == "") or named in _KEYWORDS:
            return arg.value if isinstance(arg.value, cst.SimpleString) else None
    return None


def string_value(node: cst.SimpleString) -> str | None:
    """The text of a plain (non-bytes) string literal that is a dotted name."""
    value = node.evaluated_value
    if isinstance(value, str) and is_dotted_name(value):
        return value
    return None


class DeprecatedStringReference(Check):
    """## What it does
    Finds string literals that are a deprecated dotted path, or such a path followed by `.` and
    more: a deprecated module, a renamed name or a deprecated callable (`deprecated-calls`). They
    are found wherever they stand: `mock.patch("old.X")`, `patch.object`/`patch.multiple`
    targets, `importlib.import_module("old")`, `__import__`, `pkgutil.resolve_name`,
    `monkeypatch.setattr("old.X", ...)`, `sys.modules["old"]`, and lists, tuples and dict keys or
    values of module paths that tests import in a loop. The literal head of an f-string
    (`f"old.{name}"`) counts too.

    ## Why is this bad?
    A test that patches a shim's binding patches a copy: the code under test, once migrated, looks
    the name up in the canonical module and the patch silently stops applying. And when the shim is
    deleted, the string fails only at run time.

    ## Fix safety
    Safe where the string is provably a reference (the patch family, `import_module`,
    `__import__`, `pkgutil.resolve_name`, `monkeypatch.setattr`/`delattr`, `sys.modules[...]`): the
    path is rewritten to the canonical one (renamed names renamed), keeping the quotes. Anywhere
    else (a list of module paths, a dict value) the string may be data, so the finding says why it
    is not fixed and `--unsafe-fixes` rewrites it. A deprecated callable's path is rewritten to
    its replacement only with `--unsafe-fixes` (the replacement may take other arguments); an
    f-string is never rewritten. Strings that merely mention a path inside prose (log messages,
    docstrings) and comments are never findings: the string must be the path, or the path and a
    dotted tail.

    ## Known problems
    Paths built at run time (concatenation, `".".join(...)`) are not seen. Re-exports are not
    followed: `patch("app.facade.Manager")` patches the facade's own binding, which is what the
    test means.

    ## Options
    - `deprecated`
    - `renames`
    - `deprecated-calls`
    """

    RULE = DEPRECATED_STRING_REFERENCE
    VALID = (
        'from unittest import mock\n\nmock.patch("app.websocket_core.websocket_manager.UnifiedWebSocketManager")\n',
        'log = "moved from app.websocket_core.manager"\nprint("app.websocket_core.manager is gone")\n',
        '"""app.websocket_core.manager"""\n',
    )
    INVALID = (
        Invalid(
            'from unittest import mock\n\nmock.patch("app.websocket_core.manager.WebSocketManager")\n',
            'from unittest import mock\n\nmock.patch("app.websocket_core.websocket_manager.UnifiedWebSocketManager")\n',
        ),
        Invalid(
            "import importlib\n\nimportlib.import_module('app.websocket_core.unified_manager')\n",
            "import importlib\n\nimportlib.import_module('app.websocket_core.websocket_manager')\n",
        ),
        Invalid(
            'import sys\n\nsys.modules.pop("app.websocket_core.unified_manager", None)\n'
            'del sys.modules["app.websocket_core.unified_manager"]\n',
            'import sys\n\nsys.modules.pop("app.websocket_core.websocket_manager", None)\n'
            'del sys.modules["app.websocket_core.websocket_manager"]\n',
            count=2,
        ),
        Invalid('MODULES = ["app.websocket_core.manager", "app.websocket_core.websocket_manager"]\n'),
        Invalid(
            'from unittest.mock import patch\n\n'
            'patch("app.websocket_core.websocket_manager_factory.get_websocket_manager_factory")\n'
        ),
    )

    def __init__(self, context: FileContext, cursor: _Cursor) -> None:
        super().__init__(context, cursor)
        #: ids of strings that are provably references, and of strings that are not references.
        self._safe: set[int] = set()
        self._prose: set[int] = set()

    def visit_Call(self, node: cst.Call) -> None:
        string = string_target(node)
        if string is None and node.args and _MODULES_METHODS & self.scope.resolve(node.func):
            value = node.args[0].value  # sys.modules.pop("old"), .get, .setdefault
            string = value if isinstance(value, cst.SimpleString) else None
        if string is not None:
            self._safe.add(id(string))

    def visit_Subscript(self, node: cst.Subscript) -> None:
        """`sys.modules["old"]`: the key is a module path Python resolves."""
        if "sys.modules" not in self.scope.resolve(node.value) or len(node.slice) != 1:
            return
        element = node.slice[0].slice
        if isinstance(element, cst.Index) and isinstance(element.value, cst.SimpleString):
            self._safe.add(id(element.value))

    def visit_Expr(self, node: cst.Expr) -> None:
        """A string statement (a docstring) is prose, never a reference."""
        if isinstance(node.value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            self._prose.add(id(node.value))

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = string_value(node) if id(node) not in self._prose and "." in node.value else None
        if value is not None:
            self._string(node, value, fixable=True)

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        """`f"old.{name}"`: the literal head, up to its last dot, is the path."""
        if id(node) in self._prose or not node.parts or not isinstance(node.parts[0], cst.FormattedStringText):
            return
        if len(node.parts) == 1:
            return
        head = node.parts[0].value.rpartition(".")[0]
        if is_dotted_name(head):
            self._string(node, head, fixable=False)

    def _string(self, node: cst.BaseExpression, value: str, fixable: bool) -> None:
        hit = self._call(value)  # a deprecated callable's replacement is not a path move
        if hit is not None:
            if not self.exempt(hit[0]):
                self._callable(node, value, hit, fixable)
            return
        move = self.context.index.move(value, follow=False)  # a patch target names a binding
        if move is None or self.exempt(move.contract):
            return
        verdict = self._retitle(self._verdict(move, value), move.new)
        self._found(node, value, f"names a deprecated path; use `{move.new}`", move.contract, move.new,
                    self._unsafe(node, verdict, fixable, "the string may be data, not a reference"))

    def _callable(self, node: cst.BaseExpression, value: str, hit: tuple[Contract, str, str], fixable: bool) -> None:
        contract, old, replacement = hit
        new = replacement + value[len(old):] if replacement else None
        what = ("is a deprecated callable; " if value == old else f"names deprecated callable `{old}`; ") + (
            f"its replacement is `{replacement}`" if replacement else "it has no replacement")
        verdict = Verdict(True, f"Replace with `{new}`") if new else Verdict(False, None, "no replacement is configured")
        reason = "the replacement may take other arguments"
        self._found(node, value, what, contract, new, self._unsafe(node, verdict, fixable, reason, always=True))

    def _call(self, value: str) -> tuple[Contract, str, str] | None:
        """The `deprecated-calls` entry `value` is, or is a dotted path below (as configured)."""
        parts = value.split(".")
        for cut in range(len(parts), 0, -1):
            hit = self.context.index.deprecated_call_entry(".".join(parts[:cut]))
            if hit is not None:
                return hit
        return None

    def _unsafe(self, node: cst.BaseExpression, verdict: Verdict, fixable: bool, reason: str, always: bool = False) -> tuple[Verdict, bool]:
        """(verdict, unsafe): a string not provably a reference is fixed only with --unsafe-fixes."""
        if not fixable:
            return Verdict(False, None, "an f-string is not rewritten: fix it by hand"), False
        unsafe = always or id(node) not in self._safe
        if unsafe and verdict.fixable and not self.context.unsafe_fixes:
            return Verdict(False, None, f"unsafe fix: {reason}; use `--unsafe-fixes`"), True
        return verdict, unsafe

    def _found(
        self, node: cst.BaseExpression, value: str, what: str, contract: Contract, new: str | None,
        judged: tuple[Verdict, bool],
    ) -> None:
        verdict, unsafe = judged
        self.report(node, f"`{value}` {what}", contract=contract, symbol=value, replacement=new,
                    verdict=verdict, unsafe=unsafe)

    @staticmethod
    def _retitle(verdict: Verdict, new: str) -> Verdict:
        return Verdict(True, f"Replace with `{new}`") if verdict.fixable else verdict

    def _verdict(self, move: Move, value: str) -> Verdict:
        exports = self.context.exports
        if move.target_name is None:
            return judge_module(move, frozenset(), exports, self.context.index)
        if move.whole_module:
            name = value[len(move.old) + 1 :].split(".", 1)[0]
            return judge_name(move, move.old, name, exports)
        module, _, name = move.old.rpartition(".")
        return judge_name(move, module, name, exports)
