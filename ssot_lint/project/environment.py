"""The project's Python environment: the folders its imports are found in.

A contract may point at a module that is installed, not part of the project (`sqlalchemy.orm`,
`collections.abc`). We find such modules the way import-linter and mypy do: on the import path of
the project's interpreter -- the one running ssot-lint, or the one named by `python = ...` in the
config or `--python` -- asking that interpreter once for its `sys.path` (as mypy's
`--python-executable` does). Nothing found there is ever imported: `locate` only reads files.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Environment", "InterpreterError", "environment"]

_ASK = "import json, sys; print(json.dumps({'path': sys.path, 'builtin': list(sys.builtin_module_names)}))"


class InterpreterError(Exception):
    """The named interpreter could not be asked for its import path (the CLI exits 2)."""


@dataclass(frozen=True, slots=True)
class Environment:
    """An interpreter and the folders of its import path, in import order."""

    #: what to show the user: the interpreter given, or "the running interpreter".
    python: str
    path: tuple[Path, ...]
    #: modules compiled into the interpreter (`sys`, `itertools`): they exist but have no file.
    builtin: frozenset[str] = frozenset()


def _folders(entries: list[str], base: Path) -> tuple[Path, ...]:
    """Existing folders only: zip files and the script folder ('') do not hold installed code
    we can read, and the project's own folders are looked up under `src` first anyway."""
    folders = []
    for entry in entries:
        folder = base / entry
        if entry and folder.is_dir():
            folders.append(folder.resolve())
    return tuple(dict.fromkeys(folders))


def _executable(python: str, base: Path) -> str:
    """A path (relative to `base`) when it has a folder in it, else a command on PATH."""
    if os.sep in python or "/" in python:
        return str(base / python)
    return shutil.which(python) or python


def environment(python: str | None, base: Path) -> Environment:
    """The import path of `python` (relative paths from `base`), or of the running interpreter."""
    if python is None:
        return Environment("the running interpreter", _folders(sys.path, base), frozenset(sys.builtin_module_names))
    shown = python
    executable = _executable(python, base)
    try:
        done = subprocess.run(
            [executable, "-c", _ASK], capture_output=True, text=True, timeout=30, check=False,
            stdin=subprocess.DEVNULL, cwd=base,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InterpreterError(f"cannot run the interpreter {shown}: {error}") from None
    try:
        answer = json.loads(done.stdout) if done.returncode == 0 else None
    except ValueError:
        answer = None
    entries = answer.get("path") if isinstance(answer, dict) else None
    if not isinstance(entries, list):
        detail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise InterpreterError(f"the interpreter {shown} did not report its import path: {detail}")
    listed = answer.get("builtin") if isinstance(answer, dict) else None
    builtin = listed if isinstance(listed, list) else []
    return Environment(shown, _folders([e for e in entries if isinstance(e, str)], base),
                       frozenset(b for b in builtin if isinstance(b, str)))
