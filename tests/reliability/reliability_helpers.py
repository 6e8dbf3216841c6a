"""Shared helpers of the reliability suite: an example project, the CLI in a subprocess, hashes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from ssot_lint.checks.base import DEFAULT_CONTRACT, DEFAULT_SOURCES

#: A deprecated import of the default contract: mentions a contract name, so the prefilter reads on.
IMPORT = "from app.websocket_core.manager import WebSocketManager\n"
#: What `fix` turns it into.
FIXED = "from app.websocket_core.websocket_manager import UnifiedWebSocketManager\n"


def adopted(data: bytes) -> bytes:
    """What `fix` makes of a file holding IMPORT: the import moved, and every use of the renamed
    `WebSocketManager` renamed to `UnifiedWebSocketManager` (a rename adopts the new name)."""
    renamed = re.sub(rb"(?<!Unified)WebSocketManager", b"UnifiedWebSocketManager", data)
    return renamed.replace(b"app.websocket_core.manager import", b"app.websocket_core.websocket_manager import")


def make_project(root: Path, files: dict[str, str | bytes] | None = None, settings: str = "",
                 contract: str = DEFAULT_CONTRACT, pyproject: str | None = None) -> Path:
    """The default contract and its modules under `root`, plus `files` (bytes written verbatim)."""
    root.mkdir(parents=True, exist_ok=True)
    body = contract.replace("[[contract]]", "[[tool.ssot-lint.contract]]")
    text = pyproject if pyproject is not None else f'[tool.ssot-lint]\nsrc = ["."]\n{settings}\n{body}'
    (root / "pyproject.toml").write_text(text, encoding="utf-8")
    for relative, content in {**DEFAULT_SOURCES, **(files or {})}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


def cli(cwd: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`ssot-lint ARGS` in a subprocess, as a user runs it (no colour, no cache surprises)."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "ssot_lint", *args], cwd=cwd, capture_output=True, text=True,
        timeout=timeout, env=env, encoding="utf-8", errors="replace",
    )


def _without_root_reads() -> None:
    """In the child before exec: drop root's power to read what permission bits forbid
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so mode 000 means unreadable, as for any user."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def cli_as_user(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`cli`, with permission bits enforced even when the tests run as root."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "ssot_lint", *args], cwd=cwd, capture_output=True, text=True, timeout=120,
        env=env, encoding="utf-8", errors="replace", preexec_fn=_without_root_reads if os.geteuid() == 0 else None,
    )


def run_main(monkeypatch: Any, capsys: Any, *args: str) -> tuple[int, str, str]:
    """The console script's entry point in-process: (exit code, stdout, stderr)."""
    from ssot_lint.cli.main import main

    monkeypatch.setattr(sys, "argv", ["ssot-lint", *args])
    try:
        main()
    except SystemExit as done:
        code = int(done.code or 0)
    else:  # pragma: no cover - main always exits
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_json(cwd: Path, *args: str, timeout: float = 120) -> tuple[int, dict[str, Any], str]:
    """`ssot-lint check --output-format json --no-cache ARGS` -> (exit code, document, stderr)."""
    done = cli(cwd, "check", "--output-format", "json", "--no-cache", *args, timeout=timeout)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, json.loads(done.stdout), done.stderr


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr + done.stdout


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_hashes(root: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under `root` (cache folders excluded)."""
    return {
        p.relative_to(root).as_posix(): sha(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".ssot_lint_cache" not in p.parts
    }


#: the issue's project (`pkg.old` deprecated for `pkg.new`); `{settings}` takes extra lines
PYPROJECT = """\
[tool.ssot-lint]
src = ["."]
{settings}
[[tool.ssot-lint.contract]]
name = "things"
canonical = "pkg.new"
deprecated = ["pkg.old"]
"""
USE = "from pkg.old import Thing\n"
