"""After rewriting, tidy each block: reuse an existing import of the canonical module, and never
bind the same name twice (REAL-WORLD.md: 6 files already imported the name from the canonical
module, so a naive rewrite duplicates it).
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from ..analysis.scope import import_from_module
from ..project.modules import ModuleName
from .imports import comma_template, local_name, with_commas

__all__ = ["tidy_body"]

Statement = cst.BaseStatement


def _import_from(statement: Statement) -> cst.ImportFrom | None:
    """The `from ... import` of a one-statement line, if that is what `statement` is."""
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        node = statement.body[0]
        if isinstance(node, cst.ImportFrom) and not isinstance(node.names, cst.ImportStar):
            return node
    return None


def _bindings(node: cst.ImportFrom, module: str) -> list[tuple[str, str, str]]:
    assert not isinstance(node.names, cst.ImportStar)
    return [(module, a.name.value, local_name(a)) for a in node.names if isinstance(a.name, cst.Name)]


def _with_names(line: cst.SimpleStatementLine, node: cst.ImportFrom, names: list[cst.ImportAlias]) -> cst.SimpleStatementLine:
    parenthesized = node.lpar is not None
    assert not isinstance(node.names, cst.ImportStar)
    closing = node.names[-1].comma
    trailing = isinstance(closing, cst.Comma)
    last = closing if isinstance(closing, cst.Comma) else None
    new = node.with_changes(names=with_commas(names, parenthesized, trailing, comma_template(node), last))
    return line.with_changes(body=[new])


def _remove(body: list[Statement | None], index: int, blank: bool = False) -> None:
    """Drop a statement, handing its comment lines (and with `blank` its blank lines: the line
    moved down into the next import) to the next statement."""
    line = body[index]
    body[index] = None
    leading = getattr(line, "leading_lines", ())
    if not leading or not (blank or any(l.comment is not None for l in leading)):
        return
    for later in range(index + 1, len(body)):
        following = body[later]
        if following is not None:
            body[later] = following.with_changes(leading_lines=[*leading, *following.leading_lines])
            return


def tidy_body(
    body: Sequence[Statement], generated: set[int], file_module: ModuleName | None
) -> list[Statement]:
    """Drop generated aliases already bound earlier in the block; fold the rest into an earlier
    import of the same module, or into a later one when only imports stand between them; drop a
    later existing import of a binding a generated line now makes first. `generated` holds `id()`s
    of lines the fixer created."""
    result: list[Statement | None] = list(body)
    seen: set[tuple[str, str, str]] = set()
    made: set[tuple[str, str, str]] = set()
    first_import: dict[str, int] = {}
    pending: dict[int, tuple[list[cst.ImportAlias], cst.TrailingWhitespace]] = {}
    moved: set[tuple[str, str, str]] = set()  # bindings moved down into a later import
    for i, statement in enumerate(body):
        node = _import_from(statement)
        module = import_from_module(node, file_module) if node is not None else None
        if node is None or module is None:
            continue
        if id(statement) not in generated:
            _drop_made(result, i, node, module, made)
            _merge_pending(result, i, statement, node, *pending.get(i, ([], cst.TrailingWhitespace())))
            seen.update(_bindings(node, module))
            first_import.setdefault(module, i)
            continue
        assert isinstance(statement, cst.SimpleStatementLine) and not isinstance(node.names, cst.ImportStar)
        fresh_pairs = [(a, b) for a, b in zip(node.names, _bindings(node, module)) if b not in seen]
        fresh = [a for a, _ in fresh_pairs]
        later = None if module in first_import or not fresh else _later(body, i, module, generated, file_module)
        if later is not None:  # the names join the import of the module just below
            _move_down(body, later, module, statement, fresh_pairs, pending, moved)
            _remove(result, i, blank=True)
            continue
        made.update(_bindings(node, module))
        seen.update(_bindings(node, module))
        _fold_up(result, i, statement, node, fresh, first_import.get(module))
    kept = [s for s in result if s is not None]
    return kept or [cst.SimpleStatementLine(body=[cst.Pass()])]


def _fold_up(
    result: list[Statement | None], i: int, statement: cst.SimpleStatementLine, node: cst.ImportFrom,
    fresh: list[cst.ImportAlias], target: int | None,
) -> None:
    """A generated line's new names join the import of its module above (`target`), when no
    comment would be lost; names already bound go."""
    if fresh and target is not None and not _can_fold(statement, result[target]):
        target = None  # folding it into another line would drop a comment
    if not fresh or (target is not None and target < i):
        _remove(result, i)
        if fresh and target is not None:
            _merge(result, target, fresh, statement.trailing_whitespace)
    elif len(fresh) != len(node.names):  # type: ignore[arg-type]  # an ImportStar never gets here
        result[i] = _with_names(statement, node, fresh)


def _move_down(
    body: Sequence[Statement], later: int, module: str, statement: cst.SimpleStatementLine,
    fresh_pairs: list[tuple[cst.ImportAlias, tuple[str, str, str]]],
    pending: dict[int, tuple[list[cst.ImportAlias], cst.TrailingWhitespace]], moved: set[tuple[str, str, str]],
) -> None:
    """Queue a generated line's names for the import of the same module at `later`."""
    below = _import_from(body[later])
    own = set(_bindings(below, module)) if below is not None else set()
    names, trailing = pending.get(later, ([], statement.trailing_whitespace))
    names += [a for a, b in fresh_pairs if b not in own and b not in moved]
    moved.update(b for _, b in fresh_pairs)
    pending[later] = (names, trailing if trailing.comment is not None else statement.trailing_whitespace)


def _later(
    body: Sequence[Statement], i: int, module: str, generated: set[int], file_module: ModuleName | None
) -> int | None:
    """The index of an existing import of `module` below line `i` with only imports between
    them (moving the binding down past other code could change what that code sees)."""
    line = body[i]
    for j in range(i + 1, len(body)):
        statement = body[j]
        if not (isinstance(statement, cst.SimpleStatementLine)
                and all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in statement.body)):
            return None
        node = _import_from(statement)
        if (node is not None and id(statement) not in generated and import_from_module(node, file_module) == module
                and isinstance(line, cst.SimpleStatementLine) and _can_fold(line, statement)):
            return j
    return None


def _merge_pending(
    result: list[Statement | None], j: int, statement: Statement, node: cst.ImportFrom,
    names: list[cst.ImportAlias], trailing: cst.TrailingWhitespace,
) -> None:
    """Fold names from a generated line above into the existing import at `j` (its comment too:
    `_can_fold` made sure the import has none)."""
    line = result[j]
    if not names:
        if isinstance(line, cst.SimpleStatementLine) and trailing.comment is not None:
            result[j] = line.with_changes(trailing_whitespace=trailing)
        return
    if result[j] is None:  # a generated line above made all its names: put them back
        assert isinstance(statement, cst.SimpleStatementLine)
        result[j] = _with_names(statement, node, names)
        return
    _merge(result, j, names, trailing)


def _comments_inside(line: cst.SimpleStatementLine) -> bool:
    """Import statements hold no strings, so any `#` in their code is a comment."""
    return "#" in _EMPTY.code_for_node(line.body[0])


def _can_fold(line: cst.SimpleStatementLine, target: Statement | None) -> bool:
    """A line folds into `target` if no comment would be lost: none inside it, and its trailing
    comment (if any) can move to a target that has none."""
    if not isinstance(target, cst.SimpleStatementLine) or _comments_inside(line):
        return False
    return line.trailing_whitespace.comment is None or target.trailing_whitespace.comment is None


_EMPTY = cst.Module(body=[])


def _drop_made(
    result: list[Statement | None], i: int, node: cst.ImportFrom, module: str, made: set[tuple[str, str, str]]
) -> None:
    """An existing import repeating a binding a rewritten line above already makes (the file
    imported the name from the canonical module too): keep one import, the earlier."""
    assert not isinstance(node.names, cst.ImportStar)
    fresh = [a for a, b in zip(node.names, _bindings(node, module)) if b not in made]
    if len(fresh) == len(node.names):
        return
    line = result[i]
    assert isinstance(line, cst.SimpleStatementLine)
    if fresh:
        result[i] = _with_names(line, node, fresh)
    else:
        _remove(result, i)


def _merge(
    result: list[Statement | None],
    target: int,
    names: list[cst.ImportAlias],
    trailing: cst.TrailingWhitespace,
) -> None:
    line = result[target]
    assert isinstance(line, cst.SimpleStatementLine)
    node = _import_from(line)
    assert node is not None and not isinstance(node.names, cst.ImportStar)
    merged = _with_names(line, node, _joined(list(node.names), names))
    if trailing.comment is not None:
        merged = merged.with_changes(trailing_whitespace=trailing)
    result[target] = merged


def _sort_key(alias: cst.ImportAlias) -> tuple[int, str]:
    """isort's and Ruff's default order of imported names: CONSTANTS, Classes, the rest."""
    name = alias.name.value if isinstance(alias.name, cst.Name) else ""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, name.lower()


def _joined(existing: list[cst.ImportAlias], names: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    """`names` added to an import's own: each in its sorted place when the import's names are
    sorted (an import sorter keeps them so), else after them."""
    if [_sort_key(a) for a in existing] != sorted(_sort_key(a) for a in existing):
        return [*existing, *names]
    joined = list(existing)
    for alias in names:
        at = next((k for k, a in enumerate(joined) if _sort_key(a) > _sort_key(alias)), len(joined))
        joined.insert(at, alias)
    return joined
