#!/usr/bin/env python3
"""Generate a deterministic, realistic Python monorepo for the ssot-lint benchmarks.

    python bench/make_corpus.py OUT_DIR [--files N] [--seed S] [--target-mb M]
                                        [--filler-only-extra K] [--verify] [--json]

The tree holds:

* ``pyproject.toml`` with a ``[tool.ssot-lint]`` contract equivalent to the reference app's
  (``fixtures/reference_app/pyproject.toml``) and a ``[tool.ruff]`` banned-api configuration
  banning the same deprecated modules, so ``ruff check --select TID251`` is a like-for-like peer;
* ``app/websocket_core/`` copied from ``fixtures/reference_app/app/websocket_core/`` (the canonical
  module, the implementation and the shims);
* N files (``__init__.py`` included) over ~20 packages and nested subpackages, sizes drawn from a
  long-tailed (lognormal) distribution scaled to ~``--target-mb``, filled with varied, realistic
  Python; about 10% of them plant uses of the contract in every form the rules cover (spread through
  the file), a few hundred filler files mention ``websocket``/``websocket_core`` harmlessly, and a
  few files use only the canonical module correctly;
* ``--filler-only-extra K``: K more filler-only files on top of the exact same base tree (for the
  cost-growth scenario).

Everything is drawn from one seeded ``random.Random``: the same arguments give a byte-identical tree.
A ``.corpus-stamp`` JSON file at the root records the arguments and the corpus statistics.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import random
import shutil
import sys
import time
from pathlib import Path
from string import Template
from typing import Dict, List, Optional, Tuple

GENERATOR_VERSION = 2
REPO = Path(__file__).resolve().parent.parent
REFERENCE_CORE = REPO / "fixtures" / "reference_app" / "app" / "websocket_core"
STAMP = ".corpus-stamp"
MANIFEST = ".corpus-manifest.json"  # planted / canonical-only file lists

# Words that only planted code may contain (the contract's names).
RESERVED = (
    "manager",
    "unified_manager",
    "websocket_manager_factory",
    "WebSocketManager",
    "UnifiedWebSocketManager",
    "create_websocket_manager",
    "get_websocket_manager_factory",
)

PYPROJECT = """\
[project]
name = "bench-monorepo"
version = "0.1.0"
requires-python = ">=3.10"

[tool.ssot-lint]
src = ["."]
exclude = ["build"]

[[tool.ssot-lint.contract]]
name = "websocket-manager"
canonical = "app.websocket_core.websocket_manager"
deprecated = [
  "app.websocket_core.manager",
  "app.websocket_core.unified_manager",
  "app.websocket_core.websocket_manager_factory",
]
renames = { "app.websocket_core.manager.WebSocketManager" = "app.websocket_core.websocket_manager.UnifiedWebSocketManager" }
factory-only = ["app.websocket_core.websocket_manager.UnifiedWebSocketManager"]
factory = "app.websocket_core.websocket_manager.get_websocket_manager"
allowed-in = ["app.websocket_core.*"]
deprecated-calls = { "app.websocket_core.websocket_manager_factory.get_websocket_manager_factory" = "app.websocket_core.websocket_manager.get_websocket_manager", "app.websocket_core.websocket_manager_factory.create_websocket_manager" = "app.websocket_core.websocket_manager.get_websocket_manager" }
unique = ["UnifiedWebSocketManager"]

[tool.ruff]
target-version = "py310"
extend-exclude = ["build"]

[tool.ruff.lint]
select = ["TID251"]

[tool.ruff.lint.flake8-tidy-imports.banned-api]
"app.websocket_core.manager".msg = "Deprecated: import from app.websocket_core.websocket_manager"
"app.websocket_core.unified_manager".msg = "Deprecated: import from app.websocket_core.websocket_manager"
"app.websocket_core.websocket_manager_factory".msg = "Deprecated: use app.websocket_core.websocket_manager.get_websocket_manager"
"""

# ----------------------------------------------------------------------------------------------
# Vocabulary (no reserved word may appear in any of these).
# ----------------------------------------------------------------------------------------------
NOUNS = """account address agent alert archive asset audit balance basket batch bill binding block
booking bucket budget buffer bundle cache calendar campaign card cart catalog category channel
charge checkpoint claim client cluster cohort comment config contact contract coupon credit cursor
customer dataset deadline delivery deposit device digest discount document domain draft entry
envelope event export feature feed fee filter flag forecast form fragment gateway grant graph group
handle header history hook identity image import incident index invoice issue item job journal key
label ledger lease limit listing locale lock log mailbox manifest margin match member message meter
metric mirror model module note notice offer order origin owner package page panel parcel partner
patch payload payment period permit phase pipeline plan policy pool port position post preference
price probe product profile project promo queue quota quote rate receipt record region release
report request reservation resource result review role route rule run sample schedule schema score
secret segment sequence session setting shard shipment signal sku slot snapshot source span stage
statement status step stock store stream subscription summary supplier survey table tag target task
tax template tenant term thread ticket tier timer token topic trace track transfer trigger upload
usage user vault vendor version view visit voucher wallet warehouse webhook window worker
workflow zone""".split()
VERBS = """add adjust aggregate allocate apply approve archive assign attach audit build cancel
capture check classify clean clear close collect compute confirm convert copy count create decode
delete deliver describe detach diff dispatch drain emit encode enqueue ensure enrich estimate
evaluate expand expire export extract fetch filter finalize find flush format freeze group handle
hash import index inspect invalidate issue join list load lock lookup map mark match measure merge
migrate normalize notify open parse pause persist plan poll prepare prune publish purge queue rank
read rebuild record reduce refresh register reject release reload render renew replay report
reserve reset resolve restore retry revoke route sample save scan schedule score seal select send
serialize settle shift sign snapshot sort split stage start stop store stream submit summarize
sync tag throttle track transform trim unlock update upload validate verify watch write""".split()
ADJS = """active archived async base batch cached canonical cheap cold composite current daily
default deferred derived direct dirty draft dynamic empty external fast final flat frozen full
global hot incoming initial inline internal lazy legacy linked live local main manual nested next
offline online open optional outgoing partial pending primary private public queued raw recent
remote retained scheduled secondary shared simple soft stale static strict temporary total
trusted unique upstream valid verified weekly""".split()
CLASS_SUFFIXES = """Service Store Repository Handler Client Builder Registry Processor Policy Config
Record View Adapter Gateway Resolver Scheduler Tracker Factory Planner Router Serializer Validator
Controller Provider Worker Index Cache Queue Engine Listener Monitor Reporter Exporter Importer
Loader Writer Reader Pipeline Context Snapshot Summary Spec Entry Result Error""".split()
TYPES = [
    "int",
    "str",
    "float",
    "bool",
    "bytes",
    "Dict[str, Any]",
    "List[str]",
    "List[int]",
    "Optional[str]",
    "Optional[int]",
    "Tuple[str, int]",
    "Dict[str, int]",
    "Any",
]
DEFAULTS = {
    "int": "0",
    "str": '""',
    "float": "0.0",
    "bool": "False",
    "bytes": 'b""',
    "Dict[str, Any]": "None",
    "List[str]": "None",
    "List[int]": "None",
    "Optional[str]": "None",
    "Optional[int]": "None",
    "Tuple[str, int]": "None",
    "Dict[str, int]": "None",
    "Any": "None",
}
STDLIB_IMPORTS = [
    "import os",
    "import re",
    "import sys",
    "import json",
    "import time",
    "import uuid",
    "import logging",
    "import hashlib",
    "import itertools",
    "import functools",
    "import asyncio",
    "import datetime as dt",
    "from pathlib import Path",
    "from collections import defaultdict",
    "from collections import OrderedDict, deque",
    "from dataclasses import dataclass, field",
    "from enum import Enum",
    "from decimal import Decimal",
    "from functools import lru_cache",
    "import contextlib",
    "from abc import ABC, abstractmethod",
    "import threading",
]
TOP_PACKAGES = """billing accounts orders inventory shipping analytics reporting notifications
search auth catalog payments pricing scheduling storage messaging agents routes services
integrations""".split()
WEBSOCKET_MENTIONS = [
    "# Events are forwarded to the websocket layer (app.websocket_core) by the caller.\n",
    "# NOTE: the websocket_core package owns connection lifetimes; nothing to do here.\n",
    'WEBSOCKET_CHANNEL = "websocket"  # transport name shown in dashboards\n',
    "# TODO: push these over the websocket once app.websocket_core exposes a typed event.\n",
    'TRANSPORT_HINT = "see app.websocket_core for the websocket handshake"\n',
    "from app.websocket_core import handlers as ws_handlers  # health probes only\n",
]
EVENTS = ["agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed"]

for _word in NOUNS + VERBS + ADJS + CLASS_SUFFIXES + TOP_PACKAGES:
    assert not any(r.lower() in _word.lower() for r in RESERVED), _word


def camel(*words: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words)


def indent(lines: List[str], n: int) -> List[str]:
    pad = " " * n
    return [pad + line if line else line for line in lines]


# ----------------------------------------------------------------------------------------------
# Filler
# ----------------------------------------------------------------------------------------------
class Filler:
    """Produces realistic Python blocks. All randomness comes from ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def n(self) -> str:
        return self.rng.choice(NOUNS)

    def v(self) -> str:
        return self.rng.choice(VERBS)

    def a(self) -> str:
        return self.rng.choice(ADJS)

    def sentence(self, lo: int = 5, hi: int = 12) -> str:
        r = self.rng
        words = r.choices(NOUNS + VERBS + ADJS, k=r.randint(lo, hi))
        words += ["the", "a", "each", "of", "for", "when", "and", "then"][: r.randint(0, 3)]
        r.shuffle(words)
        text = " ".join(words)
        return text[:1].upper() + text[1:] + "."

    def class_name(self) -> str:
        return camel(self.a(), self.n(), self.rng.choice(CLASS_SUFFIXES))

    def statement(self, args: List[str], depth: int = 0) -> List[str]:
        r = self.rng
        a = r.choice(args) if args else "None"
        var = f"{self.a()}_{self.n()}"
        k = r.randint(0, 13)
        if k == 0:
            return [f"{var} = [{self.n()[0]} for {self.n()[0]} in {a} or () if {self.n()[0]}]"]
        if k == 1:
            return [f'{var} = f"{self.n()}-{{{a}}}-{{{r.randint(0, 999)}:04d}}"']
        if k == 2:
            return [
                f"if {a} is None:",
                f"    return {r.choice(['None', '0', '[]', '{}', 'False'])}",
            ]
        if k == 3 and depth < 2:
            body = self.statement(args + ["item"], depth + 1)
            return [f"for index, item in enumerate({a} or ()):"] + indent(body, 4)
        if k == 4:
            return [
                f'logger.debug("{self.v()} {self.n()} %s for %s", {a}, {r.choice(args or ["None"])})'
            ]
        if k == 5:
            items = ", ".join(
                f'"{self.n()}": {r.choice(args or ["0"])}' for _ in range(r.randint(1, 5))
            )
            return [f"{var} = {{{items}}}"]
        if k == 6:
            return [f"# {self.sentence(4, 10)}", f"{var} = {a}"]
        if k == 7 and depth < 2:
            body = self.statement(args, depth + 1)
            return (
                ["try:"]
                + indent(body, 4)
                + [
                    f"except ({r.choice(['KeyError', 'ValueError', 'TypeError'])}, AttributeError) as exc:",
                    f'    logger.warning("{self.v()} failed: %s", exc)',
                    "    raise",
                ]
            )
        if k == 8:
            return [
                f"{var} = sorted({a} or (), key=lambda {self.n()[0]}x: str({self.n()[0]}x))[:{r.randint(1, 99)}]"
            ]
        if k == 9:
            return [
                f"{var} = {a} if {a} is not None else {r.randint(0, 1000)}",
                f"{var} += {r.randint(1, 9)} if isinstance({var}, int) else 0",
            ]
        if k == 10:
            return [f"total = sum(len(str(part)) for part in ({', '.join(args or ['0'])},))"]
        if k == 11 and depth < 2:
            body = self.statement(args, depth + 1)
            return [
                f"with contextlib.suppress({r.choice(['KeyError', 'ValueError', 'LookupError'])}):"
            ] + indent(body, 4)
        if k == 12:
            return [f'assert {a} is not None or True, "{self.v()} needs a {self.n()}"']
        return [f"self_{var} = {{{a!s}: {r.randint(0, 99)}}} if {a} else {{}}"]

    def function_body(self, args: List[str], n: int) -> List[str]:
        lines: List[str] = []
        for _ in range(n):
            lines.extend(self.statement(args))
        lines.append(f"return {self.rng.choice(args) if args else 'None'}")
        return lines

    def params(self) -> Tuple[List[str], str]:
        r = self.rng
        names: List[str] = []
        parts: List[str] = []
        for i in range(r.randint(0, 4)):
            name = f"{self.n()}_{self.rng.choice(['id', 'name', 'value', 'items', 'limit', 'data', 'key'])}"
            if name in names:
                continue
            t = r.choice(TYPES)
            names.append(name)
            parts.append(f"{name}: {t}" + (f" = {DEFAULTS[t]}" if i >= 2 else ""))
        return names, ", ".join(parts)

    def function(self, used: Dict[str, int]) -> List[str]:
        r = self.rng
        name = unique(f"{self.v()}_{self.n()}", used)
        names, sig = self.params()
        prefix = "async def" if r.random() < 0.15 else "def"
        lines = [f"{prefix} {name}({sig}) -> {r.choice(TYPES)}:", f'    """{self.sentence()}"""']
        lines += indent(self.function_body(names, r.randint(2, 9)), 4)
        return lines

    def klass(self, used: Dict[str, int], name: Optional[str] = None) -> List[str]:
        r = self.rng
        name = name or unique(self.class_name(), used)
        base = r.choice(
            ["", "", "", "(ABC)", "(Exception)" if name.endswith("Error") else "", "(object)"]
        )
        lines = []
        if r.random() < 0.3 and not base:
            lines.append("@dataclass")
            lines.append(f"class {name}:")
            lines.append(f'    """{self.sentence()}"""')
            lines.append("")
            for _ in range(r.randint(2, 7)):
                t = r.choice(TYPES)
                lines.append(
                    f"    {self.n()}_{self.n()}: {t} = {DEFAULTS[t] if DEFAULTS[t] != 'None' else 'None'}"
                )
            return lines
        lines.append(f"class {name}{base}:")
        lines.append(f'    """{self.sentence()}')
        lines.append("")
        lines.append(f"    {self.sentence(8, 16)}")
        lines.append('    """')
        lines.append("")
        attrs, sig = self.params()
        lines.append(f"    def __init__(self{', ' + sig if sig else ''}) -> None:")
        for attr in attrs:
            lines.append(f"        self.{attr} = {attr}")
        lines.append(f"        self._{self.n()}_cache: Dict[str, Any] = {{}}")
        methods: Dict[str, int] = {}
        for _ in range(r.randint(1, 6)):
            lines.append("")
            mname = unique(f"{self.v()}_{self.n()}", methods)
            names, msig = self.params()
            if r.random() < 0.15:
                lines.append("    @property")
                names, msig = [], ""
            lines.append(
                f"    def {mname}(self{', ' + msig if msig else ''}) -> {r.choice(TYPES)}:"
            )
            lines.append(f'        """{self.sentence()}"""')
            lines += indent(
                self.function_body(names + [f"self.{x}" for x in attrs], r.randint(1, 7)), 8
            )
        return lines

    def constant(self, used: Dict[str, int], big: bool = False) -> List[str]:
        r = self.rng
        name = unique(
            f"{self.a()}_{self.n()}_{r.choice(['TABLE', 'MAP', 'DEFAULTS', 'LIMITS'])}".upper(),
            used,
        )
        n = r.randint(200, 2000) if big else r.randint(3, 25)
        if r.random() < 0.5:
            lines = [f"{name}: Dict[str, Any] = {{"]
            for i in range(n):
                val = r.choice(
                    [
                        str(r.randint(0, 10**6)),
                        f'"{self.n()}-{i}"',
                        f"[{r.randint(0, 9)}, {r.randint(10, 99)}]",
                        f'{{"{self.n()}": {r.random():.4f}}}',
                        "None",
                        "True",
                    ]
                )
                lines.append(f'    "{self.n()}_{i}": {val},')
            lines.append("}")
        else:
            lines = [f"{name}: List[Tuple[str, int]] = ["]
            for i in range(n):
                lines.append(f'    ("{self.v()}_{self.n()}", {r.randint(0, 10**5)}),')
            lines.append("]")
        return lines


def unique(name: str, used: Dict[str, int]) -> str:
    count = used.get(name, 0)
    used[name] = count + 1
    return name if count == 0 else f"{name}_{count + 1}"


# ----------------------------------------------------------------------------------------------
# Planted contract uses. Each kind -> (top-of-file import lines or [], block lines).
# ----------------------------------------------------------------------------------------------
APP_KINDS = [
    "alias_instantiation",  # SSOT001 + SSOT003 through an alias
    "factory_call",  # SSOT001 + SSOT004
    "from_import",  # SSOT001
    "unified_two_names",  # SSOT001 (two names)
    "paren_multiline",  # SSOT001, parenthesized with comments
    "relative",  # SSOT001, relative import
    "import_as_um",  # SSOT001 + SSOT003 via module alias
    "import_plain_attr",  # SSOT001 + attribute chain
    "from_pkg_factory_module",  # SSOT001 + SSOT004 via `from pkg import module`
    "local_import",  # SSOT001 inside a function
    "try_except",  # SSOT001 in try/except ImportError
    "type_checking",  # SSOT001 under TYPE_CHECKING
    "canonical_direct",  # SSOT003 via the canonical module
    "from_pkg_manager",  # SSOT001 `from app.websocket_core import manager, websocket_manager`
    "import_module_alias_instantiation",  # SSOT001 + SSOT003 `legacy.WebSocketManager(...)`
    "method_local_import",  # SSOT001 inside a method
]
TEST_KINDS = ["patch_class", "patch_context", "patch_factory", "patch_decorator"]
# the factory-only class's package-level aliases (shims grow ~50 of them in real code)
ALIAS_NAMES = """ConnectionManager SocketManager WSManager UserSocketManager SessionSocketManager
LiveManager PushManager StreamManager ChannelManager EventSocketManager BroadcastManager
RealtimeManager""".split()

T = Template


def plant(
    kind: str, f: Filler, k: int, rel_dots: str, shim: Tuple[str, str] = ("", "")
) -> Tuple[List[str], List[str]]:
    r = f.rng
    noun = f.n()
    kw = dict(
        fn=f"{f.v()}_{noun}_{k}",
        Alias=f"{camel(f.a(), noun)}Holder{k}",
        noun=noun,
        k=str(k),
        event=r.choice(EVENTS),
        um=f"ws{k}",
        cls=f"{camel(f.a(), noun)}Broadcaster{k}",
        dots=rel_dots,
        n=str(r.randint(1, 99)),
        shim=shim[0],
        alias=shim[1],
    )
    top: List[str] = []
    if kind == "alias_instantiation":
        top = [
            T("from app.websocket_core.manager import WebSocketManager as $Alias").substitute(kw)
        ]
        body = T('''\
def $fn(user_id: str) -> $Alias:
    """Detached $noun holder for dry runs (bypasses the per-user factory)."""
    return $Alias(user_id=f"{user_id}:$noun")''').substitute(kw)
    elif kind == "factory_call":
        top = [
            "from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory"
        ]
        body = T('''\
def $fn(context: Any) -> Any:
    """Obtain a $noun holder through the deprecated factory object."""
    factory = get_websocket_manager_factory()
    return factory.create(context)''').substitute(kw)
    elif kind == "from_import":
        top = ["from app.websocket_core.manager import WebSocketManager"]
        body = T('''\
def $fn(candidate: Any) -> bool:
    """Whether ``candidate`` can deliver $noun events."""
    if not isinstance(candidate, WebSocketManager):
        raise TypeError(f"expected a WebSocketManager, got {type(candidate).__name__}")
    return True''').substitute(kw)
    elif kind == "unified_two_names":
        top = [
            "from app.websocket_core.unified_manager import UnifiedWebSocketManager, UserExecutionContext"
        ]
        body = T('''\
async def $fn(context: UserExecutionContext, holder: UnifiedWebSocketManager) -> int:
    """Report the $noun step of ``context``'s run."""
    payload = {"run_id": context.run_id, "$noun": $n}
    return await holder.emit("$event", payload)''').substitute(kw)
    elif kind == "paren_multiline":
        body = T('''\
from app.websocket_core.manager import (  # legacy aliases, kept for the $noun tool
    AGENT_EVENTS,  # the five lifecycle events
    WebSocketManager as $Alias,
    # the per-user factory
    get_websocket_manager,
    UserExecutionContext,
)


async def $fn(context: UserExecutionContext) -> $Alias:
    """Re-emit every agent event of ``context``'s run to its user."""
    holder: $Alias = get_websocket_manager(context)
    for event_type in AGENT_EVENTS:
        await holder.emit(event_type, {"run_id": context.run_id, "$noun": True})
    return holder''').substitute(kw)
    elif kind == "relative":
        if r.random() < 0.5:
            body = T('''\
from ${dots}websocket_core.manager import UserExecutionContext


def $fn(user_id: str, thread_id: str) -> UserExecutionContext:
    """Build the run context of a $noun."""
    return UserExecutionContext(user_id=user_id, thread_id=thread_id, run_id=f"{thread_id}-$noun")''').substitute(
                kw
            )
        else:
            body = T('''\
from ${dots}websocket_core import unified_manager as legacy_core_$k


def $fn() -> tuple:
    """The lifecycle events announced for a $noun."""
    return tuple(legacy_core_$k.AGENT_EVENTS)''').substitute(kw)
    elif kind == "import_as_um":
        top = [T("import app.websocket_core.unified_manager as $um").substitute(kw)]
        body = T('''\
def $fn(user_id: str) -> $um.UnifiedWebSocketManager:
    """Standalone holder used to preview a user's $noun events."""
    return $um.UnifiedWebSocketManager(user_id=f"preview:{user_id}")''').substitute(kw)
    elif kind == "import_plain_attr":
        top = ["import app.websocket_core.manager"]
        body = T('''\
def $fn(user_id: str, thread_id: str) -> Any:
    """Open a $noun session for the user and return their holder."""
    context = app.websocket_core.manager.UserExecutionContext(
        user_id=user_id, thread_id=thread_id, run_id=uuid.uuid4().hex
    )
    return app.websocket_core.manager.get_websocket_manager(context)''').substitute(kw)
    elif kind == "from_pkg_factory_module":
        top = ["from app.websocket_core import websocket_manager_factory"]
        body = T('''\
def $fn(context: Any) -> Any:
    """Obtain a holder through the deprecated module-level helper ($noun path)."""
    return websocket_manager_factory.create_websocket_manager(context)''').substitute(kw)
    elif kind == "local_import":
        body = T('''\
def $fn(user_id: str, thread_id: str) -> "Any":
    """Import lazily to keep start-up cheap, then fetch the user's holder for a $noun."""
    from app.websocket_core.manager import UserExecutionContext, get_websocket_manager

    context = UserExecutionContext(user_id=user_id, thread_id=thread_id, run_id=f"{thread_id}-lazy")
    return get_websocket_manager(context)''').substitute(kw)
    elif kind == "try_except":
        body = T("""\
try:
    from app.websocket_core.unified_manager import AGENT_EVENTS as ${noun}_events_$k
except ImportError:  # pragma: no cover - optional dependency
    ${noun}_events_$k = None""").substitute(kw)
    elif kind == "type_checking":
        body = T('''\
if TYPE_CHECKING:
    from app.websocket_core.manager import WebSocketManager


def $fn(holder: "WebSocketManager") -> int:
    """How many connections would receive the $noun."""
    return holder.connection_count''').substitute(kw)
    elif kind == "canonical_direct":
        top = ["from app.websocket_core.websocket_manager import UnifiedWebSocketManager"]
        body = T('''\
class $cls:
    """Sends $noun announcements to every subscribed connection."""

    def __init__(self) -> None:
        self._shared = UnifiedWebSocketManager(user_id="__${noun}__")

    async def announce(self, message: str) -> int:
        return await self._shared.emit("announcement", {"message": message})''').substitute(kw)
    elif kind == "from_pkg_manager":
        top = ["from app.websocket_core import manager, websocket_manager"]
        body = T('''\
def $fn(context: Any, connection_id: str) -> bool:
    """Remove a $noun connection; return whether it was registered."""
    websocket_manager.get_websocket_manager(context)
    holder = manager.get_websocket_manager(context)
    return holder.remove_connection(connection_id) is not None''').substitute(kw)
    elif kind == "import_module_alias_instantiation":
        top = [T("import app.websocket_core.manager as legacy_ws_$k").substitute(kw)]
        body = T('''\
def $fn(user_id: str) -> Any:
    """A throwaway holder for $noun probes."""
    holder = legacy_ws_$k.WebSocketManager(user_id=user_id)
    holder.add_connection("probe", None)
    return holder''').substitute(kw)
    elif kind == "method_local_import":
        body = T('''\
class $cls:
    """Streams the $noun lifecycle of one run."""

    def __init__(self, context: Any) -> None:
        self.context = context

    async def run(self) -> int:
        from app.websocket_core.unified_manager import AGENT_EVENTS
        from app.websocket_core.websocket_manager import get_websocket_manager

        holder = get_websocket_manager(self.context)
        delivered = 0
        for event_type in AGENT_EVENTS:
            delivered += await holder.emit(event_type, {"$noun": $n})
        return delivered''').substitute(kw)
    elif kind == "dup_class":
        body = T('''\
class UnifiedWebSocketManager:
    """Second implementation kept by the old $noun service."""

    _instance: Optional["UnifiedWebSocketManager"] = None

    def __init__(self) -> None:
        self.sent: List[Tuple[str, Dict[str, Any]]] = []

    @classmethod
    def shared(cls) -> "UnifiedWebSocketManager":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def send_to_user(self, user_id: str, event: Dict[str, Any]) -> int:
        self.sent.append((user_id, event))
        return len(self.sent)''').substitute(kw)
    elif kind == "canonical_only":
        top = [
            "from app.websocket_core.websocket_manager import UserExecutionContext, get_websocket_manager"
        ]
        body = T('''\
async def $fn(user_id: str, thread_id: str) -> int:
    """Send the $noun event through the user's own holder."""
    context = UserExecutionContext(user_id=user_id, thread_id=thread_id, run_id=f"{thread_id}-$noun")
    return await get_websocket_manager(context).emit("$event", {"n": $n})''').substitute(kw)
    elif kind == "speller_factory":
        # spells contract names through the canonical path only: a candidate without a finding
        top = [
            "from app.websocket_core.websocket_manager import (\n"
            "    UnifiedWebSocketManager,\n    UserExecutionContext,\n    get_websocket_manager,\n)"
        ]
        body = T('''\
def test_${noun}_holder_comes_from_the_factory_$k():
    context = UserExecutionContext(user_id="u$k", thread_id="t$k", run_id="r$k")
    manager = get_websocket_manager(context)
    holder: UnifiedWebSocketManager = manager
    assert isinstance(holder, UnifiedWebSocketManager)''').substitute(kw)
    elif kind == "speller_word":
        # `manager` is a common word: a local variable spells the deprecated module's leaf name
        body = T('''\
def test_${noun}_manager_keeps_order_$k():
    manager = {"$noun": $n}
    assert sorted(manager) == ["$noun"]''').substitute(kw)
    elif kind == "alias_shim":
        # a package-level alias of the factory-only class, as real code grows them
        names = kw["alias"].split(",")
        top = [
            "from app.websocket_core.websocket_manager import UnifiedWebSocketManager as "
            + names[0]
        ]
        body = "\n".join(f"{name} = {names[0]}" for name in names[1:])
    elif kind == "alias_consumer":
        top = [f"from {kw['shim']} import {kw['alias']}"]
        body = T('''\
def $fn(user_id: str) -> Any:
    """A $noun holder made directly through a package alias (bypasses the factory)."""
    return $alias(user_id=f"{user_id}:$noun")''').substitute(kw)
    elif kind == "patch_class":
        body = T("""\
def test_${noun}_accepts_patched_class_$k():
    patcher = mock.patch("app.websocket_core.manager.WebSocketManager", autospec=True)
    fake_cls = patcher.start()
    try:
        fake = fake_cls(user_id="u$k")
        fake.emit.return_value = $n
    finally:
        patcher.stop()
    fake_cls.assert_called_once_with(user_id="u$k")""").substitute(kw)
    elif kind == "patch_context":
        body = T("""\
def test_${noun}_context_is_patched_$k():
    with patch("app.websocket_core.unified_manager.UserExecutionContext") as ctx_cls:
        ctx_cls.return_value = mock.Mock(run_id="r$k")
    assert ctx_cls.call_count == 0""").substitute(kw)
    elif kind == "patch_factory":
        body = T("""\
def test_${noun}_uses_patched_factory_$k():
    fake = mock.Mock()
    with mock.patch("app.websocket_core.manager.get_websocket_manager", return_value=fake) as factory:
        assert factory("ctx") is fake
    fake.remove_connection.assert_not_called()""").substitute(kw)
    elif kind == "patch_decorator":
        body = T("""\
@mock.patch("app.websocket_core.websocket_manager_factory.create_websocket_manager")
def test_${noun}_legacy_helper_patched_$k(helper):
    helper.return_value = None
    assert helper() is None""").substitute(kw)
    else:  # pragma: no cover
        raise ValueError(kind)
    return top, body.splitlines()


def as_method(block: List[str]) -> Optional[List[str]]:
    """A top-level function block as a method (`self` first, indented); None for other blocks."""
    for i, line in enumerate(block):
        if line.startswith(("def ", "async def ")):
            head = line.replace("()", "(self)", 1) if "()" in line else line.replace("(", "(self, ", 1)
            return indent(block[:i] + [head] + block[i + 1 :], 4)
        if not line.startswith("@"):
            return None
    return None


def wrap_in_class(
    f: Filler, blocks: List[List[str]], primary: str, is_test: bool, budget: int
) -> List[List[str]]:
    """The function blocks as methods of one big class (filler methods up to `budget` bytes
    around them), the others unchanged."""
    methods = [m for m in (as_method(b) for b in blocks) if m is not None]
    rest = [b for b in blocks if as_method(b) is None]
    if not methods:
        return blocks
    used: Dict[str, int] = {}
    size = 0
    while size < budget:
        filler = as_method(f.function(used))
        if filler is not None:
            methods.insert(f.rng.randint(0, len(methods)), filler)
            size += sum(len(line) + 1 for line in filler)
    name = f"Test{primary}" if is_test else f"{primary}Suite"
    lines = [f"class {name}:", f'    """{f.sentence(4, 10)}"""']
    for method in methods:
        lines += [""] + method
    return rest + [lines]


# ----------------------------------------------------------------------------------------------
# Layout
# ----------------------------------------------------------------------------------------------
def build_layout(rng: random.Random, n_files: int) -> List[Tuple[str, ...]]:
    """Package directories (as path tuples), deterministic; about one directory per 60 files."""
    n_pkgs = max(2, min(len(TOP_PACKAGES), n_files // 150))
    target_dirs = max(n_pkgs, n_files // 60)
    pkgs = TOP_PACKAGES[:n_pkgs]
    dirs: List[Tuple[str, ...]] = [("app", p) for p in pkgs]
    frontier = list(dirs)
    while len(dirs) < target_dirs:
        parent = rng.choice(frontier)
        if len(parent) >= 5:
            continue
        child = parent + (f"{rng.choice(ADJS)}_{rng.choice(NOUNS)}",)
        if child in dirs:
            continue
        dirs.append(child)
        frontier.append(child)
    return dirs


def tests_dirs_for(dirs: List[Tuple[str, ...]]) -> List[Tuple[str, ...]]:
    return [("tests",) + d[1:] for d in dirs if len(d) <= 3]


class Corpus:
    def __init__(self, out: Path, files: int, seed: int, target_mb: float, extra: int) -> None:
        self.out = out
        self.n_files = files
        self.seed = seed
        self.target_mb = target_mb
        self.extra = extra
        self.stats: Dict[str, float] = {}

    # sizes: lognormal (median ~8 KB for the default corpus), capped at ~1 MB, scaled to target
    def sizes(self, rng: random.Random, n: int) -> List[int]:
        if n <= 0:
            return []
        sigma = 1.35
        mean_target = self.target_mb * 1e6 / max(1, self.n_files)
        median = mean_target / math.exp(sigma * sigma / 2)
        cap = max(1_000_000, mean_target * 4)
        raw = [min(cap, max(300.0, rng.lognormvariate(math.log(median), sigma))) for _ in range(n)]
        # rescale so the total meets the target (two passes for the cap)
        for _ in range(3):
            total = sum(raw)
            want = mean_target * n
            factor = want / total if total else 1.0
            raw = [min(cap, max(300.0, x * factor)) for x in raw]
        return [int(x) for x in raw]

    def generate(self) -> Dict[str, float]:
        t0 = time.perf_counter()
        rng = random.Random(self.seed)
        out = self.out
        prepare_out(out)
        (out / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        (out / "README.md").write_text(
            "Generated benchmark corpus for ssot-lint (bench/make_corpus.py).\n"
        )
        written_bytes = 0
        written_files = 0

        def write(rel: str, text: str) -> None:
            nonlocal written_bytes, written_files
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = text.encode("utf-8")
            path.write_bytes(data)
            written_bytes += len(data)
            written_files += 1

        write("app/__init__.py", '"""The monorepo\'s application package."""\n')
        for src in sorted(REFERENCE_CORE.glob("*.py")):
            write(f"app/websocket_core/{src.name}", src.read_text(encoding="utf-8"))
        fixed = written_files

        dirs = build_layout(rng, self.n_files)
        tdirs = tests_dirs_for(dirs)
        all_dirs = dirs + tdirs + [("tests",)]
        n_inits = len(all_dirs)
        n_modules = max(1, self.n_files - fixed - n_inits)

        # module slots: (dir, name, is_test)
        modules: List[Tuple[Tuple[str, ...], str, bool]] = []
        used_names: Dict[Tuple[str, ...], Dict[str, int]] = {}
        # real monorepos: a quarter of the modules are tests, and they are where the names sit
        n_tests = max(1, round(n_modules * 0.25))
        for i in range(n_modules):
            is_test = i < n_tests
            d = rng.choice(tdirs + [("tests",)]) if is_test else rng.choice(dirs)
            base = (
                f"test_{rng.choice(VERBS)}_{rng.choice(NOUNS)}"
                if is_test
                else f"{rng.choice(ADJS)}_{rng.choice(NOUNS)}"
            )
            name = unique(base, used_names.setdefault(d, {}))
            modules.append((d, name, is_test))
        order = list(range(n_modules))
        rng.shuffle(order)
        modules = [modules[i] for i in order]
        sizes = self.sizes(rng, n_modules)

        # choose planted files: ~10% breach the contract (incl. ~8% of tests), ~1.5% canonical-only
        test_idx = [i for i, m in enumerate(modules) if m[2]]
        app_idx = [i for i, m in enumerate(modules) if not m[2]]
        n_planted = max(4, round(self.n_files * 0.10))
        n_planted_tests = min(len(test_idx), max(1, round(n_planted * 0.3)))
        planted_tests = rng.sample(test_idx, n_planted_tests)
        planted_app = rng.sample(app_idx, min(len(app_idx), n_planted - n_planted_tests))
        rest = sorted(set(app_idx) - set(planted_app))
        canonical_only = rng.sample(rest, min(len(rest), max(1, round(self.n_files * 0.015))))
        rest2 = sorted(
            set(range(n_modules)) - set(planted_app) - set(planted_tests) - set(canonical_only)
        )
        n_mentions = min(len(rest2), max(1, round(self.n_files * 0.03)))
        mentions = set(rng.sample(rest2, n_mentions))
        # calibrated to PERFORMANCE.md: ~30% of the files spell a contract leaf name, most of them
        # without breaking the contract (canonical imports, `manager` as a word), and ~12 modules
        # alias the factory-only class (~50 qualified names with the canonical one)
        rest3 = [i for i in rest2 if i not in mentions]
        rest3_app = [i for i in rest3 if not modules[i][2]]
        shims = rng.sample(rest3_app, min(len(rest3_app), max(1, min(12, self.n_files // 300))))
        rest4 = [i for i in rest3 if i not in set(shims)]
        tests_first = [i for i in rest4 if modules[i][2]] + [i for i in rest4 if not modules[i][2]]
        spellers = tests_first[: min(len(rest4), round(self.n_files * 0.2))]

        plan: Dict[int, List[str]] = {}
        kinds_cycle = list(APP_KINDS)
        cursor = 0
        for j, i in enumerate(planted_app):
            if j % 150 == 2:  # a few files define a second UnifiedWebSocketManager
                plan[i] = ["dup_class"]
                continue
            count = rng.randint(2, 4)
            chosen = []
            for _ in range(count):
                chosen.append(kinds_cycle[cursor % len(kinds_cycle)])
                cursor += 1
            plan[i] = chosen
        for j, i in enumerate(planted_tests):
            plan[i] = [TEST_KINDS[(j + t) % len(TEST_KINDS)] for t in range(rng.randint(1, 3))]
        for i in canonical_only:
            plan[i] = ["canonical_only"]
        for j, i in enumerate(spellers):
            plan[i] = ["speller_factory" if j % 2 else "speller_word"] * rng.randint(2, 8)
        shim_names: Dict[int, Tuple[str, str]] = {}
        for j, i in enumerate(shims):
            base = ALIAS_NAMES[j % len(ALIAS_NAMES)]
            names = [base, f"Legacy{base}", f"{base}V2", f"Default{base}"]
            shim_names[i] = (".".join(modules[i][0] + (modules[i][1],)), ",".join(names))
            plan[i] = ["alias_shim"]
        consumers: Dict[int, Tuple[str, str]] = {}
        for j, i in enumerate(planted_app):
            if shims and j % 3 == 1 and plan[i] != ["dup_class"]:
                module, names = shim_names[shims[j % len(shims)]]
                consumers[i] = (module, rng.choice(names.split(",")))
                plan[i] = plan[i] + ["alias_consumer"]
        # the files that spell a name are bigger than the rest (real candidates: median ~21 KB)
        total = sum(sizes)
        for i in plan:
            sizes[i] = max(sizes[i], sizes[rng.randrange(n_modules)])
        others = [i for i in range(n_modules) if i not in plan]
        grown = sum(sizes[i] for i in plan)
        scale = max(0.2, (total - grown) / max(1, sum(sizes[i] for i in others)))
        for i in others:  # the other files shrink so the corpus keeps its target size
            sizes[i] = max(300, int(sizes[i] * scale))

        # primary class name per module (so internal imports name something real)
        qualnames = [".".join(d + (name,)) for d, name, _ in modules]
        primary = [camel(*name.split("_")) + rng.choice(CLASS_SUFFIXES) for _, name, _ in modules]
        app_modules = [i for i, m in enumerate(modules) if not m[2]]

        filler = Filler(rng)
        for d in all_dirs:
            write(
                "/".join(d) + "/__init__.py",
                f'"""{filler.sentence(3, 8)}"""\n' if rng.random() < 0.7 else "",
            )
        planted_count = 0
        manifest: Dict[str, List[str]] = {"planted": [], "canonical_only": [], "spellers": [], "shims": []}
        for i, (d, name, is_test) in enumerate(modules):
            kinds = plan.get(i, [])
            text = self.module_text(
                filler,
                d,
                name,
                is_test,
                sizes[i],
                kinds,
                i in mentions,
                primary[i],
                [
                    (qualnames[j], primary[j])
                    for j in rng.sample(app_modules, min(len(app_modules), rng.randint(0, 4)))
                ],
                shim_names.get(i) or consumers.get(i) or ("", ""),
            )
            write("/".join(d) + f"/{name}.py", text)
            rel = "/".join(d) + f"/{name}.py"
            if kinds == ["canonical_only"]:
                manifest["canonical_only"].append(rel)
            elif kinds == ["alias_shim"]:
                manifest["shims"].append(rel)
            elif kinds and kinds[0].startswith("speller"):
                manifest["spellers"].append(rel)
            elif kinds:
                planted_count += 1
                manifest["planted"].append(rel)

        base_files, base_bytes = written_files, written_bytes
        # extra filler-only files (cost growth), drawn from an independent stream: the base is unchanged
        if self.extra:
            xrng = random.Random(self.seed * 7919 + 104729)
            xf = Filler(xrng)
            xsizes = self.sizes(xrng, self.extra)
            xused: Dict[Tuple[str, ...], Dict[str, int]] = {}
            for k in range(self.extra):
                d = xrng.choice(dirs)
                name = unique(
                    f"x_{xrng.choice(ADJS)}_{xrng.choice(NOUNS)}", xused.setdefault(d, {})
                )
                text = self.module_text(
                    xf,
                    d,
                    name,
                    False,
                    xsizes[k],
                    [],
                    xrng.random() < 0.03,
                    camel(*name.split("_")) + xrng.choice(CLASS_SUFFIXES),
                    [],
                )
                write("/".join(d) + f"/{name}.py", text)

        self.stats = {
            "files": written_files,
            "bytes": written_bytes,
            "mb": round(written_bytes / 1e6, 2),
            "base_files": base_files,
            "base_bytes": base_bytes,
            "extra_files": self.extra,
            "planted_files": planted_count,
            "planted_test_files": len(planted_tests),
            "canonical_only_files": len(canonical_only),
            "speller_files": len(spellers),
            "alias_shim_files": len(shims),
            "websocket_mention_files": len(mentions),
            "init_files": n_inits + 2,
            "max_file_bytes": max(sizes) if sizes else 0,
            "seconds": round(time.perf_counter() - t0, 2),
        }
        stamp = {
            "generator_version": GENERATOR_VERSION,
            "files": self.n_files,
            "seed": self.seed,
            "target_mb": self.target_mb,
            "filler_only_extra": self.extra,
            "stats": self.stats,
        }
        (out / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        (out / STAMP).write_text(
            json.dumps(stamp, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return self.stats

    def module_text(
        self,
        f: Filler,
        d: Tuple[str, ...],
        name: str,
        is_test: bool,
        size: int,
        kinds: List[str],
        mention: bool,
        primary: str,
        internal: List[Tuple[str, str]],
        shim: Tuple[str, str] = ("", ""),
    ) -> str:
        r = f.rng
        header = [f'"""{f.sentence(4, 10)}', "", f.sentence(10, 20), '"""', ""]
        imports = sorted(
            set(r.sample(STDLIB_IMPORTS, r.randint(2, 7)))
            | {"import contextlib", "import logging", "import uuid"}
        )
        imports.append("from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple")
        if "from abc import ABC, abstractmethod" not in imports:
            imports.append("from abc import ABC, abstractmethod")
        if "from dataclasses import dataclass, field" not in imports:
            imports.append("from dataclasses import dataclass, field")
        if is_test:
            imports += [
                "from unittest import mock",
                "from unittest.mock import patch",
                "",
                "import pytest",
            ]
        internal_lines = []
        for qual, cls in internal:
            if qual.rsplit(".", 1)[0] == ".".join(d) and r.random() < 0.5:
                internal_lines.append(f"from .{qual.rsplit('.', 1)[1]} import {cls}")
            else:
                internal_lines.append(f"from {qual} import {cls}")
        blocks: List[List[str]] = []
        top_extra: List[str] = []
        rel_dots = "." * len(d) if d and d[0] == "app" else "app."
        for k, kind in enumerate(kinds):
            if kind == "relative" and not (d and d[0] == "app"):
                kind = "from_import"
            top, body = plant(kind, f, k, rel_dots, shim)
            if top and (kind.startswith(("alias", "speller")) or r.random() < 0.6):
                top_extra += top
                blocks.append(body)
            else:
                blocks.append(top + (["", ""] if top else []) + body)
        # most uses sit in methods of big classes (test classes in tests), as in real code
        if blocks and (is_test or r.random() < 0.6):
            blocks = wrap_in_class(f, blocks, primary, is_test, int(size * 0.6))
        planted_blocks = blocks
        # filler blocks until the size target is met
        used: Dict[str, int] = {}
        filler_blocks: List[List[str]] = [f.klass(used, name=primary)]
        approx = sum(len(x) + 1 for x in header) + 400
        approx += sum(sum(len(x) + 1 for x in b) for b in planted_blocks)
        for b in filler_blocks:
            approx += sum(len(x) + 1 for x in b)
        while approx < size * 0.95:
            remaining = size - approx
            roll = r.random()
            if remaining > 60_000 and roll < 0.15:
                b = f.constant(used, big=True)
            elif roll < 0.45:
                b = f.klass(used)
            elif roll < 0.9:
                b = f.function(used)
            else:
                b = f.constant(used)
            if is_test and roll >= 0.45 and roll < 0.9:
                b[0] = b[0].replace("def ", "def test_", 1)
            filler_blocks.append(b)
            approx += sum(len(x) + 1 for x in b) + 2
        # place planted blocks at random positions (spread through the file)
        for b in planted_blocks:
            filler_blocks.insert(r.randint(0, len(filler_blocks)), b)
        lines = header + imports + [""] + internal_lines + top_extra
        lines += ["", "logger = logging.getLogger(__name__)", ""]
        if mention:
            lines.append(r.choice(WEBSOCKET_MENTIONS).rstrip("\n"))
            lines.append("")
        for b in filler_blocks:
            lines.append("")
            if r.random() < 0.2:
                lines.append(f"# {f.sentence(4, 12)}")
            lines.extend(b)
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def prepare_out(out: Path) -> None:
    """Create ``out``; wipe it only if it is empty or a previous corpus (has a stamp)."""
    if out.exists():
        if any(out.iterdir()):
            if not (out / STAMP).exists():
                raise SystemExit(
                    f"refusing to overwrite {out}: not empty and not a generated corpus"
                )
            shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def verify(out: Path) -> Tuple[int, List[str]]:
    """Parse every .py file with the Python 3.10 grammar; return (count, failures)."""
    failures = []
    count = 0
    manifest_path = out / MANIFEST
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    contract_files = set().union(*(manifest.get(k, []) for k in ("planted", "canonical_only", "spellers", "shims")))
    for path in sorted(out.rglob("*.py")):
        if ".ssot_lint_cache" in path.parts or ".ruff_cache" in path.parts:
            continue
        count += 1
        src = path.read_text(encoding="utf-8")
        try:
            ast.parse(src, filename=str(path), feature_version=(3, 10))
        except SyntaxError as exc:
            failures.append(f"{path}: {exc}")
        rel = path.relative_to(out).as_posix()
        if "websocket_core" not in path.parts and rel not in contract_files:
            for word in RESERVED:
                if word in src:
                    failures.append(f"{path}: filler mentions reserved word {word!r}")
                    break
    return count, failures


def main(argv: Optional[List[str]] = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "out", type=Path, help="output directory (created; a previous corpus there is replaced)"
    )
    p.add_argument("--files", type=int, default=10_000, help="number of files (default 10000)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    p.add_argument(
        "--target-mb", type=float, default=200.0, help="approximate total size in MB (default 200)"
    )
    p.add_argument(
        "--filler-only-extra",
        type=int,
        default=0,
        metavar="K",
        help="add K filler-only files on top of the same base tree",
    )
    p.add_argument(
        "--verify", action="store_true", help="ast.parse every file (Python 3.10 grammar)"
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = p.parse_args(argv)
    corpus = Corpus(args.out, args.files, args.seed, args.target_mb, args.filler_only_extra)
    stats = corpus.generate()
    if args.json:
        print(json.dumps(stats, sort_keys=True))
    else:
        print(
            f"{args.out}: {stats['files']} files, {stats['mb']} MB, {stats['planted_files']} planted "
            f"({stats['planted_test_files']} tests), {stats['canonical_only_files']} canonical-only, "
            f"{stats['websocket_mention_files']} websocket mentions, largest {stats['max_file_bytes']} B, "
            f"{stats['seconds']} s"
        )
    if args.verify:
        t0 = time.perf_counter()
        count, failures = verify(args.out)
        for failure in failures[:20]:
            print(failure, file=sys.stderr)
        print(
            f"verify: {count} files parsed, {len(failures)} failures ({time.perf_counter() - t0:.1f} s)",
            file=sys.stderr,
        )
        if failures:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
