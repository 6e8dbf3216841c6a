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


def _remove(body: list[Statement | None], index: int) -> None:
    """Drop a statement, handing its comment lines to the next statement."""
    line = body[index]
    body[index] = None
    leading = getattr(line, "leading_lines", ())
    if not any(l.comment is not None for l in leading):
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
    import of the same module; drop a later existing import of a binding a generated line now
    makes first. `generated` holds `id()`s of lines the fixer created."""
    result: list[Statement | None] = list(body)
    seen: set[tuple[str, str, str]] = set()
    made: set[tuple[str, str, str]] = set()
    first_import: dict[str, int] = {}
    for i, statement in enumerate(body):
        node = _import_from(statement)
        module = import_from_module(node, file_module) if node is not None else None
        if node is None or module is None:
            continue
        if id(statement) not in generated:
            _drop_made(result, i, node, module, made)
            seen.update(_bindings(node, module))
            first_import.setdefault(module, i)
            continue
        made.update(_bindings(node, module))
        assert isinstance(statement, cst.SimpleStatementLine) and not isinstance(node.names, cst.ImportStar)
        fresh = [a for a, b in zip(node.names, _bindings(node, module)) if b not in seen]
        seen.update(_bindings(node, module))
        target = first_import.get(module)
        if fresh and target is not None and not _can_fold(statement, result[target]):
            target = None  # folding it into another line would drop a comment
        if not fresh or (target is not None and target < i):
            _remove(result, i)
            if fresh and target is not None:
                _merge(result, target, fresh, statement.trailing_whitespace)
        elif len(fresh) != len(node.names):
            result[i] = _with_names(statement, node, fresh)
    kept = [s for s in result if s is not None]
    return kept or [cst.SimpleStatementLine(body=[cst.Pass()])]


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
    merged = _with_names(line, node, [*node.names, *names])
    if trailing.comment is not None:
        merged = merged.with_changes(trailing_whitespace=trailing)
    result[target] = merged
