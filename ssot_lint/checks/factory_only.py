"""SSOT003 direct-instantiation."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from ..analysis.moves import Verdict
from ..rules import DIRECT_INSTANTIATION
from .base import DEFAULT_SOURCES, Check, Invalid, reexported

__all__ = ["FactoryOnlyInstantiation"]


class FactoryOnlyInstantiation(Check):
    """## What it does
    Finds calls that create a factory-only class directly, however the class was reached: the
    canonical import, a deprecated path, an alias (`from ... import X as Y`, `Y = X`), an
    attribute chain (`um.UnifiedWebSocketManager()`), or any module of the project that re-exports
    it (a facade, a package `__init__`, `__all__` and star imports, to any depth): the contract names
    the class once. The message says how a re-exported name was reached. Type hints, `isinstance` checks and
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
    Instances created through `getattr(module, name)()` or a factory of your own are not seen, nor
    names a module provides through `__getattr__`, `importlib` or `sys.modules` assignments.

    ## Options
    - `factory-only`
    - `factory`
    - `allowed-in`
    """

    RULE = DIRECT_INSTANTIATION
    VALID = (
        ("from app.websocket_core.websocket_manager import get_websocket_manager\n\n"
        "manager = get_websocket_manager(context)\n"),
        ("from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n\n"
        "def send(manager: UnifiedWebSocketManager) -> bool:\n"
        "    return isinstance(manager, UnifiedWebSocketManager)\n"),
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
        Invalid("from app.facade import Manager\n\nmanager = Manager()\n"),
    )
    EXAMPLE_SOURCES: ClassVar[dict[str, str]] = {
        **DEFAULT_SOURCES,
        "app/facade.py": "from app.websocket_core.websocket_manager import UnifiedWebSocketManager as Manager\n",
    }

    def visit_Call(self, node: cst.Call) -> None:
        module = self.context.module.name if self.context.module else None
        for qualname in sorted(self.scope.resolve(node.func)):
            contract = self.context.index.factory_only(qualname)
            if contract is None or self.context.index.may_instantiate(module, contract):
                continue
            class_name = qualname.rsplit(".", 1)[-1]
            use = f"; use `{contract.factory}(...)`" if contract.factory else ""
            how = self.context.index.reached(qualname, contract.factory_only)
            if how is None:
                message = f"`{class_name}` created directly bypasses the per-user factory{use}"
            else:
                message = f"{reexported(class_name, *how)}: created directly, it bypasses the per-user factory{use}"
            self.report(
                node,
                message,
                contract=contract,
                symbol=qualname,
                replacement=contract.factory,
                verdict=Verdict(False, None, "the factory needs the caller's user context: migrate by hand"),
            )
            return
