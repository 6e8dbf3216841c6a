"""Building rewritten import statements from the originals, keeping their formatting.

A statement whose names all go to one home keeps its node (parentheses, comments, trailing
comma) and only changes its module. A statement whose names go to several homes is split: the
names that stay keep the original statement, each new home gets a copy of it, in order of first
appearance.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from ..analysis.moves import from_import_home
from ..project.contract import ContractIndex
from ..project.modules import ModuleName, resolve_relative

__all__ = ["comma_template", "dotted", "local_name", "module_ref", "split_import_from", "with_commas"]


def dotted(name: str) -> cst.Attribute | cst.Name:
    """`"a.b.c"` as a `Name`/`Attribute` chain."""
    head, *rest = name.split(".")
    node: cst.Attribute | cst.Name = cst.Name(head)
    for part in rest:
        node = cst.Attribute(value=node, attr=cst.Name(part))
    return node


def module_ref(
    target: str, original: cst.ImportFrom, file_module: ModuleName | None
) -> tuple[list[cst.Dot], cst.Attribute | cst.Name | None]:
    """(dots, module) for `from <here> import`: relative when the original was relative and the
    target is reachable with the same number of dots, absolute otherwise."""
    level = len(original.relative)
    if level:
        base = resolve_relative(file_module, level, None)
        if base and target == base:
            return list(original.relative), None
        if base and target.startswith(base + "."):
            return list(original.relative), dotted(target[len(base) + 1 :])
    return [], dotted(target)


def with_commas(
    aliases: Sequence[cst.ImportAlias],
    parenthesized: bool,
    trailing: bool,
    template: cst.Comma | None = None,
    closing: cst.Comma | None = None,
) -> list[cst.ImportAlias]:
    """Commas valid for a new alias list: none after the last one unless `trailing` in parens.

    Missing commas are copied from `template` (a multi-line statement's own comma keeps its
    one-name-per-line layout), else written as `, `. With `trailing`, the last name takes
    `closing` (the original last comma), whose whitespace puts `)` where it was, not indented.
    """
    fixed = list(aliases)
    if not fixed:
        return fixed
    comma = template or cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if not parenthesized and template is not None and not _single_line(template):
        comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    for i, alias in enumerate(fixed[:-1]):
        if not isinstance(alias.comma, cst.Comma):
            fixed[i] = alias.with_changes(comma=comma)
    last = fixed[-1]
    if not (parenthesized and trailing):
        fixed[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
    elif closing is not None:
        fixed[-1] = last.with_changes(comma=_closing_comma(last.comma, closing))
    elif not isinstance(last.comma, cst.Comma):
        fixed[-1] = last.with_changes(comma=comma)
    return fixed


def _closing_comma(own: cst.Comma | cst.MaybeSentinel, closing: cst.Comma) -> cst.Comma:
    """The last name's comma: its own comment, then the original last comma's line break and
    indentation before `)` (the name may have been in the middle, followed by more names)."""
    if not isinstance(own, cst.Comma):
        return closing
    mine, theirs = own.whitespace_after, closing.whitespace_after
    if isinstance(mine, cst.ParenthesizedWhitespace) and isinstance(theirs, cst.ParenthesizedWhitespace):
        return own.with_changes(whitespace_after=mine.with_changes(indent=theirs.indent, last_line=theirs.last_line))
    return closing


def _single_line(comma: cst.Comma) -> bool:
    return isinstance(comma.whitespace_after, cst.SimpleWhitespace)


def comma_template(node: cst.ImportFrom) -> cst.Comma | None:
    """A comma of `node` to copy when names are added to it."""
    if isinstance(node.names, cst.ImportStar):
        return None
    comma = next((a.comma for a in node.names if isinstance(a.comma, cst.Comma)), None)
    after = comma.whitespace_after if comma is not None else None
    if isinstance(after, cst.ParenthesizedWhitespace):
        # copy the layout, not the trivia: `Z,  # why` must not lend `# why` to other names
        first = after.first_line.with_changes(whitespace=cst.SimpleWhitespace(""), comment=None)
        return comma.with_changes(whitespace_after=after.with_changes(first_line=first))  # type: ignore[union-attr]
    return comma


def local_name(alias: cst.ImportAlias) -> str:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return alias.name.value if isinstance(alias.name, cst.Name) else ""


def _name_of(alias: cst.ImportAlias) -> str:
    return alias.name.value if isinstance(alias.name, cst.Name) else ""


def _renamed(alias: cst.ImportAlias, new_name: str) -> cst.ImportAlias:
    """The alias importing `new_name` under the file's existing local name."""
    local = local_name(alias)
    if new_name == local:
        return alias.with_changes(name=cst.Name(new_name), asname=None)
    asname = alias.asname or cst.AsName(name=cst.Name(local))
    return alias.with_changes(name=cst.Name(new_name), asname=asname)


def _home(module: str, name: str, index: ContractIndex) -> tuple[str, str] | None:
    """(module, name) that `from <module> import <name>` imports from after the move ("" for
    the module: a top-level module is imported plainly)."""
    move = index.move(f"{module}.{name}")
    return None if move is None else from_import_home(move, module, name)


def _plain_import(alias: cst.ImportAlias, module: str) -> cst.Import:
    """`import module` (`as` the alias's local name when that differs)."""
    local = local_name(alias)
    asname = None if local == module else cst.AsName(name=cst.Name(local))
    return cst.Import(names=[cst.ImportAlias(name=dotted(module), asname=asname)])


def split_import_from(
    node: cst.ImportFrom,
    moving: set[cst.CSTNode],
    module: str,
    index: ContractIndex,
    file_module: ModuleName | None,
    adopt: set[cst.CSTNode] | frozenset[cst.CSTNode] = frozenset(),
) -> list[cst.ImportFrom | cst.Import]:
    """The statements that replace `node`: the kept names first (a name renamed within the
    same module among them, in its place), then one per new home (a
    top-level module that a name became is imported plainly, one statement each). A renamed
    name whose node is in `adopt` takes its new name (its uses are renamed elsewhere)."""
    assert not isinstance(node.names, cst.ImportStar)
    kept: list[cst.ImportAlias] = []
    homes: dict[str, list[cst.ImportAlias]] = {}
    for alias in node.names:
        name = alias.name
        home = _home(module, name.value, index) if isinstance(name, cst.Name) and name in moving else None
        if home is None:
            kept.append(alias)
        else:
            new = alias.with_changes(name=cst.Name(home[1])) if name in adopt else _renamed(alias, home[1])
            same = kept if home[0] == module else homes.setdefault(home[0], [])  # renamed in place
            if all((_name_of(a), local_name(a)) != (home[1], local_name(new)) for a in same):
                same.append(new)  # an adopted name may meet the same name imported beside it
    parenthesized = node.lpar is not None
    closing = node.names[-1].comma
    trailing = isinstance(closing, cst.Comma)
    last = closing if isinstance(closing, cst.Comma) else None
    statements: list[cst.ImportFrom | cst.Import] = []
    if kept:
        statements.append(node.with_changes(names=with_commas(kept, parenthesized, trailing, closing=last)))
    for target, aliases in homes.items():
        if not target:
            statements += [_plain_import(a, a.name.value) for a in aliases if isinstance(a.name, cst.Name)]
            continue
        dots, ref = module_ref(target, node, file_module)
        names = with_commas(aliases, parenthesized, trailing, closing=last)
        statements.append(node.with_changes(relative=dots, module=ref, names=names))
    return statements
