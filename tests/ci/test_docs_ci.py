"""Every `ssot-lint` command in docs/ci.md runs, so the documented CI setup cannot rot.

The commands are taken from the page's code blocks (shell lines, YAML `run:` steps and GitLab
`script:` items) and run in document order, through bash, in a real clone of a repository holding
the reference app and its contract, on a feature branch with a new violation. CI placeholders are
replaced by real values (`origin/${{ github.base_ref }}` becomes `origin/main`). Each command must
exit 0 or 1; exit 2 would be a usage or configuration error in the documentation.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ci.md"
REFERENCE_APP = ROOT / "fixtures" / "reference_app"

_BLOCK = re.compile(r"^[ \t]*```[\w-]*\n(.*?)^[ \t]*```", re.MULTILINE | re.DOTALL)
_COMMAND = re.compile(r"^\s*(?:-\s+)?(?:run:\s*)?(ssot-lint\s+(?:check|fix|merge|rule)\b.*?)\s*$")

#: GitHub expressions -> values; GitLab variables are set in the environment.
PLACEHOLDERS = {
    "${{ github.base_ref }}": "main",
    "${{ matrix.shard }}": "1",
}
#: one xdist worker runs this module, so the clone and the command runs are made once.
pytestmark = pytest.mark.xdist_group("docs-ci")

ENVIRONMENT = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "CI_PIPELINE_SOURCE": "merge_request_event"}


def code_blocks() -> list[str]:
    return _BLOCK.findall(DOC.read_text(encoding="utf-8"))


def documented_commands() -> list[str]:
    commands = []
    for block in code_blocks():
        for line in block.splitlines():
            match = _COMMAND.match(line)
            if match:
                commands.append(match.group(1))
    return commands


def substituted(command: str) -> str:
    for placeholder, value in PLACEHOLDERS.items():
        command = command.replace(placeholder, value)
    assert "${{" not in command, f"unknown GitHub expression in {command!r}: add it to PLACEHOLDERS"
    # the module of the interpreter running the tests, not whatever `ssot-lint` is on PATH
    return shlex.quote(sys.executable) + " -m ssot_lint" + command[len("ssot-lint"):]


COMMANDS = documented_commands()


def test_the_page_documents_the_ci_setup() -> None:
    text = DOC.read_text(encoding="utf-8")
    for needle in (
        "fetch-depth: 0", "actions/setup-python", "pip install", "github/codeql-action/upload-sarif",
        "--diff-base origin/${{ github.base_ref }} --output-format sarif --output ssot.sarif",
        ".gitlab-ci.yml", "GIT_DEPTH: 0", "--update-baseline", "--strict-baseline", "--shard",
        "ssot-lint merge", "renames are not followed", "fetch",
    ):
        assert needle.lower() in text.lower(), needle
    assert len(COMMANDS) >= 10
    joined = "\n".join(COMMANDS)
    for option in ("--diff-base", "--all-lines", "--update-baseline", "--strict-baseline", "--baseline",
                   "--shard", "--output-format sarif"):
        assert option in joined, option
    assert any(c.startswith("ssot-lint merge") for c in COMMANDS)


def test_yaml_blocks_parse() -> None:
    yaml = pytest.importorskip("yaml")
    blocks = [b for b in code_blocks() if re.search(r"^\s*[\w-]+:\s", b, re.MULTILINE) and "ssot-lint" in b]
    assert blocks
    for block in blocks:
        if block.startswith("      -"):  # a step snippet, indented as inside a workflow's steps
            block = "steps:\n" + block
        assert yaml.safe_load(block) is not None


def test_documented_hooks_exist() -> None:
    yaml = pytest.importorskip("yaml")
    defined = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    documented = set(re.findall(r"- id: ([\w-]+)", DOC.read_text(encoding="utf-8")))
    assert documented and documented <= defined


@pytest.fixture(scope="module")
def clone_of_reference_app(tmp_path_factory: pytest.TempPathFactory, git_tools) -> tuple[Path, dict[str, str]]:  # type: ignore[no-untyped-def]
    """A clone (with `origin/main`) of the reference app, on a feature branch adding a violation."""
    git, git_env = git_tools
    base = tmp_path_factory.mktemp("docs-ci")
    origin = base / "origin"
    shutil.copytree(REFERENCE_APP, origin, ignore=shutil.ignore_patterns("__pycache__", ".ssot_lint_cache"))
    (origin / ".gitignore").write_text(".ssot_lint_cache/\n__pycache__/\n", encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    for key, value in (("user.name", "CI Test"), ("user.email", "ci@example.invalid")):
        git(origin, "config", key, value)
    git(origin, "add", "-A")
    git(origin, "commit", "-q", "-m", "reference app")
    git(base, "clone", "-q", origin.as_uri(), "work")
    work = base / "work"
    for key, value in (("user.name", "CI Test"), ("user.email", "ci@example.invalid")):
        git(work, "config", key, value)
    git(work, "checkout", "-q", "-b", "feature")
    (work / "app" / "feature.py").write_text(
        "from app.websocket_core.unified_manager import UnifiedWebSocketManager\n", encoding="utf-8"
    )
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "a new violation")
    return work, git_env(**ENVIRONMENT)


@pytest.fixture(scope="module")
def runs(clone_of_reference_app) -> dict[int, subprocess.CompletedProcess[str]]:  # type: ignore[no-untyped-def]
    """Every documented command, run once in document order (later ones read earlier outputs)."""
    work, env = clone_of_reference_app
    done = {}
    for index, command in enumerate(COMMANDS):
        done[index] = subprocess.run(
            ["bash", "-c", substituted(command)], cwd=work, env=env, capture_output=True, text=True,
            check=False, timeout=120,
        )
    return done


@pytest.mark.parametrize("index", range(len(COMMANDS)), ids=[c[:80] for c in COMMANDS])
def test_documented_command_runs(index: int, runs) -> None:  # type: ignore[no-untyped-def]
    result = runs[index]
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), f"{COMMANDS[index]}\nexit {result.returncode}\n{output}"
    assert "Traceback" not in output, output


def test_documented_commands_produce_their_files(runs, clone_of_reference_app) -> None:  # type: ignore[no-untyped-def]
    work, _ = clone_of_reference_app
    sarif = json.loads((work / "ssot.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    for name in ("shard-1.json", "shard-2.json", "ssot.json", ".ssot-lint-baseline.json"):
        assert (work / name).exists(), name
    # the pull request's new violation fails the diff-base gate
    first = next(i for i, c in enumerate(COMMANDS) if c == "ssot-lint check --diff-base origin/main")
    assert runs[first].returncode == 1
    assert "app/feature.py" in runs[first].stdout
