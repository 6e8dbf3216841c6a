"""Parse only the statements that can matter: the lever that makes `check` fast on big files.

LibCST parses about 1 MB/s; the stdlib `ast` about 9 MB/s (PERFORMANCE.md). For a candidate file
we let `ast` find the top-level statements, keep those that can hold a finding, and blank every
other line, so LibCST parses a skeleton whose lines and columns are exactly the original's.

A top-level statement is kept when:
1. it spells one of the contract's needles (see `prefilter`) - every finding needs one; or
2. it uses a name bound (by an import or `X = a.b` alias) in a statement kept by 1 or 2: a
   contract name reached through a local alias does not spell the needle where it is used; or
3. it binds, by an import or alias, a name that a kept statement uses: resolving `wc.manager.X`
   needs `import app.websocket_core as wc`. Such a binding spells no needle, so its other uses
   cannot matter and are not followed.
Everything else binds or uses no name that can resolve to the contract, so dropping it cannot
change a finding (a test runs both ways on the same files).
"""

from __future__ import annotations

import ast
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["MIN_SPARSE_BYTES", "skeleton"]

#: Below this size a whole-file parse costs less than the `ast` pre-pass.
MIN_SPARSE_BYTES = 6_000
_WORD = rb"(?<![A-Za-z0-9_])(?:%s)(?![A-Za-z0-9_])"


@dataclass(slots=True)
class _Statement:
    first: int  # 1-based first line (decorators included)
    last: int
    start: int  # byte offsets of the span
    end: int
    binds: frozenset[str]


def _alias_target(node: ast.stmt) -> str | None:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        value = node.value
        while isinstance(value, ast.Attribute):
            value = value.value
        if isinstance(value, ast.Name):
            return node.targets[0].id
    return None


def _binds(node: ast.stmt) -> set[str]:
    """Names bound at module level by imports and aliases in `node` (not inside defs)."""
    if isinstance(node, ast.Import):
        return {a.asname or a.name.split(".")[0] for a in node.names}
    if isinstance(node, ast.ImportFrom):
        return {a.asname or a.name for a in node.names if a.name != "*"}
    alias = _alias_target(node)
    if alias is not None:
        return {alias}
    names: set[str] = set()
    for field in ("body", "orelse", "finalbody"):
        for child in getattr(node, field, ()) if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) else ():
            names |= _binds(child)
    for handler in getattr(node, "handlers", ()):
        for child in handler.body:
            names |= _binds(child)
    return names


def _statements(tree: ast.Module, line_starts: list[int], size: int) -> list[_Statement]:
    found = []
    for node in tree.body:
        decorators = getattr(node, "decorator_list", ())
        first = min([node.lineno, *(d.lineno for d in decorators)])
        last = node.end_lineno or node.lineno
        end = line_starts[last] if last < len(line_starts) else size
        found.append(_Statement(first, last, line_starts[first - 1], end, frozenset(_binds(node))))
    return found


def _words(names: Iterable[str]) -> re.Pattern[bytes] | None:
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(_WORD % b"|".join(re.escape(n.encode()) for n in ordered))


def _select(source: bytes, statements: list[_Statement], needles: re.Pattern[bytes]) -> set[int]:
    kept = {i for i, s in enumerate(statements) if needles.search(source, s.start, s.end)}
    names = set().union(*(statements[i].binds for i in kept)) if kept else set()
    changed = True
    while changed:  # rule 2: follow aliases forward
        changed = False
        pattern = _words(names)
        for i, s in enumerate(statements):
            if i not in kept and pattern is not None and pattern.search(source, s.start, s.end):
                kept.add(i)
                names |= s.binds
                changed = True
    return _with_bindings(source, statements, kept)


def _with_bindings(source: bytes, statements: list[_Statement], kept: set[int]) -> set[int]:
    """Rule 3: add the statements binding names that kept statements use (transitively)."""
    binders: dict[str, list[int]] = {}
    for i, s in enumerate(statements):
        for name in s.binds:
            binders.setdefault(name, []).append(i)
    todo = sorted(kept)
    while todo:
        pattern = _words(n for n, owners in binders.items() if any(o not in kept for o in owners))
        if pattern is None:
            break
        added = []
        for i in todo:
            s = statements[i]
            for match in pattern.finditer(source, s.start, s.end):
                added += [o for o in binders[match.group().decode()] if o not in kept]
        kept.update(added)
        todo = sorted(set(added))
    return kept


def _blank(source: bytes, line_starts: list[int], keep_lines: list[bool]) -> bytes:
    out = bytearray()
    for number, start in enumerate(line_starts):
        end = line_starts[number + 1] if number + 1 < len(line_starts) else len(source)
        line = source[start:end]
        if keep_lines[number]:
            out += line
        else:
            out += b"\r\n" if line.endswith(b"\r\n") else (b"\n" if line.endswith((b"\n", b"\r")) else b"")
    return bytes(out)


def skeleton(source: bytes, needles: re.Pattern[bytes]) -> bytes | None:
    """`source` with every line outside the kept statements blanked, or None to parse it whole
    (small files, files `ast` cannot read on this interpreter, files where most is kept)."""
    if len(source) < MIN_SPARSE_BYTES or b"\r" in source.replace(b"\r\n", b""):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes etc. are the user's business
            tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    line_starts = [0] + [m.end() for m in re.finditer(rb"\n", source)]
    if line_starts[-1] == len(source):
        line_starts.pop()
    statements = _statements(tree, line_starts, len(source))
    kept = _select(source, statements, needles)
    if sum(statements[i].end - statements[i].start for i in kept) > len(source) * 0.6:
        return None
    keep_lines = [False] * len(line_starts)
    before_code = statements[0].first - 1 if statements else len(line_starts)
    for number in range(min(2, before_code)):  # a PEP 263 coding line lives here
        keep_lines[number] = source.startswith(b"#", line_starts[number])
    for i in kept:
        for number in range(statements[i].first - 1, statements[i].last):
            keep_lines[number] = True
    text = _blank(source, line_starts, keep_lines)
    bom = b"\xef\xbb\xbf"
    return bom + text if source.startswith(bom) and not text.startswith(bom) else text
