"""What a report says `--fix` would do, worded once for every format.

A safe fix is applied by `ssot-lint check --fix` (or `ssot-lint fix`). An unsafe one (SSOT004) is
offered only when the run had `--unsafe-fixes`, and other findings may be fixable only together
with it (an import that moves once the deprecated call no longer uses it), so when a report holds
an unsafe fix its notes name `ssot-lint check --fix --unsafe-fixes`: the command that fixes what
the report counts as fixable.
"""

from __future__ import annotations

from collections.abc import Iterable

from ssot_lint.findings import Finding

__all__ = ["FIX_COMMAND", "UNSAFE_FIX_COMMAND", "fix_command", "summary_fix_note"]

FIX_COMMAND = "ssot-lint check --fix"
UNSAFE_FIX_COMMAND = "ssot-lint check --fix --unsafe-fixes"


def fix_command(findings: Iterable[Finding]) -> str:
    """The command that applies every fix the report offers."""
    return UNSAFE_FIX_COMMAND if any(f.fixable and f.unsafe for f in findings) else FIX_COMMAND


def summary_fix_note(findings: Iterable[Finding]) -> str:
    """` (2 fixable with `ssot-lint check --fix`)`, or `--unsafe-fixes` added when needed; `` when
    nothing is fixable."""
    findings = tuple(findings)
    fixable = sum(1 for f in findings if f.fixable)
    return f" ({fixable} fixable with `{fix_command(findings)}`)" if fixable else ""
