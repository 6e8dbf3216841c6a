"""Contract self-check: each warning on a crafted contract, and none on the reference app."""

from __future__ import annotations

from pathlib import Path

from ssot_lint import app


def _warnings(root: Path, whole_project: bool = True) -> tuple[str, ...]:
    """What `check` warns, over the whole project or (a partial run) over one file of it."""
    paths = () if whole_project else (root / "pkg" / "user.py",)
    return app.check(app.RunOptions(paths=paths, cwd=root, use_cache=False)).warnings


def test_reference_app_contract_is_clean(reference_app: Path) -> None:
    assert _warnings(reference_app) == ()


CONTRACT = '''
[tool.ssot-lint]
src = ["."]

[[tool.ssot-lint.contract]]
name = "engine"
canonical = "pkg.api"
deprecated = ["pkg.old", "pkg.dead"]
renames = { "pkg.old.Motor" = "pkg.api.Missing" }
factory-only = ["pkg.api.Engine"]
allowed-in = ["pkg.factories.*"]
'''


def _project(root: Path) -> Path:
    files = {
        "pyproject.toml": CONTRACT,
        "pkg/__init__.py": "",
        "pkg/api.py": "class Engine:\n    pass\n",
        "pkg/old.py": "import os\nfrom pkg.api import Engine\nMotor = Engine\nSpare = 1\n__all__ = ['Engine', 'Motor', 'Spare']\n",
        "pkg/dead.py": "from pkg.api import Engine\n__all__ = ['Engine']\n",
        "pkg/user.py": "from pkg.old import Engine\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_each_warning(tmp_path: Path) -> None:
    warnings = _warnings(_project(tmp_path))
    assert warnings == (
        "contract 'engine': rename target `pkg.api.Missing` (for `pkg.old.Motor`) does not exist: `pkg.api` has no `Missing`",
        ("contract 'engine': canonical `pkg.api` does not provide `Spare`, which deprecated `pkg.old` "
         "exports: its imports cannot be fixed (add it, or a rename)"),
        "contract 'engine': deprecated `pkg.dead` is no longer imported anywhere: it can be deleted",
        "contract 'engine': allowed-in `pkg.factories.*` matches no checked module",
    )


def test_unused_and_unmatched_only_when_the_whole_project_was_checked(tmp_path: Path) -> None:
    warnings = _warnings(_project(tmp_path), whole_project=False)
    assert not any("no longer imported" in w or "allowed-in" in w for w in warnings)
    assert len(warnings) == 2


def test_without_all_only_imported_names_count(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pkg/old.py").write_text("import os\nfrom pkg.api import Engine\nMotor = Engine\n", encoding="utf-8")
    assert not any("does not provide" in w for w in _warnings(root))
    (root / "pkg/user.py").write_text("from pkg.old import os\n", encoding="utf-8")
    assert any("does not provide `os`" in w for w in _warnings(root))


TYPOS = CONTRACT.replace('deprecated = ["pkg.old", "pkg.dead"]', 'deprecated = ["pkg.old", "pkg.ded"]').replace(
    'canonical = "pkg.api"', 'canonical = "pkg.apy"').replace(
    'factory-only = ["pkg.api.Engine"]', 'factory-only = ["pkg.api.Engnie"]\nfactory = "pkg.nowhere.make"\n'
    'deprecated-calls = { "pkg.old.f" = "pkg.api.Enigne" }')


def test_typos_are_warnings_with_did_you_mean(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text(TYPOS, encoding="utf-8")
    warnings = _warnings(root)
    nowhere = "not found under `src` or in the environment of the running interpreter"
    assert f"contract 'engine': canonical `pkg.apy` is {nowhere}: did you mean `pkg.api`?" in warnings
    assert (f"contract 'engine': deprecated `pkg.ded` is {nowhere}: did you mean `pkg.dead`? "
            "(if it was deleted, remove it from `deprecated`)") in warnings
    assert ("contract 'engine': factory-only `pkg.api.Engnie` does not exist: `pkg.api` has no `Engnie`: "
            "did you mean `Engine`?") in warnings
    assert ("contract 'engine': factory `pkg.nowhere.make` does not exist: its module `pkg.nowhere` is "
            f"{nowhere}") in warnings
    assert ("contract 'engine': deprecated-calls replacement `pkg.api.Enigne` (for `pkg.old.f`) does not exist: "
            "`pkg.api` has no `Enigne`: did you mean `Engine`?") in warnings
    assert not any("ded` is no longer imported" in w for w in warnings)  # it never existed


def test_deletable_only_when_no_file_imports_it_whatever_is_selected(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pkg/user.py").write_text("from pkg.dead import Engine  # noqa: SSOT001\n", encoding="utf-8")
    (root / "pkg/other.py").write_text("from pkg.old import Engine\n", encoding="utf-8")
    assert not any("dead` is" in w for w in _warnings(root))  # suppressed, still imported
    ignoring = app.RunOptions(cwd=root, use_cache=False, ignore=("SSOT001",))
    assert not any("old` is" in w for w in app.check(ignoring).warnings)  # hidden by --ignore
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'src = ["."]', 'src = ["."]\nper-file-ignores = { "pkg/other.py" = ["SSOT00"] }'), encoding="utf-8")
    assert not any("old` is" in w for w in _warnings(root))  # hidden by per-file-ignores
    (root / "pkg/other.py").write_text("import os\n", encoding="utf-8")
    assert "contract 'engine': deprecated `pkg.old` is no longer imported anywhere: it can be deleted" in _warnings(root)


def test_only_the_canonical_module_imports_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pkg/impl.py").write_text("class Engine:\n    pass\n", encoding="utf-8")
    (root / "pkg/api.py").write_text("from pkg.impl import Engine\n", encoding="utf-8")
    (root / "pkg/dead.py").write_text("from pkg.impl import Engine\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(CONTRACT.replace('"pkg.dead"]', '"pkg.dead", "pkg.impl"]'), encoding="utf-8")
    warnings = _warnings(root)
    assert ("contract 'engine': deprecated `pkg.impl` is imported only by the canonical module `pkg.api` "
            "(and deprecated `pkg.dead`): move the implementation into `pkg.api`, then delete it") in warnings
    assert "contract 'engine': deprecated `pkg.dead` is no longer imported anywhere: it can be deleted" in warnings


def test_did_you_mean_offers_only_modules_that_exist(tmp_path: Path) -> None:
    """A canonical module in a provider package that is not installed (Airflow's
    `airflow.providers.google...` with only `airflow/providers_manager.py` in the tree) is not
    found; `airflow.providers_manager.google...` does not exist either, so it is not offered."""
    root = _project(tmp_path)
    (root / "pkg/providers_manager.py").write_text("MANAGER = 1\n", encoding="utf-8")
    (root / "pkg/sub").mkdir()
    (root / "pkg/sub/__init__.py").write_text("", encoding="utf-8")
    (root / "pkg/sub/tools.py").write_text("", encoding="utf-8")
    contract = CONTRACT.replace('canonical = "pkg.api"', 'canonical = "pkg.providers.google.bigquery"')
    (root / "pyproject.toml").write_text(contract.replace('"pkg.dead"]', '"pkg.sob.tools"]'), encoding="utf-8")
    nowhere = "not found under `src` or in the environment of the running interpreter"
    warnings = _warnings(root)
    assert f"contract 'engine': canonical `pkg.providers.google.bigquery` is {nowhere}" in warnings
    assert (f"contract 'engine': deprecated `pkg.sob.tools` is {nowhere}: did you mean `pkg.sub.tools`? "
            "(if it was deleted, remove it from `deprecated`)") in warnings
