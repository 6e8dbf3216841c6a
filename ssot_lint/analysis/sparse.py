"""Parse only the statements that can matter: the lever that makes `check` fast on big files.

LibCST parses about 1 MB/s; the stdlib `ast` about 9 MB/s (PERFORMANCE.md). For a candidate file
we let `ast` find the top-level statements, keep those that can hold a finding, and hand LibCST
only those, concatenated, with a map back to their original line numbers (columns are unchanged:
whole lines are kept).

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
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..lines import starts as _line_starts
from .identifiers import as_read
from .innermost import flatten, import_bound, select

__all__ = ["MIN_SPARSE_BYTES", "Skeleton", "skeleton", "whole"]

#: Below this size a whole-file parse costs less than the `ast` pre-pass.
MIN_SPARSE_BYTES = 2_000


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


#: a name as UTF-8 bytes: non-ASCII letters included (`café`), whose bytes are all >= 0x80.
_IDENTIFIER = re.compile(rb"[A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*")
_WORD_BYTE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" + bytes(range(0x80, 0x100)))


def _word_positions(source: bytes, word: bytes) -> Iterator[int]:
    """Where `word` stands as a whole identifier: `bytes.find` needs no regex compiled per file."""
    position = source.find(word)
    while position != -1:
        end = position + len(word)
        if (position == 0 or source[position - 1] not in _WORD_BYTE) and (
            end == len(source) or source[end] not in _WORD_BYTE
        ):
            yield position
        position = source.find(word, end)


def _statement_at(offset: int, starts: list[int], statements: list[_Statement]) -> int | None:
    i = bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < statements[i].end else None


def _select(source: bytes, statements: list[_Statement], needles: re.Pattern[bytes]) -> set[int]:
    """Rules 1 and 2 with one pass over the file per needle or name, then rule 3."""
    starts = [s.start for s in statements]
    kept = {i for m in needles.finditer(source) if (i := _statement_at(m.start(), starts, statements)) is not None}
    pending = set().union(*(statements[i].binds for i in kept)) if kept else set()
    followed: set[str] = set()
    while pending:  # rule 2: follow aliases forward
        name = pending.pop()
        followed.add(name)
        for offset in _word_positions(source, name.encode()):
            i = _statement_at(offset, starts, statements)
            if i is not None and i not in kept:
                kept.add(i)
                pending |= statements[i].binds - followed
    return _with_bindings(source, statements, kept)


def _with_bindings(source: bytes, statements: list[_Statement], kept: set[int]) -> set[int]:
    """Rule 3: add the statements binding names that kept statements use (transitively)."""
    binders: dict[bytes, list[int]] = {}
    for i, s in enumerate(statements):
        for name in s.binds:
            binders.setdefault(name.encode(), []).append(i)
    todo = sorted(kept)
    while todo:
        added: set[int] = set()
        for i in todo:
            s = statements[i]
            for match in _IDENTIFIER.finditer(source, s.start, s.end):
                owners = binders.get(match.group())
                if owners:
                    added.update(o for o in owners if o not in kept)
        kept |= added
        todo = sorted(added)
    return kept


@dataclass(frozen=True, slots=True)
class Skeleton:
    """The kept statements, concatenated, and the original number of each of their lines."""

    text: bytes
    #: lines[i] is the original 1-based line number of line i + 1 of `text`.
    lines: tuple[int, ...]
    #: the original first line of each top-level statement in `text` (statements sharing a
    #: line, `a; b`, count once, as LibCST parses them into one line).
    starts: tuple[int, ...] = ()

    def original_line(self, line: int) -> int:
        """The file's line for a line of `text` (`lines` empty: `text` is the whole file)."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else line


def _compact(source: bytes, line_starts: list[int], ranges: list[tuple[int, int]]) -> Skeleton:
    """Concatenate whole-line ranges (1-based, inclusive), remembering where each line was."""
    pieces: list[bytes] = []
    lines: list[int] = []
    for first, last in ranges:
        end = line_starts[last] if last < len(line_starts) else len(source)
        piece = source[line_starts[first - 1] : end]
        if not piece.endswith((b"\n", b"\r")):
            piece += b"\n"
        pieces.append(piece)
        lines.extend(range(first, last + 1))
    return Skeleton(b"".join(pieces), tuple(lines))


def _ranges(ranges: list[tuple[int, int]], header: int) -> list[tuple[int, int]]:
    """Sorted, merged line ranges of the kept statements, after `header` leading comment lines."""
    spans = sorted(ranges)
    if header:
        spans.insert(0, (1, header))
    merged: list[tuple[int, int]] = []
    for first, last in spans:
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(last, merged[-1][1]))
        else:
            merged.append((first, last))
    return merged


def _parse_ast(source: bytes) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # invalid escapes etc. are the user's business
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def whole(source: bytes) -> Skeleton | None:
    """The whole file as a skeleton: no line map, but the statement starts that let positions be
    computed statement by statement (see `engine._positions`)."""
    tree = _parse_ast(source)
    if tree is None:
        return None
    line_starts = _line_starts(source)  # as `ast` counts lines: a lone `\r` ends one too
    statements = _statements(tree, line_starts, len(source))
    return Skeleton(source, (), _starts(statements, set(range(len(statements)))))


def skeleton(
    source: bytes, needles: re.Pattern[bytes], min_bytes: int = MIN_SPARSE_BYTES, innermost: bool = False,
    unique: frozenset[str] = frozenset(),
) -> Skeleton | None:
    """The statements of `source` that can hold a finding, or None to parse it whole (files
    under `min_bytes`, files `ast` cannot read on this interpreter). `innermost` descends into
    `def`/`class` bodies (see `innermost`): for `check`, whose positions map through `lines`;
    `fix` splices whole top-level statements back and needs them whole. `unique`: the class
    names SSOT005 looks for, which count wherever they are spelled."""
    if len(source) < min_bytes or b"\r" in source.replace(b"\r\n", b"") or as_read(source) is not None:
        return None  # lone `\r`, or names the bytes do not spell as Python reads them (NFKC)
    tree = _parse_ast(source)
    if tree is None:
        return None
    line_starts = _line_starts(source)
    if line_starts[-1] == len(source):
        line_starts.pop()
    statements = _statements(tree, line_starts, len(source))
    if innermost:
        nested = flatten(tree, source, line_starts, _binds)
        bound = import_bound(tree)
        ranges, kept = select(source, nested, needles, None if bound is None else bound | unique)
        top_index = {n: i for i, n in enumerate(nested.top)}
        kept = {top_index[i] for i in kept}
    else:
        kept = _select(source, statements, needles)
        ranges = [(statements[i].first, statements[i].last) for i in kept]
    before_code = statements[0].first - 1 if statements else len(line_starts)
    header = 0  # PEP 263 coding comments and a BOM live in the first two lines
    while header < min(2, before_code) and source[line_starts[header] :].lstrip(b"\xef\xbb\xbf").startswith(b"#"):
        header += 1
    compact = _compact(source, line_starts, _ranges(ranges, header))
    starts = _starts(statements, kept)
    bom = b"\xef\xbb\xbf"
    text = bom + compact.text if source.startswith(bom) and not compact.text.startswith(bom) else compact.text
    return Skeleton(text, compact.lines, starts)


def _starts(statements: list[_Statement], kept: set[int]) -> tuple[int, ...]:
    starts: list[int] = []
    last = 0
    for i in sorted(kept):
        if statements[i].first > last:
            starts.append(statements[i].first)
        last = max(last, statements[i].last)
    return tuple(starts)
