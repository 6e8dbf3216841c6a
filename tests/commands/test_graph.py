"""`ssot-lint graph` on the reference app: the exact shim chain, uses per path, duplicates."""

from __future__ import annotations

import json
from pathlib import Path

CORE = "app.websocket_core"


def _paths(document: dict) -> dict[str, dict]:
    return {p["dotted"]: p for p in document["paths"]}


def test_json_shows_the_chain_the_fixture_builds(reference_app: Path, run) -> None:
    result = run(reference_app, "graph", "UnifiedWebSocketManager", "--output-format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["definition"] == {
        "module": f"{CORE}.unified_manager", "name": "UnifiedWebSocketManager", "kind": "class",
        "line": 31, "path": "app/websocket_core/unified_manager.py",
    }
    paths = _paths(document)
    assert set(paths) == {
        f"{CORE}.unified_manager.UnifiedWebSocketManager",
        f"{CORE}.websocket_manager.UnifiedWebSocketManager",
        f"{CORE}.manager.UnifiedWebSocketManager",
        f"{CORE}.manager.WebSocketManager",
    }
    alias = paths[f"{CORE}.manager.WebSocketManager"]
    assert alias["chain"] == [f"{CORE}.manager", f"{CORE}.websocket_manager", f"{CORE}.unified_manager"]
    assert (alias["depth"], alias["role"], alias["contract"]) == (2, "alias", "renamed")
    assert alias["moves_to"] == f"{CORE}.websocket_manager.UnifiedWebSocketManager"
    canonical = paths[f"{CORE}.websocket_manager.UnifiedWebSocketManager"]
    assert (canonical["contract"], canonical["depth"], canonical["role"]) == ("canonical", 1, "re-export")
    assert paths[f"{CORE}.unified_manager.UnifiedWebSocketManager"]["contract"] == "deprecated"
    assert [d["module"] for d in document["duplicates"]] == ["app.services.legacy_dual"]


def test_json_counts_files_imports_and_attribute_uses(reference_app: Path, run) -> None:
    document = json.loads(run(reference_app, "graph", "UnifiedWebSocketManager", "--output-format", "json").stdout)
    paths = _paths(document)
    # `from ...manager import WebSocketManager [as WSM]` in runner, notifier, lazy and replay
    alias = paths[f"{CORE}.manager.WebSocketManager"]
    assert (alias["files"], alias["imports"], alias["attribute_uses"]) == (4, 4, 0)
    # notifier imports it; sessions uses `um.UnifiedWebSocketManager` (three times); the canonical
    # module imports it too
    definition = paths[f"{CORE}.unified_manager.UnifiedWebSocketManager"]
    assert (definition["files"], definition["imports"], definition["attribute_uses"]) == (3, 2, 3)


def test_dotted_alias_resolves_to_the_same_definition(reference_app: Path, run) -> None:
    result = run(reference_app, "graph", f"{CORE}.manager.WebSocketManager", "--output-format", "json")
    document = json.loads(result.stdout)
    assert document["definition"]["name"] == "UnifiedWebSocketManager"
    assert len(document["paths"]) == 4


def test_text_is_a_tree_with_the_exact_chain(reference_app: Path, run) -> None:
    result = run(reference_app, "graph", "UnifiedWebSocketManager")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("UnifiedWebSocketManager (class) defined in app.websocket_core.unified_manager:31")
    assert f"depth 2: {CORE}.manager -> {CORE}.websocket_manager -> {CORE}.unified_manager" in out
    assert f"{CORE}.websocket_manager.UnifiedWebSocketManager  re-export, line 12  [canonical]" in out
    assert "└── app.services.legacy_dual.UnifiedWebSocketManager (class) at app/services/legacy_dual.py:6" in out
    # nesting follows the hops: the canonical path sits under the definition, the shim under it
    lines = out.splitlines()
    indent = {name: next(l.index(name) for l in lines if f"{name}.UnifiedWebSocketManager " in l)
              for name in (f"{CORE}.unified_manager", f"{CORE}.websocket_manager", f"{CORE}.manager")}
    assert indent[f"{CORE}.unified_manager"] < indent[f"{CORE}.websocket_manager"] < indent[f"{CORE}.manager"]


def test_without_a_contract_paths_are_unspecified(reference_app: Path, run) -> None:
    (reference_app / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    document = json.loads(run(reference_app, "graph", "get_websocket_manager", "--output-format", "json").stdout)
    assert {p["contract"] for p in document["paths"]} == {"unspecified"}
    assert [p["dotted"] for p in document["paths"]] == [
        f"{CORE}.websocket_manager.get_websocket_manager", f"{CORE}.manager.get_websocket_manager",
    ]


def test_unknown_symbol_exits_2(reference_app: Path, run) -> None:
    result = run(reference_app, "graph", "NoSuchThing")
    assert result.exit_code == 2
    assert "no class or function 'NoSuchThing'" in result.stderr


def test_prefilter_still_finds_a_module_that_re_exports_under_an_alias(tmp_path: Path, run) -> None:
    files = {
        "pkg/__init__.py": "",
        "pkg/impl.py": "class Engine:\n    pass\n",
        "pkg/shim.py": "from pkg.impl import Engine as Motor\n__all__ = ['Motor']\n",
        "pkg/facade.py": "from pkg.shim import *\n",
        "pkg/user.py": "from pkg.facade import Motor\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    document = json.loads(run(tmp_path, "graph", "Engine", "--output-format", "json").stdout)
    paths = _paths(document)
    assert paths["pkg.facade.Motor"]["chain"] == ["pkg.facade", "pkg.shim", "pkg.impl"]
    assert paths["pkg.facade.Motor"]["files"] == 1


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_re_exports_nothing_imports_through_are_listed(tmp_path: Path, run) -> None:
    """A package re-exporting from its own submodule, `X as X` (PEP 484) and a star import are
    re-exports even in modules that define code of their own and that no file imports through;
    a consumer's own import is not."""
    root = _write(tmp_path, {
        "lib/__init__.py": "from lib.core.engine import Engine\n\n\ndef helper():\n    pass\n",
        "lib/core/__init__.py": "",
        "lib/core/engine.py": "class Engine:\n    pass\n",
        "lib/api.py": "from lib.core.engine import Engine as Engine\n\n\ndef run():\n    pass\n",
        "lib/compat.py": "import os\n\nfrom lib.api import *\n",
        "lib/consumer.py": "from lib.core.engine import Engine\n\n\ndef make():\n    return Engine()\n",
    })
    document = json.loads(run(root, "graph", "Engine", "--output-format", "json").stdout)
    paths = _paths(document)
    assert set(paths) == {"lib.core.engine.Engine", "lib.Engine", "lib.api.Engine", "lib.compat.Engine"}
    assert (paths["lib.compat.Engine"]["line"], paths["lib.compat.Engine"]["via"]) == (3, "lib.api.Engine")
    assert all(paths[p]["files"] == 0 for p in ("lib.Engine", "lib.api.Engine", "lib.compat.Engine"))


def test_the_path_asked_about_is_always_listed(tmp_path: Path, run) -> None:
    root = _write(tmp_path, {
        "lib/__init__.py": "",
        "lib/engine.py": "class Engine:\n    pass\n",
        "lib/consumer.py": "from lib.engine import Engine\n\n\ndef make():\n    return Engine()\n",
    })
    assert "lib.consumer.Engine" not in _paths(json.loads(run(root, "graph", "Engine", "--output-format", "json").stdout))
    document = json.loads(run(root, "graph", "lib.consumer.Engine", "--output-format", "json").stdout)
    assert _paths(document)["lib.consumer.Engine"]["chain"] == ["lib.consumer", "lib.engine"]


# SQLAlchemy 2's shape: `sqlalchemy.orm` defines code of its own, has no `__all__`, and re-exports
# `declarative_base` as `X as X`; the old `ext.declarative` path re-exports it plainly.
FAKESQL = {
    "fakesql/__init__.py": "",
    "fakesql/orm/__init__.py": (
        "from .decl_api import declarative_base as declarative_base\nfrom . import decl_api\n\n\n"
        "def configure_mappers():\n    pass\n"),
    "fakesql/orm/decl_api.py": "import typing\n\n\ndef declarative_base():\n    return object\n",
    "fakesql/ext/__init__.py": "",
    "fakesql/ext/declarative/__init__.py": (
        "from ...orm.decl_api import declarative_base\n\n\nclass DeferredReflection:\n    pass\n"),
}


def test_graph_of_a_symbol_in_an_installed_package_without_all(tmp_path: Path, run, monkeypatch) -> None:
    import sys

    site = _write(tmp_path / "site-packages", FAKESQL)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    project = _write(tmp_path / "project", {"models.py": "from fakesql.ext.declarative import declarative_base\n\nBase = declarative_base()\n"})
    result = run(project, "graph", "fakesql.orm.declarative_base", "--output-format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["definition"]["module"], document["definition"]["path"]) == (
        "fakesql.orm.decl_api", (site / "fakesql/orm/decl_api.py").as_posix())
    paths = _paths(document)
    assert set(paths) == {"fakesql.orm.decl_api.declarative_base", "fakesql.orm.declarative_base",
                          "fakesql.ext.declarative.declarative_base"}
    assert (paths["fakesql.orm.declarative_base"]["files"], paths["fakesql.orm.declarative_base"]["line"]) == (0, 1)
    assert paths["fakesql.ext.declarative.declarative_base"]["files"] == 1  # models.py
    assert "fakesql" not in sys.modules  # read, never imported
