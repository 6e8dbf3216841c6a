"""Output formats, by name: the one registry the CLI's `--output-format` choices come from.

Entries name the class as `module:Class` and are imported on first use, so a run that prints
nothing rich never imports rich. To add a format, write a module with a class that has
`render(report, out, *, color)` and add one line below; there is no self-registration.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ssot_lint.reporters.base import Reporter

__all__ = ["HUMAN_FORMATS", "REPORTERS", "get_reporter"]

#: name -> "module:Class"; the keys are the `--output-format` choices, in help order.
REPORTERS: dict[str, str] = {
    "text": "ssot_lint.reporters.text:TextReporter",
    "concise": "ssot_lint.reporters.concise:ConciseReporter",
    "json": "ssot_lint.reporters.json:JsonReporter",
    "sarif": "ssot_lint.reporters.sarif:SarifReporter",
    "github": "ssot_lint.reporters.github:GithubReporter",
    "junit": "ssot_lint.reporters.junit:JunitReporter",
    "gitlab": "ssot_lint.reporters.gitlab:GitlabReporter",
}

#: formats for people (the others are documents for machines): `--quiet` shortens these.
HUMAN_FORMATS = ("text", "concise")


def get_reporter(name: str, summary: bool = True) -> Reporter:
    """A new reporter for the format `name` (a key of REPORTERS); `summary=False` (`--quiet`)
    drops the closing summary of a human format."""
    module, _, cls = REPORTERS[name].partition(":")
    factory = getattr(importlib.import_module(module), cls)
    reporter: Reporter = factory(summary=summary) if name in HUMAN_FORMATS else factory()
    return reporter
