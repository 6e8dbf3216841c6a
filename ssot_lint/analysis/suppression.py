"""`# noqa: SSOT001` comments. Codes are required: a bare `# noqa` does not silence the contract."""

from __future__ import annotations

import re
from bisect import bisect_right

from ..lines import starts

__all__ = ["noqa_codes"]

#: blanks between the parts, never a line break: a directive stays on its line.
_NOQA = re.compile(
    rb"#[ \t\f]*noqa[ \t\f]*:[ \t\f]*(?P<codes>[A-Za-z]+[0-9]+(?:[ \t\f,]+[A-Za-z]+[0-9]+)*)", re.IGNORECASE
)


def noqa_codes(source: bytes) -> dict[int, frozenset[str]]:
    """1-based line number -> codes suppressed on that line (lines counted as Python counts
    them: a lone `\\r` ends one too, see `lines`)."""
    found: dict[int, frozenset[str]] = {}
    if b"noqa" not in source.lower():
        return found
    line_starts: list[int] | None = None
    for match in _NOQA.finditer(source):
        line_starts = line_starts or starts(source)
        line = bisect_right(line_starts, match.start())
        codes = re.split(rb"[ \t\f,]+", match.group("codes").strip())
        found[line] = found.get(line, frozenset()) | {c.decode().upper() for c in codes if c}
    return found
