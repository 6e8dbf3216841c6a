"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers: one run, every rule, every finding.

Rules carry their rendered docs as help, results carry the baseline fingerprint as
`partialFingerprints` so a viewer tracks a finding across edits, and fixable findings carry a
SARIF `fix` for viewers that apply them (GitHub code scanning does not show SARIF fixes). Paths
are relative to the git work tree holding the project (`%SRCROOT%`), as code scanning expects. The reporter reads the source (as `text` does)
because a fix is text: it is only emitted when its replacements can be built exactly from the
source and equal what `ssot-lint fix` writes for that finding alone; otherwise the result has no
`fixes`, never a guess.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

import ssot_lint
from ssot_lint.fileio import read_regular
from ssot_lint.findings import RULE_NAMES, CheckReport, FileError, Finding
from ssot_lint.sanitize import json_safe

__all__ = ["SARIF_SCHEMA", "SarifReporter", "to_sarif"]

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/ssot-lint/ssot-lint"
#: each rule's page, as `rules/` holds it in the repository.
RULES_URI = f"{INFORMATION_URI}/blob/main/rules"
ERROR_CODE = "SSOT000"


class SarifReporter:
    """Writes one SARIF log as indented JSON; `color` is ignored."""

    def render(self, report: CheckReport, out: TextIO, *, color: bool) -> None:
        out.write(json_safe(json.dumps(to_sarif(report), indent=2, ensure_ascii=False)) + "\n")


def repository_root(report: CheckReport) -> Path:
    """The folder code scanning names files from: the git work tree holding the project (else
    the project root; the current folder for a merged report, which knows no root)."""
    start = Path(report.root) if report.root else Path.cwd().resolve()
    return next((folder for folder in (start, *start.parents) if (folder / ".git").exists()), start)


def to_sarif(report: CheckReport) -> dict[str, Any]:
    """The SARIF log as plain data (tests validate it against the schema)."""
    rules = _rules()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sources = _Sources()
    findings = report.findings
    where = _Where(repository_root(report), os.getcwd())
    results = [_result(f, index, _fix(f, findings, sources, where), where) for f in findings]
    results += [_error_result(e, index, where) for e in report.errors]
    run = {
        "tool": {"driver": _driver(rules)},
        "invocations": [_invocation(report.errors, where)],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _file_uri(where.root.as_posix()) + "/"}},
        # our columns count characters, not SARIF's default UTF-16 code units
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _driver(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "name": "ssot-lint",
        "version": ssot_lint.__version__,
        "informationUri": INFORMATION_URI,
        "rules": rules,
    }


def _rules() -> list[dict[str, Any]]:
    """SSOT000 first, then every check in code order; imported lazily (checks pull in libcst)."""
    from ssot_lint.checks import ALL_CHECKS
    from ssot_lint.docs import NOT_CHECKS, render_rule
    from ssot_lint.noqa import UNUSED_NOQA

    analysis_error = "A file could not be analysed (unreadable, undecodable or invalid syntax)"
    rules = [_rule(ERROR_CODE, RULE_NAMES[ERROR_CODE], analysis_error, analysis_error, analysis_error)]
    for check in sorted(ALL_CHECKS, key=lambda c: c.CODE):
        full = _what_it_does(check.__doc__ or "") or check.SUMMARY
        rules.append(_rule(check.CODE, check.NAME, check.SUMMARY, full, render_rule(check)))
    name, page = NOT_CHECKS[UNUSED_NOQA]
    summary = page.split("\n")[2]
    rules.append(_rule(UNUSED_NOQA, name, summary, _what_it_does(page) or summary, page))
    return rules


def _rule(code: str, name: str, short: str, full: str, help_markdown: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": name,
        "helpUri": f"{RULES_URI}/{code}-{name}.md",
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "help": {"text": help_markdown, "markdown": help_markdown},
        "defaultConfiguration": {"level": "error"},
    }


def _what_it_does(docstring: str) -> str:
    """The first paragraph under `## What it does`, on one line."""
    _, _, body = inspect.cleandoc(docstring).partition("## What it does")
    paragraph = body.strip().split("\n\n", 1)[0]
    return " ".join(line.strip() for line in paragraph.splitlines() if not line.startswith("##"))


@dataclass(frozen=True, slots=True)
class _Where:
    """Where paths are read from (`cwd`: reports name files relative to it) and named from."""

    root: Path
    cwd: str


def artifact_location(path: str, where: _Where | None = None) -> dict[str, Any]:
    """A file under the repository root is relative to %SRCROOT% (that root); any other becomes
    a file URI. The URI percent-encodes the name's bytes, so a name that is not UTF-8 is exact."""
    where = where or _Where(Path.cwd().resolve(), os.getcwd())
    absolute = os.path.normpath(os.path.join(where.cwd, path))
    relative = os.path.relpath(absolute, where.root)
    if relative == ".." or relative.startswith(".." + os.sep):
        return {"uri": _file_uri(PurePath(absolute).as_posix())}
    return {"uri": quote(os.fsencode(PurePath(relative).as_posix()), safe="/"), "uriBaseId": "%SRCROOT%"}


def _file_uri(absolute: str) -> str:
    return "file://" + quote(os.fsencode(absolute), safe="/")


def region(finding: Finding) -> dict[str, int]:
    loc = finding.location
    return {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
    }


def _result(finding: Finding, index: dict[str, int], fix: dict[str, Any] | None, where: _Where) -> dict[str, Any]:
    location = {"artifactLocation": artifact_location(finding.location.path, where), "region": region(finding)}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": "error",
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"ssotLint/v1": finding.fingerprint},
        "properties": {
            "contract": finding.contract,
            "symbol": finding.symbol,
            "replacement": finding.replacement,
            "fixable": finding.fixable,
            # in a notebook the region's lines count from this code cell (1-based)
            **({"cell": finding.location.cell} if finding.location.cell is not None else {}),
        },
    }
    if fix is not None:
        result["fixes"] = [fix]
    return result


def _error_location(error: FileError, where: _Where) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(error.path, where)}
    if error.line is not None:
        physical["region"] = {"startLine": error.line}
        if error.column is not None:
            physical["region"]["startColumn"] = error.column
    return {"physicalLocation": physical}


def _error_text(error: FileError) -> str:
    return f"{error.message} ({error.hint})" if error.hint else error.message


def _error_result(error: FileError, index: dict[str, int], where: _Where) -> dict[str, Any]:
    return {
        "ruleId": ERROR_CODE,
        "ruleIndex": index[ERROR_CODE],
        "level": "error",
        "message": {"text": _error_text(error)},
        "locations": [_error_location(error, where)],
        "properties": {"kind": error.kind},
    }


def _invocation(errors: tuple[FileError, ...], where: _Where) -> dict[str, Any]:
    notifications = [
        {
            "level": "error",
            "message": {"text": _error_text(e)},
            "descriptor": {"id": ERROR_CODE},
            "locations": [_error_location(e, where)],
        }
        for e in errors
    ]
    return {"executionSuccessful": not errors, "toolExecutionNotifications": notifications}


# -- fixes ----------------------------------------------------------------------------------
#: (line, start column, end column, new text): one replacement, 1-based, end exclusive.
Edit = tuple[int, int, int, str]
_STRING = re.compile(r"([rRuU]?)('''|\"\"\"|'|\")(.*)\2", re.DOTALL)
_FROM = re.compile(r"from\s+(\.*)\s*([A-Za-z_][\w.]*)?")


#: a fix is offered only for a file `check` analysed, which is never bigger (see `limits`).
_SOURCE_LIMIT = 64 * 1024 * 1024


class _Sources:
    """Each file's lines and syntax tree, read once per render; None when unreadable."""

    def __init__(self) -> None:
        self._files: dict[str, tuple[list[str], ast.Module] | None] = {}

    def get(self, path: str) -> tuple[list[str], ast.Module] | None:
        if path not in self._files:
            try:
                text = read_regular(path, _SOURCE_LIMIT)[0].decode("utf-8")
                self._files[path] = (text.splitlines(), ast.parse(text))
            except (OSError, ValueError, SyntaxError, RecursionError, MemoryError):
                self._files[path] = None
        return self._files[path]


def _fix(finding: Finding, findings: tuple[Finding, ...], sources: _Sources, where: _Where) -> dict[str, Any] | None:
    """The SARIF fix of a fixable SSOT001/SSOT002 finding, or None when it cannot be exact."""
    loc = finding.location
    source = sources.get(loc.path)
    if not finding.fixable or finding.replacement is None or source is None or loc.line != loc.end_line:
        return None
    lines, tree = source
    text = lines[loc.line - 1][loc.column - 1 : loc.end_column - 1] if loc.line <= len(lines) else ""
    edits: list[Edit] | None = None
    if finding.code == "SSOT002":
        edits = _string_edits(finding, text)
    elif finding.code == "SSOT001":
        edits = _import_edits(finding, text, lines, tree, findings)
    if not edits:
        return None
    replacements = [
        {
            "deletedRegion": {"startLine": ln, "startColumn": start, "endLine": ln, "endColumn": end},
            "insertedContent": {"text": new},
        }
        for ln, start, end, new in sorted(edits)
    ]
    return {
        "description": {"text": finding.fix_title or f"Use `{finding.replacement}`"},
        "artifactChanges": [
            {"artifactLocation": artifact_location(loc.path, where), "replacements": replacements}
        ],
    }


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
    """`from old import X` -> `from new import Y as X`; every other name must move unchanged."""
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
    module_edit = _module_edit(node, lines, old_module, new_module)
    if module_edit is None:
        return None
    keep = "" if alias.asname or new_name == old_name else f" as {old_name}"
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
