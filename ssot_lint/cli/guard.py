"""The last line of defence: an exception no command handled exits 2 with one line, never 1.

Exit 1 means "findings": a crashed CI gate must never look like an ordinary lint failure. Every
command runs under `run_guarded`; a bug becomes `ssot-lint: error: internal error: ...` and exit
2, and `--debug` (accepted by every command) shows the traceback.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from typing import Annotated, NoReturn, TextIO

import typer

from ..findings import ExitCode
from ..sanitize import printable

__all__ = ["INTERNAL_ERROR_HINT", "DebugOpt", "internal_error_line", "run_guarded"]

#: every command takes it; `cli.main` reads it to show an internal error's traceback.
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]

INTERNAL_ERROR_HINT = "rerun with --debug for the traceback and report it"
_LONGEST = 300


def internal_error_line(error: BaseException) -> str:
    """`internal error: Type: message; rerun with --debug ...` on one printable line."""
    text = " ".join(str(error).split())
    if len(text) > _LONGEST:
        text = text[:_LONGEST] + "..."
    detail = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return f"internal error: {printable(detail)}; {INTERNAL_ERROR_HINT}"


def run_guarded(entry: Callable[[], object], debug: bool, err: TextIO | None = None) -> NoReturn:
    """Run the CLI; `SystemExit` passes through, any other exception exits 2 with one line."""
    stream = err if err is not None else sys.stderr
    try:
        entry()
    except SystemExit:
        raise
    except Exception as error:  # noqa: BLE001 - the whole point
        if debug:
            stream.write(printable("".join(traceback.format_exception(error)), keep="\n"))
        stream.write(f"ssot-lint: error: {internal_error_line(error)}\n")
        stream.flush()
        raise SystemExit(ExitCode.ERROR) from None
    raise SystemExit(ExitCode.CLEAN)
