"""The value every worker runs with, and display paths. Light on purpose: importing this module
(unlike `engine`) does not import LibCST, so a run answered from the cache never pays for it."""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import OPT_IN_CODES, RULE_NAMES
from ..project.contract import DEFAULT_MAX_FILE_SIZE, ContractIndex
from ..project.exports import ExportsIndex
from ..rules import ANALYSIS_ERROR

if TYPE_CHECKING:
    from ..analysis.prefilter import Prefilter
    from ..checks import Check

__all__ = ["ALL_CODES", "Job", "display_path"]

#: the rules that run by default (SSOT000 is not a rule: it reports files that could not be
#: analysed; opt-in rules run only when selected).
ALL_CODES = frozenset(code for code in RULE_NAMES if code != ANALYSIS_ERROR.code and code not in OPT_IN_CODES)


#: bump when what a cached result holds changes meaning (2: fingerprints distinct per file).
_RESULTS_FORMAT = 2


@dataclass(frozen=True)
class Job:
    """Everything a worker needs, pickled once per worker process."""

    index: ContractIndex
    exports: ExportsIndex
    src: tuple[Path, ...]
    root: Path
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    codes: frozenset[str] = ALL_CODES
    unsafe_fixes: bool = False
    use_prefilter: bool = True
    cwd: Path = field(default_factory=Path.cwd)
    #: bigger files are not read (SSOT000); 0: no limit.
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    #: `rename-style` (see `config`).
    rename_style: str = "adopt"

    # What every file of the run needs, derived once per job (and so once per worker process: a
    # derived value travels with the pickled job). Not fields: `dataclasses.replace` derives anew.

    @functools.cached_property
    def checks(self) -> tuple[type[Check], ...]:
        """The selected checks, in registry order."""
        from ..checks import ALL_CHECKS

        return tuple(c for c in ALL_CHECKS if c.CODE in self.codes)

    @functools.cached_property
    def prefilter(self) -> Prefilter:
        """The needle search of `check`: a file without a needle holds no finding."""
        from ..analysis.prefilter import Prefilter  # imports LibCST: only once a file is read

        return Prefilter(self.index.needles())

    @functools.cached_property
    def fix_prefilter(self) -> Prefilter:
        """`check`'s needles plus the leaves of every module a fix may write to (an existing
        import of it is reused, never duplicated; see `fix.blocks`)."""
        from ..analysis.prefilter import Prefilter

        return Prefilter(tuple(sorted({*self.index.needles(), *self.index.target_leaves()})))

    @functools.cached_property
    def _ignores(self) -> tuple[tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]], ...]:
        """`per-file-ignores` compiled: (the glob, the glob without a leading `**/`, codes)."""
        return tuple(
            (re.compile(fnmatch.translate(glob)), re.compile(fnmatch.translate(glob.removeprefix("**/"))), codes)
            for glob, codes in self.per_file_ignores
        )

    def ignored_codes(self, path: Path) -> frozenset[str]:
        """The codes `per-file-ignores` turns off for `path` (globs match from the project root)."""
        try:
            relative = path.absolute().relative_to(self.root).as_posix()
        except ValueError:
            relative = path.as_posix()
        return frozenset(code for whole, bare, codes in self._ignores if whole.match(relative) or bare.match(relative) for code in codes)

    def fingerprint(self, version: str) -> str:
        """Changes whenever a cached result could: tool version, contract, options, sources of
        the contract's modules (fixability depends on them), the project's re-exports of what the
        contract names, display folder."""
        exports = [
            (e.module, sorted(e.names), sorted(e.public), e.complete, e.is_package, sorted(e.submodules), e.origin,
             sorted(e.defined), sorted(e.imports))
            for e in self.exports.modules
        ] + [sorted(self.exports.trees), sorted(self.exports.listed)]  # sorted: a frozenset's repr changes with each process's hash seed
        # unfixable reasons name the interpreter searched and the modules found nowhere
        searched = (self.exports.python, [m.module for m in self.exports.missing])
        facts = repr((
            version, _RESULTS_FORMAT, self.index.contracts, self.index.reexports.fingerprint(), exports, searched,
            self.src, self.root, self.per_file_ignores,
            sorted(self.codes), self.unsafe_fixes, self.use_prefilter, self.cwd, self.max_file_size, self.rename_style,
        ))
        return hashlib.blake2b(facts.encode(), digest_size=16).hexdigest()


def display_path(path: Path | str, cwd: Path | None = None) -> str:
    """Relative to the current directory with `/`, or absolute when outside it.

    String operations, not pathlib: this runs once per file on every run, warm ones included.
    Absolute paths are taken as given (discovery hands out normalised ones)."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        text = os.path.abspath(text)
    prefix = _prefix(os.fspath(cwd) if cwd is not None else os.getcwd())
    text = text.removeprefix(prefix)
    return text.replace(os.sep, "/") if os.sep != "/" else text


@functools.lru_cache(maxsize=8)
def _prefix(base: str) -> str:
    return os.path.abspath(base).rstrip(os.sep) + os.sep


