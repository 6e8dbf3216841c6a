"""SSOT005 duplicate-definition."""

from __future__ import annotations

import libcst as cst

from ..analysis.moves import Verdict
from ..rules import DUPLICATE_DEFINITION
from .base import Check, Invalid

__all__ = ["DuplicateDefinition"]


class DuplicateDefinition(Check):
    """## What it does
    Finds classes named in `unique` that are defined outside the contract's own modules: the
    "dual implementation" pattern, where a second class of the same name grows beside the
    canonical one.

    ## Why is this bad?
    Two classes of one name are two sources of truth: fixes land in one, callers import the other,
    and `isinstance` checks against one reject instances of the other.

    ## Fix safety
    Not fixable: merging two implementations is a design decision.

    ## Known problems
    Classes created with `type(...)` are not seen.

    ## Options
    - `unique`
    """

    RULE = DUPLICATE_DEFINITION
    VALID = (
        "class WebSocketManagerAdapter:\n    pass\n",
        ("from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n\n"
        "class Recording(UnifiedWebSocketManager):\n    pass\n"),
    )
    INVALID = (Invalid("class UnifiedWebSocketManager:\n    def send(self, event):\n        pass\n"),)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        contract = self.context.index.unique_class(node.name.value)
        if contract is None or self.exempt(contract):
            return
        module = self.context.module.name if self.context.module else "<unknown>"
        name = node.name.value
        self.report(
            node.name,
            f"`{name}` is defined again here; the canonical `{name}` lives in `{contract.canonical}`",
            contract=contract,
            symbol=f"{module}.{name}",
            replacement=f"{contract.canonical}.{name}",
            verdict=Verdict(False, None, "merging two implementations is a design decision"),
        )
