"""The per-file worker (read -> prefilter -> parse -> checks -> findings) and the executor swap.

`check_file` never raises: every failure is a `FileError` value in its `FileResult`. `run` maps it
over files in this process (the library's `jobs=1`) or in worker processes (`pool`; the command
line always); results come back sorted by path either way.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import re
import traceback
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import libcst as cst

from ..analysis import noqa as noqa_directives
from ..analysis import scope
from ..analysis.noqa import UNUSED_NOQA
from ..analysis.parse import parse_source
from ..analysis.positions import code_ranges
from ..analysis.prefilter import Prefilter
from ..analysis.sparse import MIN_SPARSE_BYTES, Skeleton, skeleton, whole
from ..analysis.suppression import noqa_codes
from ..checks import FileContext, Report, node_types, run_checks
from ..fileio import NotRegularFile, TooLarge, content_digest, describe_size, is_racy, read_regular
from ..findings import FileError, FileResult, Finding, Location, distinct_fingerprints
from ..project.modules import module_for_path
from .job import Job, display_path

T = TypeVar("T")

__all__ = ["Analysis", "Job", "analyse", "analyse_source", "check_file", "display_path", "prefilter_matches", "run"]


def _ignored_codes(path: Path, job: Job) -> frozenset[str]:
    return job.ignored_codes(path)


_COMMENT = re.compile(r"#[^\r\n]*")  # a lone \r ends a comment too (see `lines`)
_LAYOUT = re.compile(r"[\s()\\]+|,(?=\s*\))")


def fingerprint(code: str, symbol: str, text: str) -> str:
    """Identity of a finding that survives moving lines and reformatting the statement."""
    normalised = _LAYOUT.sub("", _COMMENT.sub("", text)).rstrip(",")
    return hashlib.blake2b(f"{code}\0{symbol}\0{normalised}".encode(), digest_size=8).hexdigest()


#: node -> (line, column, end line, end column) in the file: 1-based lines, 0-based columns.
Positions = dict[cst.CSTNode, tuple[int, int, int, int]]


def _to_finding(report: Report, positions: Positions, path: str, module: cst.Module) -> Finding:
    line, column, end_line, end_column = positions[report.node]
    location = Location(path, line, column + 1, end_line, end_column + 1)
    verdict = report.verdict
    return Finding(
        location, report.code, report.message, report.contract, report.symbol, report.replacement,
        verdict.fixable, verdict.title if verdict.fixable else None, verdict.reason, report.unsafe,
        fingerprint(report.code, report.symbol, module.code_for_node(report.node)),
    )


def _suppressed_by(report: Report, finding: Finding, noqa: dict[int, frozenset[str]], positions: Positions) -> set[int]:
    """The lines whose `# noqa` silences this finding (empty: it is reported)."""
    lines = {finding.location.line}
    if report.statement is not None and report.statement in positions:
        lines.add(positions[report.statement][0])
    return {line for line in lines if finding.code in noqa.get(line, ())}


@dataclass(frozen=True)
class Analysis:
    """A parsed file with its reports; stays in the process that made it (holds CST nodes)."""

    module: cst.Module | None
    result: FileResult
    #: (report, finding) pairs that survived suppression, in traversal order.
    kept: tuple[tuple[Report, Finding], ...] = ()
    bindings: scope.Bindings | None = None
    #: what `module` was parsed from when it is not the whole file (`compact.lines` non-empty).
    compact: Skeleton | None = None


def _parse(
    source: bytes, display: str, job: Job, sparse: bool, pattern: re.Pattern[bytes] | None = None,
    min_bytes: int = MIN_SPARSE_BYTES, innermost: bool = False,
) -> tuple[cst.Module | FileError, Skeleton | None]:
    """The whole file, or a skeleton of the statements that can matter (those `pattern`, by
    default the prefilter's needles, spells, and what they need; see `sparse`)."""
    if sparse and job.use_prefilter:
        pattern = pattern or _prefilter(job).pattern
        unique = frozenset(u for c in job.index.contracts for u in c.unique) if innermost else frozenset()
        compact = skeleton(source, pattern, min_bytes, innermost, unique) if pattern is not None else None
        if compact is not None:  # CPython's parser read the whole file: its statements are shallow
            parsed = parse_source(compact.text, display, shallow=True)
            if not isinstance(parsed, FileError):
                return parsed, compact
    parsed = parse_source(source, display)
    return parsed, (whole(source) if not isinstance(parsed, FileError) and len(source) >= MIN_SPARSE_BYTES else None)


def _whole_positions(module: cst.Module, compact: Skeleton | None) -> Positions:
    """Every node's position (the whole module is generated once), mapped to the file's lines."""
    line_of = compact.original_line if compact is not None else (lambda line: line)
    ranges = code_ranges(module)
    return {
        node: (line_of(r.start.line), r.start.column, line_of(r.end.line), r.end.column)
        for node, r in ranges.items()
    }


def _positions(module: cst.Module, compact: Skeleton | None, reports: list[Report]) -> Positions:
    """Positions of the reported nodes. LibCST finds positions by generating code; generating
    only the top-level statements that hold a report, each as a module of its own, and offsetting
    by the statement's first line (known from the `ast` pre-pass) costs a fraction of the whole."""
    if compact is None or len(compact.starts) != len(module.body) or any(r.top < 0 for r in reports):
        return _whole_positions(module, compact)
    positions: Positions = {}
    for top in sorted({r.top for r in reports}):
        statement = module.body[top]
        alone = cst.Module(body=[statement.with_changes(leading_lines=[])])
        # a statement's lines are contiguous in the skeleton, not always in the file (`innermost`)
        base = bisect_left(compact.lines, compact.starts[top]) if compact.lines else compact.starts[top] - 1
        lines = compact.lines
        line_of = (lambda line, base=base: lines[base + line - 1]) if lines else (lambda line, base=base: base + line)
        here = [r for r in reports if r.top == top]
        # generation stops after the last node a finding needs (`code_ranges`), unless one of
        # them is the statement itself, which `alone` holds as a copy
        wanted = [] if any(r.node is statement for r in here) else [
            n for r in here for n in (r.node, r.statement) if n is not None and n is not statement
        ]
        ranges = code_ranges(alone, wanted)
        for node, r in ranges.items():
            positions[node] = (line_of(r.start.line), r.start.column, line_of(r.end.line), r.end.column)
    return positions


def analyse(
    source: bytes, path: Path, display: str, job: Job, *, sparse: bool = False,
    pattern: re.Pattern[bytes] | None = None, min_bytes: int = MIN_SPARSE_BYTES, innermost: bool = False,
) -> Analysis:
    """Parse and check one file's bytes (no I/O); `fix` re-checks its output through this too.

    `sparse` parses only the statements that can hold a finding: same findings, far fewer bytes
    through LibCST. `fix` widens the selection with `pattern` (see `fix_pattern`).
    """
    parsed, compact = _parse(source, display, job, sparse, pattern, min_bytes, innermost)
    if isinstance(parsed, FileError):
        return Analysis(None, FileResult(display, error=parsed, parsed=True))
    partial = compact if compact is not None and compact.lines else None
    module_name = module_for_path(path, job.src)
    codes = job.codes - _ignored_codes(path, job)
    checks = tuple(c for c in job.checks if c.CODE in codes)
    bindings = scope.collect(parsed, module_name, node_types(checks))
    context = FileContext(display, module_name, job.index, job.exports, bindings, job.unsafe_fixes, source, parsed,
                          job.rename_style)
    reports = run_checks(context, checks)
    unused_noqa = UNUSED_NOQA in codes and noqa_directives.has_directive(source)
    if not reports and not unused_noqa:
        return Analysis(parsed, FileResult(display, parsed=True), (), bindings, partial)
    positions = _positions(parsed, compact, reports) if reports else {}
    noqa = noqa_codes(source)
    kept, used = [], set()
    for report in reports:
        finding = _to_finding(report, positions, display, parsed)
        lines = _suppressed_by(report, finding, noqa, positions)
        if lines:
            used.update((line, finding.code) for line in lines)
        else:
            kept.append((report, finding))
    if b"\x0c" in source and any(f.fixable for _, f in kept):
        kept = _unfixable_if_lossy(source, parsed if compact is None else None, display, kept)
    extra = noqa_directives.unused(source, display, frozenset(used), codes) if unused_noqa else ()
    findings = distinct_fingerprints(tuple(sorted({*(f for _, f in kept), *extra}, key=Finding.sort_key)))
    return Analysis(parsed, FileResult(display, findings, parsed=True), tuple(kept), bindings, partial)


_LOSSY = "the parser does not keep a form feed in this file, so a rewrite would change other bytes: fix it by hand"


def _unfixable_if_lossy(
    source: bytes, whole_tree: cst.Module | None, display: str, kept: list[tuple[Report, Finding]]
) -> list[tuple[Report, Finding]]:
    """LibCST drops a form feed before a statement: `fix` refuses such files, so `check` must
    not call their findings fixable (rare: only files holding a form feed pay for this)."""
    tree = whole_tree if whole_tree is not None else parse_source(source, display)
    # only a lost form feed counts: other bytes LibCST drops `fix.keep` puts back
    if isinstance(tree, FileError) or tree.bytes.count(b"\x0c") == source.count(b"\x0c"):
        return kept
    return [
        (r, dataclasses.replace(f, fixable=False, fix_title=None, unfixable_reason=_LOSSY) if f.fixable else f)
        for r, f in kept
    ]


def analyse_source(source: bytes, path: Path, display: str, job: Job) -> FileResult:
    """The findings of one file's bytes."""
    return analyse(source, path, display, job, sparse=True, innermost=True).result


def analyse_file_bytes(path: Path, display: str, source: bytes, job: Job) -> FileResult:
    try:
        return analyse_source(source, path, display, job)
    except Exception as error:  # noqa: BLE001 - one bad file must not end the run
        return FileResult(display, error=FileError(
            display, "internal", f"internal error: {type(error).__name__}: {error}",
            hint="please report this with the file; run with --debug for the traceback",
            traceback=traceback.format_exc(),
        ))


def read_source(path: Path, display: str, job: Job) -> tuple[bytes, os.stat_result] | FileError:
    """A regular file's bytes, at most `job.max_file_size` of them: a FIFO would block forever,
    a symlink to /dev/zero would be read until memory runs out, a 50 MB file costs minutes."""
    try:
        return read_regular(path, job.max_file_size or None)
    except TooLarge as error:
        return FileError(
            display, "too-large", f"file is {describe_size(error.size)}, over the {describe_size(error.limit)} "
            "size limit; excluded from this run",
            hint="raise `max-file-size` in [tool.ssot-lint] (or pass --max-file-size), or exclude the file",
        )
    except NotRegularFile as error:
        kind = str(error).rpartition(" is ")[2]
        return FileError(display, "unreadable", f"not read: this path is {kind}",
                         hint="only regular files are read; exclude it in [tool.ssot-lint]")
    except OSError as error:
        reason = error.strerror or str(error)
        return FileError(display, "unreadable", f"cannot read file: {reason}",
                         hint="check that the file exists and is readable")


def check_file(path: Path, job: Job, cwd: Path | None = None) -> FileResult:
    """Read, prefilter and analyse one file; never raises."""
    display = display_path(path, cwd)
    read = read_source(path, display, job)
    if isinstance(read, FileError):
        return FileResult(display, error=read)
    source, stat = read
    stamp = (stat.st_size, stat.st_mtime_ns)
    if path.suffix == ".ipynb":  # the code cells as one module, positions per cell
        from . import notebook

        return dataclasses.replace(notebook.check(path, display, source, job), digest=content_digest(source), stamp=stamp)
    if job.use_prefilter and not prefilter_matches(source, job):
        # no digest unless the stamp cannot be trusted next time: when a stamp changes, running
        # the prefilter again costs what hashing would
        return FileResult(display, digest=content_digest(source) if is_racy(stat.st_mtime_ns) else "", stamp=stamp)
    result = analyse_file_bytes(path, display, source, job)
    return dataclasses.replace(result, digest=content_digest(source), stamp=stamp)


def _prefilter(job: Job) -> Prefilter:
    return job.prefilter


def fix_pattern(job: Job) -> re.Pattern[bytes] | None:
    """The statements `fix` must see: those `check` needs, plus every import of a module a fix
    may write to (an existing import of it is reused, never duplicated; see `fix.blocks`)."""
    return job.fix_prefilter.pattern


def prefilter_matches(source: bytes, job: Job) -> bool:
    """False only when `source` provably holds no finding (see `prefilter`; a `noqa` naming an
    SSOT code may be an unused one when SSOT100 runs)."""
    if UNUSED_NOQA in job.codes and noqa_directives.has_directive(source):
        return True
    return _prefilter(job).matches(source)


_WORKER: tuple[Callable[[Path, Job, Path], T], Job, Path] | None = None  # type: ignore[valid-type]


def _init_worker(worker: Callable[[Path, Job, Path], T], job: Job, cwd: Path) -> None:
    global _WORKER
    _WORKER = (worker, job, cwd)
    cst.parse_module("")  # warm the parser once per worker, as LibCST's own runner does
    gc.freeze()  # the modules and the job live as long as the worker: keep them out of collections


def _work(path: Path) -> T:  # type: ignore[type-var]
    assert _WORKER is not None
    worker, job, cwd = _WORKER
    return _without_gc_pauses(worker, path, job, cwd)


_COLLECT_EVERY = 256
_analysed = 0


def _without_gc_pauses(worker: Callable[[Path, Job, Path], T], path: Path, job: Job, cwd: Path) -> T:
    """Run `worker` with the cyclic GC off: parse trees are freed by reference counting, and the
    collector re-walking millions of fresh ast and CST nodes costs a quarter of the run. A full
    collection every few hundred files bounds whatever cycles do form."""
    global _analysed
    gc.disable()
    try:
        return worker(path, job, cwd)
    finally:
        gc.enable()
        _analysed += 1
        if _analysed % _COLLECT_EVERY == 0:
            gc.collect()


def _gave_up(path: Path, display: str, error: FileError) -> FileResult:
    return FileResult(display, error=error)


def crash_error(display: str) -> FileError:
    return FileError(display, "internal", "the parser crashed on this file (its process died); excluded from this run",
                     hint="exclude the file in [tool.ssot-lint] and please report it")


def timeout_error(display: str, budget: float) -> FileError:
    return FileError(display, "timeout", f"took longer than {budget:g} s; excluded from this run",
                     hint="raise `file-timeout` in [tool.ssot-lint] (or pass --file-timeout), or exclude the file")


def run(
    paths: tuple[Path, ...],
    job: Job,
    jobs: int | None = None,
    worker: Callable[[Path, Job, Path], T] = check_file,  # type: ignore[assignment]
    gave_up: Callable[[Path, str, FileError], T] = _gave_up,  # type: ignore[assignment]
    *,
    isolate: bool = False,
    budget: float | None = None,
) -> Iterator[T]:
    """`worker` over `paths`; results in path order.

    In worker processes (`pool.supervise`) when `isolate` or when `jobs` asks for more than one:
    a file that kills its worker (LibCST's native parser can overflow its stack) or outlasts
    `budget` seconds costs only that file (`gave_up` makes its result), and no worker outlives
    the run. Otherwise (the library's one-job default) in this process, with no budget.
    """
    cwd = Path.cwd()
    if not isolate and (jobs == 1 or len(paths) < 2):
        gc.freeze()  # as in a worker: what exists already is not re-walked by each collection
        try:
            for path in paths:
                yield _without_gc_pauses(worker, path, job, cwd)
        finally:
            gc.unfreeze()
        return
    from .pool import machine_jobs, supervise

    def crashed(i: int) -> T:
        display = display_path(paths[i], cwd)
        return gave_up(paths[i], display, crash_error(display))

    def too_slow(i: int) -> T:
        display = display_path(paths[i], cwd)
        return gave_up(paths[i], display, timeout_error(display, budget or 0))

    most = min(jobs or machine_jobs(), machine_jobs())
    yield from supervise(paths, _init_worker, (worker, job, cwd), _work, most, budget or None, crashed, too_slow)
