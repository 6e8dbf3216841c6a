"""Reviewing a large migration: `fix --interactive` asks file by file (as Fixit's and ast-grep's
interactive modes do), `fix --diff --split-by` writes one patch per owner or top-level folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from ..findings import FixReport
from ..fix.split import CODEOWNERS_PLACES, Patch, Rule, owners_rules, split
from ..fix.write import write_patches

__all__ = ["Reviewer", "is_terminal", "split_patches", "usage_problem", "write_split"]

SPLIT_BY = ("owner", "directory")


def usage_problem(interactive: bool, split_by: str | None, diff: bool, stdin: bool) -> str | None:
    """Why `--interactive`/`--split-by` make no sense in this run (None: they do)."""
    if split_by is not None and split_by not in SPLIT_BY:
        return f"--split-by takes {' or '.join(SPLIT_BY)}, not {split_by!r}"
    if split_by is not None and not diff:
        return "--split-by writes patches instead of files: use it with --diff"
    if interactive and (diff or stdin):
        return "--interactive asks before writing files: not with --diff or --stdin-filename"
    if interactive and not is_terminal():
        return "--interactive needs a terminal to ask on; without one, review with --diff"
    return None


def is_terminal() -> bool:
    """Both ends are a terminal: someone is there to answer."""
    return sys.stdin.isatty() and sys.stdout.isatty()


class Reviewer:
    """`accept` for `app.fix`: shows each file's diff and asks y (write it), n (leave it), a
    (write it and every file after it), q (leave it and every file after it)."""

    def __init__(self) -> None:
        self.answer: str | None = None  # "a" or "q" once given: asked no more

    def __call__(self, path: str, diff: str) -> bool:
        if self.answer is None:
            typer.echo(diff, nl=False)
            choice = ""
            while choice not in ("y", "n", "a", "q"):
                choice = str(typer.prompt(f"Write {path}? [y]es, [n]o, [a]ll the rest, [q]uit", default="n")).strip().lower()[:1]
            if choice in ("a", "q"):
                self.answer = choice
            return choice in ("y", "a")
        return self.answer == "a"


def _codeowners(root: Path) -> str | None:
    for place in CODEOWNERS_PLACES:
        path = root / place
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None


def split_patches(report: FixReport, by: str, cwd: Path) -> tuple[Patch, ...]:
    """The report's diffs as patches grouped `by`; raises LookupError when grouping by owner and
    the project has no CODEOWNERS."""
    root = Path(report.remaining.root or cwd)
    rules: tuple[Rule, ...] = ()
    if by == "owner":
        text = _codeowners(root)
        if text is None:
            raise LookupError(f"no CODEOWNERS in {root} ({', '.join(CODEOWNERS_PLACES)})")
        rules = owners_rules(text)
    diffs = []
    for change in report.changes:
        absolute = (cwd / change.path).resolve()
        relative = absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else change.path
        diffs.append((relative, change.path, change.diff))
    return split(diffs, by, rules)


def write_split(report: FixReport, by: str, folder: Path, cwd: Path, echo: Callable[[str], None]) -> None:
    """Write the patches into `folder` and say what went where."""
    patches = split_patches(report, by, cwd)
    write_patches(folder, tuple((p.name, p.text) for p in patches))
    for patch in patches:
        files = len(patch.paths)
        echo(f"{folder / patch.name}: {patch.group} ({files} file{'s' if files != 1 else ''})")
