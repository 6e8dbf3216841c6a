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
    "ExitPolicy",
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
        """The exit code of `check` (`ExitPolicy.of_check`)."""
        return ExitPolicy(exit_zero=exit_zero).of_check(self)


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
    #: what `--extend-canonical` added to canonical modules, or refused to.
    notes: tuple[str, ...] = ()

    @property
    def fixed_count(self) -> int:
        return sum(len(c.fixed) for c in self.changes)

    def exit_code(self) -> ExitCode:
        """The exit code of `fix` (`ExitPolicy.of_fix`)."""
        return ExitPolicy().of_fix(self)


@dataclass(frozen=True, slots=True)
class ExitPolicy:
    """How a run's outcome becomes an `ExitCode`: the one place that reads the flags that bend it.
    The CLI builds one from its options; nothing else decides an exit code."""

    #: `--exit-zero`: exit 0 whatever the report holds (a broken config still exits 2 earlier).
    exit_zero: bool = False
    #: `--exit-non-zero-on-fix`: with `--fix`/`--fix-only`, anything fixed exits 1.
    non_zero_on_fix: bool = False

    def of_check(self, report: CheckReport) -> ExitCode:
        """Errors win (the report is incomplete), then findings, a vanished baseline entry under
        `--strict-baseline` and contract warnings under `--strict-contract`."""
        if self.exit_zero:
            return ExitCode.CLEAN
        if report.errors:
            return ExitCode.ERROR
        if (report.strict_baseline and report.baseline_gone) or (report.strict_contract and report.warnings):
            return ExitCode.FINDINGS
        return ExitCode.FINDINGS if report.findings else ExitCode.CLEAN

    def of_fix(self, report: FixReport) -> ExitCode:
        """`fix`: what is left once written; with `--diff` (nothing written), 1 when a file would change."""
        if report.remaining.errors:
            return ExitCode.ERROR
        if not report.written:
            return ExitCode.FINDINGS if report.changes else ExitCode.CLEAN
        return ExitCode.FINDINGS if report.remaining.findings else ExitCode.CLEAN

    def of_fix_only(self, fixed: FixReport) -> ExitCode:
        """`check --fix-only`: errors, else 1 only for a fix under `--exit-non-zero-on-fix`."""
        if fixed.remaining.errors:
            return ExitCode.ERROR
        return ExitCode.FINDINGS if self.non_zero_on_fix and fixed.changes else ExitCode.CLEAN

    def of_fix_then_check(self, fixed: FixReport, report: CheckReport) -> ExitCode:
        """`check --fix`: the check of what is left; a clean one is 1 if anything was fixed
        under `--exit-non-zero-on-fix`."""
        code = ExitPolicy().of_check(report)
        return ExitCode.FINDINGS if code == ExitCode.CLEAN and self.non_zero_on_fix and fixed.changes else code

    def of_errors(self, errors: tuple[FileError, ...]) -> ExitCode:
        """A run that reports no findings (`--update-baseline`, `--add-noqa`): 2 on any error."""
        return ExitCode.ERROR if errors else ExitCode.CLEAN
