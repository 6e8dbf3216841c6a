"""The rule table: every code ssot-lint reports, its name, its one-line summary and what `fix` does
about it. The one place a code is spelled: checks point at their row (`Check.RULE`), and the
registries (`findings.RULE_NAMES`, the selectable codes), the rule pages, stats and reporters are
derived from it. A test fails on an `SSOT`-code string anywhere else in the package.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = [
    "ANALYSIS_ERROR",
    "BY_CODE",
    "DEPRECATED_CALL",
    "DEPRECATED_IMPORT",
    "DEPRECATED_STRING_REFERENCE",
    "DIRECT_INSTANTIATION",
    "DUPLICATE_DEFINITION",
    "RULES",
    "UNUSED_NOQA",
    "Fix",
    "Rule",
]


class Fix(enum.Enum):
    """What `fix` does about a rule's findings."""

    #: never rewritten: the message says what to do.
    NONE = "none"
    #: rewritten by `fix` (and `check --fix`).
    SAFE = "safe"
    #: rewritten only with `--unsafe-fixes`: the fix may change behaviour.
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the table."""

    code: str
    #: kebab-case, reads after "allow" (Ruff's RFC 0344 naming).
    name: str
    #: one line, no final period: `--help`, the rule index, SARIF.
    summary: str
    fix: Fix
    #: runs only when selected by name or prefix (`--extend-select SSOT100`), as Ruff's RUF100.
    opt_in: bool = False


ANALYSIS_ERROR = Rule("SSOT000", "analysis-error", "A file could not be analysed", Fix.NONE)
DEPRECATED_IMPORT = Rule(
    "SSOT001", "deprecated-import", "Import through a deprecated module, or of a renamed name", Fix.SAFE
)
DEPRECATED_STRING_REFERENCE = Rule(
    "SSOT002", "deprecated-string-reference",
    "A string literal naming a deprecated path", Fix.SAFE,
)
DIRECT_INSTANTIATION = Rule(
    "SSOT003", "direct-instantiation", "A factory-only class created directly, bypassing its factory", Fix.NONE
)
DEPRECATED_CALL = Rule("SSOT004", "deprecated-call", "A call to a deprecated callable", Fix.UNSAFE)
DUPLICATE_DEFINITION = Rule(
    "SSOT005", "duplicate-definition", "A second definition of a class the canonical module owns", Fix.NONE
)
UNUSED_NOQA = Rule(
    "SSOT100", "unused-noqa", "A `# noqa` directive names an SSOT code that suppresses nothing on its line",
    Fix.SAFE, opt_in=True,
)

#: every rule, in code order.
RULES: tuple[Rule, ...] = (
    ANALYSIS_ERROR,
    DEPRECATED_IMPORT,
    DEPRECATED_STRING_REFERENCE,
    DIRECT_INSTANTIATION,
    DEPRECATED_CALL,
    DUPLICATE_DEFINITION,
    UNUSED_NOQA,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
