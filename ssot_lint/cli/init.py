"""`ssot-lint init`: propose a contract and write it into `pyproject.toml` (see `proposal`).

Everything else in `pyproject.toml` stays byte-for-byte: the new table is appended as text that
tomlkit wrote, and only `--force` replaces an existing `[tool.ssot-lint]` (via tomlkit, which
keeps the rest of the document's formatting and comments).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from .guard import DebugOpt

__all__ = ["ExistingTable", "merge", "register"]


class ExistingTable(Exception):
    """The file already configures ssot-lint and `--force` was not given."""


def merge(original: str, table: str, force: bool) -> str:
    """`original` with `table` (a `[tool.ssot-lint]` TOML text) added; raises `ExistingTable`
    or `ValueError` (the result would not be valid TOML, e.g. `tool` is an inline table)."""
    import tomlkit

    from ..project.config_file import tomllib

    document = tomlkit.parse(original)
    tool = document.get("tool")
    if tool is not None and "ssot-lint" in tool:
        if not force:
            raise ExistingTable
        del tool["ssot-lint"]
        if not tool:
            del document["tool"]
        original = tomlkit.dumps(document)
    merged = _append(original, table)
    try:
        if "ssot-lint" not in tomllib.loads(merged).get("tool", {}):
            raise ValueError("the new table did not land under [tool]")
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from error
    return merged


def _append(original: str, table: str) -> str:
    """`table` after one blank line, in the file's own line endings."""
    newline = "\r\n" if "\r\n" in original else "\n"
    table = table.replace("\n", newline)
    if not original.strip():
        return table
    ending = len(original) - len(original.rstrip("\r\n"))
    return original + newline * max(0, 2 - original[-ending:].count("\n") if ending else 2) + table


def _root(paths: tuple[Path, ...], cwd: Path) -> Path:
    """The folder of the nearest pyproject.toml at or above the first path, else the cwd."""
    start = (cwd / paths[0]).resolve() if paths else cwd.resolve()
    folder = start if start.is_dir() else start.parent
    return next((f for f in (folder, *folder.parents) if (f / "pyproject.toml").is_file()), cwd.resolve())


def _src(root: Path) -> tuple[str, ...]:
    """A `src/` layout names modules from `src`; otherwise from the project root."""
    src = root / "src"
    return ("src",) if src.is_dir() and not (src / "__init__.py").exists() else (".",)


def init(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to learn from (default: the project).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the proposed TOML; write nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing [tool.ssot-lint] table.")] = False,
    prefer_most_used: Annotated[bool, typer.Option(
        "--prefer-most-used/--prefer-defining",
        help="Canonical module: the path most files already import each symbol from, or (default) "
             "where it is defined, its shortest public re-export, or the replacement its module names.")] = False,
    debug: DebugOpt = False,  # read by `cli.main`, like every command's
) -> None:
    """Propose a contract from the code's own evidence and write it into pyproject.toml.

    Deprecated: shims (modules that only re-export names defined elsewhere, used or not) and
    modules that call themselves deprecated and name a replacement that exists; never a module
    that defines things of its own only because one of its functions warns. Canonical: where each
    re-exported thing is defined or its shortest public re-export (`__all__`). A name re-exported
    under another name, or going elsewhere, becomes a rename; a function warning
    DeprecationWarning becomes a deprecated call when the warning names a replacement that exists.
    Each entry carries its evidence as a TOML comment. Exit 2 if the file already has a
    [tool.ssot-lint] table (use --force).
    """
    from ..insight.graph import scan
    from ..insight.proposal import propose
    from ..insight.proposal_toml import to_toml
    from ..project import discovery
    from .main import _fail

    cwd = Path.cwd()
    root = _root(tuple(paths or ()), cwd)
    src = _src(root)
    files = discovery.find(tuple(paths or (root,)), root).files
    proposals = propose(scan(files, tuple((root / s).resolve() for s in src), root), prefer_most_used)
    if not proposals:
        typer.echo(f"Nothing to propose: no shim, self-declared deprecated module or deprecated function with a "
                   f"replacement ({len(files)} files).")
        return
    table = to_toml(proposals, src)
    if dry_run:
        sys.stdout.write(table)
        return
    target = root / "pyproject.toml"
    before = target.read_bytes() if target.is_file() else b""
    original = before.decode("utf-8")  # no newline translation: the rest stays byte-for-byte
    try:
        merged = merge(original, table, force)
    except ExistingTable:
        raise _fail(f"{target} already has a [tool.ssot-lint] table; pass --force to replace it") from None
    except ValueError as error:
        raise _fail(f"cannot add [tool.ssot-lint] to {target}: {error}") from error
    _write(target, merged.encode("utf-8"), before)
    typer.echo(f"Wrote {len(proposals)} contract(s) to {target}; review them, then run `ssot-lint check`.")


def _write(target: Path, data: bytes, before: bytes) -> None:
    from ..fix.write import StaleFile, atomic_write, digest
    from .main import _fail

    try:
        if target.is_file():
            atomic_write(target, data, digest(before))
        else:
            target.write_bytes(data)
    except (OSError, StaleFile) as error:
        raise _fail(f"cannot write {target}: {error}") from error


def register(app: typer.Typer) -> None:
    app.command(name="init")(init)
