"""Put a rewritten skeleton back into its file: only the changed statements' lines are replaced.

`fix` parses, rewrites and regenerates only the statements that matter (see `sparse`), the
lever `check` already uses: LibCST's parse and code generation of a whole 30 KB module are most
of a fix's cost. The skeleton is whole lines of the file with a map back to their numbers. A
top-level statement the rewrite did not touch is the very same node afterwards; each touched one
is replaced, lines for lines, by the code of what the rewrite put in its place (zero or more
statements, see `transforms.rewrite`). Whatever cannot be placed with certainty returns None,
and the caller rewrites the whole file instead.
"""

from __future__ import annotations

import libcst as cst

from ..analysis.sparse import Skeleton

__all__ = ["splice"]


def _spans(module: cst.Module, compact: Skeleton) -> list[tuple[int, int]] | None:
    """0-based [start, end) skeleton lines of each top-level statement (its leading lines
    included), or None unless each statement generates back exactly the lines it came from."""
    lines = compact.text.splitlines(keepends=True)
    spans = []
    line = len(module.header)
    for statement in module.body:
        code = module.code_for_node(statement).encode(module.encoding)
        count = code.count(b"\n")
        if b"".join(lines[line : line + count]) != code:
            return None
        spans.append((line, line + count))
        line += count
    return spans if line + len(module.footer) == len(compact.lines) else None


def splice(
    source: bytes, compact: Skeleton, old: cst.Module, new: cst.Module, replacements: dict[int, list[cst.BaseStatement]]
) -> bytes | None:
    """`source` with each top-level statement `i` of `old` in `replacements` replaced by the
    code of the statements it became in `new`. `old` is the parse of `compact.text`."""
    spans = _spans(old, compact)
    if spans is None:
        return None
    file_lines = source.splitlines(keepends=True)
    pieces: list[bytes] = []
    position = 0  # 0-based file line up to which `pieces` holds the file
    for i in sorted(replacements):
        code = "".join(new.code_for_node(s) for s in replacements[i]).encode(new.encoding)
        lines = compact.lines[spans[i][0] : spans[i][1]]
        if not lines or list(lines) != list(range(lines[0], lines[0] + len(lines))):
            return None  # the statement's lines are not one block of the file
        start, stop = lines[0] - 1, lines[-1]
        if start < position:
            return None
        if stop == len(file_lines) and not source.endswith((b"\n", b"\r")) and code.endswith(b"\n"):
            code = code[: -2 if code.endswith(b"\r\n") else -1]  # the file's last line has no newline
        pieces.extend(file_lines[position:start])
        pieces.append(code)
        position = stop
    pieces.extend(file_lines[position:])
    return b"".join(pieces)
