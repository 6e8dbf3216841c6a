"""A byte search that proves most files irrelevant before anything is parsed.

Sound by construction: every finding needs one of the contract's leaf names spelled in the file,
as Python reads it (identifiers NFKC-normalised: `ｏｌｄ` is `old`, see `identifiers`).
An import of a deprecated module spells its leaf name (`from .manager import X`,
`from pkg import manager`, `import a.b.manager`); a string reference spells it too; a renamed
name, a factory-only class, a deprecated callable and a unique class are found only where their
own name, or an import of a module that holds them, is written.
"""

from __future__ import annotations

import re

from .identifiers import as_read

__all__ = ["Prefilter"]


class Prefilter:
    """`matches(source)` is False only for files that cannot hold a finding."""

    def __init__(self, needles: tuple[bytes, ...]) -> None:
        # A plain substring scan runs at memory speed; the word-boundary regex, ten times
        # slower, only confirms files that contain a needle at all. Needles that contain a
        # shorter needle need no scan of their own.
        self._substrings = tuple(n for n in needles if not any(m != n and m in n for m in needles))
        alternatives = b"|".join(re.escape(n) for n in needles)
        self._pattern = re.compile(rb"(?<![A-Za-z0-9_])(?:" + alternatives + rb")(?![A-Za-z0-9_])") if needles else None

    @property
    def pattern(self) -> re.Pattern[bytes] | None:
        """The compiled needle search, reused to pick statements (see `sparse`)."""
        return self._pattern

    def matches(self, source: bytes) -> bool:
        if self._pattern is None:
            return False
        if any(n in source for n in self._substrings) and self._pattern.search(source) is not None:
            return True
        # `pkg.ｏｌｄ` is `pkg.old` to Python (NFKC), as is a name in a file not saved as UTF-8
        read = as_read(source)
        return read is not None and self._pattern.search(read) is not None
