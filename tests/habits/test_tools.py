"""The repository's own habits, enforced by the tools that `.pre-commit-config.yaml` runs: ruff
(rules and line length), mypy --strict and import-linter's layers contract (README's package
table). Each hook's entry is run here exactly as pre-commit runs it, so the suite (and .ci/run)
fails where a commit would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")  # a dependency of pre-commit, in the test extra

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".pre-commit-config.yaml"


def _hooks() -> dict[str, dict[str, object]]:
    document = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    return {hook["id"]: hook for repo in document["repos"] for hook in repo["hooks"]}


def test_the_hooks_are_ruff_mypy_and_import_linter() -> None:
    hooks = _hooks()
    assert set(hooks) == {"ruff", "mypy", "lint-imports"}
    # run once on the whole repository with its pyproject.toml settings, not on the staged files
    assert all(hook["pass_filenames"] is False for hook in hooks.values())


@pytest.mark.slow
@pytest.mark.parametrize("hook", ["ruff", "mypy", "lint-imports"])
def test_hook_passes_on_the_repository(hook: str) -> None:
    entry = str(_hooks()[hook]["entry"]).split()
    # the tools installed beside this interpreter (the test extra), as an activated venv finds them
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(entry, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(entry)} failed:\n{done.stdout}\n{done.stderr}"


def test_every_package_and_module_of_ssot_lint_is_in_a_layer() -> None:
    """import-linter only checks what the contract names: a new top-level module must be placed."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib

    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"][0]
    placed = {name.strip() for layer in contract["layers"] for name in layer.split(":")}
    package = ROOT / "ssot_lint"
    present = {
        f"ssot_lint.{path.stem}" for path in package.iterdir()
        if (path.suffix == ".py" and path.stem not in ("__init__", "__main__")) or (path / "__init__.py").is_file()
    }
    assert present - placed == set(), "add these to a layer in pyproject.toml and to README's package table"
    assert placed - present == set()


#: files whose `# type: ignore`s do not yet say why (each to be typed or given a reason, then removed).
UNEXPLAINED_IGNORES = {
    "ssot_lint/app.py",
    "ssot_lint/checks/deprecated_import.py",
    "ssot_lint/cli/main.py",
    "ssot_lint/fix/imports.py",
    "ssot_lint/fix/keep.py",
    "ssot_lint/fix/transforms.py",
    "ssot_lint/project/config.py",
    "ssot_lint/runner/engine.py",
}


def test_every_type_ignore_says_why() -> None:
    """`# type: ignore[code]  # reason`: an ignore without a reason is a question left for the next reader."""
    import re

    bare = re.compile(r"#\s*type:\s*ignore(?:\[[^\]]*\]|(?!\[))(?!\s*#\s*\S)")
    unexplained = {
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "ssot_lint").rglob("*.py"))
        if bare.search(path.read_text(encoding="utf-8"))
    }
    assert unexplained - UNEXPLAINED_IGNORES == set(), "give these ignores a reason: `# type: ignore[code]  # why`"
    assert UNEXPLAINED_IGNORES - unexplained == set(), "explained now: remove them from UNEXPLAINED_IGNORES"
