"""Rule selectors (`--select`, `--ignore`, per-file-ignores): a code or a code prefix, checked
against the rules that exist, so a typo fails loudly instead of selecting nothing."""

from __future__ import annotations

import difflib

from ..findings import RULE_NAMES
from ..rules import ANALYSIS_ERROR

__all__ = ["RULE_CODES", "expand", "unknown"]

#: every rule code (SSOT000 is not a rule: it reports files that could not be analysed).
RULE_CODES = tuple(sorted(code for code in RULE_NAMES if code != ANALYSIS_ERROR.code))
_PREFIXES = tuple(sorted({code[:n] for code in RULE_CODES for n in range(4, len(code))}))


def expand(selector: str) -> tuple[str, ...]:
    """The codes a selector stands for (itself, or every code it is a prefix of)."""
    return tuple(code for code in RULE_CODES if code.startswith(selector.upper()))


def unknown(selector: str) -> tuple[str, str] | None:
    """None for a selector that matches a rule; else (message, hint with a "did you mean")."""
    if expand(selector):
        return None
    close = difflib.get_close_matches(selector.upper(), [*RULE_CODES, *_PREFIXES], n=1, cutoff=0.5)
    hint = f"did you mean `{close[0]}`?" if close else f"known codes: {', '.join(RULE_CODES)}"
    return f"unknown rule code or prefix {selector!r}", hint
