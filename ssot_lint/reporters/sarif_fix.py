"""SARIF `fixes` for SSOT001/SSOT002 findings: text replacements built from the source, emitted
only when they equal what `ssot-lint fix` writes for that finding alone (else none, never a guess).
"""

from __future__ import annotations

import ast
import re
from typing import Any

from ssot_lint.fileio import read_regular
from ssot_lint.findings import Finding
from ssot_lint.lines import split as split_lines
from ssot_lint.rules import DEPRECATED_IMPORT, DEPRECATED_STRING_REFERENCE

__all__ = ["Sources", "replacements"]

#: (line, start column, end column, new text): one replacement, 1-based, end exclusive.
Edit = tuple[int, int, int, str]
_STRING = re.compile(r"([rRuU]?)('''|\"\"\"|'|\")(.*)\2", re.DOTALL)
_FROM = re.compile(r"from\s+(\.*)\s*([A-Za-z_][\w.]*)?")


#: a fix is offered only for a file `check` analysed, which is never bigger (see `limits`).
_SOURCE_LIMIT = 64 * 1024 * 1024


class Sources:
    """Each file's text and syntax tree, read once per render; `given` holds the text checked
    for a path that is not the file on disk (`--stdin-filename`)."""

    def __init__(self, given: dict[str, str] | None = None) -> None:
        self._texts: dict[str, str | None] = dict(given or {})
        self._files: dict[str, tuple[list[str], ast.Module] | None] = {}

    def text(self, path: str) -> str | None:
        """The file's text; None when it cannot be read as UTF-8."""
        if path not in self._texts:
            try:
                self._texts[path] = read_regular(path, _SOURCE_LIMIT)[0].decode("utf-8")
            except (OSError, ValueError, MemoryError):
                self._texts[path] = None
        return self._texts[path]

    def get(self, path: str) -> tuple[list[str], ast.Module] | None:
        """The file's lines and syntax tree; None when it is not readable Python."""
        if path not in self._files:
            text = self.text(path)
            try:
                self._files[path] = None if text is None else (split_lines(text), ast.parse(text))
            except (ValueError, SyntaxError, RecursionError, MemoryError):
                self._files[path] = None
        return self._files[path]


def replacements(finding: Finding, findings: tuple[Finding, ...], sources: Sources) -> list[dict[str, Any]] | None:
    """The SARIF replacements fixing a fixable SSOT001/SSOT002 finding, or None when they cannot
    be exact (a notebook's finding: its cells are not the file's lines)."""
    loc = finding.location
    if not finding.fixable or finding.replacement is None or loc.cell is not None or loc.line != loc.end_line:
        return None
    source = sources.get(loc.path)
    if source is None:
        return None
    lines, tree = source
    text = lines[loc.line - 1][loc.column - 1 : loc.end_column - 1] if loc.line <= len(lines) else ""
    edits: list[Edit] | None = None
    if finding.code == DEPRECATED_STRING_REFERENCE.code:
        edits = _string_edits(finding, text)
    elif finding.code == DEPRECATED_IMPORT.code:
        edits = _import_edits(finding, text, lines, tree, findings)
    if not edits:
        return None
    return [
        {
            "deletedRegion": {"startLine": ln, "startColumn": start, "endLine": ln, "endColumn": end},
            "insertedContent": {"text": new},
        }
        for ln, start, end, new in sorted(edits)
    ]


def _string_edits(finding: Finding, text: str) -> list[Edit] | None:
    """`"old.X"` -> `"new.Y"`, keeping prefix and quotes (as `fix` does)."""
    match = _STRING.fullmatch(text)
    if match is None or match.group(3) != finding.symbol:
        return None
    prefix, quote_, _ = match.groups()
    loc = finding.location
    return [(loc.line, loc.column, loc.end_column, f"{prefix}{quote_}{finding.replacement}{quote_}")]


def _statement(tree: ast.Module, line: int) -> ast.Import | ast.ImportFrom | None:
    hits = [
        n for n in ast.walk(tree)
        if isinstance(n, (ast.Import, ast.ImportFrom)) and n.lineno <= line <= (n.end_lineno or n.lineno)
    ]
    return hits[0] if len(hits) == 1 else None  # two on one line (`;`): do not guess


def _attribute_heads(tree: ast.Module) -> set[str]:
    """Every dotted prefix of every attribute chain (`a.b.c` -> a, a.b, a.b.c)."""
    heads: set[str] = set()
    for node in ast.walk(tree):
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if parts and isinstance(node, ast.Name):
            chain = [node.id, *reversed(parts)]
            heads.update(".".join(chain[: i + 1]) for i in range(len(chain)))
    return heads


def _rewrites_uses(local: str, old: str, tree: ast.Module) -> bool:
    """True when `fix` may also rewrite attribute uses (`m.X`, `old.X`) we do not see here."""
    heads = _attribute_heads(tree)
    return any(h == old or h.startswith((local + ".", old + ".")) for h in heads)


def _import_edits(
    finding: Finding, text: str, lines: list[str], tree: ast.Module, findings: tuple[Finding, ...]
) -> list[Edit] | None:
    loc, new = finding.location, finding.replacement or ""
    node = _statement(tree, loc.line)
    if isinstance(node, ast.Import):
        alias = next((a for a in node.names if a.name == text == finding.symbol), None)
        # `use `target`` is the message of a module move, whose `replacement` is the module itself
        if alias is None or not finding.message.endswith(f"use `{new}`"):
            return None
        local = alias.asname or text.split(".")[0]
        if _rewrites_uses(local, finding.symbol, tree):
            return None
        return [(loc.line, loc.column, loc.end_column, new)]
    if not isinstance(node, ast.ImportFrom):
        return None
    if text == "*" and finding.symbol.endswith(".*"):
        module_edit = _module_edit(node, lines, finding.symbol[:-2], new[:-2])
        return [module_edit] if module_edit else None
    return _name_edits(finding, text, node, lines, tree, findings)


def _name_edits(
    finding: Finding,
    text: str,
    node: ast.ImportFrom,
    lines: list[str],
    tree: ast.Module,
    findings: tuple[Finding, ...],
) -> list[Edit] | None:
    """`from old import X` -> `from new import Y as X` (`Y` when the name adopts its new one and
    nothing uses it: its uses are `fix`'s to rename); every other name must move unchanged."""
    loc = finding.location
    old_module, _, old_name = finding.symbol.rpartition(".")
    new_module, _, new_name = (finding.replacement or "").rpartition(".")
    alias = next((a for a in node.names if a.name == old_name == text), None)
    if alias is None or _rewrites_uses(alias.asname or old_name, finding.symbol, tree):
        return None
    same_file = {
        (f.symbol, f.replacement) for f in findings if f.location.path == loc.path and f.fixable
    }
    others = [a for a in node.names if a is not alias]
    if any((f"{old_module}.{a.name}", f"{new_module}.{a.name}") not in same_file for a in others):
        return None  # `fix` would split the statement: not one text replacement
    adopts = " and rename `" in (finding.fix_title or "")  # `fix` renames every use too
    if adopts and any(isinstance(n, ast.Name) and n.id == old_name for n in ast.walk(tree)):
        return None
    module_edit = _module_edit(node, lines, old_module, new_module)
    if module_edit is None:
        return None
    keep = "" if alias.asname or new_name == old_name or adopts else f" as {old_name}"
    return [module_edit, (loc.line, loc.column, loc.end_column, new_name + keep)]


def _module_edit(node: ast.ImportFrom, lines: list[str], old: str, new: str) -> Edit | None:
    """Replace `from <module>` on the statement's first line, relative when `fix` keeps it so."""
    line = lines[node.lineno - 1]
    start = len(line.encode("utf-8")[: node.col_offset].decode("utf-8", "replace"))
    match = _FROM.match(line, start)
    if match is None or len(match.group(1)) != node.level or (match.group(2) or None) != node.module:
        return None
    dots, written = match.group(1), match.group(2) or ""
    if not old.endswith(written):
        return None
    base = old[: len(old) - len(written)].rstrip(".") if written else old
    if dots and base and new == base:
        ref = dots
    elif dots and base and new.startswith(base + "."):
        ref = dots + new[len(base) + 1 :]
    else:
        ref = new
    end = match.end(2) if written else match.end(1)
    return (node.lineno, match.start(1) + 1, end + 1, ref)
