"""Use cases: the only module that knows the order of the stages.

check: config -> contract index -> exports of the contract's modules -> files -> engine -> report.
fix:   check's stages -> per-file transform -> verify -> write (see `fix/`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import CheckReport, FileChange, FileError, FileResult, FixReport
from .project import config, discovery
from .project.contract import ContractIndex, Project
from .project.exports import ExportsIndex, build_index
from .project.reexports import Reexports
from .runner.job import ALL_CODES, Job, display_path
from .version import __version__

if TYPE_CHECKING:
    from .fix.worker import FileFix

__all__ = ["RunOptions", "check", "fix", "load", "prepare"]


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What the command line asked for, as a value."""

    paths: tuple[Path, ...] = ()
    config: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: codes added to the selection (how opt-in rules such as SSOT100 join the defaults).
    extend_select: tuple[str, ...] = ()
    jobs: int | None = None
    unsafe_fixes: bool = False
    #: `fix --extend-canonical`: the canonical module first re-exports what importers still need.
    extend_canonical: bool = False
    use_prefilter: bool = True
    use_cache: bool = False
    #: (K, N): check only the K-th of N deterministic slices of the files (CI matrix jobs).
    shard: tuple[int, int] | None = None
    #: check only what changed since the merge base with this git ref, on changed lines.
    diff_base: str | None = None
    #: with `diff_base`: report findings on every line of the changed files.
    all_lines: bool = False
    #: the baseline file (else `baseline` from the config); `update_baseline` rewrites it.
    baseline: Path | None = None
    update_baseline: bool = False
    strict_baseline: bool = False
    #: contract self-check warnings fail the run (exit 1) instead of only being shown.
    strict_contract: bool = False
    #: the interpreter whose environment installed modules are looked up in (`--python`).
    python: str | None = None
    #: `--max-file-size` / `--file-timeout` (None: the config's, else the defaults); 0: no limit.
    max_file_size: int | None = None
    file_timeout: float | None = None
    #: analyse in worker processes even for one job (the command line does): a file that kills its
    #: parser or outlasts the time budget then costs only that file.
    isolate: bool = False
    #: called with (files done, files in all) as results arrive; the CLI draws a progress bar.
    progress: Callable[[int, int], None] | None = None
    cwd: Path = field(default_factory=Path.cwd)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A loaded project and the job every worker runs."""

    project: Project
    job: Job
    files: tuple[Path, ...]
    missing: tuple[Path, ...]
    #: with --diff-base: changed lines per file (None: every line), to filter findings.
    changed_lines: dict[Path, frozenset[int] | None] | None = None
    #: folders that could not be read (and why): each is an error, the run is incomplete.
    unreadable: tuple[tuple[Path, str], ...] = ()


def _contract_modules(project: Project) -> list[str]:
    """Every module the contract names: each is read once per run, the rest never."""
    modules: list[str] = []
    for contract in project.contracts:
        modules += [contract.canonical, *contract.deprecated]
        named = [new for _, new in (*contract.renames, *contract.deprecated_calls) if new]
        named += [*contract.factory_only, *([contract.factory] if contract.factory else [])]
        modules += [name.rpartition(".")[0] for name in named]
    return modules


def _codes(options: RunOptions) -> frozenset[str]:
    """Selected (else the default rules), plus extended, minus ignored: Ruff's order."""
    from .project.selectors import RULE_CODES

    def named(code: str, selectors: tuple[str, ...]) -> bool:
        return any(code.startswith(s) for s in selectors)

    selected = {c for c in RULE_CODES if (named(c, options.select) if options.select else c in ALL_CODES)}
    selected |= {c for c in RULE_CODES if named(c, options.extend_select)}
    return frozenset(c for c in selected if not named(c, options.ignore))


def _exports(project: Project, options: RunOptions) -> ExportsIndex:
    """Read the contract's modules under `src`, else in the project's environment (raises
    `ConfigError` when the named interpreter cannot be asked)."""
    from .project.environment import InterpreterError, environment
    from .project.locate import ModuleFinder

    python = options.python if options.python is not None else project.python
    base = options.cwd if options.python is not None else project.root
    finder = ModuleFinder(project.src, lambda: environment(python, base))
    try:
        moves = tuple((old, c.canonical) for c in project.contracts for old in c.deprecated)
        return build_index(_contract_modules(project), finder, moves)
    except InterpreterError as error:
        file, key = ("<command line>", "--python") if options.python else (str(project.config_file), "python")
        hint = "give the project's interpreter, e.g. `.venv/bin/python`"
        raise config.ConfigError([config.ConfigProblem(file, key, str(error), hint)]) from None


def _reexports(project: Project, options: RunOptions, found: discovery.Discovery | None) -> Reexports:
    """Every module of the project that re-exports what the contract names (see `reexport_scan`),
    whatever files this run checks (the run's own walk when it covers every `src` root); cached
    with the results."""
    from .gate.cache import CACHE_DIR
    from .project.reexport_scan import scan

    roots = tuple(p for p in project.src if p.exists()) or (project.root,)
    given = [p.absolute() for p in options.paths or (options.cwd,)]
    covered = found is not None and all(any(g == r or g in r.parents for g in given) for r in roots)
    files = found.files if found is not None and covered else discovery.find(roots, project.root, project.exclude).files
    return scan(files, project.src, project.contracts, project.root / CACHE_DIR if options.use_cache else None)


def prepare(options: RunOptions) -> Prepared:
    """Load and validate the configuration, then find the files. Raises `config.ConfigError`."""
    paths = options.paths or (options.cwd,)
    project = config.load(list(paths), options.config, options.cwd)
    found = discovery.find(paths, project.root, project.exclude) if options.diff_base is None else None
    job = _job(project, options, found)
    if found is None:
        return _prepare_changed(options, project, job, paths)
    files = shard_files(found.files, project.root, options.shard) if options.shard else found.files
    if found.temporaries:
        from .fix.write import remove_temporaries

        remove_temporaries(found.temporaries)
    return Prepared(project, job, files, found.missing, unreadable=found.unreadable)


def load(options: RunOptions) -> tuple[Project, Job]:
    """The configuration for `options.paths` (else the current folder), validated, and the job
    every worker runs. Raises `config.ConfigError`."""
    paths = options.paths or (options.cwd,)
    project = config.load(list(paths), options.config, options.cwd)
    return project, _job(project, options, None)


def _job(project: Project, options: RunOptions, found: discovery.Discovery | None) -> Job:
    """The job every worker runs; `found` is the run's own walk, when it has one."""
    return Job(
        index=ContractIndex.build(project.contracts, _reexports(project, options, found)),
        exports=_exports(project, options),
        src=project.src,
        root=project.root,
        per_file_ignores=project.per_file_ignores,
        codes=_codes(options),
        unsafe_fixes=options.unsafe_fixes,
        use_prefilter=options.use_prefilter,
        cwd=options.cwd,
        max_file_size=project.max_file_size if options.max_file_size is None else options.max_file_size,
        rename_style=project.rename_style,
    )


def _prepare_changed(options: RunOptions, project: Project, job: Job, paths: tuple[Path, ...]) -> Prepared:
    """Only the changed Python files under `paths` (git: raises `vcs.GitError`)."""
    from .project import vcs

    assert options.diff_base is not None
    change = vcs.changes_since(options.diff_base, options.cwd)
    roots = [p.resolve() for p in paths]
    files = tuple(
        f for f in change.files
        if any(f == r or r in f.parents for r in roots) and not discovery.excluded(f, project.root, project.exclude)
    )
    lines = None if options.all_lines else change.lines
    return Prepared(project, job, files, (), lines)


def _on_changed_lines(result: FileResult, path: Path, lines: dict[Path, frozenset[int] | None]) -> FileResult:
    changed = lines.get(path.resolve())
    if changed is None or path.suffix == ".ipynb":  # a notebook's lines count from each cell, not the file
        return result
    kept = tuple(
        f for f in result.findings
        if any(n in changed for n in range(f.location.line, f.location.end_line + 1))
    )
    return dataclasses.replace(result, findings=kept)


def shard_files(files: tuple[Path, ...], root: Path, shard: tuple[int, int]) -> tuple[Path, ...]:
    """The K-th of N slices, by a hash of each file's path under the root: stable when files are
    added or removed, and the same on every machine."""
    k, n = shard
    return tuple(
        path for path in files
        if int(hashlib.blake2b(display_path(path, root).encode(), digest_size=8).hexdigest(), 16) % n == k - 1
    )


def _missing(prepared: Prepared) -> tuple[FileResult, ...]:
    """Given paths that do not exist and folders that could not be read, as errors."""
    missing = tuple(
        FileResult(p.as_posix(), error=FileError(p.as_posix(), "unreadable", "path does not exist",
                                                 hint="check the path and try again"))
        for p in prepared.missing
    )
    return missing + tuple(
        FileResult(shown, error=FileError(shown, "unreadable", message, hint="make it readable, or exclude it in [tool.ssot-lint]"))
        for shown, message in ((display_path(p, prepared.job.cwd), m) for p, m in prepared.unreadable)
    )


def _isolation(prepared: Prepared, options: RunOptions) -> dict[str, Any]:
    """Workers and a time budget per file (`--file-timeout`, else the config's): the command line
    always isolates; the library runs in-process when asked for one job."""
    budget = prepared.project.file_timeout if options.file_timeout is None else options.file_timeout
    return {"isolate": options.isolate, "budget": budget or None}


def _analyse(prepared: Prepared, options: RunOptions) -> tuple[FileResult, ...]:
    """Results for every file: from the cache when provably unchanged, else from the engine."""
    from .gate.cache import CACHE_DIR, Cache

    cache = Cache(prepared.project.root / CACHE_DIR, prepared.job.fingerprint(__version__)) if options.use_cache else None
    results: list[FileResult | None] = [None] * len(prepared.files)
    misses: list[int] = []
    for i, path in enumerate(prepared.files):
        hit = cache.lookup(path, display_path(path, options.cwd)) if cache else None
        if hit is None:
            misses.append(i)
        else:
            results[i] = hit
    if misses:
        from .runner import engine  # imports LibCST: only when something must be analysed

        done = len(prepared.files) - len(misses)
        missed = tuple(prepared.files[i] for i in misses)
        for i, result in zip(misses, engine.run(missed, prepared.job, options.jobs, **_isolation(prepared, options))):
            results[i] = result
            if cache is not None:
                cache.store(prepared.files[i], result)
            done += 1
            if options.progress is not None:
                options.progress(done, len(prepared.files))
    if cache is not None:
        cache.save()
    assert all(r is not None for r in results)
    return tuple(results)  # type: ignore[arg-type]


def check(options: RunOptions) -> CheckReport:
    """Run every selected rule over the files; never raises for a bad file."""
    started = time.perf_counter()
    prepared = prepare(options)
    results = _analyse(prepared, options)
    if prepared.changed_lines is not None:
        lines = prepared.changed_lines
        results = tuple(_on_changed_lines(r, p, lines) for r, p in zip(results, prepared.files))
    report = CheckReport(
        results=_missing(prepared) + results,
        files_scanned=len(prepared.files),
        elapsed=time.perf_counter() - started,
        contracts=tuple(c.name for c in prepared.project.contracts),
        root=str(prepared.project.root.resolve()),
    )
    report = _with_baseline(report, prepared, options)
    return _with_contract_warnings(report, prepared, options)


def _with_contract_warnings(report: CheckReport, prepared: Prepared, options: RunOptions) -> CheckReport:
    """The contract self-check; 'can be deleted' and 'matches no module' only when the whole
    project ran, and deletable only when no file imports the module at all."""
    from .gate.selfcheck import contract_warnings, deletion_candidates
    from .project.importers import importers
    from .project.modules import module_names

    project, exports = prepared.project, prepared.job.exports
    root = project.root.resolve()
    covered = any(p.resolve() == root or p.resolve() in root.parents for p in options.paths or (options.cwd,))
    whole = covered and not options.shard and options.diff_base is None and not report.baselined and not prepared.unreadable
    candidates = deletion_candidates(project, exports, report, prepared.job.index) if whole else []
    warnings = contract_warnings(
        project, exports, report, prepared.job.index,
        modules=module_names(prepared.files, project.src), whole_project=whole,
        importers=importers(prepared.files, project.src, candidates) if candidates else {},
    )
    return dataclasses.replace(report, warnings=warnings, strict_contract=options.strict_contract)


DEFAULT_BASELINE = ".ssot-lint-baseline.json"


def _baseline_file(prepared: Prepared, options: RunOptions) -> Path | None:
    """--baseline, else the configured one, else the default file if it exists (or is wanted);
    only --baseline may lead out of the project."""
    if options.baseline is not None:
        return options.baseline if options.baseline.is_absolute() else options.cwd / options.baseline
    from .gate.baseline import confined

    root = prepared.project.root
    if prepared.project.baseline is not None:
        return confined(prepared.project.baseline, root)
    default = root / DEFAULT_BASELINE
    return confined(default, root) if default.exists() or default.is_symlink() or options.update_baseline else None


def _with_baseline(report: CheckReport, prepared: Prepared, options: RunOptions) -> CheckReport:
    """Write the baseline (--update-baseline), or hide the findings it tolerates."""
    from .gate.baseline import apply_baseline, read_baseline, write_baseline

    file = _baseline_file(prepared, options)
    if file is None:
        return report
    canonical = prepared.job.index.canonicalize  # a fix elsewhere must not make a finding new
    if options.update_baseline:
        write_baseline(file, report.findings, options.cwd, canonical)
        return report
    filtered = apply_baseline(report.findings, read_baseline(file, canonical), file, options.cwd, prepared.files, canonical)
    kept = set(filtered.new)
    results = tuple(dataclasses.replace(r, findings=tuple(f for f in r.findings if f in kept)) for r in report.results)
    return dataclasses.replace(
        report, results=results, baselined=filtered.baselined, baseline_gone=filtered.gone,
        strict_baseline=options.strict_baseline,
    )


def _write(change: FileFix) -> FileError | None:
    from .fix.write import Refused, StaleFile, atomic_write

    assert change.new_source is not None
    try:
        atomic_write(change.path, change.new_source, change.original_digest)
    except StaleFile:
        return FileError(change.display, "write", "file changed on disk while fixing; not overwritten",
                         hint="run `ssot-lint fix` again")
    except Refused as refused:
        return FileError(change.display, "write", refused.strerror, hint=refused.hint)
    except OSError as error:
        return FileError(change.display, "write", f"cannot write: {error.strerror or error}; file left unchanged",
                         hint="check permissions and free disk space")
    return None


def fix(options: RunOptions, write: bool = True, accept: Callable[[str, str], bool] | None = None) -> FixReport:
    """Rewrite every fixable finding (or, with `write=False`, only compute the diff). `accept`
    (path shown, diff) decides file by file whether a computed change is written (`--interactive`);
    a refused file keeps its findings."""
    from .fix.worker import fix_file, gave_up_fix
    from .runner import engine

    started = time.perf_counter()
    prepared = prepare(options)
    changes: list[FileChange] = []
    results: list[FileResult] = []
    notes: tuple[str, ...] = ()
    if options.extend_canonical:
        prepared, extended, notes = _extend_canonical(options, prepared, write)
        changes += extended
    runs = engine.run(prepared.files, prepared.job, options.jobs, fix_file, gave_up_fix, **_isolation(prepared, options))
    for outcome in runs:
        error, remaining = outcome.error, outcome.remaining
        if error is None and outcome.new_source is not None:
            if accept is not None and not accept(outcome.display, outcome.diff):
                results.append(FileResult(outcome.display, outcome.before, None, parsed=True))
                continue
            error = _write(outcome) if write else None
            if error is None:
                changes.append(FileChange(outcome.display, outcome.fixed, outcome.diff))
            else:
                remaining = outcome.before
        results.append(FileResult(outcome.display, remaining, error, parsed=True))
    report = CheckReport(
        results=_missing(prepared) + tuple(results),
        files_scanned=len(prepared.files),
        elapsed=time.perf_counter() - started,
        contracts=tuple(c.name for c in prepared.project.contracts),
        root=str(prepared.project.root.resolve()),
    )
    return FixReport(tuple(changes), report, write, notes)


def _extend_canonical(options: RunOptions, prepared: Prepared, write: bool) -> tuple[Prepared, tuple[FileChange, ...], tuple[str, ...]]:
    """Add to the canonical modules what the importers need (see `fix.extend`); the importers are
    then judged against the extended modules."""
    from .fix import extend
    from .runner.job import display_path

    findings = [f for result in _analyse(prepared, options) for f in result.findings]
    extensions, refused = extend.plan(findings, prepared.job.index, prepared.job.exports)
    exports, changes, notes = extend.apply(
        extensions, prepared.job.exports, write, lambda path: display_path(path, options.cwd)
    )
    job = dataclasses.replace(prepared.job, exports=exports)
    return dataclasses.replace(prepared, job=job), changes, notes + tuple(f"not extended: {r}" for r in refused)
