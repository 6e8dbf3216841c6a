"""A progress bar on stderr for long runs, only where a person is watching.

Never in CI logs (`CI` set), never when stderr is not a terminal, never for machine formats; it
appears only once a run has taken about a second, so quick runs stay silent.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any

__all__ = ["progress_callback"]

_DELAY = 1.0


def progress_callback(machine_format: bool) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """(callback for `RunOptions.progress`, a function that removes the bar) or (None, no-op)."""
    if machine_format or os.environ.get("CI") or not sys.stderr.isatty():
        return None, lambda: None
    started = time.monotonic()
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if time.monotonic() - started < _DELAY:
                return
            from rich.progress import Progress

            bar = Progress(transient=True, console=None)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("checking", total=total)
        state["bar"].update(state["task"], completed=done)

    def stop() -> None:
        if "bar" in state:
            state["bar"].stop()

    return update, stop
