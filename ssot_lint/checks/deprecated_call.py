"""SSOT004 deprecated-call."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from ..analysis.moves import Verdict
from ..rules import DEPRECATED_CALL
from .base import DEFAULT_SOURCES, Check, Invalid, reexported
from .guards import used_otherwise

__all__ = ["DeprecatedCall"]


class DeprecatedCall(Check):
    """## What it does
    Finds calls to a deprecated callable (`deprecated-calls`), however it was imported, aliased or
    re-exported by a module of the project. A call is deprecated only when what it reaches differs
    from the replacement: calling the replacement through an old path is not a finding (an entry
    that is only a path move is a contract warning; `renames` reports its imports).

    ## Why is this bad?
    Deprecated factories such as `get_websocket_manager_factory()` keep old construction paths
    alive: they may share state across users or skip the isolation the new factory guarantees,
    and they block deleting the deprecated module.

    ## Fix safety
    Unsafe, and applied only with `--unsafe-fixes`: the replacement may have another signature
    (a factory that returns a factory, sync versus async), so the call is renamed but its arguments
    and its use must be reviewed. A `deprecated-calls` value of `""` means "no replacement":
    reported, never fixed.

    ## Known problems
    Calls through `getattr` or a callable stored in a container are not seen.

    ## Options
    - `deprecated-calls`
    """

    RULE = DEPRECATED_CALL
    VALID = (
        ("from app.websocket_core.websocket_manager import get_websocket_manager\n\n"
        "manager = get_websocket_manager(context)\n"),
    )
    INVALID = (
        Invalid(
            "from app.websocket_core.websocket_manager_factory import create_websocket_manager\n\n"
            "manager = create_websocket_manager(context)\n"
        ),
        Invalid("from app.facade import create\n\nmanager = create(context)\n"),
    )
    EXAMPLE_SOURCES: ClassVar[dict[str, str]] = {
        **DEFAULT_SOURCES,
        "app/facade.py": "from app.websocket_core.websocket_manager_factory import create_websocket_manager as create\n",
    }

    def visit_Call(self, node: cst.Call) -> None:
        for qualname in sorted(self.scope.resolve(node.func)):
            hit = self.context.index.deprecated_call(qualname)
            if hit is None or self.exempt(hit[0]):
                continue
            contract, old, replacement = hit
            how = self.context.index.reached(qualname, [old])
            name = f"`{old.rsplit('.', 1)[-1]}()`"
            if how is not None:
                name = f"{reexported(qualname.rsplit('.', 1)[-1], *how)}, which"
            if replacement:
                message = f"{name} is deprecated; call `{replacement}` instead"
            else:
                message = f"{name} is deprecated and has no replacement"
            self.report(
                node,
                message,
                contract=contract,
                symbol=qualname,
                replacement=replacement or None,
                verdict=self._verdict(replacement, node),
                unsafe=True,
            )
            return

    def _verdict(self, replacement: str, node: cst.Call) -> Verdict:
        if not replacement:
            return Verdict(False, None, "no replacement is configured")
        if not self.context.unsafe_fixes:
            return Verdict(False, None, "unsafe fix: the replacement may differ; use `--unsafe-fixes`")
        local = node.func.value if isinstance(node.func, cst.Name) else None
        if local is not None and used_otherwise(self.context.tree, local):
            return Verdict(False, None, f"`{local}` is also used other than by a call: its import and calls move together, by hand")
        module, _, name = replacement.rpartition(".")
        if self.context.exports.provides(module, name) is not True:
            return Verdict(False, None, f"cannot verify that `{module}` provides `{name}`")
        return Verdict(True, f"Call `{name}` from `{module}` (unsafe: review the arguments)")
