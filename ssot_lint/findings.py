"""Values that flow from the checks to the reporters and the fixer: findings, errors, results.

Every type here is frozen, slotted and pickleable, so worker processes can hand them back.
Exit codes are declared here, once.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field

from .rules import RULES

__all__ = [
    "OPT_IN_CODES",
    "RULE_NAMES",
    "ExitCode",
    "FileError",
    "FileResult",
    "Finding",
    "Location",
    "distinct_fingerprints",
]


class ExitCode(enum.IntEnum):
    """The astral convention (Ruff, ty): 0 clean, 1 findings, 2 errors. 2 wins over 1."""

    CLEAN = 0
    FINDINGS = 1
    ERROR = 2


#: code -> rule name, from the rule table (SSOT000 is "the file could not be analysed").
RULE_NAMES: dict[str, str] = {rule.code: rule.name for rule in RULES}

#: codes that run only when selected by name or prefix (`--select SSOT100`, `--extend-select`).
OPT_IN_CODES = frozenset(rule.code for rule in RULES if rule.opt_in)


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A span in a file; lines and columns are 1-based, columns count characters."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    #: in a notebook: the code cell (1-based) the lines count from; None in a Python file.
    cell: int | None = None

    def where(self) -> str:
        """`path:line:col`, or `path:cell N:line:col` in a notebook (Ruff's spelling)."""
        cell = f"cell {self.cell}:" if self.cell is not None else ""
        return f"{self.path}:{cell}{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One breach of the contract, with what `fix` would do about it."""

    location: Location
    code: str
    message: str
    contract: str
    #: the offending fully qualified name, e.g. `app.websocket_core.manager.WebSocketManager`.
    symbol: str
    #: where it belongs now, or None when there is no replacement.
    replacement: str | None
    fixable: bool
    #: imperative title of the fix ("Import from `...`") or, when not fixable, why not.
    fix_title: str | None = None
    unfixable_reason: str | None = None
    #: only with --unsafe-fixes (SSOT004): the fix may change behaviour.
    unsafe: bool = False
    #: hash of code, symbol and the offending code's normalised text (not its line): the
    #: identity a baseline and SARIF's partialFingerprints use, stable when code moves.
    fingerprint: str = ""

    @property
    def name(self) -> str:
        return RULE_NAMES[self.code]

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        loc = self.location
        return (loc.path, loc.cell or 0, loc.line, loc.column, self.code, self.symbol)


def distinct_fingerprints(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """One file's sorted findings with no fingerprint twice: the k-th repeat of a fingerprint
    (the same code on the same text, e.g. one import written in two functions) gets a hash of
    it and k, so code scanning never merges two alerts, and the first keeps its plain one."""
    import hashlib

    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        k = seen.get(finding.fingerprint, 0)
        seen[finding.fingerprint] = k + 1
        if k:
            unique = hashlib.blake2b(f"{finding.fingerprint}\0{k}".encode(), digest_size=8).hexdigest()
            finding = dataclasses.replace(finding, fingerprint=unique)
        out.append(finding)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be analysed (SSOT000): the run goes on, the result is incomplete."""

    path: str
    kind: str  # "unreadable" | "too-large" | "timeout" | "decode" | "syntax" | "internal" | "write" | "verify"
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = ""
    traceback: str | None = field(default=None, compare=False)

    def describe(self) -> str:
        """`path:line:col: message (hint)` on one line."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.message}{hint}"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What the engine learned about one file."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None
    #: False when the prefilter proved the file irrelevant without parsing it.
    parsed: bool = False
    #: content hash of the bytes analysed, and (size, mtime_ns) taken before they were read: the
    #: cache key (see `cache`).
    digest: str = field(default="", compare=False)
    stamp: tuple[int, int] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The result of `check`: per-file results in path order, plus run facts for the summary."""

    results: tuple[FileResult, ...]
    files_scanned: int
    elapsed: float = 0.0
    #: contract names, in configuration order, for the summary table.
    contracts: tuple[str, ...] = ()
    #: findings hidden because the baseline tolerates them.
    baselined: int = 0
    #: baseline entries that matched nothing (fixed since); with `strict_baseline` they fail the run.
    baseline_gone: int = 0
    strict_baseline: bool = False
    #: contract self-check warnings (see `selfcheck`); with `strict_contract` they fail the run.
    warnings: tuple[str, ...] = ()
    strict_contract: bool = False
    #: the project root (absolute; "" when unknown, as for merged reports): SARIF makes its
    #: paths relative to the repository holding it.
    root: str = ""

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(sorted((f for r in self.results for f in r.findings), key=Finding.sort_key))

    @property
    def errors(self) -> tuple[FileError, ...]:
        return tuple(sorted((r.error for r in self.results if r.error), key=lambda e: e.path))

    def exit_code(self, exit_zero: bool = False) -> ExitCode:
        if exit_zero:
            return ExitCode.CLEAN
        if self.errors:
            return ExitCode.ERROR
        if (self.strict_baseline and self.baseline_gone) or (self.strict_contract and self.warnings):
            return ExitCode.FINDINGS
        return ExitCode.FINDINGS if self.findings else ExitCode.CLEAN


@dataclass(frozen=True, slots=True)
class FileChange:
    """A file `fix` rewrote (or, with --diff, would rewrite)."""

    path: str
    #: codes of the rewrites, one per fixed finding.
    fixed: tuple[str, ...]
    diff: str


@dataclass(frozen=True, slots=True)
class FixReport:
    """The result of `fix`: what changed, and a `CheckReport` of what is left."""

    changes: tuple[FileChange, ...]
    remaining: CheckReport
    #: False for `--diff`: nothing was written.
    written: bool

    @property
    def fixed_count(self) -> int:
        return sum(len(c.fixed) for c in self.changes)

    def exit_code(self) -> ExitCode:
        if self.remaining.errors:
            return ExitCode.ERROR
        if not self.written:
            return ExitCode.FINDINGS if self.changes else ExitCode.CLEAN
        return ExitCode.FINDINGS if self.remaining.findings else ExitCode.CLEAN
