"""`# noqa: SSOT001` comments. Codes are required: a bare `# noqa` does not silence the contract."""

from __future__ import annotations

import re

__all__ = ["noqa_codes"]

_NOQA = re.compile(
    rb"#\s*noqa\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:[\s,]+[A-Za-z]+[0-9]+)*)", re.IGNORECASE
)


def noqa_codes(source: bytes) -> dict[int, frozenset[str]]:
    """1-based line number -> codes suppressed on that line."""
    found: dict[int, frozenset[str]] = {}
    if b"noqa" not in source.lower():
        return found
    for match in _NOQA.finditer(source):
        line = source.count(b"\n", 0, match.start()) + 1
        codes = re.split(rb"[\s,]+", match.group("codes").strip())
        found[line] = found.get(line, frozenset()) | {c.decode().upper() for c in codes if c}
    return found
