"""The per-file fix worker: read -> analyse -> plan -> transform -> verify. Writes nothing.

The new bytes travel back to the main process, which alone writes (see `write`), so an
interrupted run is handled in one place.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import libcst as cst

from ..analysis import noqa
from ..analysis.noqa import UNUSED_NOQA
from ..analysis.sparse import MIN_SPARSE_BYTES
from ..checks import Report
from ..findings import FileError, Finding
from ..project.modules import module_for_path
from ..runner import engine
from . import plan as planning
from . import transforms
from .keep import keep
from .splice import splice
from .verify import verify
from .write import digest, unified_diff

__all__ = ["FileFix", "Only", "fix_file", "fix_source", "gave_up_fix"]

#: the findings a fix is restricted to, each by (code, line, column) where it starts, as `check`
#: reports them for the source; None: every fixable finding (what `fix` does).
Only = frozenset[tuple[str, int, int]] | None


@dataclass(frozen=True, slots=True)
class FileFix:
    """What fixing one file would do."""

    path: Path
    display: str
    #: sha256 of the bytes that were read: the write is refused if the file no longer matches.
    original_digest: str = ""
    new_source: bytes | None = None
    diff: str = ""
    #: codes of the rewrites performed.
    fixed: tuple[str, ...] = ()
    #: findings that are still there after the rewrite (not fixable, or suppressed ones excluded).
    remaining: tuple[Finding, ...] = ()
    #: the findings before the rewrite: what is left if the write fails.
    before: tuple[Finding, ...] = ()
    error: FileError | None = None


def _diff(original: bytes, new: bytes, encoding: str, display: str) -> str:
    return unified_diff(original.decode(encoding, "replace"), new.decode(encoding, "replace"), display)


def _round_trip_error(module: cst.Module, source: bytes, display: str) -> FileError | None:
    """LibCST drops a few bytes it cannot represent (a form feed before a statement): rewriting
    such a file would change lines `fix` never meant to touch, so it is left alone."""
    if b"\x0c" not in source:  # the one character known to be lost; skip regenerating the file
        return None
    regenerated = module.bytes
    if regenerated.count(b"\x0c") == source.count(b"\x0c"):  # other lost bytes `keep` puts back
        return None
    old, new = source.splitlines(keepends=True), regenerated.splitlines(keepends=True)
    line = next((i for i, (a, b) in enumerate(zip(old, new), 1) if a != b), min(len(old), len(new)) + 1)
    return FileError(
        display, "verify",
        "cannot rewrite this file without changing bytes outside the fix (the parser does not keep "
        "a character on this line, such as a form feed); file left unchanged", line,
        hint="fix this file by hand, or remove the form feed",
    )


def _unplaceable(display: str) -> FileError:
    return FileError(
        display, "verify",
        "cannot rewrite this file without changing bytes outside the fix (the rewritten lines hold "
        "characters the parser does not keep); file left unchanged",
        hint="fix this file by hand",
    )


#: files at least this big are fixed through a skeleton of the statements that matter; tests
#: lower it to prove both ways give the same bytes.
SPARSE_FIX_BYTES = MIN_SPARSE_BYTES


def _sparse_fix_allowed(source: bytes) -> bool:
    """Splicing lines back is exact only for plain files: no form feed (LibCST drops it), no BOM
    (the skeleton repeats it), no mix of line endings (a new line takes the skeleton's)."""
    if len(source) < SPARSE_FIX_BYTES or b"\x0c" in source or source.startswith(b"\xef\xbb\xbf"):
        return False
    crlf = source.count(b"\r\n")
    return crlf == 0 or crlf == source.count(b"\n")


def _wanted(finding: Finding, only: Only) -> bool:
    """The fix may touch this finding: it touches every one, or those `only` names (a quick fix)."""
    return only is None or (finding.code, finding.location.line, finding.location.column) in only


def _chosen(kept: tuple[tuple[Report, Finding], ...], only: Only) -> tuple[tuple[Report, Finding], ...]:
    return kept if only is None else tuple((r, f) for r, f in kept if _wanted(f, only))


def _analyse(source: bytes, path: Path, display: str, job: engine.Job) -> engine.Analysis:
    if not _sparse_fix_allowed(source):
        return engine.analyse(source, path, display, job)
    return engine.analyse(source, path, display, job, sparse=True, pattern=engine.fix_pattern(job),
                          min_bytes=SPARSE_FIX_BYTES)


def _new_source(
    analysis: engine.Analysis, tree: cst.Module, replacements: transforms.Replacements | None, source: bytes
) -> bytes | None:
    """The rewritten file: spliced from the skeleton when the analysis parsed one (and the
    rewrite kept every statement in its place: `transforms.rewrite`)."""
    assert analysis.module is not None
    if analysis.compact is None:
        return keep(source, analysis.module.bytes, tree.bytes)
    if replacements is None:
        return None
    return splice(source, analysis.compact, analysis.module, tree, replacements)


def _fix(path: Path, display: str, source: bytes, job: engine.Job, rounds: int = 3, only: Only = None) -> FileFix:
    """One file's fix. A rewrite can make another finding fixable (an unsafe call rewrite leaves
    its module import without uses), so fixable leftovers get up to `rounds` passes in all:
    `fix` stays idempotent. A fix restricted to `only` makes one pass and touches nothing else."""
    analysis = _analyse(source, path, display, job)
    if analysis.module is None or analysis.result.error is not None:
        return FileFix(path, display, error=analysis.result.error)
    plan = planning.for_file(_chosen(analysis.kept, only), job.index, job.unsafe_fixes)
    if not plan:
        return FileFix(path, display, remaining=analysis.result.findings)
    if analysis.compact is not None and plan.calls:
        # call rewrites add imports where LibCST's AddImportsVisitor decides: it must see them all
        analysis = engine.analyse(source, path, display, job)
        if analysis.module is None or analysis.result.error is not None:
            return FileFix(path, display, error=analysis.result.error)
        plan = planning.for_file(_chosen(analysis.kept, only), job.index, job.unsafe_fixes)
    lost = _round_trip_error(analysis.module, source, display)
    if lost is not None:
        return FileFix(path, display, error=lost, remaining=analysis.result.findings)
    assert analysis.bindings is not None
    module = module_for_path(path, job.src)
    tree, replacements = transforms.rewrite(analysis.module, plan, job.index, analysis.bindings, module)
    spliced = _new_source(analysis, tree, replacements, source)
    if spliced is None and analysis.compact is not None:  # the skeleton's change could not be placed: rewrite the whole file
        analysis = engine.analyse(source, path, display, job)
        if analysis.module is None or analysis.bindings is None or analysis.result.error is not None:
            return FileFix(path, display, error=analysis.result.error)
        plan = planning.for_file(_chosen(analysis.kept, only), job.index, job.unsafe_fixes)
        rewritten = transforms.apply(analysis.module, plan, job.index, analysis.bindings, module)
        spliced = keep(source, analysis.module.bytes, rewritten.bytes)
    if spliced is None:
        return FileFix(path, display, error=_unplaceable(display), remaining=analysis.result.findings)
    new_source = spliced
    fixed = Counter(
        (f.code, job.index.representative(f.symbol))
        for _, f in _chosen(analysis.kept, only)
        if f.fixable and (not f.unsafe or job.unsafe_fixes)
    )
    changes = planning.rebindings(plan, job.index)
    problem, after = verify(analysis, source, new_source, path, job, fixed, changes)
    if problem is not None or after is None:
        return FileFix(path, display, error=problem, remaining=analysis.result.findings)
    remaining = after.findings
    codes = tuple(plan.codes)
    if rounds > 1 and only is None and any(f.fixable and (not f.unsafe or job.unsafe_fixes) for f in remaining):
        again = _fix(path, display, new_source, job, rounds - 1)
        if again.error is None and again.new_source is not None:
            new_source, codes, remaining = again.new_source, codes + again.fixed, again.remaining
    return FileFix(
        path, display, digest(source), new_source,
        _diff(source, new_source, analysis.module.encoding, display), codes, remaining,
        before=analysis.result.findings,
    )


def _fix_with_noqa(path: Path, display: str, source: bytes, job: engine.Job, only: Only = None) -> FileFix:
    """SSOT100's fix first (drop the unused codes of `noqa` comments: a comment-only edit that
    `noqa.remove` proves, which moves no other finding), then the rewrites on the result, as one change."""
    if UNUSED_NOQA not in job.codes or not noqa.has_directive(source):
        return _fix(path, display, source, job, only=only)
    before = engine.analyse(source, path, display, job).result
    stripped = noqa.remove(source, [f for f in before.findings if f.code == UNUSED_NOQA and _wanted(f, only)])
    if stripped == source:
        return _fix(path, display, source, job, only=only)
    rest = _fix(path, display, stripped, job, only=only)
    if rest.error is not None:
        return dataclasses.replace(rest, remaining=before.findings)
    new_source = rest.new_source if rest.new_source is not None else stripped
    left = sum(1 for f in rest.remaining if f.code == UNUSED_NOQA)
    dropped = (UNUSED_NOQA,) * (sum(1 for f in before.findings if f.code == UNUSED_NOQA) - left)
    diff = _diff(source, new_source, noqa.encoding(source), display)
    return FileFix(
        path, display, digest(source), new_source, diff, dropped + rest.fixed, rest.remaining, before=before.findings,
    )


def gave_up_fix(path: Path, display: str, error: FileError) -> FileFix:
    """The outcome for a file its worker died on or gave up: left as it is."""
    return FileFix(path, display, error=dataclasses.replace(error, message=error.message.replace(
        "excluded from this run", "left unchanged")))


def fix_source(path: Path, source: bytes, job: engine.Job, display: str, only: Only = None) -> FileFix:
    """The fix of a buffer that is not (or not yet) the file on disk (stdin, an editor); never
    raises. `only` restricts it to those findings (a notebook's count from its cells: none is fixed)."""
    try:
        if path.suffix == ".ipynb":
            from .notebook import fix as fix_notebook

            if only is not None:
                return FileFix(path, display)
            return fix_notebook(path, display, source, job, _fix_with_noqa)
        return _fix_with_noqa(path, display, source, job, only)
    except Exception as error:  # noqa: BLE001 - one bad buffer must not end the server
        return FileFix(path, display, error=FileError(
            display, "internal", f"internal error while fixing: {type(error).__name__}: {error}",
            hint="nothing was changed; please report this with the file", traceback=traceback.format_exc(),
        ))


def fix_file(path: Path, job: engine.Job, cwd: Path | None = None) -> FileFix:
    """Everything but the write; never raises."""
    display = engine.display_path(path, cwd)
    read = engine.read_source(path, display, job)
    if isinstance(read, FileError):
        return FileFix(path, display, error=read)
    source = read[0]
    try:
        if path.suffix == ".ipynb":
            from .notebook import fix as fix_notebook

            return fix_notebook(path, display, source, job, _fix_with_noqa)
        if job.use_prefilter and not engine.prefilter_matches(source, job):
            return FileFix(path, display)
        return _fix_with_noqa(path, display, source, job)
    except Exception as error:  # noqa: BLE001 - one bad file must not end the run
        return FileFix(path, display, error=FileError(
            display, "internal", f"internal error while fixing: {type(error).__name__}: {error}",
            hint="the file was left unchanged; please report this with the file",
            traceback=traceback.format_exc(),
        ))
