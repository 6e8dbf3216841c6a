"""Read the project for `reexports`: only the modules, and only the statements, that can matter.

A module can re-export a contract thing only in a top-level statement that spells one of its
names (or a name already found to stand for one: `M2` once `from canon import Manager as M2` was
seen), or by a star import of a module that does. So each file's bytes are searched for those
names (as the prefilter does), the files that have one give up their top-level bindings
(`toplevel`) and their imports (`uses`), the names grow with what was found, and the search
repeats until nothing new turns up. The contract's own modules are read whole.

A binding is kept only when some file reaches it (imports it, or imports its module and spells
its name): a consumer's own `from canon import Manager` is a re-export nobody uses, and editing
it must not make every cached result stale. With a cache folder, what each file gave is kept by
its size and mtime, so a warm run reads no file.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fileio import read_regular, write_atomic
from ..jsondoc import DocumentError, read_json
from .contract import Contract
from .modules import ModuleName, module_for_path
from .reexports import Known, ModuleLinks, Reexports, build
from .toplevel import links_of
from .uses import Uses, uses_of

__all__ = ["contract_paths", "known_from", "scan"]

_FORMAT = 1
_LIMIT = 16_000_000  # a generated file this big re-exports nothing by hand


def contract_paths(contracts: Iterable[Contract]) -> frozenset[str]:
    """Every dotted path a contract names: where re-exports are followed to."""
    paths: set[str] = set()
    for contract in contracts:
        paths.update((contract.canonical, *contract.deprecated, *contract.factory_only))
        paths.update(name for pair in (*contract.renames, *contract.deprecated_calls) for name in pair if name)
        paths.update([contract.factory] if contract.factory else [])
    return frozenset(paths)


def known_from(contracts: Iterable[Contract]) -> Known:
    """2 for a path at or under a contract path (a canonical module counts only for the names
    the contract gives in it), 1 for a module above one, or a canonical module, else 0."""
    contracts = tuple(contracts)
    canonical = {c.canonical for c in contracts}
    paths = contract_paths(contracts) - canonical
    above = {p.rsplit(".", cut)[0] for p in paths for cut in range(1, p.count(".") + 1)} | canonical

    def known(path: str) -> int:
        parts = path.split(".")
        if any(".".join(parts[:cut]) in paths for cut in range(len(parts), 0, -1)):
            return 2
        return 1 if path in above else 0

    return known


def _needles(paths: frozenset[str]) -> frozenset[str]:
    """What a re-export of a contract path spells: its last name, or a package on its way
    (`from app import websocket_core as ws`); not the top-level package, which every import of
    the project spells."""
    return frozenset(part for path in paths for part in path.split(".")[1:] or path.split("."))


@dataclass(frozen=True)
class _Search:
    """The needles of one round, compiled once."""

    needles: frozenset[str]
    encoded: tuple[bytes, ...]
    pattern: re.Pattern[bytes]

    @classmethod
    def of(cls, needles: frozenset[str]) -> _Search:
        ordered = sorted(needles, key=len, reverse=True)
        alternatives = b"|".join(re.escape(n.encode()) for n in ordered)
        pattern = re.compile(rb"(?<![A-Za-z0-9_])(?:" + alternatives + rb")(?![A-Za-z0-9_])")
        return cls(needles, tuple(n.encode() for n in ordered), pattern)

    def spelled(self, data: bytes, among: frozenset[str] | None = None) -> frozenset[str]:
        """The needles (or those of `among`) `data` spells as whole words: one `find` per needle
        costs less than a regex walk over every match when the needles are common words."""
        return frozenset(n for n in (self.needles if among is None else among) if _spells(data, n.encode()))


_WORD_BYTE = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _spells(data: bytes, word: bytes) -> bool:
    position = data.find(word)
    while position != -1:
        end = position + len(word)
        if (position == 0 or data[position - 1] not in _WORD_BYTE) and (end == len(data) or data[end] not in _WORD_BYTE):
            return True
        position = data.find(word, end)
    return False


@dataclass
class _File:
    """What one file gave: its stamp, the needles it was searched for, its bindings and its
    imports (None: it spells no needle)."""

    stamp: tuple[int, int]
    searched: frozenset[str]
    links: ModuleLinks | None = None
    uses: Uses | None = None


@dataclass
class _Scan:
    files: dict[str, _File] = field(default_factory=dict)
    needles: frozenset[str] = frozenset()


def _examine(path: str, module: ModuleName, search: _Search, whole: bool, known: _File | None) -> _File | None:
    """Search one file for the needles; its bindings and imports when it has one. A file
    searched before is read again only when it spells one of the new needles."""
    try:
        data, status = read_regular(path, _LIMIT)
    except OSError:
        return None
    stamp = (status.st_size, status.st_mtime_ns)
    found = _File(stamp, search.needles)
    if known is not None and known.stamp == stamp and not search.spelled(data, search.needles - known.searched):
        # what it gave depends only on the needles it spells: the same as before
        found.links, found.uses = known.links, known.uses
        return found
    spelled = search.spelled(data)
    if whole or spelled or b"import *" in data:
        found.links = links_of(data, module, None if whole else search.pattern)
        found.uses = uses_of(data, module, search.pattern, spelled)
    return found


def _round(scan: _Scan, modules: dict[str, ModuleName], whole: set[str]) -> bool:
    """Examine every file not yet searched for every needle; True when something new was found."""
    changed = False
    search = _Search.of(scan.needles)
    for path, module in modules.items():
        known = scan.files.get(path)
        if known is not None and known.searched >= scan.needles:
            continue
        examined = _examine(path, module, search, module.name in whole, known)
        if examined is None:
            scan.files.pop(path, None)
            continue
        before = (known.links, known.uses) if known else (None, None)
        changed = changed or (examined.links, examined.uses) != before
        scan.files[path] = examined
    return changed


def _reached(files: Iterable[_File]) -> Callable[[str], bool]:
    """Whether some other file imports `module.name`, star-imports `module`, or imports the
    module (or a package above it) and spells `name`."""
    exact: set[str] = set()
    by_name: dict[str, set[str]] = defaultdict(set)
    for file in files:
        if file.uses is None:
            continue
        exact.update(file.uses.names)
        for name in file.uses.spelled:
            by_name[name].update(file.uses.modules)

    def reached(key: str) -> bool:
        module, _, name = key.rpartition(".")
        if key in exact or f"{module}.*" in exact:
            return True
        importers = by_name.get(name, ())
        parts = module.split(".")
        return any(".".join(parts[:cut]) in importers for cut in range(len(parts), 0, -1))

    return reached


def _modules(files: Iterable[Path], src: tuple[Path, ...]) -> dict[str, ModuleName]:
    found = {}
    for path in files:
        module = module_for_path(path, src)
        if module is not None:
            found[os.fspath(path)] = module
    return found


def scan(files: Iterable[Path], src: tuple[Path, ...], contracts: tuple[Contract, ...],
         cache_folder: Path | None = None) -> Reexports:
    """The project's re-exports of what `contracts` name (see the module docstring)."""
    paths = contract_paths(contracts)
    known = known_from(contracts)
    modules = _modules(files, src)
    whole = {c.canonical for c in contracts} | {m for c in contracts for m in c.deprecated}
    cache = _Cache(cache_folder, paths, src) if cache_folder is not None else None
    state = cache.load(modules) if cache is not None else _Scan()
    reexports, leading = Reexports(), frozenset[str]()
    for _ in range(len(modules) + 2):
        state.needles = _needles(paths) | leading
        changed = _round(state, modules, whole)
        found = [f for f in state.files.values() if f.links is not None]
        reexports, leading = build((f.links for f in found if f.links), known, _reached(found))
        if not changed and state.needles >= leading:
            break
    if cache is not None:
        cache.save(state)
    return reexports


class _Cache:
    """`reexports-<key>.json` in the check cache: what each file gave, by its size and mtime."""

    def __init__(self, folder: Path, paths: frozenset[str], src: tuple[Path, ...]) -> None:
        key = repr((_FORMAT, sorted(paths), [os.fspath(s) for s in src]))
        self.folder = folder
        self.file = folder / f"reexports-{hashlib.blake2b(key.encode(), digest_size=12).hexdigest()}.json"

    def load(self, modules: dict[str, ModuleName]) -> _Scan:
        """Entries whose file is unchanged; anything damaged or unexpected is a miss."""
        try:
            data = read_json(self.file)
            entries = data["files"] if isinstance(data, dict) and data.get("format") == _FORMAT else {}
            assert isinstance(entries, dict)
        except (OSError, DocumentError, KeyError, TypeError, AssertionError):
            return _Scan()
        state = _Scan()
        for path, module in modules.items():
            try:
                state.files[path] = _decode(path, module, entries.get(path))
            except (OSError, ValueError, TypeError, AttributeError):
                continue
        return state

    def save(self, state: _Scan) -> None:
        """Written atomically; a cache that cannot be written is simply not kept."""
        from ..fileio import is_racy

        files = {path: _encode(entry, is_racy(entry.stamp[1])) for path, entry in state.files.items()}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Automatically created by ssot-lint.\n*\n")
            write_atomic(self.file, json.dumps({"format": _FORMAT, "files": files}).encode("utf-8"))
        except OSError:
            pass


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("expected a list of strings")
    return tuple(value)


def _encode(entry: _File, racy: bool) -> list[Any]:
    links, uses = entry.links, entry.uses
    return [
        entry.stamp[0], -1 if racy else entry.stamp[1], sorted(entry.searched),
        None if links is None else [[list(p) for p in links.links], links.defined, links.stars, links.all_names],
        None if uses is None else [uses.names, uses.modules, uses.spelled],
    ]


def _decode(path: str, module: ModuleName, value: Any) -> _File:
    size, mtime, searched, links, uses = value
    status = os.stat(path)
    if mtime < 0 or (status.st_size, status.st_mtime_ns) != (size, mtime):
        raise ValueError("changed since it was cached")
    found = _File((size, mtime), frozenset(_strings(searched)))
    if links is not None:
        pairs, defined, stars, all_names = links
        bound = tuple((a, b) for a, b in (_strings(p) for p in pairs))
        found.links = ModuleLinks(module.name, bound, _strings(defined), _strings(stars),
                                  None if all_names is None else _strings(all_names))
    if uses is not None:
        found.uses = Uses(*(_strings(part) for part in uses))
    return found
