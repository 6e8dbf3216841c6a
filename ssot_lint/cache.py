"""Per-file results cached across runs, keyed by content hash, contract and tool version.

`.ssot_lint_cache/` lives at the project root and ignores itself for git (a `.gitignore` inside
it, like Ruff's). One JSON file per job fingerprint (see `Job.fingerprint`) maps each file to its
size, mtime, content hash and result. A file whose size and mtime are unchanged is trusted
without being read (git's index does the same), unless it was modified within two seconds of
being cached; otherwise its content hash decides (files the prefilter passed over carry no
hash: scanning one again costs what hashing it would). The file is
written atomically, so two runs sharing the cache never see half of one; an unreadable or corrupt
cache is ignored and rewritten. JSON rather than pickle: loading a cache must never run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .findings import FileError, FileResult, Finding, Location

__all__ = ["CACHE_DIR", "Cache", "content_digest", "is_racy"]

CACHE_DIR = ".ssot_lint_cache"
_FORMAT = 1
#: git's "racily clean" rule: a file modified this recently is not trusted by its stat alone.
_RACY_NS = 2_000_000_000


def is_racy(mtime_ns: int) -> bool:
    """Modified too recently for its stat to be trusted next time: only its hash will do."""
    return time.time_ns() - mtime_ns < _RACY_NS


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _encode(result: FileResult) -> dict[str, Any]:
    return {
        "findings": [asdict(f) for f in result.findings],
        "error": asdict(result.error) if result.error else None,
        "parsed": result.parsed,
    }


def _decode(path: str, data: dict[str, Any]) -> FileResult:
    """Rebuild a result without touching `data`: the entry may be saved again this run."""
    findings = []
    for item in data["findings"]:
        fields = {key: value for key, value in item.items() if key != "location"}
        findings.append(Finding(location=Location(**item["location"]), **fields))
    error = FileError(**data["error"]) if data["error"] else None
    return FileResult(path, tuple(findings), error, data["parsed"])


class Cache:
    """The cached results of one job; `lookup` before analysing, `store` after, `save` at the end."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.file = folder / f"results-{fingerprint}.json"
        self.entries: dict[str, list[Any]] = self._load()
        self.dirty = False

    def _load(self) -> dict[str, list[Any]]:
        try:
            data = json.loads(self.file.read_bytes())
            if data.get("format") == _FORMAT and isinstance(data.get("files"), dict):
                return data["files"]
        except (OSError, ValueError, AttributeError):
            pass
        return {}

    def lookup(self, path: Path, display: str) -> FileResult | None:
        """The cached result if the file is provably unchanged, else None."""
        text = os.fspath(path)
        entry = self.entries.get(text)
        if entry is None:
            return None
        try:
            stat = os.stat(text)
            if (stat.st_size, stat.st_mtime_ns) != (entry[0], entry[1]):
                if not entry[2] or content_digest(path.read_bytes()) != entry[2]:
                    return None
                entry[0], entry[1] = stat.st_size, stat.st_mtime_ns
                self.dirty = True
            return _decode(display, entry[3])
        except (OSError, KeyError, TypeError, ValueError, IndexError, AttributeError):
            return None  # a damaged entry is a miss: the file is analysed and the entry rewritten

    def store(self, path: Path, result: FileResult) -> None:
        """Remember a result computed from the bytes whose digest the engine recorded."""
        if result.stamp is None or not (result.digest or not result.parsed):
            return  # a file the prefilter passed over needs no digest (see `lookup`)
        if result.error is not None and result.error.kind in ("unreadable", "internal"):
            return
        size, mtime = result.stamp
        if is_racy(mtime):
            mtime = -1  # could change again within the clock's resolution: re-hash next time
        self.entries[str(path)] = [size, mtime, result.digest, _encode(result)]
        self.dirty = True

    def save(self) -> None:
        """Write atomically; a cache that cannot be written is simply not kept."""
        if not self.dirty:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Automatically created by ssot-lint.\n*\n")
            temporary = self.file.with_name(f".{self.file.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"format": _FORMAT, "files": self.entries}))
            os.replace(temporary, self.file)
        except OSError:
            pass
