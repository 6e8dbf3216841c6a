"""`ssot-lint stats`: the migration burndown as rich tables, JSON, or a self-contained HTML page."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from typer.core import TyperCommand

from ..findings import ExitCode
from .guard import DebugOpt

__all__ = ["register"]


def _text(document: dict[str, Any], out: TextIO, color: bool) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..sanitize import printable

    # names come from the project: never read as rich markup (`[link=...]`, `[/x]`) or `:emoji:`
    console = Console(file=out, force_terminal=color, no_color=not color, highlight=False, markup=False,
                      emoji=False, width=None if getattr(out, "isatty", lambda: False)() else 200)
    for key, title in (("by_contract", "contract"), ("by_rule", "rule"),
                       ("by_deprecated_path", "deprecated path"),
                       ("by_directory", f"directory (depth {document['depth']})")):
        table = Table(title=f"Findings by {title}", box=box.SIMPLE, title_justify="left")
        table.add_column(title.split(" (")[0].capitalize())
        table.add_column("Findings", justify="right")
        table.add_column("Fixable", justify="right")
        for row in document[key]:
            table.add_row(Text(printable(row["key"])), str(row["findings"]), str(row["fixable"]))
        console.print(table)
    console.print(f"{document['findings']} findings ({document['fixable']} fixable now) in "
                  f"{document['files_scanned']} files scanned at {document['generated_at']}")


def _history(files: list[Path]) -> list[dict[str, Any]]:
    """Earlier snapshots, read as hostile input: each must carry its three numbers, typed."""
    from ..jsondoc import DocumentError, expect, read_json
    from .main import _fail

    snapshots = []
    for file in files:
        try:
            snapshot = read_json(file)
            snapshots.append({
                "generated_at": expect(snapshot, "generated_at", str),
                "findings": expect(snapshot, "findings", int),
                "fixable": expect(snapshot, "fixable", int),
            })
        except (OSError, DocumentError) as error:
            raise _fail(f"--history {file}: not a `stats --output-format json` snapshot ({error})") from error
    return snapshots


def stats(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the current folder).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file with the [tool.ssot-lint] keys at top level.")] = None,
    output_format: Annotated[str, typer.Option("--output-format", help="text or json (the snapshot --history reads).")] = "text",
    depth: Annotated[int, typer.Option("--depth", help="Directory levels below the project root to group by.")] = 1,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a self-contained HTML page with charts.")] = None,
    history: Annotated[list[Path] | None, typer.Option("--history", help="Earlier JSON snapshots for the burndown line (repeat, or list them after it).")] = None,
    debug: DebugOpt = False,  # read by `cli.main`, like every command's
) -> None:
    """Count check's findings per contract, rule, deprecated path and directory, with how many are
    fixable now. Exit 0 unless the configuration or a path is broken (2)."""
    from .. import app as use_cases
    from ..insight.stats import aggregate, to_document
    from ..insight.stats_page import render_page
    from ..project.config import ConfigError
    from ..project.contract import ContractIndex
    from ..sanitize import json_safe
    from .main import _color, _config_message, _fail

    if output_format not in ("text", "json"):
        raise _fail(f"stats supports --output-format text or json, not {output_format!r}")
    if depth < 1:
        raise _fail(f"--depth must be 1 or more, got {depth}")
    snapshots = _history(list(history or ()))
    options = use_cases.RunOptions(paths=tuple(paths or ()), config=config, isolate=True)
    try:
        project = use_cases.prepare(options).project
        report = use_cases.check(options)
    except ConfigError as error:
        raise _fail(_config_message(error)) from error
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    numbers = aggregate(report, ContractIndex.build(project.contracts), project.root, options.cwd, depth, now)
    document = to_document(numbers)
    if output_format == "json":
        sys.stdout.write(json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n")
    else:
        _text(document, sys.stdout, _color(None))
    if html is not None:
        try:
            html.write_text(render_page(document, snapshots, project.root.resolve().name), encoding="utf-8")
        except OSError as error:
            raise _fail(f"cannot write {html}: {error.strerror or error}") from error
    if report.errors:
        raise typer.Exit(ExitCode.ERROR)


def spread_history(args: list[str]) -> list[str]:
    """`--history a.json b.json` -> `--history a.json --history b.json`: every `.json` argument
    right after `--history`'s own value is a snapshot too (a click option takes one value)."""
    spread: list[str] = []
    rest = iter(args)
    for arg in rest:
        spread.append(arg)
        if arg != "--history":
            continue
        value = next(rest, None)
        if value is None:
            break
        spread.append(value)
        for more in rest:
            if more.startswith("-") or not more.lower().endswith(".json"):
                spread.append(more)
                break
            spread += ["--history", more]
    return spread


class _HistoryCommand(TyperCommand):
    """`stats` with `--history` taking every snapshot listed after it, as the README says."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, spread_history(args))


def register(app: typer.Typer) -> None:
    app.command(name="stats", cls=_HistoryCommand)(stats)
