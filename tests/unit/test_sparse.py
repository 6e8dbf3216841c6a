"""The prefilter and the statement-level skeleton never change a finding.

Large files (above `MIN_SPARSE_BYTES`) mix every import form with filler; each is checked with
the optimisations on and off, and the findings must be identical.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ssot_lint.app import RunOptions, check
from ssot_lint.checks.base import DEFAULT_CONTRACT, DEFAULT_SOURCES
from ssot_lint.analysis.sparse import MIN_SPARSE_BYTES

SNIPPETS = [
    "from app.websocket_core.manager import WebSocketManager\n",
    "from app.websocket_core.manager import WebSocketManager as WSM\n",
    "from ..websocket_core.unified_manager import UnifiedWebSocketManager as Impl\n",
    "from app.websocket_core import manager\n",
    "from app.websocket_core import manager as legacy\n",
    "import app.websocket_core.unified_manager as um\n",
    "import app.websocket_core.manager\n",
    "import app.websocket_core as wc\n",
    "from app.websocket_core.websocket_manager import UnifiedWebSocketManager as Canon\n",
    "from app.websocket_core.websocket_manager_factory import get_websocket_manager_factory as gf\n",
    "try:\n    from app.websocket_core.manager import UserExecutionContext\nexcept ImportError:\n    UserExecutionContext = None\n",
    "Alias = WSM\n",
    "Second = Alias\n",
    "def build():\n    return Second()\n",
    "def build_impl():\n    return Impl()\n",
    "def canon():\n    return Canon(user_id='x')\n",
    "def chain():\n    return app.websocket_core.manager.WebSocketManager()\n",
    "def via_package():\n    return wc.unified_manager.UnifiedWebSocketManager()\n",
    "def via_module():\n    return um.UnifiedWebSocketManager()\n",
    "def factory():\n    return gf()\n",
    "def patched(mock):\n    mock.patch('app.websocket_core.manager.WebSocketManager')\n",
    "class UnifiedWebSocketManager:\n    pass\n",
    "@decorate(WSM)\ndef decorated():\n    pass\n",
    "if TYPE_CHECKING:\n    from app.websocket_core.unified_manager import UserExecutionContext as Ctx\n",
    "def uses_ctx(c: 'Ctx'):\n    return Ctx()\n",
    "value = f\"{legacy.WebSocketManager}\"\n",
    "x = 1; y = WSM\n",
]

# Uses inside test classes and methods, where `check` keeps the innermost statements: local
# imports and aliases, names made local by a binding elsewhere in the method (assignment, loop,
# `with`, `except`, comprehension, `:=`, `global`, a nested def), class bodies, comments between
# methods that spell a name, one-line and multi-line headers, decorators, star imports.
NESTED = [
    "class TestLocal:\n    def test_a(self):\n"
    "        from app.websocket_core.manager import WebSocketManager as Local\n"
    "        x = 1\n        return Local()\n",
    "class TestShadow:\n    def test_b(self):\n        um = object()\n        y = 2\n"
    "        return um.UnifiedWebSocketManager()\n",
    "class TestLoop:\n    def test_c(self, items):\n        for wc in items:\n            pass\n"
    "        return wc.unified_manager.UnifiedWebSocketManager()\n",
    "class TestWith:\n    def test_d(self):\n        with open('f') as um:\n            pass\n"
    "        return um.UnifiedWebSocketManager()\n",
    "class TestExcept:\n    def test_e(self):\n        try:\n            pass\n"
    "        except Exception as wc:\n            pass\n"
    "        return wc.unified_manager.UnifiedWebSocketManager()\n",
    "class TestComp:\n    def test_f(self):\n        z = [um for um in range(3)]\n"
    "        return um.UnifiedWebSocketManager()\n",
    "class TestWalrus:\n    def test_g(self):\n        if (wc := 3):\n            pass\n"
    "        return wc.unified_manager.UnifiedWebSocketManager()\n",
    "class TestGlobal:\n    def test_h(self):\n        global WSM\n        return WSM()\n",
    "class TestInner:\n    def test_i(self):\n        def um():\n            return 1\n"
    "        return um.UnifiedWebSocketManager()\n",
    "class TestAlias:\n    def test_j(self):\n        Made = WSM\n        other = 3\n        return Made()\n",
    "class TestBody:\n    created = WSM()\n\n"
    "    # WebSocketManager is mentioned in a comment between methods\n\n"
    "    def test_k(self):\n        return 1\n",
    "class TestMultiLine:\n    @decorate(\n        1,\n    )\n    def test_l(\n        self,\n"
    "        value=None,\n    ):\n        'Docstring.'\n        x = value\n        return WSM(x)\n",
    "class TestOneLine:\n    def test_m(self,\n               a=1): return WSM(a)\n",
    "class TestHeader(WSM):\n    def test_n(self):\n        return 1\n",
    "def outer():\n    um = None\n    def inner():\n        return um.UnifiedWebSocketManager()\n"
    "    return inner\n",
    "class TestClassScope:\n    um = None\n    def test_o(self):\n"
    "        return um.UnifiedWebSocketManager()\n",
    "class TestPatch:\n    @mock.patch('app.websocket_core.manager.WebSocketManager')\n"
    "    def test_p(self, m):\n        return m\n",
    "class TestDeep:\n    class Inner:\n        def test_q(self):\n            a = 1\n"
    "            return Impl(a)\n",
    "class TestStar:\n    def test_r(self):\n"
    "        from app.websocket_core.unified_manager import *\n"
    "        return UnifiedWebSocketManager()\n",
]


def _filler(rng: random.Random, index: int) -> str:
    body = "\n".join(f"    total += {rng.randint(0, 99)} * value_{j}" for j in range(rng.randint(5, 25)))
    return (
        f"def helper_{index}(value_0=0, value_1=1, value_2=2):\n"
        f'    """Filler that mentions nothing of the contract."""\n'
        f"    total = 0\n{body.replace('value_', 'value_' if False else 'value_')}\n    return total\n"
    )


def _big_file(seed: int) -> str:
    rng = random.Random(seed)
    parts = ['"""A long module."""\n', "from typing import TYPE_CHECKING\nimport os\n"]
    chosen = rng.sample(SNIPPETS, rng.randint(3, len(SNIPPETS)))
    chosen += rng.sample(NESTED, rng.randint(3, len(NESTED)))
    rng.shuffle(chosen)
    index = 0
    while sum(map(len, parts)) < MIN_SPARSE_BYTES * 3 or chosen:
        if chosen and rng.random() < 0.3:
            parts.append(chosen.pop())
        else:
            parts.append(_filler(rng, index).replace("value_3", "value_0"))
            index += 1
        parts.append("\n\n")
    return "".join(parts)


def _project(root: Path, files: dict[str, str]) -> None:
    contract = DEFAULT_CONTRACT.replace("[[contract]]", "[[tool.ssot-lint.contract]]")
    (root / "pyproject.toml").write_text(f'[tool.ssot-lint]\nsrc = ["."]\n\n{contract}')
    for name, text in {**DEFAULT_SOURCES, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def _findings(root: Path, optimised: bool) -> list[tuple]:
    report = check(RunOptions(paths=(root,), cwd=root, jobs=1, use_prefilter=optimised))
    assert not report.errors
    return [(f.location, f.code, f.symbol, f.fixable, f.message) for f in report.findings]


@pytest.mark.parametrize("seed", range(12))
def test_optimised_and_full_runs_give_identical_findings(tmp_path: Path, monkeypatch, seed: int) -> None:
    files = {f"app/pkg{seed}/module_{i}.py": _big_file(seed * 100 + i) for i in range(3)}
    files[f"app/pkg{seed}/__init__.py"] = ""
    _project(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    full = _findings(tmp_path, optimised=False)
    assert full, "the generated files must contain findings"
    assert _findings(tmp_path, optimised=True) == full


def test_skeleton_maps_every_kept_line_to_the_original_and_drops_unrelated_code() -> None:
    from ssot_lint.analysis.prefilter import Prefilter
    from ssot_lint.analysis.sparse import skeleton

    source = _big_file(7).encode()
    pattern = Prefilter((b"manager", b"WebSocketManager", b"UnifiedWebSocketManager")).pattern
    assert pattern is not None
    compact = skeleton(source, pattern)
    assert compact is not None
    original = source.splitlines()
    kept = compact.text.splitlines()
    assert len(kept) == len(compact.lines)
    assert list(compact.lines) == sorted(set(compact.lines))
    for number, line in enumerate(kept, start=1):
        assert line == original[compact.original_line(number) - 1]
    assert len(compact.text) < len(source) * 0.6
    assert any(b"from app.websocket_core" in line for line in kept)
