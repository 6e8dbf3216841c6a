"""Module names from file paths, and relative imports resolved against them."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssot_lint.project.modules import ModuleName, module_for_path, resolve_relative, source_for_module


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("app/consumer.py", ModuleName("app.consumer", False)),
        ("app/__init__.py", ModuleName("app", True)),
        ("app/websocket_core/manager.py", ModuleName("app.websocket_core.manager", False)),
        ("app/websocket_core/__init__.py", ModuleName("app.websocket_core", True)),
        ("top.py", ModuleName("top", False)),
        ("stubs/app.pyi", ModuleName("stubs.app", False)),
    ],
)
def test_module_name_under_a_src_root(tmp_path: Path, relative: str, expected: ModuleName) -> None:
    assert module_for_path(tmp_path / relative, (tmp_path,)) == expected


def test_the_deepest_src_root_wins(tmp_path: Path) -> None:
    roots = (tmp_path, tmp_path / "src")
    assert module_for_path(tmp_path / "src" / "pkg" / "mod.py", roots) == ModuleName("pkg.mod", False)


def test_an_init_at_a_src_root_has_no_module_name(tmp_path: Path) -> None:
    assert module_for_path(tmp_path / "__init__.py", (tmp_path,)) is None


def test_outside_every_root_the_name_comes_from_the_enclosing_packages(tmp_path: Path) -> None:
    (tmp_path / "outer" / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "outer" / "pkg" / "__init__.py").write_text("")
    (tmp_path / "outer" / "pkg" / "sub" / "__init__.py").write_text("")
    elsewhere = tmp_path / "elsewhere"
    path = tmp_path / "outer" / "pkg" / "sub" / "mod.py"
    assert module_for_path(path, (elsewhere,)) == ModuleName("pkg.sub.mod", False)


@pytest.mark.parametrize(
    ("module", "level", "target", "expected"),
    [
        (ModuleName("app.consumer", False), 1, "websocket_core.manager", "app.websocket_core.manager"),
        (ModuleName("app.services.x", False), 2, "websocket_core.manager", "app.websocket_core.manager"),
        (ModuleName("app.services", True), 1, "x", "app.services.x"),
        (ModuleName("app.services", True), 2, "websocket_core", "app.websocket_core"),
        (ModuleName("app.consumer", False), 1, None, "app"),
        (ModuleName("app.consumer", False), 0, "abs.mod", "abs.mod"),
        (ModuleName("app.consumer", False), 2, "x", None),  # beyond the top-level package
        (ModuleName("app.consumer", False), 2, None, None),
        (ModuleName("app.consumer", False), 3, "x", None),
        (ModuleName("top", False), 1, "x", None),  # no parent package
        (None, 1, "x", None),
    ],
)
def test_relative_import_resolution(module, level, target, expected) -> None:
    assert resolve_relative(module, level, target) == expected


def test_source_for_module_finds_a_module_file_or_a_package_init(tmp_path: Path) -> None:
    (tmp_path / "app" / "pkg").mkdir(parents=True)
    (tmp_path / "app" / "mod.py").write_text("")
    (tmp_path / "app" / "pkg" / "__init__.py").write_text("")
    assert source_for_module("app.mod", (tmp_path,)) == tmp_path / "app" / "mod.py"
    assert source_for_module("app.pkg", (tmp_path,)) == tmp_path / "app" / "pkg" / "__init__.py"
    assert source_for_module("app.missing", (tmp_path,)) is None
