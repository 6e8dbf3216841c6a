"""Paths that a configuration file names stay inside its project.

A cloned repository's `pyproject.toml` is not trusted to point elsewhere: `baseline =
"../../../../etc/passwd"` would make `check --update-baseline` replace that file, and a `src` or
`python` outside the project reads or runs what the project does not hold. Only a path given on
the command line (`--baseline`, `--python`, `--config`) may point outside.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["escapes", "outside_message"]


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def escapes(root: Path, value: str | Path, *, follow_links: bool = False) -> bool:
    """Whether `value` (relative to `root`, or absolute) names a place outside `root`: by `..` or
    an absolute path, or, with `follow_links`, through a symlink (a file we read or write)."""
    joined = os.path.join(root, value)
    if not _within(os.path.normpath(joined), os.path.normpath(root)):
        return True
    return follow_links and not _within(os.path.realpath(joined), os.path.realpath(root))


def outside_message(root: Path) -> str:
    """The problem, worded once for every path."""
    return f"points outside the project folder {root}"
