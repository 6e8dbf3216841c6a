"""Reading a file the project handed us, and replacing one of our own files, without surprises.

`read_regular` reads only regular files: a FIFO named `pipe.py` would block forever, a symlink to
`/dev/zero` would be read until memory runs out. It opens without blocking, checks what it opened
(never what the name pointed to a moment earlier), and reads at most `limit` bytes.
`write_atomic` replaces a file we own (baseline, cache, report) through a temporary in the same
folder, and leaves no temporary behind whatever fails.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from pathlib import Path

__all__ = ["NotRegularFile", "TooLarge", "describe_size", "read_regular", "write_atomic"]


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder: it is not read."""


class TooLarge(OSError):
    """The file is bigger than the limit it was read with."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(f"{path}: {describe_size(size)}, over the {describe_size(limit)} limit")
        self.size = size
        self.limit = limit


_KINDS = {stat.S_IFIFO: "a named pipe (FIFO)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder"}


def describe_size(size: int) -> str:
    """`512 bytes`, `3.2 MB`: sizes in messages, in the units people read."""
    if size < 1_000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"


def read_regular(path: str | os.PathLike[str], limit: int | None = None) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat (taken before reading); raises `OSError`,
    `NotRegularFile` or `TooLarge` (a file growing while read is cut at `limit` + 1 and refused)."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
            raise NotRegularFile(f"{os.fspath(path)} is {kind}, not a regular file")
        if limit is not None and status.st_size > limit:
            raise TooLarge(os.fspath(path), status.st_size, limit)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    finally:
        os.close(descriptor)
    if limit is not None and len(data) > limit:
        raise TooLarge(os.fspath(path), len(data), limit)
    return data, status


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` (readers see the old file or the new one); raises `OSError`
    with the temporary removed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass


#: git's "racily clean" rule: a file modified this recently is not trusted by its stat alone.
_RACY_NS = 2_000_000_000


def is_racy(mtime_ns: int) -> bool:
    """Modified too recently for its stat to be trusted next time: only its hash will do."""
    return time.time_ns() - mtime_ns < _RACY_NS


def content_digest(data: bytes) -> str:
    """The digest the cache keys a file's bytes by."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()
