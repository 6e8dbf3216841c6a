"""Bytes LibCST does not keep, put back: a rewrite changes the lines it rewrites and nothing else.

LibCST regenerates most files byte for byte, but not all: it drops a file's final lone `\\r` (a
CR-only file, a file ending `\\n\\r`), a line holding only `\\`, and shows identifiers in the form
Python reads them (NFKC, see `parse`). Writing its output whole would change those lines too.
So the rewrite is applied as a patch: the lines where LibCST's code of the unchanged tree
(`before`) and of the rewritten one (`after`) differ are replaced in the file, and every other
line keeps the file's own bytes. A change that cannot be placed with certainty (it cuts into
lines LibCST did not keep) gives None, and the file is left as it is.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..lines import split_keepends_bytes

__all__ = ["keep"]

_BREAKS = (b"\n", b"\r")


def _final_break(source: bytes) -> bytes:
    return b"\r\n" if source.endswith(b"\r\n") else source[-1:] if source.endswith(_BREAKS) else b""


def _opcodes(a: list[bytes], b: list[bytes]) -> list[tuple[str, int, int, int, int]]:
    """`SequenceMatcher(None, a, b).get_opcodes()`, with the common first and last lines matched
    first: the two differ in a few places, and the matcher is quadratic in repeated lines."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False).get_opcodes()
    codes = [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in middle if i1 < i2 or j1 < j2]
    if head:
        codes.insert(0, ("equal", 0, head, 0, head))
    if tail:
        codes.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return codes


def _bounds(old: list[bytes], source: list[bytes]) -> tuple[list[int | None], list[int | None]]:
    """For each line boundary of `old` (0..len), the first and last line boundary of `source` it
    stands for; None inside a run of lines `old` has in another form and number."""
    low: list[int | None] = [None] * (len(old) + 1)
    high: list[int | None] = [None] * (len(old) + 1)

    def pin(position: int, at: int) -> None:
        low[position] = at if low[position] is None else min(low[position], at)  # type: ignore[type-var]
        high[position] = at if high[position] is None else max(high[position], at)  # type: ignore[type-var]

    for tag, i1, i2, j1, j2 in _opcodes(old, source):
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):  # line for line (NFKC names)
            for k in range(i2 - i1 + 1):
                pin(i1 + k, j1 + k)
        elif tag == "delete":
            for k in range(i1, i2 + 1):
                pin(k, j1)
        else:  # insert, replace: the ends are known, the lines between are the file's own
            pin(i1, j1)
            pin(i2, j2)
    return low, high


def _hunks(old: list[bytes], new: list[bytes]) -> list[tuple[int, int, int, int]]:
    """What the rewrite changed, line for line where it replaced as many lines as it wrote (so a
    line the file holds between two rewritten ones stays between them)."""
    hunks: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in _opcodes(old, new):
        if tag == "replace" and i2 - i1 == j2 - j1:
            hunks.extend((i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1))
        elif tag != "equal":
            hunks.append((i1, i2, j1, j2))
    return hunks


def keep(source: bytes, before: bytes, after: bytes) -> bytes | None:
    """`source` with the changes from `before` to `after` applied, line by line; None when one
    of them falls inside lines `before` does not hold as `source` has them."""
    if before == source:
        return after
    ending = _final_break(source)
    if ending and not before.endswith(_BREAKS):  # LibCST knows only `\n` as a final newline
        before += ending
        after += b"" if after.endswith(_BREAKS) or not after else ending
    file, old, new = split_keepends_bytes(source), split_keepends_bytes(before), split_keepends_bytes(after)
    low, high = _bounds(old, file)
    pieces: list[bytes] = []
    position = 0
    for i1, i2, j1, j2 in _hunks(old, new):
        start, stop = high[i1], (low[i2] if i2 > i1 else high[i1])
        if start is None or stop is None or start < position:
            return None
        pieces.extend(file[position:start])
        pieces.extend(new[j1:j2])
        position = max(start, stop)
    pieces.extend(file[position:])
    return b"".join(pieces)
