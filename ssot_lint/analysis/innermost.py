"""Pick the innermost statements that can matter, not whole top-level classes. Pure.

In real code the contract's names sit in big test modules, inside `class TestX:` blocks: the
top-level statements around the lines that spell one cover most of the file, the innermost
statements a small part (PERFORMANCE.md). So `check` descends into `def` and `class` bodies: such
a statement is kept as its header (decorators and signature) plus the body statements that can
matter, found by the rules of `sparse` applied at every depth:

1. a statement that spells a needle (the innermost one around the match; a match in a header
   keeps the whole `def`/`class`, one in a comment between body statements is no statement),
   where the spelling can refer to a contract thing: after a `.` (an attribute chain, a dotted
   path in a string), a quote (a string such as a `patch.object` attribute or an `__all__`
   entry), `import` or `from`; anywhere when the file binds that name by an import or an
   `X = a.b` alias at any depth, star-imports anything, or the name is a `unique` class. A bare
   name that nothing in the file imports resolves to nothing, in `scope.collect` as in Python;
2. a statement that spells a name an import or alias kept by rule 1 or 2 binds, anywhere;
3. the top-level imports and aliases binding a name a kept statement uses (as in `sparse`);
4. what makes a name local to an enclosing function or class: every body statement of an
   enclosing scope (the innermost class only, as Python looks names up) that binds a name a
   kept statement uses (by any form of binding `scope.collect` knows: imports, assignment
   targets, loops, `with`/`except` names, comprehension targets, `:=`, nested `def`/`class`),
   kept with its own uses by the same rule. A parameter is in the header, which is kept.

Any other body statement neither spells a needle nor binds a name a kept statement reads, so
leaving it out changes no lookup and no finding (`scope.collect` is flow-insensitive).
Compound statements other than `def`/`class` (`if`, `for`, `with`, `try`, `match`) are kept
whole when they hold a match; so is a `def`/`class` written on one line.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .scopebinds import DEFS as _DEFS
from .scopebinds import bound_here as _bound_here
from .scopebinds import import_bound

__all__ = ["Nested", "Statements", "flatten", "import_bound", "select"]

#: what binds a statement's import and alias names (`sparse._binds`)
Binder = Callable[[ast.stmt], Iterable[str]]
_IDENTIFIER = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_WORD_BYTE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


@dataclass(slots=True)
class Nested:
    """One statement at any depth: spans in lines (1-based) and bytes, and its place."""

    node: ast.stmt
    first: int
    last: int
    start: int
    end: int
    parent: int | None
    depth: int
    #: for a `def`/`class` whose body starts on a later line: the byte offset where the body
    #: starts and the last header line; None for a statement kept whole.
    body_start: int | None = None
    header_last: int = 0
    #: body statements (indices), once something needed them; None before
    children: list[int] | None = None
    child_starts: list[int] = field(default_factory=list)
    binds: frozenset[str] | None = None


class Statements:
    """The module's statements; a `def`/`class` body is read only when something falls in it."""

    def __init__(self, tree: ast.Module, source: bytes, line_starts: list[int], binds: Binder) -> None:
        self.source = source
        self.line_starts = line_starts
        self._binds = binds
        self.items: list[Nested] = []
        self.top = [self._add(node, None, 0) for node in tree.body]
        self.top_starts = [self.items[i].start for i in self.top]

    def __getitem__(self, i: int) -> Nested:
        return self.items[i]

    def _add(self, node: ast.stmt, parent: int | None, depth: int) -> int:
        line_starts, source = self.line_starts, self.source
        decorators = getattr(node, "decorator_list", ())
        first = min([node.lineno, *(d.lineno for d in decorators)])
        last = node.end_lineno or node.lineno
        end = line_starts[last] if last < len(line_starts) else len(source)
        entry = Nested(node, first, last, line_starts[first - 1], end, parent, depth)
        if isinstance(node, _DEFS) and node.body:
            body = node.body[0]
            body_first = min([body.lineno, *(d.lineno for d in getattr(body, "decorator_list", ()))])
            line = line_starts[body_first - 1]
            if body_first > node.lineno and not source[line : line + body.col_offset].strip():
                entry.body_start = line
                entry.header_last = body_first - 1
        self.items.append(entry)
        return len(self.items) - 1

    def children(self, i: int) -> list[int]:
        entry = self.items[i]
        if entry.children is None:
            node = entry.node
            body = node.body if entry.body_start is not None and isinstance(node, _DEFS) else []
            entry.children = [self._add(child, i, entry.depth + 1) for child in body]
            entry.child_starts = [self.items[c].start for c in entry.children]
        return entry.children

    def binds(self, i: int) -> frozenset[str]:
        entry = self.items[i]
        if entry.binds is None:
            entry.binds = frozenset(self._binds(entry.node))
        return entry.binds

    def at(self, offset: int) -> int | None:
        """The innermost statement around `offset`; None in a comment between body statements
        (or outside every statement)."""
        level, starts = self.top, self.top_starts
        while True:
            k = bisect_right(starts, offset) - 1
            if k < 0:
                return None
            i = level[k]
            entry = self.items[i]
            if offset >= entry.end:
                return None
            if entry.body_start is None or offset < entry.body_start:
                return i
            level = self.children(i)
            starts = entry.child_starts


def flatten(tree: ast.Module, source: bytes, line_starts: list[int], binds: Binder) -> Statements:
    """The module's statements, `def`/`class` bodies read on demand."""
    return Statements(tree, source, line_starts, binds)


def _word_positions(source: bytes, word: bytes, start: int = 0, end: int | None = None) -> Iterator[int]:
    end = len(source) if end is None else end
    position = source.find(word, start, end)
    while position != -1:
        stop = position + len(word)
        if (position == 0 or source[position - 1] not in _WORD_BYTE) and (
            stop == len(source) or source[stop] not in _WORD_BYTE
        ):
            yield position
        position = source.find(word, stop, end)


#: what may stand before a spelling that can refer to a contract thing (comments and line
#: continuations may come in between: `a.  # why\n    Name` inside brackets)
_QUALIFIER = re.compile(rb"(?:[.'\"]|\bimport|\bfrom)(?:[ \t\r\n\\]|#[^\n]*\n)*\Z")


class _Selection:
    def __init__(
        self, source: bytes, statements: Statements, needles: re.Pattern[bytes], everywhere: frozenset[str] | None = None
    ) -> None:
        self.source = source
        self.statements = statements
        self.needles = needles
        #: needles whose every spelling counts (None: all of them)
        self.everywhere = everywhere
        self.kept: set[int] = set()
        self.todo: list[int] = []
        self.scope_binders: dict[int, dict[str, list[int]]] = {}
        self.top_binders: dict[str, list[int]] = {}
        for i in statements.top:
            for name in statements.binds(i):
                self.top_binders.setdefault(name, []).append(i)

    def at(self, offset: int) -> int | None:
        return self.statements.at(offset)

    def keep(self, i: int | None) -> None:
        if i is not None and i not in self.kept:
            self.kept.add(i)
            self.todo.append(i)

    def binders_in(self, scope: int) -> dict[str, list[int]]:
        """name -> body statements of `scope` that bind it (computed once per scope)."""
        found = self.scope_binders.get(scope)
        if found is None:
            found = {}
            for child in self.statements.children(scope):
                c = self.statements[child]
                for name in _bound_here(c.node, self.source, (c.start, c.end)):
                    found.setdefault(name, []).append(child)
            self.scope_binders[scope] = found
        return found

    def scopes_of(self, i: int) -> list[int]:
        """The enclosing `def`/`class` statements a name in statement `i` is looked up in."""
        scopes = []
        parent = self.statements[i].parent
        first = True
        while parent is not None:
            if first or not isinstance(self.statements[parent].node, ast.ClassDef):
                scopes.append(parent)
            first = False
            parent = self.statements[parent].parent
        return scopes

    def can_refer(self, match: re.Match[bytes]) -> bool:
        """Whether this spelling of a needle can stand for a contract thing (rule 1)."""
        if self.everywhere is None or match.group().decode("ascii", "replace") in self.everywhere:
            return True
        start = match.start()
        return _QUALIFIER.search(self.source, max(0, start - 64), start) is not None

    def run(self) -> set[int]:
        for match in self.needles.finditer(self.source):
            if self.can_refer(match):
                self.keep(self.at(match.start()))
        followed: set[str] = set()
        pending = set().union(*(self.statements.binds(i) for i in self.kept)) if self.kept else set()
        while pending:  # rule 2, at every depth
            name = pending.pop()
            followed.add(name)
            for offset in _word_positions(self.source, name.encode()):
                i = self.at(offset)
                if i is not None and i not in self.kept:
                    self.keep(i)
                    pending |= self.statements.binds(i) - followed
        while self.todo:  # rules 3 and 4
            i = self.todo.pop()
            s = self.statements[i]
            used = {m.group().decode("ascii") for m in _IDENTIFIER.finditer(self.source, s.start, s.end)}
            for name in used:
                for binder in self.top_binders.get(name, ()):
                    self.keep(binder)
            for scope in self.scopes_of(i):
                binders = self.binders_in(scope)
                for name in used & binders.keys():
                    for binder in binders[name]:
                        self.keep(binder)
        return self.kept


def select(
    source: bytes, statements: Statements, needles: re.Pattern[bytes], everywhere: frozenset[str] | None = None
) -> tuple[list[tuple[int, int]], set[int]]:
    """The line ranges to parse (kept statements whole, the headers of their enclosing
    `def`/`class`) and the indices of the top-level statements they belong to. `everywhere`:
    the needles every spelling of which counts (None: all)."""
    kept = _Selection(source, statements, needles, everywhere).run()
    ranges: list[tuple[int, int]] = []
    tops: set[int] = set()
    for i in sorted(kept):
        s = statements[i]
        ancestors = []
        parent = s.parent
        while parent is not None:
            ancestors.append(parent)
            parent = statements[parent].parent
        if any(a in kept for a in ancestors):
            continue  # inside a statement kept whole
        ranges.append((s.first, s.last))
        for a in ancestors:
            ranges.append((statements[a].first, statements[a].header_last))
        tops.add(ancestors[-1] if ancestors else i)
    return ranges, tops
