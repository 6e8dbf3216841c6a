"""SSOT002 deprecated-string-reference."""

from __future__ import annotations

import libcst as cst

from ..analysis.moves import Verdict, judge_module, judge_name
from ..analysis.scope import dotted_parts
from ..project.contract import Move, is_dotted_name
from .base import Check, Invalid

__all__ = ["STRING_TARGET_CALLS", "DeprecatedStringReference", "string_target"]

#: Calls whose first argument (or `target=`/`name=`) is a dotted path that Python resolves:
#: `mock.patch`, `patch.object`/`patch.multiple`, `importlib.import_module`, `__import__`,
#: `pkgutil.resolve_name`, and pytest's `monkeypatch.setattr("a.b.C", ...)`.
STRING_TARGET_CALLS = frozenset(
    {"patch", "object", "multiple", "import_module", "__import__", "resolve_name", "setattr", "delattr"}
)
_KEYWORDS = frozenset({"target", "name"})


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
    Finds string literals that name a deprecated dotted path where Python resolves the string
    to an object: `mock.patch("old.X")`, `patch("old.X.method")`, `patch.object`/`patch.multiple`
    targets, `importlib.import_module("old")`, `__import__`, `pkgutil.resolve_name` and
    `monkeypatch.setattr("old.X", ...)`.

    ## Why is this bad?
    A test that patches a shim's binding patches a copy: the code under test, once migrated, looks
    the name up in the canonical module and the patch silently stops applying. And when the shim is
    deleted, the string fails only at run time.

    ## Fix safety
    Safe: the path is rewritten to the canonical one (renamed names renamed), keeping the quotes.
    Strings that merely contain the text (log messages, docstrings, comments) are never findings.

    ## Known problems
    Paths built at run time (`f"{base}.X"`, concatenation) are not seen. Re-exports are not
    followed: `patch("app.facade.Manager")` patches the facade's own binding, which is what the
    test means.

    ## Options
    - `deprecated`
    - `renames`
    """

    CODE = "SSOT002"
    NAME = "deprecated-string-reference"
    SUMMARY = "A `mock.patch`/`import_module` string naming a deprecated path"
    VALID = (
        'from unittest import mock\n\nmock.patch("app.websocket_core.websocket_manager.UnifiedWebSocketManager")\n',
        'log = "moved from app.websocket_core.manager"\nprint("app.websocket_core.manager")\n',
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
    )

    def visit_Call(self, node: cst.Call) -> None:
        string = string_target(node)
        value = string_value(string) if string is not None else None
        if string is None or value is None:
            return
        move = self.context.index.move(value, follow=False)  # a patch target names a binding
        if move is None or self.exempt(move.contract):
            return
        self.report(
            string,
            f"`{value}` names a deprecated path; use `{move.new}`",
            contract=move.contract,
            symbol=value,
            replacement=move.new,
            verdict=self._retitle(self._verdict(move, value), move.new),
        )

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
