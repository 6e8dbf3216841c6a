"""Output formats, by name: the one registry the CLI's `--output-format` choices come from.

To add a format, write a module with a class that has `render(report, out, *, color)` and add
one line below; there is no self-registration.
"""

from __future__ import annotations

from collections.abc import Callable

from ssot_lint.reporters.base import Reporter
from ssot_lint.reporters.json import JsonReporter
from ssot_lint.reporters.text import TextReporter

__all__ = ["REPORTERS", "JsonReporter", "Reporter", "TextReporter"]

#: name -> factory; the keys are the `--output-format` choices, in help order.
REPORTERS: dict[str, Callable[[], Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
}
