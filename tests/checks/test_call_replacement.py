"""A deprecated call never flags its own replacement (issue 14, section 1).

The real contract deprecated a package-level re-export of the canonical factory, both as a path
move and under `deprecated-calls`; every call of the canonical factory was then reported as
"`get_websocket_manager()` is deprecated; call `...get_websocket_manager` instead".
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ssot_lint import app
from ssot_lint.project.config import ConfigError
from ssot_lint.reporters.json import to_document

WS = "app.websocket_core"
CANONICAL = f"{WS}.websocket_manager"
FACTORY = f"{CANONICAL}.get_websocket_manager"

SOURCES = {
    "app/__init__.py": "",
    "app/websocket_core/__init__.py": "from .websocket_manager import get_websocket_manager\n",
    "app/websocket_core/websocket_manager.py": (
        "def get_websocket_manager(context):\n    return context\n\n\n"
        "def create_websocket_manager(context):\n    return context\n"
    ),
    "app/websocket_core/compat.py": (
        "from app.websocket_core.websocket_manager import get_websocket_manager\n\n\n"
        "def create_websocket_manager(context):\n    return get_websocket_manager(context)\n"
    ),
    "app/consumer.py": (
        f"from {CANONICAL} import get_websocket_manager\n"
        f"from {WS} import get_websocket_manager as package_factory\n"
        f"from {WS}.compat import get_websocket_manager as compat_factory, create_websocket_manager\n"
        "\n"
        "get_websocket_manager(1)\n"
        "package_factory(2)\n"
        "compat_factory(3)\n"
        "create_websocket_manager(4)\n"
    ),
}


def _check(root: Path, contract: str, files: dict[str, str] = SOURCES) -> tuple[dict, tuple[str, ...]]:
    (root / "pyproject.toml").write_text(
        '[tool.ssot-lint]\nsrc = ["."]\n\n[[tool.ssot-lint.contract]]\n' + textwrap.dedent(contract), encoding="utf-8"
    )
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    report = app.check(app.RunOptions(cwd=root, paths=(root,), jobs=1))
    return to_document(report), report.warnings


def _seen(document: dict) -> list[tuple[str, int, str]]:
    return [(f["code"], f["line"], f["symbol"]) for f in document["findings"]]


def test_a_path_move_listed_under_renames_and_deprecated_calls_flags_no_call(tmp_path: Path) -> None:
    document, warnings = _check(tmp_path, f'''\
        name = "ws"
        canonical = "{CANONICAL}"
        renames = {{ "{WS}.get_websocket_manager" = "{FACTORY}" }}
        deprecated-calls = {{ "{WS}.get_websocket_manager" = "{FACTORY}" }}
    ''')
    assert _seen(document) == [("SSOT001", 2, f"{WS}.get_websocket_manager")]
    assert warnings == (
        f"contract 'ws': deprecated-calls `{WS}.get_websocket_manager` is the same function as its "
        f"replacement `{FACTORY}`: this is an import move, SSOT001 already covers it",
    )


def test_a_path_move_through_a_deprecated_module_flags_no_call_but_a_real_deprecation(tmp_path: Path) -> None:
    document, warnings = _check(tmp_path, f'''\
        name = "ws"
        canonical = "{CANONICAL}"
        deprecated = ["{WS}.compat"]
        deprecated-calls = {{ "{WS}.compat.get_websocket_manager" = "{FACTORY}", "{WS}.compat.create_websocket_manager" = "{FACTORY}" }}
    ''')
    assert _seen(document) == [
        ("SSOT001", 3, f"{WS}.compat.get_websocket_manager"),
        ("SSOT001", 3, f"{WS}.compat.create_websocket_manager"),
        ("SSOT004", 8, f"{WS}.compat.create_websocket_manager"),
    ]
    assert document["findings"][2]["message"] == (
        f"`create_websocket_manager()` is deprecated; call `{FACTORY}` instead"
    )
    assert len(warnings) == 1 and f"`{WS}.compat.get_websocket_manager` is the same function" in warnings[0]


# --- the property: no finding names one path as both the deprecated thing and its replacement ----

MODULES = ("app.core", "app.shim", "app.api")
#: what each dotted path denotes in the generated project: `app.core` defines, the others re-export.
DEFINED = {"f": "app.core.f", "g": "app.core.g", "h": "app.shim.h", "Box": "app.core.Box"}
PROJECT = {
    "app/__init__.py": "from app.core import f\n",
    "app/core.py": "def f():\n    pass\n\n\ndef g():\n    pass\n\n\nclass Box:\n    pass\n",
    "app/shim.py": "from app.core import f, g, Box\n\n\ndef h():\n    pass\n",
    "app/api.py": "from app.core import f, g, Box\nfrom app.shim import h\n",
    "app/user.py": "".join(
        f"import {module}\n" for module in MODULES
    ) + "import app\n" + "".join(
        f"{module}.{name}()\n" for module in MODULES for name in DEFINED
    ) + "app.f()\n",
}
PATHS = sorted({f"{m}.{n}" for m in MODULES for n in DEFINED} | {"app.f"})


def denotes(path: str) -> str:
    """The definition a path of the generated project stands for (its own text when none)."""
    module, _, name = path.rpartition(".")
    bound = {"app.core": {"f", "g", "Box"}, "app.shim": set(DEFINED), "app.api": set(DEFINED), "app": {"f"}}
    return DEFINED[name] if name in bound.get(module, ()) else path


def _contract(deprecated: list[str], renames: list[tuple[str, str]], calls: list[tuple[str, str]]) -> str:
    def table(pairs: list[tuple[str, str]]) -> str:
        return "{ " + ", ".join(f'"{old}" = "{new}"' for old, new in dict(pairs).items()) + " }"

    return (f'name = "c"\ncanonical = "app.api"\ndeprecated = {deprecated!r}\n'.replace("'", '"')
            + f"renames = {table(renames)}\ndeprecated-calls = {table(calls)}\n")


_pairs = st.lists(st.tuples(st.sampled_from(PATHS), st.sampled_from(PATHS)), max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    deprecated=st.lists(st.sampled_from(["app.core", "app.shim"]), unique=True, max_size=2),
    renames=_pairs,
    calls=_pairs,
)
def test_no_finding_names_one_thing_as_its_own_replacement(tmp_path_factory, deprecated, renames, calls) -> None:
    root = tmp_path_factory.mktemp("property")
    try:
        document, _ = _check(root, _contract(deprecated, renames, calls), PROJECT)
    except ConfigError:
        assume(False)  # circular or contradictory contracts are configuration errors
    for finding in document["findings"]:
        replacement = finding["replacement"]
        if replacement is None:
            continue
        assert finding["symbol"] != replacement, finding
        if finding["code"] == "SSOT004":
            assert denotes(finding["symbol"]) != denotes(replacement), finding
        named = re.findall(r"`([\w.]+)`", finding["message"])
        assert len(named) < 2 or named[0] != named[-1], finding


@pytest.mark.parametrize("replacement", [f"{WS}.get_websocket_manager", FACTORY])
def test_a_replacement_reached_through_its_own_alias_is_not_deprecated(tmp_path: Path, replacement: str) -> None:
    document, _ = _check(tmp_path, f'''\
        name = "ws"
        canonical = "{CANONICAL}"
        renames = {{ "{WS}.get_websocket_manager" = "{FACTORY}" }}
        deprecated-calls = {{ "{WS}.compat.create_websocket_manager" = "{replacement}" }}
    ''')
    calls = [(f["line"], f["symbol"]) for f in document["findings"] if f["code"] == "SSOT004"]
    assert calls == [(8, f"{WS}.compat.create_websocket_manager")]
