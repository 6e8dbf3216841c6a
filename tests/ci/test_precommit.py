"""The real `pre-commit run` of this repository's `.pre-commit-hooks.yaml`.

pre-commit installs a hook repository at a rev, so the test snapshots the working tree of this
repository (the hook file, the package and its build files) into a temporary git repository and
commits it: the hooks are tested as they are now, committed or not, and the real repository's
git state is never touched. pre-commit then pip-installs the package into its own environment
under a temporary PRE_COMMIT_HOME (shared by the tests of this module, so it is built once).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ssot_lint.home import RELEASE_TAG, REPOSITORY

yaml = pytest.importorskip("yaml")  # a dependency of pre-commit
pytest.importorskip("pre_commit")

#: one xdist worker runs this module, so the pre-commit environment of `hook_env` is built once.
pytestmark = pytest.mark.xdist_group("precommit")

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / ".pre-commit-hooks.yaml"
DOC = ROOT / "docs" / "ci.md"
#: where docs/ci.md says ssot-lint lives (`ssot_lint.home`); the tests point it at the snapshot instead.
DOC_URL = REPOSITORY
DOC_REV = RELEASE_TAG
VIOLATION = "from app.websocket_core.unified_manager import UnifiedWebSocketManager\n"
FIXED = "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n"


def test_hook_definitions() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text(encoding="utf-8"))}
    assert set(hooks) == {"ssot-lint", "ssot-lint-fix"}
    check, fix = hooks["ssot-lint"], hooks["ssot-lint-fix"]
    assert check["entry"] == "ssot-lint check"
    assert fix["entry"] == "ssot-lint fix"
    for hook in (check, fix):
        assert hook["language"] == "python"
        assert hook["types"] == ["python"]
        assert hook["pass_filenames"] is True
        assert hook["require_serial"] is False
        assert hook["name"]


def _snapshot(destination: Path, git) -> Path:  # type: ignore[no-untyped-def]
    """This repository's working tree, as much as pre-commit needs to install the hooks, committed."""
    destination.mkdir()
    for name in (".pre-commit-hooks.yaml", "pyproject.toml", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, destination / name)
    shutil.copytree(
        ROOT / "ssot_lint", destination / "ssot_lint",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*.tmp"),
    )
    git(destination, "init", "-q", "-b", "main")
    git(destination, "config", "user.name", "CI Test")
    git(destination, "config", "user.email", "ci@example.invalid")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "snapshot of the working tree")
    git(destination, "tag", DOC_REV)  # the rev docs/ci.md pins, as a release would be tagged
    return destination


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory, git_tools) -> tuple[Path, dict[str, str]]:  # type: ignore[no-untyped-def]
    git, git_env = git_tools
    base = tmp_path_factory.mktemp("precommit")
    hook_repo = _snapshot(base / "hook-repo", git)
    env = git_env(PRE_COMMIT_HOME=str(base / "pre-commit-home"), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    env.pop("PRE_COMMIT", None)
    env.pop("VIRTUAL_ENV", None)
    return hook_repo, env


def _run_hook(hook_repo: Path, target: Path, hook: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`pre-commit run HOOK --all-files` with a config naming the snapshot at the rev docs/ci.md
    pins. (Not `try-repo`: it builds a fresh environment on every call; `run` keeps it in
    PRE_COMMIT_HOME, keyed by repo and rev, so the module builds it once.)"""
    config = hook_repo.parent / "pre-commit-config.yaml"
    config.write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {DOC_REV}\n    hooks:\n      - id: ssot-lint\n      - id: ssot-lint-fix\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--verbose", "--color", "never",
         "--config", str(config)],
        cwd=target, env=env, capture_output=True, text=True, check=False, timeout=600,
    )


@pytest.mark.slow
def test_the_hook_fails_on_a_violation_then_passes_after_the_fix_hook(make_repo, hook_env) -> None:
    hook_repo, env = hook_env
    target = make_repo({"app/consumer.py": VIOLATION, "app/clean.py": "import os\n"}, name="target")

    failing = _run_hook(hook_repo, target.root, "ssot-lint", env)
    output = failing.stdout + failing.stderr
    assert failing.returncode != 0, output
    assert "ssot-lint" in output and "Failed" in output, output
    assert "app/consumer.py:1:" in output, output
    assert "SSOT001" in output, output

    fixing = _run_hook(hook_repo, target.root, "ssot-lint-fix", env)
    output = fixing.stdout + fixing.stderr
    # pre-commit fails a hook that modified files, so the user reviews and stages the fix
    assert fixing.returncode != 0, output
    assert "files were modified by this hook" in output, output
    assert target.read("app/consumer.py") == FIXED

    passing = _run_hook(hook_repo, target.root, "ssot-lint", env)
    output = passing.stdout + passing.stderr
    assert passing.returncode == 0, output
    assert "Passed" in output, output


@pytest.mark.slow
def test_fix_hook_on_clean_files_passes(make_repo, hook_env) -> None:
    hook_repo, env = hook_env
    target = make_repo({"app/consumer.py": FIXED}, name="clean-target")
    done = _run_hook(hook_repo, target.root, "ssot-lint-fix", env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert os.path.exists(target.root / "app" / "consumer.py")


def _documented_config() -> str:
    """The `.pre-commit-config.yaml` block of docs/ci.md, as a user pastes it."""
    blocks = re.findall(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) == 1
    return blocks[0]


def test_the_documented_config_pins_the_rev_of_a_release() -> None:
    config = yaml.safe_load(_documented_config())
    [repo] = config["repos"]
    assert (repo["repo"], repo["rev"]) == (DOC_URL, DOC_REV)


@pytest.mark.slow
def test_the_documented_config_runs_and_prints_concise_findings(make_repo, hook_env) -> None:
    hook_repo, env = hook_env
    target = make_repo({"app/consumer.py": VIOLATION, "app/clean.py": "import os\n"}, name="documented")
    config = _documented_config().replace(DOC_URL, str(hook_repo))
    target.write(".pre-commit-config.yaml", config)
    target.commit("pre-commit config")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "ssot-lint", "--all-files", "--color", "never"],
                          cwd=target.root, env=env, capture_output=True, text=True, check=False, timeout=600)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "app/consumer.py:1:48: SSOT001 `app.websocket_core.unified_manager` is deprecated" in output
    assert "Found 1 finding (1 fixable with `ssot-lint check --fix`)." in output
    assert "Findings by rule" not in output and "warning:" not in output


@pytest.mark.slow
def test_the_documented_pip_install_line_installs_from_the_repository(hook_env, tmp_path) -> None:
    hook_repo, env = hook_env
    lines = set(re.findall(r'pip install "git\+[^"]+"', DOC.read_text(encoding="utf-8")))
    assert lines == {f'pip install "git+{DOC_URL}@{DOC_REV}"'}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    command = lines.pop().replace(DOC_URL, hook_repo.as_uri()).replace("pip install", f"{venv}/bin/pip install -q", 1)
    done = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    version = subprocess.run([str(venv / "bin" / "ssot-lint"), "--version"], capture_output=True, text=True, check=False)
    assert version.stdout.strip() == "ssot-lint 0.1.0"
