"""Fuzzing: grammar-generated Python (hypothesmith) mixed with imports of the contract's modules.

`check` never raises; `fix` output always parses; `fix` is idempotent; `fix` never changes a file
without a fixable finding. A quick run is part of every test run; the long one is marked slow.
"""

from __future__ import annotations

from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssot_lint.app import RunOptions, prepare
from ssot_lint.runner.engine import analyse_source
from ssot_lint.fix.worker import _fix

from reliability_helpers import make_project

WS = "app.websocket_core"
IMPORTS = st.sampled_from([
    f"from {WS}.manager import WebSocketManager\n",
    f"from {WS}.manager import WebSocketManager as W\n",
    f"from {WS}.unified_manager import UnifiedWebSocketManager, UserExecutionContext\n",
    f"import {WS}.unified_manager as um\n",
    f"from {WS} import manager\n",
    f"from {WS}.websocket_manager import UnifiedWebSocketManager\nUnifiedWebSocketManager()\n",
    f"from {WS}.websocket_manager_factory import get_websocket_manager_factory\n",
    f"from {WS}.manager import *\n",
    "x = um.UnifiedWebSocketManager\n",
])
SOURCES = st.tuples(st.lists(IMPORTS, max_size=3), hypothesmith.from_grammar(), st.lists(IMPORTS, max_size=2)).map(
    lambda parts: "".join(parts[0]) + parts[1] + ("\n" if parts[1] and not parts[1].endswith("\n") else "") + "".join(parts[2])
)

_JOB = None
PATH = Path("app/consumer.py")


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = make_project(tmp_path_factory.mktemp("fuzz") / "p", {"app/consumer.py": ""})
    return prepare(RunOptions(paths=(root,), cwd=root)).job, root


def _property(job_root, source: str) -> None:  # type: ignore[no-untyped-def]
    job, root = job_root
    data = source.encode("utf-8", "surrogatepass")
    path = root / PATH
    result = analyse_source(data, path, "app/consumer.py", job)  # never raises
    if result.error is not None:
        assert result.error.kind in ("syntax", "decode"), result.error
        return
    outcome = _fix(path, "app/consumer.py", data, job)
    fixable = [f for f in result.findings if f.fixable and not f.unsafe]
    if outcome.new_source is None:
        return
    assert fixable, "fix changed a file without a fixable finding"
    new = outcome.new_source
    cst.parse_module(new)
    try:
        compile(data, "x", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        pass
    else:
        compile(new, "x", "exec")
    again = _fix(path, "app/consumer.py", new, job)
    assert again.new_source in (None, new), "fix is not idempotent"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=SOURCES)
def test_fuzz_quick(job, source: str) -> None:  # type: ignore[no-untyped-def]
    _property(job, source)


@pytest.mark.slow
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
@given(source=SOURCES)
def test_fuzz_long(job, source: str) -> None:  # type: ignore[no-untyped-def]
    _property(job, source)
