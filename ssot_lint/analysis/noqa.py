"""`# noqa: SSOT001` directives read as comment tokens: which suppress nothing (SSOT100, Ruff's
RUF100), removing those codes (SSOT100's fix) and adding directives (`check --add-noqa`).

Pure functions on a file's bytes. Only real comments count (a `# noqa: SSOT001` inside a string
is text), every edit touches comments only, and an edit that would change the file's syntax tree
is refused, so a file is never broken by these.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
import warnings
from dataclasses import dataclass

from .. import lines as line_breaks
from .. import rules
from ..findings import RULE_NAMES, Finding, Location
from ..rules import ANALYSIS_ERROR

__all__ = ["UNUSED_NOQA", "Directive", "add", "directives", "encoding", "has_directive", "remove", "unused"]

UNUSED_NOQA = rules.UNUSED_NOQA.code
_NOQA = re.compile(r"#\s*noqa\s*:\s*(?P<codes>[A-Za-z]+[0-9]+(?:[ \t]*,?[ \t]*[A-Za-z]+[0-9]+)*)", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]+[0-9]+")
_HAS = re.compile(rb"noqa\s*:\s*ssot", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Directive:
    """One `noqa: ...` in a comment: its line, its span in the line (0-based characters) and codes
    with their spans."""

    line: int
    start: int
    end: int
    codes: tuple[tuple[str, int, int], ...]


def has_directive(source: bytes) -> bool:
    """Cheap: could `source` hold a `noqa` naming an SSOT code?"""
    return _HAS.search(source) is not None


def _decode(source: bytes) -> tuple[str, str] | None:
    try:
        encoding = line_breaks.declared_encoding(source)
        return source.decode(encoding), encoding
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None


def encoding(source: bytes) -> str:
    """The file's declared encoding (PEP 263, BOM), utf-8 when it cannot be told."""
    decoded = _decode(source)
    return decoded[1] if decoded else "utf-8"


def _tokens(text: str) -> list[tokenize.TokenInfo] | None:
    """The tokens, numbered by the lines Python counts (a lone `\r` ends one: `lines`)."""
    try:
        return list(tokenize.generate_tokens(io.StringIO(line_breaks.to_lf(text)).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return None


def directives(source: bytes) -> tuple[Directive, ...]:
    """Every noqa directive in a real comment; none when the file cannot be tokenized."""
    decoded = _decode(source)
    tokens = _tokens(decoded[0]) if decoded else None
    found = []
    for token in tokens or ():
        if token.type != tokenize.COMMENT:
            continue
        for match in _NOQA.finditer(token.string):
            base = token.start[1]
            codes = tuple(
                (c.group().upper(), base + match.start("codes") + c.start(), base + match.start("codes") + c.end())
                for c in _CODE.finditer(match.group("codes"))
            )
            found.append(Directive(token.start[0], base + match.start(), base + match.end(), codes))
    return tuple(found)


def unused(
    source: bytes, display: str, used: frozenset[tuple[int, str]], judged: frozenset[str]
) -> tuple[Finding, ...]:
    """SSOT100 findings: SSOT codes in a directive that suppressed no finding on its line.

    `used` holds the (line, code) pairs that did suppress something; `judged` the codes that ran
    on this file (a code not selected, or ignored for the file, cannot be judged). A directive
    naming SSOT100 itself keeps its line quiet.
    """
    lines = line_breaks.split(source.decode("utf-8", "replace"))
    findings = []
    for directive in directives(source):
        names = [code for code, _, _ in directive.codes]
        if UNUSED_NOQA in names:
            continue
        for code, start, end in directive.codes:
            if not code.startswith("SSOT"):
                continue  # another tool's code
            known = code in RULE_NAMES and code != ANALYSIS_ERROR.code
            if (known and code not in judged) or (directive.line, code) in used:
                continue
            why = "unused" if known else "unknown"
            text = lines[directive.line - 1] if directive.line <= len(lines) else ""
            findings.append(_finding(display, directive.line, start, end, code, why, text))
    return tuple(findings)


def _finding(display: str, line: int, start: int, end: int, code: str, why: str, text: str) -> Finding:
    digest = hashlib.blake2b(f"{UNUSED_NOQA}\0{code}\0{text.strip()}".encode(), digest_size=8).hexdigest()
    return Finding(
        Location(display, line, start + 1, line, end + 1), UNUSED_NOQA,
        f"Unused `noqa` directive ({why}: `{code}`)", "", code, None, True,
        fix_title=f"Remove `{code}` from the `noqa` directive", fingerprint=digest,
    )


def _split_lines(text: str) -> list[str]:
    """Lines as the tokenizer numbers them (`\n`, `\r\n` or a lone `\r` ends one), each with its
    ending."""
    return line_breaks.split_keepends(text) or [""]


def _same_tree(before: str, after: str) -> bool:
    """Comments only changed: equal syntax trees (both unparsable on this interpreter is fine)."""
    def dump(text: str) -> str | None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return ast.dump(ast.parse(text))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return None
    return dump(before) == dump(after) and _tokens(after) is not None


def _without(line: str, directive: Directive, drop: set[str]) -> str:
    """The line with the `drop` codes gone from the directive: the whole directive when no code
    stays, keeping any other comment and any words written after the codes."""
    kept = [code for code, _, _ in directive.codes if code not in drop]
    head, tail = line[: directive.start], line[directive.end :]
    if kept:
        return head + "# noqa: " + ", ".join(kept) + tail
    if tail.strip(" \t\r\n"):  # `# noqa: SSOT001 -- reason` keeps `# -- reason`
        return head + "#" + tail
    return head.rstrip(" \t") + tail


def remove(source: bytes, findings: tuple[Finding, ...] | list[Finding]) -> bytes:
    """`source` without the codes the SSOT100 findings name; unchanged if the edit is not sure."""
    targets = {(f.location.line, f.symbol) for f in findings if f.code == UNUSED_NOQA}
    decoded = _decode(source)
    if not targets or decoded is None:
        return source
    text, encoding = decoded
    lines = _split_lines(text)
    for directive in sorted(directives(source), key=lambda d: (d.line, -d.start)):
        drop = {code for code, _, _ in directive.codes if (directive.line, code) in targets}
        if drop and directive.line <= len(lines):
            lines[directive.line - 1] = _without(lines[directive.line - 1], directive, drop)
    new = "".join(lines)
    return new.encode(encoding) if _same_tree(text, new) else source


def _unsafe_lines(tokens: list[tokenize.TokenInfo]) -> set[int]:
    """Lines whose end is inside a string or a backslash continuation: no comment can go there."""
    unsafe: set[int] = set()
    for token in tokens:
        if token.type == tokenize.STRING or getattr(tokenize, "FSTRING_MIDDLE", -1) == token.type:
            unsafe.update(range(token.start[0], token.end[0]))
    return unsafe


def add(source: bytes, wanted: dict[int, set[str]]) -> tuple[bytes, int, tuple[int, ...]]:
    """`source` with `# noqa: CODES` on each wanted line (merged into an existing directive):
    (new bytes, directives added or extended, lines that could not take one)."""
    decoded = _decode(source)
    tokens = _tokens(decoded[0]) if decoded else None
    if decoded is None or tokens is None:
        return source, 0, tuple(sorted(wanted))
    text, encoding = decoded
    lines = _split_lines(text)
    existing = {d.line: d for d in directives(source)}
    unsafe = _unsafe_lines(tokens)
    changed, refused = 0, []
    for number, codes in sorted(wanted.items()):
        body = lines[number - 1] if number <= len(lines) else ""
        content = body.rstrip("\r\n")
        if number in unsafe or content.endswith("\\") or not content.strip():
            refused.append(number)
            continue
        directive = existing.get(number)
        if directive is not None:
            have = [code for code, _, _ in directive.codes]
            new_codes = have + sorted(codes - set(have))
            if new_codes == have:
                continue
            content = content[: directive.start] + "# noqa: " + ", ".join(new_codes) + content[directive.end :]
        else:
            content = content.rstrip(" \t") + "  # noqa: " + ", ".join(sorted(codes))
        lines[number - 1] = content + body[len(body.rstrip("\r\n")) :]
        changed += 1
    new = "".join(lines)
    if not _same_tree(text, new):
        return source, 0, tuple(sorted(wanted))
    return new.encode(encoding), changed, tuple(refused)
