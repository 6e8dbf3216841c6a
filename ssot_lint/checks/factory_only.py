"""SSOT003 direct-instantiation."""

from __future__ import annotations

import libcst as cst

from ..moves import Verdict
from .base import Check, Invalid

__all__ = ["FactoryOnlyInstantiation"]


class FactoryOnlyInstantiation(Check):
    """## What it does
    Finds calls that create a factory-only class directly, however the class was reached: the
    canonical import, a deprecated path, an alias (`from ... import X as Y`, `Y = X`), or an
    attribute chain (`um.UnifiedWebSocketManager()`). Type hints, `isinstance` checks and
    subclassing are not findings. Modules matching `allowed-in` and the contract's own modules may
    create the class.

    ## Why is this bad?
    It bypasses the per-user factory, a multi-tenant isolation boundary: a manager created
    directly is not bound to one user's execution context, so one user's events can reach another
    user's connections.

    ## Fix safety
    Not fixable: the factory needs the user's execution context, which only the caller knows.
    The message names the factory to call instead.

    ## Known problems
    Instances created through `getattr(module, name)()` or a factory of your own are not seen.

    ## Options
    - `factory-only`
    - `factory`
    - `allowed-in`
    """

    CODE = "SSOT003"
    NAME = "direct-instantiation"
    SUMMARY = "A factory-only class created directly, bypassing its factory"
    VALID = (
        "from app.websocket_core.websocket_manager import get_websocket_manager\n\n"
        "manager = get_websocket_manager(context)\n",
        "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n\n"
        "def send(manager: UnifiedWebSocketManager) -> bool:\n"
        "    return isinstance(manager, UnifiedWebSocketManager)\n",
        "class UnifiedWebSocketManager:\n    pass\n\nUnifiedWebSocketManager()\n",
    )
    INVALID = (
        Invalid(
            "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n\n"
            "manager = UnifiedWebSocketManager()\n"
        ),
        Invalid(
            "import app.websocket_core.websocket_manager as wm\n\n"
            "Manager = wm.UnifiedWebSocketManager\n\n\ndef build():\n    return Manager()\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        module = self.context.module.name if self.context.module else None
        for qualname in sorted(self.scope.resolve(node.func)):
            contract = self.context.index.factory_only(qualname)
            if contract is None or self.context.index.may_instantiate(module, contract):
                continue
            class_name = qualname.rsplit(".", 1)[-1]
            use = f"; use `{contract.factory}(...)`" if contract.factory else ""
            self.report(
                node,
                f"`{class_name}` created directly bypasses the per-user factory{use}",
                contract=contract,
                symbol=qualname,
                replacement=contract.factory,
                verdict=Verdict(False, None, "the factory needs the caller's user context: migrate by hand"),
            )
            return
