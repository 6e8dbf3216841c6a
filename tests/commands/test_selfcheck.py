"""Contract self-check: each warning on a crafted contract, and none on the reference app."""

from __future__ import annotations

from pathlib import Path

from ssot_lint import app
from ssot_lint.modules import module_for_path
from ssot_lint.selfcheck import contract_warnings


def _warnings(root: Path, whole_project: bool = True) -> tuple[str, ...]:
    options = app.RunOptions(cwd=root, use_cache=False)
    prepared = app.prepare(options)
    report = app.check(options)
    modules = [m.name for m in (module_for_path(f, prepared.project.src) for f in prepared.files) if m]
    return contract_warnings(prepared.project, prepared.job.exports, report, prepared.job.index,
                             modules=modules, whole_project=whole_project)


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
        ("contract 'engine': canonical `pkg.api` does not provide `Spare`, which deprecated `pkg.old` "
         "exports: its imports cannot be fixed (add it, or a rename)"),
        "contract 'engine': deprecated `pkg.dead` is no longer imported anywhere: it can be deleted",
        "contract 'engine': rename target `pkg.api.Missing` (for `pkg.old.Motor`) does not exist",
        "contract 'engine': allowed-in `pkg.factories.*` matches no checked module",
    )


def test_unused_only_when_the_whole_project_was_checked(tmp_path: Path) -> None:
    warnings = _warnings(_project(tmp_path), whole_project=False)
    assert not any("no longer imported" in w for w in warnings)
    assert len(warnings) == 3


def test_without_all_only_imported_names_count(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pkg/old.py").write_text("import os\nfrom pkg.api import Engine\nMotor = Engine\n", encoding="utf-8")
    assert not any("does not provide" in w for w in _warnings(root))
    (root / "pkg/user.py").write_text("from pkg.old import os\n", encoding="utf-8")
    assert any("does not provide `os`" in w for w in _warnings(root))
