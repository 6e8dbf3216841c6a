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

import dataclasses
import json
import os
from pathlib import Path
from stat import S_ISREG
from typing import Any

from ..fileio import content_digest, is_racy, read_regular, write_atomic
from ..findings import FileResult
from ..jsondoc import (
    DocumentError,
    error_from_json,
    error_to_json,
    expect,
    finding_from_json,
    finding_to_json,
    read_json,
)
from ..sanitize import json_safe

__all__ = ["CACHE_DIR", "Cache", "content_digest", "is_racy"]

CACHE_DIR = ".ssot_lint_cache"
_FORMAT = 2  # 2: findings as the JSON report writes them (`jsondoc`)
def _encode(result: FileResult) -> dict[str, Any]:
    return {
        "findings": [finding_to_json(f) for f in result.findings],
        "error": error_to_json(result.error) if result.error else None,
        "parsed": result.parsed,
    }


def _decode(path: str, data: Any) -> FileResult:
    """Rebuild a result, checking every value's type (`jsondoc`): a cache may be corrupt or
    crafted, and a bad entry must be a miss, never a crash later on."""
    findings = tuple(finding_from_json(item, strict=True) for item in expect(data, "findings", list))
    findings = tuple(dataclasses.replace(f, location=dataclasses.replace(f.location, path=path)) for f in findings)
    error = expect(data, "error", dict, type(None))
    return FileResult(path, findings, error_from_json(error) if error else None, expect(data, "parsed", bool))


def _entry(value: Any) -> tuple[int, int, str, Any]:
    """[size, mtime_ns, digest, result] or `DocumentError`."""
    if not (isinstance(value, list) and len(value) == 4):
        raise DocumentError("cache entry: expected [size, mtime, digest, result]")
    size, mtime, digest, result = value
    if type(size) is not int or type(mtime) is not int or type(digest) is not str:
        raise DocumentError("cache entry: wrong types")
    return size, mtime, digest, result


class Cache:
    """The cached results of one job; `lookup` before analysing, `store` after, `save` at the end."""

    def __init__(self, folder: Path, fingerprint: str) -> None:
        self.folder = folder
        self.file = folder / f"results-{fingerprint}.json"
        self.entries: dict[str, Any] = self._load()
        self.dirty = False

    def _load(self) -> dict[str, Any]:
        try:
            data = read_json(self.file)
        except (OSError, DocumentError):
            return {}
        if isinstance(data, dict) and data.get("format") == _FORMAT and isinstance(data.get("files"), dict):
            files: dict[str, Any] = data["files"]
            return files
        return {}

    def lookup(self, path: Path, display: str) -> FileResult | None:
        """The cached result if the file is provably unchanged, else None."""
        text = os.fspath(path)
        if text not in self.entries:
            return None
        try:
            size, mtime, digest, result = _entry(self.entries[text])
            stat = os.stat(text)
            if (stat.st_size, stat.st_mtime_ns) != (size, mtime):
                if not digest or not S_ISREG(stat.st_mode) or content_digest(read_regular(text)[0]) != digest:
                    return None
                self.entries[text] = [stat.st_size, stat.st_mtime_ns, digest, result]
                self.dirty = True
            return _decode(display, result)
        except (OSError, DocumentError):
            return None  # a damaged entry is a miss: the file is analysed and the entry rewritten

    def store(self, path: Path, result: FileResult) -> None:
        """Remember a result computed from the bytes whose digest the engine recorded."""
        if result.stamp is None or not (result.digest or not result.parsed):
            return  # a file the prefilter passed over needs no digest (see `lookup`)
        if result.error is not None and result.error.kind in ("unreadable", "internal", "timeout"):
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
            text = json_safe(json.dumps({"format": _FORMAT, "files": self.entries}, ensure_ascii=False))
            write_atomic(self.file, text.encode("utf-8"))
        except OSError:
            pass
