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
from dataclasses import dataclass, field

__all__ = ["Nested", "Statements", "flatten", "import_bound", "select"]

_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
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

    def __init__(self, tree: ast.Module, source: bytes, line_starts: list[int], binds) -> None:  # noqa: ANN001
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
            body = entry.node.body if entry.body_start is not None else []  # type: ignore[attr-defined]
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


def flatten(tree: ast.Module, source: bytes, line_starts: list[int], binds) -> Statements:  # noqa: ANN001
    """The module's statements, `def`/`class` bodies read on demand."""
    return Statements(tree, source, line_starts, binds)


def _word_positions(source: bytes, word: bytes, start: int = 0, end: int | None = None):  # noqa: ANN202
    end = len(source) if end is None else end
    position = source.find(word, start, end)
    while position != -1:
        stop = position + len(word)
        if (position == 0 or source[position - 1] not in _WORD_BYTE) and (
            stop == len(source) or source[stop] not in _WORD_BYTE
        ):
            yield position
        position = source.find(word, stop, end)


def _target_names(node: ast.AST | None, into: set[str]) -> None:
    if isinstance(node, ast.Name):
        into.add(node.id)
    elif isinstance(node, (ast.Tuple, ast.List)):
        for element in node.elts:
            _target_names(element, into)
    elif isinstance(node, ast.Starred):
        _target_names(node.value, into)


_COMPOUND = tuple(
    getattr(ast, name) for name in ("If", "While", "For", "AsyncFor", "With", "AsyncWith", "Try", "TryStar", "Match")
    if hasattr(ast, name)
)


def _bound_here(node: ast.stmt, source: bytes, span: tuple[int, int]) -> set[str]:
    """Names `node` binds in the scope it is in (its own nested scopes excluded), as
    `scope.collect` counts them; over-approximated where that is cheaper."""
    if isinstance(node, _DEFS):
        return {node.name}
    names: set[str] = set()
    text = source[span[0] : span[1]]
    if isinstance(node, _COMPOUND) or b"for" in text or b":=" in text:
        for inner in _walk_scope(node):
            _bind_of(inner, names)
    else:
        _bind_of(node, names)
    return names


def _walk_scope(node: ast.AST):  # noqa: ANN202
    """`ast.walk` that does not enter nested `def`, `class` or `lambda` (their own scopes)."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        for child in ast.iter_child_nodes(current):
            if isinstance(child, (*_DEFS, ast.Lambda)):
                if isinstance(child, _DEFS):
                    yield child
                continue
            todo.append(child)


def _bind_of(node: ast.AST, names: set[str]) -> None:
    if isinstance(node, ast.Assign):
        for target in node.targets:
            _target_names(target, names)
    elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor, ast.comprehension, ast.NamedExpr)):
        _target_names(node.target, names)
    elif isinstance(node, ast.withitem):
        _target_names(node.optional_vars, names)
    elif isinstance(node, ast.ExceptHandler) and node.name:
        names.add(node.name)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        names.update(a.asname or a.name.split(".")[0] for a in node.names)
    elif isinstance(node, _DEFS):
        names.add(node.name)
    elif isinstance(node, (ast.Global, ast.Nonlocal)):
        names.update(node.names)
    elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
        names.add(node.name)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        names.add(node.rest)
    elif isinstance(node, ast.Delete):
        for target in node.targets:
            _target_names(target, names)


_SUBSTATEMENTS = ("body", "orelse", "finalbody")


def import_bound(tree: ast.Module) -> frozenset[str] | None:
    """Names bound anywhere in the module by an import or an `X = a.b` alias; None when a star
    import may bind any name."""
    names: set[str] = set()
    todo: list[list[ast.stmt]] = [tree.body]
    while todo:
        for node in todo.pop():
            if isinstance(node, ast.Import):
                names.update(a.asname or a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if any(a.name == "*" for a in node.names):
                    return None
                names.update(a.asname or a.name for a in node.names)
            elif isinstance(node, ast.Assign):
                if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) and _dotted(node.value):
                    names.add(node.targets[0].id)  # `X = a.b`: an alias (see `scope.collect`)
            else:
                todo.extend(getattr(node, field) for field in _SUBSTATEMENTS if hasattr(node, field))
                todo.extend(h.body for h in getattr(node, "handlers", ()))
                todo.extend(c.body for c in getattr(node, "cases", ()))
    return frozenset(names)


def _dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


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
