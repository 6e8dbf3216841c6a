"""A canonical module in an installed package: found by reading a fake site-packages (sources,
stubs, stub packages, namespace packages, compiled modules), never by importing it."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ssot_lint.cli.main import app

CONTRACT = '''
[[contract]]
name = "declarative"
canonical = "fakesql.orm"
renames = { "fakesql.ext.declarative.declarative_base" = "fakesql.orm.declarative_base" }
'''
USER = "from fakesql.ext.declarative import declarative_base\nBase = declarative_base()\n"
LIBRARY = {
    "fakesql/__init__.py": "",
    "fakesql/ext/__init__.py": "",
    "fakesql/ext/declarative.py": "from fakesql.orm import declarative_base\n",
    "fakesql/orm/__init__.py": "from .decl_api import *\n",
    "fakesql/orm/decl_api.py": "__all__ = ['declarative_base']\ndef declarative_base():\n    return object\n",
}


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _check(project_root: Path, monkeypatch, *args: str) -> tuple[int, dict, str]:
    monkeypatch.chdir(project_root)
    result = CliRunner().invoke(app, ["check", "--no-cache", "--output-format", "json", *args])
    document = json.loads(result.stdout) if result.stdout.startswith("{") else {}
    return result.exit_code, document, result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return tmp_path / "site-packages"


@pytest.fixture
def user(project) -> Path:
    return project({"app.py": USER}, contract=CONTRACT, sources={})


def test_the_running_interpreters_path_finds_an_installed_canonical_module(site, user, monkeypatch) -> None:
    _tree(site, LIBRARY)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    code, document, stderr = _check(user, monkeypatch)
    [finding] = document["findings"]
    assert finding["fixable"], finding["unfixable_reason"]
    assert finding["fix_title"] == "Import `declarative_base` from `fakesql.orm`"
    assert "not found" not in stderr
    assert "fakesql" not in sys.modules  # read, never imported


def test_python_option_asks_that_interpreter_for_its_path(site, user, tmp_path, monkeypatch) -> None:
    _tree(site, LIBRARY)
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    python.write_text(f"#!/bin/sh\necho '{json.dumps({'path': ['', str(site)], 'builtin': []})}'\n", encoding="utf-8")
    python.chmod(0o755)
    code, document, _ = _check(user, monkeypatch, "--python", str(python))
    assert document["findings"][0]["fixable"]
    code, document, _ = _check(user, monkeypatch)  # not on the running interpreter's path
    assert "not found under `src` or in the environment of the running interpreter" in (
        document["findings"][0]["unfixable_reason"])


def test_config_python_setting_and_a_broken_interpreter(user, monkeypatch) -> None:
    pyproject = user / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        '[tool.ssot-lint]\n', '[tool.ssot-lint]\npython = ".venv/bin/python"\n'), encoding="utf-8")
    code, _, stderr = _check(user, monkeypatch)
    assert code == 2
    assert "python: cannot run the interpreter .venv/bin/python" in stderr


def test_a_stub_package_vouches_for_a_compiled_module(site, user, monkeypatch) -> None:
    _tree(site, {"fakesql/__init__.py": "", "fakesql/ext/declarative.py": "",
                 "fakesql-stubs/orm.pyi": "def declarative_base() -> type: ...\n"})
    (site / "fakesql/orm.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\x7fELF")
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    _, document, _ = _check(user, monkeypatch)
    assert document["findings"][0]["fixable"]


def test_a_compiled_module_without_stub_says_what_to_install(site, user, monkeypatch) -> None:
    _tree(site, {"fakesql/__init__.py": "", "fakesql/ext/declarative.py": ""})
    (site / "fakesql/orm.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\x7fELF")
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    _, document, _ = _check(user, monkeypatch)
    reason = document["findings"][0]["unfixable_reason"]
    assert reason == ("`fakesql.orm` is a compiled module with no source or `.pyi` stub: cannot verify it "
                      "provides `declarative_base` (install its stubs, e.g. `types-fakesql` or `fakesql-stubs`)")


def test_all_vouches_for_names_of_a_compiled_submodule(site, user, monkeypatch) -> None:
    _tree(site, {"fakesql/__init__.py": "", "fakesql/ext/declarative.py": "",
                 "fakesql/orm/__init__.py": "from ._speedups import *\n__all__ = ['declarative_base']\n"})
    (site / "fakesql/orm/_speedups.so").write_bytes(b"\x7fELF")
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    _, document, _ = _check(user, monkeypatch)
    assert document["findings"][0]["fixable"]


def test_a_namespace_package_is_found(site, project, monkeypatch) -> None:
    _tree(site, {"nsp/part/api.py": "def run():\n    pass\n"})
    contract = CONTRACT.replace("fakesql.orm", "nsp.part.api").replace(
        '"fakesql.ext.declarative.declarative_base" = "nsp.part.api.declarative_base"', '"old.run" = "nsp.part.api.run"')
    root = project({"app.py": "from old import run\n"}, contract=contract, sources={})
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    _, document, stderr = _check(root, monkeypatch)
    assert document["findings"][0]["fixable"]
    assert "nsp" not in stderr


def _interpreter(tmp_path: Path, path: list[str], builtin: list[str]) -> Path:
    """A stand-in interpreter that answers the question ssot-lint asks it."""
    python = tmp_path / "bin" / "python"
    python.parent.mkdir(exist_ok=True)
    python.write_text(f"#!/bin/sh\necho '{json.dumps({'path': path, 'builtin': builtin})}'\n", encoding="utf-8")
    python.chmod(0o755)
    return python


def test_a_module_built_into_the_interpreter_exists_but_cannot_vouch_for_names(site, project, tmp_path,
                                                                               monkeypatch) -> None:
    contract = CONTRACT.replace("fakesql.orm", "fastiter").replace(
        '"fakesql.ext.declarative.declarative_base" = "fastiter.declarative_base"', '"old.chain" = "fastiter.chain"')
    root = project({"app.py": "from old import chain\n"}, contract=contract, sources={})
    site.mkdir()
    (site / "fastiter.py").write_text("def chain():\n    pass\n", encoding="utf-8")  # never imported: shadowed
    python = _interpreter(tmp_path, [str(site)], ["fastiter"])
    _, document, stderr = _check(root, monkeypatch, "--python", str(python))
    assert document["findings"][0]["unfixable_reason"] == (
        f"`fastiter` is built into {python} and has no source or `.pyi` stub: cannot verify it provides `chain` "
        "(a stub `fastiter.pyi` on the path would vouch for its names)")
    assert "not found" not in stderr and document["warnings"] == []
    (site / "fastiter.pyi").write_text("def chain() -> None: ...\n", encoding="utf-8")
    _, document, _ = _check(root, monkeypatch, "--python", str(python))
    assert document["findings"][0]["fixable"]


def test_config_python_setting_names_the_projects_interpreter(site, user, monkeypatch) -> None:
    """`python = "env/bin/python"` (relative to the project) is asked for the import path, like
    `--python`; the running interpreter's path alone does not hold the library."""
    _tree(site, LIBRARY)
    (user / "env").mkdir()
    _interpreter(user / "env", [str(site)], [])
    pyproject = user / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    _, document, _ = _check(user, monkeypatch)
    assert not document["findings"][0]["fixable"]
    pyproject.write_text(text.replace('[tool.ssot-lint]\n', '[tool.ssot-lint]\npython = "env/bin/python"\n'),
                         encoding="utf-8")
    _, document, stderr = _check(user, monkeypatch)
    assert document["findings"][0]["fixable"], document["findings"][0]["unfixable_reason"]
    assert "not found" not in stderr
