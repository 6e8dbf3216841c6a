"""Commands beyond check/fix/merge/rule, each in its own module with a `register(app)`.

Listed explicitly (no discovery by import side effects): adding a command is one module and one
line here.
"""

from __future__ import annotations

import typer

__all__ = ["register"]

_MODULES: tuple[str, ...] = ("graph", "init", "stats", "server")


def register(app: typer.Typer) -> None:
    """Attach every extra command to the CLI app."""
    import importlib

    for name in _MODULES:
        importlib.import_module(f"{__package__}.{name}").register(app)
