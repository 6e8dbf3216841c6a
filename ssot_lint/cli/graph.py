"""`ssot-lint graph SYMBOL`: where a symbol is defined and every import path that reaches it.

Works with or without a contract: before `init` there is none, and seeing the mess is the point.
With one, each path is labelled canonical, deprecated (or renamed) or not in the contract.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from ..insight.graph import Definition, ProjectIndex, scan
from ..insight.installed import with_installed
from ..insight.reach import SymbolPath, reachable, resolve
from ..project.contract import Contract, ContractIndex
from ..project.locate import ModuleFinder
from .guard import DebugOpt

__all__ = ["SymbolGraph", "Workspace", "find_symbol", "load_workspace", "register", "to_document"]


@dataclass(frozen=True, slots=True)
class Workspace:
    """The files to read and how to name their modules; `contracts` is empty before `init`."""

    root: Path
    src: tuple[Path, ...]
    files: tuple[Path, ...]
    contracts: tuple[Contract, ...]
    #: the configured interpreter (`python = ...`), None for the running one.
    python: str | None = None


@dataclass(frozen=True, slots=True)
class SymbolGraph:
    """One definition, the paths reaching it, and other definitions sharing its name."""

    asked: str
    definition: Definition
    paths: tuple[SymbolPath, ...]
    duplicates: tuple[Definition, ...]


def load_workspace(paths: tuple[Path, ...], config: Path | None, cwd: Path) -> Workspace:
    """The configured project when there is one (raises `ConfigError` if it is broken), else
    every Python file under `paths` with module names relative to the cwd."""
    from ..app import RunOptions, prepare
    from ..project import discovery
    from ..project.config import find_config

    start = cwd / paths[0] if paths else cwd
    if config is None and find_config(start) is None:
        found = discovery.find(paths or (cwd,), cwd)
        return Workspace(cwd, (cwd,), found.files, ())
    prepared = prepare(RunOptions(paths=paths, config=config, cwd=cwd))
    project = prepared.project
    return Workspace(project.root, project.src, prepared.files, project.contracts, project.python)


def find_symbol(index: ProjectIndex, asked: str) -> SymbolGraph | None:
    """A dotted name resolves through its module; a bare name picks, among the definitions bound
    under that name, the one reachable through the most modules (then the most used)."""
    module, _, name = asked.rpartition(".")
    reach = reachable(index, frozenset({(module, name)}) if module else frozenset())
    if "." in asked:
        found = resolve(index, module, name)
        primary = found[0] if found else None
    else:
        named = [d for d, paths in reach.items() if any(p.name == asked for p in paths)]
        primary = max(named, key=lambda d: (len(reach[d]), sum(len(p.usage.files) for p in reach[d]), d), default=None)
    if primary is None:
        return None
    names = {primary.name, asked.rpartition(".")[2]}
    duplicates = tuple(sorted(d for d in reach if d != primary and d.name in names))
    return SymbolGraph(asked, primary, reach.get(primary, ()), duplicates)


def _status(contracts: tuple[Contract, ...], path: SymbolPath) -> tuple[str, str | None]:
    """What the contract says about a path: canonical, deprecated, renamed, or nothing."""
    if any(c.canonical == path.module for c in contracts):
        return "canonical", None
    move = ContractIndex.build(contracts).move(path.dotted)
    if move is None:
        return "unspecified", None
    return ("deprecated" if move.whole_module else "renamed"), move.new


def _definition(d: Definition) -> dict[str, Any]:
    return {"module": d.module, "name": d.name, "kind": d.kind, "line": d.line, "path": d.path}


def to_document(graph: SymbolGraph, contracts: tuple[Contract, ...]) -> dict[str, Any]:
    """The graph as plain data: the JSON output, and what the text tree is drawn from."""
    paths = []
    for p in graph.paths:
        status, moves_to = _status(contracts, p)
        paths.append({
            "module": p.module, "name": p.name, "dotted": p.dotted, "role": p.role, "line": p.line,
            "chain": list(p.chain), "depth": p.depth, "via": ".".join(p.via) if p.via else None,
            "files": len(p.usage.files), "imports": p.usage.imports, "attribute_uses": p.usage.attribute_uses,
            "contract": status, "moves_to": moves_to,
        })
    return {
        "symbol": graph.asked,
        "definition": _definition(graph.definition),
        "paths": paths,
        "duplicates": [_definition(d) for d in graph.duplicates],
    }


def render_tree(document: dict[str, Any], out: TextIO, color: bool) -> None:
    """A rich tree: each path nested under the path it imports from."""
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    from ..sanitize import printable

    d = document["definition"]
    tree = Tree(Text.assemble((printable(d["name"]), "bold"),
                              printable(f" ({d['kind']}) defined in {d['module']}:{d['line']} ({d['path']})")))
    nodes: dict[str, Tree] = {}
    for path in document["paths"]:
        parent = nodes.get(path["via"], tree)
        nodes[path["dotted"]] = parent.add(_label(path))
    if document["duplicates"]:
        branch = tree.add(Text(printable(f"other definitions named {d['name']} (duplicates)"), "bold yellow"))
        for dup in document["duplicates"]:
            branch.add(Text(printable(f"{dup['module']}.{dup['name']} ({dup['kind']}) at {dup['path']}:{dup['line']}")))
    # a pipe or file gets every label whole: a tree's chains are long and must not be cut
    width = None if getattr(out, "isatty", lambda: False)() else 1000
    Console(file=out, force_terminal=color, no_color=not color, highlight=False, width=width).print(tree)


def _label(path: dict[str, Any]) -> Any:
    from rich.text import Text

    from ..sanitize import printable

    styles = {"canonical": "bold green", "deprecated": "bold red", "renamed": "bold red", "unspecified": "dim"}
    contract = path["contract"] + (f" -> {path['moves_to']}" if path["moves_to"] else "")
    head = Text.assemble((printable(path["dotted"]), "bold"), f"  {path['role']}, line {path['line']}  ",
                         (printable(f"[{contract}]"), styles[path["contract"]]))
    uses = f"{path['files']} files, {path['imports']} imports, {path['attribute_uses']} attribute uses"
    chain = printable(" -> ".join(path["chain"]))
    return head + Text(f"\ndepth {path['depth']}: {chain}\n{uses}")


def graph(
    symbol: Annotated[str, typer.Argument(help="A dotted (`pkg.mod.Name`) or bare (`Name`) class or function name.")],
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders (default: the current folder).")] = None,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML file with the [tool.ssot-lint] keys at top level.")] = None,
    output_format: Annotated[str, typer.Option("--output-format", help="text or json.")] = "text",
    python: Annotated[str | None, typer.Option("--python", help="The interpreter whose installed packages a symbol may come from (default: the running one).")] = None,
    debug: DebugOpt = False,  # read by `cli.main`, like every command's
) -> None:
    """Show where SYMBOL is defined and every import path that reaches it. Exit 2 if not found."""
    from ..project.config import ConfigError
    from ..project.environment import InterpreterError
    from .main import _color, _config_message, _fail

    if output_format not in ("text", "json"):
        raise _fail(f"graph supports --output-format text or json, not {output_format!r}")
    try:
        workspace = load_workspace(tuple(paths or ()), config, Path.cwd())
    except ConfigError as error:
        raise _fail(_config_message(error)) from error
    leaf = symbol.rpartition(".")[2]
    index = scan(workspace.files, workspace.src, Path.cwd(), leaf)
    found = find_symbol(index, symbol)
    if found is None:  # perhaps it is defined in an installed package
        try:
            found = find_symbol(with_installed(index, symbol, _finder(workspace, python)), symbol)
        except InterpreterError as error:
            raise _fail(str(error)) from error
    if found is None:
        raise _fail(f"no class or function {symbol!r} found in {len(workspace.files)} files")
    document = to_document(found, workspace.contracts)
    if output_format == "json":
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        render_tree(document, sys.stdout, _color(None))


def _finder(workspace: Workspace, python: str | None) -> ModuleFinder:
    """Installed modules are read on the environment's path (`--python`, else the config's)."""
    from ..project.environment import environment

    chosen = python or workspace.python
    base = Path.cwd() if python else workspace.root
    return ModuleFinder(workspace.src, lambda: environment(chosen, base))


def register(app: typer.Typer) -> None:
    app.command(name="graph")(graph)
