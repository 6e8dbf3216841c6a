"""A contract names each thing once; `check` finds it however the project re-exports it (issue 14,
section 2): `from x import Y`, `import x` then `x.Y`, `Y as Z`, `Z = Y`, `__all__` with star
imports, package `__init__`s, any depth, import cycles, in every rule."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

import pytest

from ssot_lint import app
from ssot_lint.reporters.json import to_document

CONTRACT = """\
[tool.ssot-lint]
src = ["."]

[[tool.ssot-lint.contract]]
name = "mgr"
canonical = "app.core.canon"
deprecated = ["app.legacy.old"]
renames = { "app.legacy.old.OldManager" = "app.core.canon.Manager" }
factory-only = ["app.core.canon.Manager"]
factory = "app.core.canon.get_manager"
deprecated-calls = { "app.legacy.old.make" = "app.core.canon.get_manager" }
"""

PROJECT = {
    "app/__init__.py": "",
    "app/core/__init__.py": "from .canon import Manager, get_manager\n",
    "app/core/canon.py": "class Manager:\n    pass\n\n\ndef get_manager():\n    return Manager()\n",
    "app/legacy/__init__.py": "",
    "app/legacy/old.py": "from app.core.canon import Manager as OldManager\n\n\ndef make():\n    return OldManager()\n",
    "app/other/__init__.py": (
        "from .reexp import *\nimport app.other.reexp as rx\nM3 = rx.M2\n__all__ = ['M2', 'M3', 'OldManager', 'make']\n"
    ),
    "app/other/reexp.py": (
        '"""Re-exports.\n\nfrom app.core.canon import Manager as NotReally\n"""\n'
        "from app.core.canon import Manager as M2\n"
        "from app.legacy.old import OldManager, make  # noqa: SSOT001\n"
    ),
}


def write(root: Path, files: dict[str, str], contract: str = CONTRACT) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(contract, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        before = path.stat().st_mtime_ns if path.exists() else None
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        if before is not None and path.stat().st_mtime_ns == before:
            os.utime(path, ns=(before + 10**9, before + 10**9))
    return root


def check(root: Path, *paths: str, cache: bool = False, prefilter: bool = True) -> list[dict[str, Any]]:
    options = app.RunOptions(cwd=root, paths=tuple(root / p for p in paths), jobs=1, use_cache=cache,
                             use_prefilter=prefilter)
    document = to_document(app.check(options))
    assert document["errors"] == []
    return document["findings"]


def seen(findings: list[dict[str, Any]], path: str = "app/consumer.py") -> list[tuple[str, int, str]]:
    return [(f["code"], f["line"], f["symbol"]) for f in findings if f["path"].endswith(path)]


def test_a_class_named_once_is_found_through_a_renaming_re_export(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": """\
        from app.other.reexp import M2
        import app.other.reexp as rx

        M2()
        rx.M2()
    """})
    findings = check(root, "app/consumer.py")
    assert seen(findings) == [("SSOT003", 4, "app.other.reexp.M2"), ("SSOT003", 5, "app.other.reexp.M2")]
    assert findings[0]["message"] == (
        "`M2` is `app.core.canon.Manager` (re-exported by `app.other.reexp`): created directly, "
        "it bypasses the per-user factory; use `app.core.canon.get_manager(...)`"
    )


def test_aliases_stars_all_and_package_init_at_any_depth(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": """\
        import app.other
        from app.other import M3 as Boss

        Boss()
        app.other.M3()
        app.other.M2()
    """})
    findings = check(root, "app/consumer.py")
    assert seen(findings) == [
        ("SSOT003", 4, "app.other.M3"), ("SSOT003", 5, "app.other.M3"), ("SSOT003", 6, "app.other.M2"),
    ]
    assert "(re-exported by `app.other`, via `app.other.reexp`)" in findings[0]["message"]


def test_a_renamed_name_and_a_deprecated_callable_through_a_re_export(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": """\
        from app.other import OldManager, make

        make()
    """})
    findings = check(root, "app/consumer.py")
    assert seen(findings) == [
        ("SSOT001", 1, "app.other.OldManager"), ("SSOT001", 1, "app.other.make"), ("SSOT004", 3, "app.other.make"),
    ]
    assert findings[0]["message"] == (
        "`OldManager` is `app.legacy.old.OldManager` (re-exported by `app.other`, via `app.other.reexp`), "
        "which is deprecated; import `Manager` from `app.core.canon`"
    )
    assert findings[0]["fixable"] is True
    assert findings[2]["message"] == (
        "`make` is `app.legacy.old.make` (re-exported by `app.other`, via `app.other.reexp`), which is "
        "deprecated; call `app.core.canon.get_manager` instead"
    )


def test_fix_moves_an_import_of_a_renamed_name_reached_through_a_re_export(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": "from app.other import M3, OldManager\n"})
    report = app.fix(app.RunOptions(cwd=root, paths=(root / "app/consumer.py",), jobs=1))
    assert [Path(c.path).name for c in report.changes] == ["consumer.py"]
    assert (root / "app/consumer.py").read_text() == (
        "from app.other import M3\nfrom app.core.canon import Manager\n"
    )


def test_the_canonical_api_re_exported_by_its_package_is_no_finding(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": """\
        from app.core import get_manager
        from app.core.canon import get_manager as direct

        get_manager()
        direct()
    """})
    assert check(root, "app/consumer.py") == []


def test_import_cycles_terminate_and_still_find_what_they_reach(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT,
        "app/cyc_a.py": "from app.core.canon import Manager as Boss\nfrom app.cyc_b import helper\n",
        "app/cyc_b.py": "from app.cyc_a import Boss\n\n\ndef helper():\n    pass\n",
        "app/ghost_a.py": "from app.ghost_b import Manager\n",
        "app/ghost_b.py": "from app.ghost_a import Manager\n",
        "app/consumer.py": "from app.cyc_b import Boss\nfrom app.ghost_a import Manager\n\nBoss()\nManager()\n",
    })
    assert seen(check(root, "app/consumer.py")) == [("SSOT003", 4, "app.cyc_b.Boss")]


def test_a_file_that_spells_only_a_derived_name_is_checked(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": "from app.other import *\n\nM3()\n"})
    assert seen(check(root)) == [("SSOT003", 3, "app.other.M3")]
    assert check(root) == check(root, prefilter=False)


def test_listing_the_aliases_too_changes_no_finding(tmp_path: Path) -> None:
    consumer = "from app.other import M3, OldManager, make\nfrom app.other.reexp import M2\n\nM2()\nM3()\nmake()\n"
    first = write(tmp_path / "once", {**PROJECT, "app/consumer.py": consumer})
    aliases = CONTRACT.replace(
        'factory-only = ["app.core.canon.Manager"]',
        'factory-only = ["app.core.canon.Manager", "app.other.reexp.M2", "app.other.M3", "app.legacy.old.OldManager"]',
    )
    listed = write(tmp_path / "listed", {**PROJECT, "app/consumer.py": consumer}, aliases)
    shape = [(f["code"], f["line"], f["column"], f["symbol"], f["fixable"]) for f in check(first)]
    assert shape == [(f["code"], f["line"], f["column"], f["symbol"], f["fixable"]) for f in check(listed)]
    assert len(shape) == 5


def test_dynamic_module_getattr_is_not_followed(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT,
        "app/lazy.py": "from app.core.canon import Manager as _M\n\n\ndef __getattr__(name):\n    return _M\n",
        "app/consumer.py": "from app.lazy import Anything\n\nAnything()\n",
    })
    assert check(root, "app/consumer.py") == []


def test_a_warm_run_sees_a_new_re_export(tmp_path: Path) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": "from app.other.extra import Fresh\n\nFresh()\n",
                            "app/other/extra.py": "Fresh = object\n"})
    assert check(root, cache=True) == []
    write(root, {"app/other/extra.py": "from app.core.canon import Manager as Fresh\n"})
    assert seen(check(root, cache=True)) == [("SSOT003", 3, "app.other.extra.Fresh")]
    write(root, {"app/other/extra.py": "Fresh = object\n"})
    assert check(root, cache=True) == []


@pytest.mark.parametrize("target", ["app.other.reexp.M2", "app.other.M3"])
def test_a_patch_target_names_a_binding_and_is_left_alone(tmp_path: Path, target: str) -> None:
    root = write(tmp_path, {**PROJECT, "app/consumer.py": f"from unittest import mock\n\nmock.patch('{target}')\n"})
    assert check(root, "app/consumer.py") == []


def test_a_module_level_name_that_adopts_its_new_name_moves_its_importers_in_the_same_run(tmp_path: Path) -> None:
    """Issue 15, section 3: `consumer` renames its local `OldManager` to `Manager`; `user`, which
    imported `OldManager` from `consumer`, is reached through that re-export and moved too."""
    root = write(tmp_path, {
        **PROJECT,
        "app/consumer.py": "from app.legacy.old import OldManager\n\nKIND = OldManager\n",
        "app/user.py": "from app.consumer import OldManager\n\nALSO = OldManager\n",
    })
    app.fix(app.RunOptions(cwd=root, paths=(root / "app/consumer.py", root / "app/user.py"), jobs=1))
    assert (root / "app/consumer.py").read_text() == "from app.core.canon import Manager\n\nKIND = Manager\n"
    assert (root / "app/user.py").read_text() == "from app.core.canon import Manager\n\nALSO = Manager\n"
