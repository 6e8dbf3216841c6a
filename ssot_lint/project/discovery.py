"""Paths given on the command line -> the sorted Python files to check (the only directory walker).

Skips the usual virtualenv, VCS and cache folders, the configured `exclude` globs, and what the
project's `.gitignore` files ignore. A file named explicitly is always checked, as in Ruff.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SKIPPED_DIRS", "Discovery", "excluded", "find"]

SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".ssot_lint_cache", "node_modules", "site-packages", ".eggs",
    ".hypothesis",
})
_SUFFIXES = (".py", ".pyi", ".ipynb")


#: what `fix.write` names its temporary files (never `*.py`, so no tool takes them for source).
TEMP_MARKER = ".ssot-lint-"


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[Path, ...]
    #: paths that were given but do not exist.
    missing: tuple[Path, ...] = ()
    #: temporaries a killed `fix` left behind, seen during the walk (the next run removes them).
    temporaries: tuple[Path, ...] = ()
    #: folders (or given paths) that could not be read, with what to say: the run is incomplete.
    unreadable: tuple[tuple[Path, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Rule:
    base: str  # posix path of the folder holding the .gitignore, relative to the root ("" = root)
    pattern: str
    negate: bool
    dir_only: bool
    anchored: bool

    def matches(self, relative: str, is_dir: bool) -> bool:
        if self.dir_only and not is_dir:
            return False
        if self.base:
            if not relative.startswith(self.base + "/"):
                return False
            relative = relative[len(self.base) + 1 :]
        if self.anchored:
            return fnmatch.fnmatchcase(relative, self.pattern)
        name = relative.rsplit("/", 1)[-1]
        return fnmatch.fnmatchcase(name, self.pattern) or fnmatch.fnmatchcase(relative, "*/" + self.pattern)


def _read_gitignore(folder: Path, base: str) -> list[_Rule]:
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    rules = []
    for raw in lines:
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        negate = line.startswith("!")
        line = line[1:] if negate else line
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        anchored = "/" in line
        rules.append(_Rule(base, line.lstrip("/"), negate, dir_only, anchored))
    return rules


def _ignored(relative: str, is_dir: bool, rules: list[_Rule]) -> bool:
    ignored = False
    for rule in rules:
        if rule.matches(relative, is_dir):
            ignored = not rule.negate
    return ignored


def _excluded(relative: str, exclude: tuple[str, ...]) -> bool:
    """Whether the path, or its last component, matches an `exclude` glob (`**/x` also as `x`)."""
    if not exclude:
        return False
    matcher = _exclude_matcher(exclude)
    return matcher(relative) is not None or matcher(relative.rsplit("/", 1)[-1]) is not None


@functools.lru_cache(maxsize=16)
def _exclude_matcher(exclude: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled alternation of every glob: called for each of 10,000 files on every run."""
    globs = {g for pattern in exclude for g in (pattern, pattern.removeprefix("**/"))}
    return re.compile("|".join(f"(?:{fnmatch.translate(g)})" for g in sorted(globs))).match


def _is_temporary(name: str) -> bool:
    return name.startswith(".") and TEMP_MARKER in name and name.endswith(".tmp")


def _walk(top: Path, root: Path, exclude: tuple[str, ...], temporaries: list[str], errors: list[OSError]) -> list[str]:
    """Absolute paths, as strings: on 10,000 files pathlib's objects cost more than the walk.
    A folder that cannot be listed goes to `errors`: skipping it silently would pass its files."""
    rules: list[_Rule] = []
    top_text = os.path.abspath(top)
    root_text = os.fspath(root)
    if top_text != root_text and top_text.startswith(root_text.rstrip(os.sep) + os.sep):
        rules.extend(_read_gitignore(root, ""))
    found: list[str] = []
    for folder, dirs, files in os.walk(top_text, onerror=errors.append):
        relative_folder = _relative_text(folder, root_text)
        if ".gitignore" in files:
            rules.extend(_read_gitignore(Path(folder), relative_folder))
        kept = []
        for name in sorted(dirs):
            rel = f"{relative_folder}/{name}".lstrip("/")
            if name in SKIPPED_DIRS or name.endswith(".egg-info") or _excluded(rel, exclude) or _ignored(rel, True, rules):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in files:
            if _is_temporary(name):
                temporaries.append(os.path.join(folder, name))
                continue
            rel = f"{relative_folder}/{name}".lstrip("/")
            if name.endswith(_SUFFIXES) and not _excluded(rel, exclude) and not _ignored(rel, False, rules):
                found.append(os.path.join(folder, name))
    return found


def _relative_text(folder: str, root: str) -> str:
    if folder == root:
        return ""
    prefix = root.rstrip(os.sep) + os.sep
    if folder.startswith(prefix):
        return folder[len(prefix) :].replace(os.sep, "/")
    return folder.replace(os.sep, "/")


def _relative(path: Path, root: Path) -> str:
    try:
        relative = path.absolute().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
    return "" if relative == "." else relative


def find(paths: list[Path] | tuple[Path, ...], root: Path, exclude: tuple[str, ...] = ()) -> Discovery:
    """Every Python file under `paths`, absolute, deduplicated and sorted."""
    files: set[str] = set()
    missing: list[Path] = []
    temporaries: list[str] = []
    errors: list[OSError] = []
    problems: set[tuple[Path, str]] = set()
    for path in paths:
        try:
            # a FIFO or device named explicitly is a file the engine refuses with its reason
            kind = "folder" if path.is_dir() else "file" if path.exists() else None
        except OSError as error:  # a folder on the way cannot be searched
            problems.add((path, f"cannot read: {error.strerror or error}"))
            continue
        if kind == "file":
            files.add(os.path.abspath(path))
        elif kind == "folder":
            files.update(_walk(path, root, exclude, temporaries, errors))
        else:
            missing.append(path)
    problems.update(
        (Path(os.fspath(e.filename)), f"cannot read folder: {e.strerror or e}; its files were not checked") for e in errors
    )
    return Discovery(
        tuple(map(Path, sorted(files))), tuple(missing), tuple(map(Path, sorted(set(temporaries)))), tuple(sorted(problems))
    )


def excluded(path: Path, root: Path, exclude: tuple[str, ...]) -> bool:
    """Whether a file given by git (not walked) falls under the usual or configured excludes."""
    relative = _relative(path, root)
    parts = relative.split("/")[:-1]
    if any(p in SKIPPED_DIRS or p.endswith(".egg-info") for p in parts):
        return True
    return any(_excluded("/".join(parts[: i + 1]), exclude) for i in range(len(parts))) or _excluded(relative, exclude)
