"""The `Check` base: a rule is a class with a code, docs, examples, and `visit_<Node>` methods.

All checks of a file share one traversal: the binding pass (`scope.collect`) records the nodes the
checks handle with the scope each is in, and `run_checks` hands them to each check's `visit_<Node>`
once the bindings are complete (a function may use an import written below it). Checks only report:
positions, suppression comments and sorting are done once, by the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import libcst as cst

from ..analysis.moves import Verdict
from ..analysis.scope import Bindings, Scope
from ..project.contract import Contract, ContractIndex
from ..project.exports import ExportsIndex
from ..project.modules import ModuleName
from ..rules import Rule

__all__ = ["Check", "FileContext", "Invalid", "Report", "node_types", "reexported", "run_checks"]

#: The project every example runs in unless a check overrides it: the brief's contract.
DEFAULT_CONTRACT = """\
[[contract]]
name = "websocket-manager"
canonical = "app.websocket_core.websocket_manager"
deprecated = ["app.websocket_core.manager", "app.websocket_core.unified_manager",
              "app.websocket_core.websocket_manager_factory"]
renames = { "app.websocket_core.manager.WebSocketManager" = "app.websocket_core.websocket_manager.UnifiedWebSocketManager" }
factory-only = ["app.websocket_core.websocket_manager.UnifiedWebSocketManager"]
factory = "app.websocket_core.websocket_manager.get_websocket_manager"
allowed-in = ["app.websocket_core.*"]
deprecated-calls = { "app.websocket_core.websocket_manager_factory.get_websocket_manager_factory" = "app.websocket_core.websocket_manager.get_websocket_manager", "app.websocket_core.websocket_manager_factory.create_websocket_manager" = "" }
unique = ["UnifiedWebSocketManager"]
"""

#: Sources of the contract's modules in the example project (what `fix` verifies moves against).
DEFAULT_SOURCES: dict[str, str] = {
    "app/__init__.py": "",
    "app/websocket_core/__init__.py": "",
    "app/websocket_core/unified_manager.py": (
        "class UnifiedWebSocketManager:\n    pass\n\n\nclass UserExecutionContext:\n    pass\n"
    ),
    "app/websocket_core/websocket_manager.py": (
        "from app.websocket_core.unified_manager import UnifiedWebSocketManager, UserExecutionContext\n\n"
        "def get_websocket_manager(context):\n    return UnifiedWebSocketManager()\n"
    ),
    "app/websocket_core/manager.py": (
        "from app.websocket_core.websocket_manager import *\n"
        "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n"
        "WebSocketManager = UnifiedWebSocketManager\n"
    ),
    "app/websocket_core/websocket_manager_factory.py": (
        "from app.websocket_core.websocket_manager import get_websocket_manager\n\n"
        "def get_websocket_manager_factory():\n    return get_websocket_manager\n\n"
        "def create_websocket_manager(context):\n    return get_websocket_manager(context)\n"
    ),
}

#: Where example code lives in the example project.
EXAMPLE_PATH = "app/consumer.py"


def reexported(local: str, denotes: str, via: tuple[str, ...]) -> str:
    """"`M2` is `app.core.canon.Manager` (re-exported by `app.other.reexp`)": how a name the
    contract does not list was reached."""
    chain = f"`{via[0]}`" + "".join(f", via `{module}`" for module in via[1:])
    return f"`{local}` is `{denotes}` (re-exported by {chain})"


@dataclass(frozen=True, slots=True)
class Invalid:
    """An example the check must flag; `fixed` is what `fix` must turn it into (None: unfixable)."""

    code: str
    fixed: str | None = None
    #: how many findings of this check the example yields.
    count: int = 1


@dataclass(frozen=True, slots=True)
class FileContext:
    """What a check may know about the file it looks at."""

    path: str
    module: ModuleName | None
    index: ContractIndex
    exports: ExportsIndex
    bindings: Bindings
    unsafe_fixes: bool = False
    #: the whole file's bytes (the tree may be a skeleton of it: see `sparse`).
    source: bytes = b""
    #: the parsed module (or the skeleton of its statements that matter), for the rare question
    #: the bindings do not answer.
    tree: cst.Module | None = None
    #: `rename-style` (see `config`).
    rename_style: str = "adopt"


@dataclass(frozen=True, slots=True)
class Report:
    """A finding before positions are known: the engine turns it into a `Finding`."""

    code: str
    node: cst.CSTNode
    statement: cst.CSTNode | None
    message: str
    contract: str
    symbol: str
    replacement: str | None
    verdict: Verdict
    unsafe: bool = False
    #: index in the module body of the top-level statement holding `node`.
    top: int = -1


class _Cursor:
    """Where the rules are: the scope, and the top-level statement (for positions)."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.top = -1


class Check:
    """Base of every rule. Subclasses set the class attributes and define `visit_<Node>`."""

    #: the check's row of the rule table; CODE, NAME and SUMMARY are read from it.
    RULE: ClassVar[Rule]
    CODE: ClassVar[str]
    NAME: ClassVar[str]
    SUMMARY: ClassVar[str]
    EXAMPLE_CONTRACT: ClassVar[str] = DEFAULT_CONTRACT
    EXAMPLE_SOURCES: ClassVar[dict[str, str]] = DEFAULT_SOURCES
    VALID: ClassVar[tuple[str, ...]] = ()
    INVALID: ClassVar[tuple[Invalid, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.CODE, cls.NAME, cls.SUMMARY = cls.RULE.code, cls.RULE.name, cls.RULE.summary

    def __init__(self, context: FileContext, cursor: _Cursor) -> None:
        self.context = context
        self._cursor = cursor
        self.reports: list[Report] = []

    @property
    def scope(self) -> Scope:
        return self._cursor.scope

    def exempt(self, contract: Contract) -> bool:
        module = self.context.module
        return self.context.index.is_exempt(module.name if module else None, contract)

    def report(
        self,
        node: cst.CSTNode,
        message: str,
        *,
        contract: Contract,
        symbol: str,
        replacement: str | None,
        verdict: Verdict,
        statement: cst.CSTNode | None = None,
        unsafe: bool = False,
    ) -> None:
        self.reports.append(
            Report(
                self.CODE, node, statement, message, contract.name, symbol, replacement, verdict,
                unsafe, self._cursor.top,
            )
        )


def _handlers(checks: list[Check]) -> dict[type, list[Callable[[cst.CSTNode], None]]]:
    handlers: dict[type, list[Callable[[cst.CSTNode], None]]] = {}
    for check in checks:
        for attr in _visit_methods(type(check)):
            handlers.setdefault(getattr(cst, attr[len("visit_") :]), []).append(getattr(check, attr))
    return handlers


_VISITS: dict[type[Check], tuple[str, ...]] = {}


def _visit_methods(check_type: type[Check]) -> tuple[str, ...]:
    """`visit_<Node>` method names of a check class (once per class: `dir` is slow per file)."""
    names = _VISITS.get(check_type)
    if names is None:
        names = _VISITS[check_type] = tuple(attr for attr in dir(check_type) if attr.startswith("visit_"))
    return names


def node_types(check_types: tuple[type[Check], ...]) -> frozenset[type]:
    """The node types the checks handle: what `scope.collect` must record for them."""
    return frozenset(
        getattr(cst, attr[len("visit_") :]) for check in check_types for attr in _visit_methods(check)
    )


def run_checks(
    context: FileContext, check_types: tuple[type[Check], ...]
) -> list[Report]:
    """Run every check over the nodes the binding pass recorded; reports in traversal order."""
    cursor = _Cursor(context.bindings.module_scope)
    checks = [check_type(context, cursor) for check_type in check_types]
    handlers = _handlers(checks)
    for node, scope, top in context.bindings.events:
        cursor.scope, cursor.top = scope, top
        for handler in handlers.get(type(node), ()):
            handler(node)
    return [report for check in checks for report in check.reports]
