"""`ssot-lint server`: the language server, for editors (see `ssot_lint.lsp.server`)."""

from __future__ import annotations

import typer

from ..findings import ExitCode
from .guard import DebugOpt

__all__ = ["register"]


def server(debug: DebugOpt = False) -> None:  # `debug` is read by `cli.main`, like every command's
    """Run the Language Server on stdin/stdout: diagnostics as you type, quick fixes, fix all."""
    try:
        from ..lsp.server import run
    except ImportError as error:  # pygls is a dependency; a broken install says so
        typer.echo(f"ssot-lint: error: the language server needs pygls ({error}); reinstall ssot-lint", err=True)
        raise typer.Exit(ExitCode.ERROR) from error
    run()


def register(app: typer.Typer) -> None:
    app.command(name="server")(server)
