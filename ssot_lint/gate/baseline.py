"""The baseline: adopt a contract today on a codebase with existing violations, and ratchet down.

Entries are keyed by path, code, symbol and the finding's fingerprint (its offending code,
normalised), never by line number, so moving code or reformatting a statement does not make an
old finding new. The symbol is where the name finally lands (`ContractIndex.canonicalize`), and a
finding whose fingerprint matches no entry may still use an entry of the same path, code and
symbol whose own fingerprint matched nothing: after `fix` rewrites an import, an untouched
`WebSocketManager()` resolves to `UnifiedWebSocketManager` and its text may change, yet it is
the same baselined finding. Each key carries a count: a baseline with one entry does not hide a
second copy.
A renamed file's findings are new (renames are not followed): the baseline stays a plain,
reviewable list of what is tolerated where.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..fileio import write_atomic
from ..findings import Finding
from ..jsondoc import DocumentError, expect, read_json
from ..project.confine import escapes, outside_message
from ..sanitize import json_safe

__all__ = ["BaselineError", "Filtered", "apply_baseline", "confined", "read_baseline", "write_baseline"]

Key = tuple[str, str, str, str]


class BaselineError(Exception):
    """The baseline file exists but cannot be read; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Filtered:
    """Findings not in the baseline, and how the baseline fared."""

    new: tuple[Finding, ...]
    #: findings the baseline still covers.
    baselined: int
    #: baseline entries that matched nothing: fixed since the baseline was written.
    gone: int


def _relative(path: Path, base: Path) -> str:
    absolute = path.resolve()
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


Canonical = Callable[[str], str]


def _same(symbol: str) -> str:
    return symbol


def _key(finding: Finding, base: Path, cwd: Path, canonical: Canonical = _same) -> Key:
    path = _relative(cwd / finding.location.path, base)
    return (path, finding.code, canonical(finding.symbol), finding.fingerprint)


def confined(file: Path, root: Path) -> Path:
    """`file`, when neither its path nor a symlink leads out of the project `root`: a baseline
    named by a cloned repository (its config, or a committed symlink) is read and rewritten."""
    if escapes(root, file, follow_links=True):
        target = os.path.realpath(file)
        raise BaselineError(f"{file} leads to {target}, which {outside_message(root)}; pass `--baseline PATH` to use a file elsewhere")
    return file


def read_baseline(file: Path, canonical: Canonical = _same) -> Counter[Key]:
    """The tolerated findings; an absent file tolerates nothing. Read as hostile input: any
    malformed document is one `BaselineError` naming the file."""
    if not file.exists():
        return Counter()
    try:
        document = read_json(file)
        entries = expect(document, "findings", list)
        counts: Counter[Key] = Counter()
        for i, entry in enumerate(entries):
            where = f"findings[{i}]"
            path, code, symbol, fingerprint = (
                expect(entry, name, str, where=where) for name in ("path", "code", "symbol", "fingerprint"))
            count = expect(entry, "count", int, where=where, default=1)
            if count < 1:
                raise DocumentError(f"{where}.count: expected a positive integer, got {count}")
            counts[(path, code, canonical(symbol), fingerprint)] += count
        return counts
    except (OSError, DocumentError) as error:
        raise BaselineError(
            f"{file}: not a readable ssot-lint baseline ({error}); "
            "regenerate it with `ssot-lint check --update-baseline`"
        ) from error


def write_baseline(file: Path, findings: tuple[Finding, ...], cwd: Path, canonical: Canonical = _same) -> int:
    """Write a sorted, diff-friendly baseline atomically; returns the number of findings in it.
    Raises `BaselineError` (nothing written, no temporary left) when the file cannot be written."""
    counts = Counter(_key(f, file.parent.resolve(), cwd, canonical) for f in findings)
    entries = [
        {"path": p, "code": c, "symbol": s, "fingerprint": fp, "count": n}
        for (p, c, s, fp), n in sorted(counts.items())
    ]
    text = json.dumps({"version": 1, "tool": "ssot-lint", "findings": entries}, indent=2) + "\n"
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, json_safe(text).encode("utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot write the baseline {file}: {error.strerror or error}; nothing was written") from error
    return sum(counts.values())


def apply_baseline(
    findings: tuple[Finding, ...], baseline: Counter[Key], file: Path, cwd: Path, scanned: tuple[Path, ...],
    canonical: Canonical = _same,
) -> Filtered:
    """Split findings into new ones and those the baseline tolerates (each entry counted): first
    by the whole key, then what is left by path, code and symbol alone.

    Only entries of `scanned` files can be gone: a run over part of the tree (a path, a shard,
    `--diff-base`) says nothing about the rest.
    """
    base = file.parent.resolve()
    checked = {_relative(p, base) for p in scanned}
    remaining = Counter({k: n for k, n in baseline.items() if k[0] in checked})
    unmatched = []
    for finding in findings:
        key = _key(finding, base, cwd, canonical)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            unmatched.append((finding, key[:3]))
    loose: Counter[tuple[str, str, str]] = Counter()
    for key, n in remaining.items():
        loose[key[:3]] += n
    new = []
    for finding, short in unmatched:
        if loose[short] > 0:
            loose[short] -= 1
        else:
            new.append(finding)
    baselined = len(findings) - len(new)
    return Filtered(tuple(new), baselined, sum(loose.values()))
