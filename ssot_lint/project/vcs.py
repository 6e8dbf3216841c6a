"""What a change touched, from the real `git`: the files, and the lines added or modified.

`check --diff-base REF` compares the working tree (committed, staged, unstaged, and untracked
files git does not ignore) with the merge base of REF and HEAD, following renames, so a pull
request is judged on what it adds.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Change", "GitError", "changes_since"]

_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_FILE = re.compile(rb"^\+\+\+ b/(.*)$", re.MULTILINE)


class GitError(Exception):
    """git failed or the merge base is not available; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Change:
    """The changed files (absolute paths) and, per file, the lines added or modified."""

    files: tuple[Path, ...]
    #: path -> changed 1-based line numbers; None means every line (a new, untracked file).
    lines: dict[Path, frozenset[int] | None]


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error}; --diff-base needs the git executable") from error
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return done.stdout


def _merge_base(ref: str, top: Path) -> str:
    try:
        return _git(["merge-base", ref, "HEAD"], top).decode().strip()
    except GitError as error:
        shallow = (top / ".git" / "shallow").exists()
        hint = (
            f"this is a shallow clone: fetch the history down to the merge base, e.g. "
            f"`git fetch --deepen=200 origin` or `git fetch --unshallow`, and `git fetch origin {ref}`"
            if shallow else f"check that `{ref}` exists (`git fetch origin` may be needed)"
        )
        raise GitError(f"cannot find the merge base of {ref} and HEAD ({error}); {hint}") from error


def _changed_lines(diff: bytes, top: Path) -> dict[Path, frozenset[int]]:
    lines: dict[Path, set[int]] = {}
    sections = _FILE.split(diff)
    # split() yields [preamble, path1, body1, path2, body2, ...]
    for name, body in zip(sections[1::2], sections[2::2]):
        path = (top / name.decode("utf-8", "surrogateescape")).resolve()
        numbers = lines.setdefault(path, set())
        for match in _HUNK.finditer(body):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            numbers.update(range(start, start + count))
    return {path: frozenset(numbers) for path, numbers in lines.items()}


def changes_since(ref: str, cwd: Path) -> Change:
    """Files and lines changed since the merge base of `ref` and HEAD."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    base = _merge_base(ref, top)
    diff = _git(["diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--diff-filter=AMR", base, "--"], top)
    lines: dict[Path, frozenset[int] | None] = dict(_changed_lines(diff, top))
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    for name in filter(None, untracked.split(b"\0")):
        lines[(top / name.decode("utf-8", "surrogateescape")).resolve()] = None
    files = tuple(sorted(p for p in lines if p.suffix in (".py", ".pyi", ".ipynb") and p.is_file()))
    return Change(files, {p: lines[p] for p in files})
