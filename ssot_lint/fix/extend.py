"""`fix --extend-canonical`: give the canonical module the names importers still need, then move
the importers, in one run (the hand migration broke 272 imports doing it in the wrong order).

For each import `check` left unfixable only because the canonical module lacks the name, where the
deprecated module *defines* it (not merely re-exports it) and does not import the canonical module
(a cycle), the canonical module gets one `from <deprecated> import ...` per source module, names
sorted, after its last top-level import. Two names wanting the same new name are refused. The
new canonical source is parsed, compiled and must bind every added name before it is written
(atomically, like every write); the importers are then fixed against it.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..analysis.moves import extension_problem, from_import_home
from ..findings import FileChange, Finding
from ..project.contract import ContractIndex
from ..project.exports import ExportsIndex
from ..rules import DEPRECATED_IMPORT
from .write import atomic_write, digest, unified_diff

__all__ = ["Extension", "apply", "plan"]

#: a line longer than this is written one name a line, in parentheses.
_LINE = 99


@dataclass(frozen=True, slots=True)
class Extension:
    """Names one canonical module re-exports: (source module, ((name there, name here), ...))."""

    canonical: str
    path: str
    imports: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    def statements(self) -> list[str]:
        return [_statement(source, names) for source, names in self.imports]


def _key(name: str) -> tuple[int, str]:
    return (0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2, name.lower())


def _statement(source: str, names: tuple[tuple[str, str], ...]) -> str:
    aliases = [n if n == m else f"{n} as {m}" for n, m in sorted(names, key=lambda p: _key(p[1]))]
    line = f"from {source} import {', '.join(aliases)}"
    if len(line) <= _LINE:
        return line
    return f"from {source} import (\n" + "".join(f"    {a},\n" for a in aliases) + ")"


def plan(
    findings: Iterable[Finding], index: ContractIndex, exports: ExportsIndex
) -> tuple[tuple[Extension, ...], tuple[str, ...]]:
    """The extensions the findings call for, and why others were refused."""
    wanted: dict[str, dict[str, set[tuple[str, str]]]] = {}
    refused: list[str] = []
    for finding in findings:
        move = index.move(finding.symbol) if finding.code == DEPRECATED_IMPORT.code and not finding.fixable else None
        if move is None or move.via or move.target_name is None:
            continue
        source, _, name = finding.symbol.rpartition(".")
        canonical, new_name = from_import_home(move, source, name)
        if exports.provides(canonical, new_name) is not False or extension_problem(exports, source, name, canonical):
            continue
        wanted.setdefault(canonical, {}).setdefault(source, set()).add((name, new_name))
    extensions = []
    for canonical, sources in sorted(wanted.items()):
        given: dict[str, set[tuple[str, str]]] = {}
        for source, names in sources.items():
            for name, new_name in names:
                given.setdefault(new_name, set()).add((source, name))
        clashes = {n for n, where in given.items() if len(where) > 1}
        for new_name in sorted(clashes):
            shown = ", ".join(f"`{s}.{n}`" for s, n in sorted(given[new_name]))
            refused.append(f"`{canonical}.{new_name}` would be both {shown}: add it by hand")
        imports = tuple(
            (source, tuple(sorted(p for p in names if p[1] not in clashes)))
            for source, names in sorted(sources.items()) if any(p[1] not in clashes for p in names)
        )
        found = exports.get(canonical)
        if imports and found is not None and found.path is not None:
            extensions.append(Extension(canonical, found.path, imports))
    return tuple(extensions), tuple(refused)


def _insert_at(tree: ast.Module) -> int:
    """The line after which new imports go: the last top-level import, else the docstring."""
    first = tree.body[0] if tree.body else None
    docstring = isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str)
    last = (first.end_lineno or first.lineno) if docstring and first is not None else 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            last = node.end_lineno or node.lineno
    return last


def rewrite(source: str, extension: Extension) -> str:
    """`source` with the extension's import statements after its last top-level import."""
    newline = "\r\n" if "\r\n" in source else "\n"
    lines = source.splitlines(keepends=True)
    at = _insert_at(ast.parse(source))
    if at and at == len(lines) and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    added = [line + newline for s in extension.statements() for line in s.split("\n")]
    return "".join(lines[:at] + added + lines[at:])


def _proved(new: str, extension: Extension) -> bool:
    try:
        tree = ast.parse(new)
        compile(new, extension.path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    bound = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom) for a in n.names}
    return all(m in bound for _, names in extension.imports for _, m in names)


def apply(
    extensions: tuple[Extension, ...], exports: ExportsIndex, write: bool, display: Callable[[Path], str],
) -> tuple[ExportsIndex, tuple[FileChange, ...], tuple[str, ...]]:
    """Extend each canonical module (on disk when `write`), and the exports the importers are then
    judged against; returns (exports, the canonical modules' changes, what was added or refused)."""
    changes: list[FileChange] = []
    notes: list[str] = []
    modules = {e.module: e for e in exports.modules}
    for extension in extensions:
        path = Path(extension.path)
        shown = display(path)
        try:
            raw = path.read_bytes()
            old = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            notes.append(f"not extended: {shown}: cannot read it as UTF-8 ({error})")
            continue
        new = rewrite(old, extension)
        if not _proved(new, extension):
            notes.append(f"not extended: {shown}: the new imports would not compile; add them by hand")
            continue
        if write:
            atomic_write(path, new.encode("utf-8"), digest(raw))
        changes.append(FileChange(shown, (), unified_diff(old, new, shown)))
        notes += [f"extended {shown}: {statement}" for statement in extension.statements()]
        added = {m for _, names in extension.imports for _, m in names}
        current = modules[extension.canonical]
        modules[extension.canonical] = dataclasses.replace(current, names=current.names | added)
    extended = dataclasses.replace(exports, modules=tuple(modules.values()), _by_name={})
    return extended, tuple(changes), tuple(notes)
