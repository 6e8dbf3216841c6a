"""The only writer: unified diffs, and atomic in-place writes that never lose a byte.

A write goes to a temporary file in the same folder (named `.<name>.ssot-lint-<pid>.tmp`, so no
tool takes it for source), is flushed to disk, takes the original's owner, group and permission
bits, and replaces the original with `os.replace`: a reader sees the old file or the new one, never
half of each. A file with other hard links is refused rather than split from them.
A file whose bytes changed since they were read is not overwritten.
"""

from __future__ import annotations

import difflib
import errno
import hashlib
import os
import re
import stat
from pathlib import Path

from ..project.discovery import TEMP_MARKER
from ..sanitize import printable

__all__ = ["Refused", "StaleFile", "atomic_write", "digest", "remove_temporaries", "unified_diff"]


class StaleFile(Exception):
    """The file changed on disk after it was read."""


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _lines(text: str) -> list[str]:
    """Lines as Python and `patch` see them: split after `\n` (or a lone `\r`) only, not at the
    form feeds and other separators `str.splitlines` also splits at."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)


def unified_diff(before: str, after: str, path: str) -> str:
    """The diff; a control character in `path` is shown escaped (a newline in a file name would
    start a header line of its own)."""
    path = printable(path)
    lines = difflib.unified_diff(_lines(before), _lines(after), f"a/{path}", f"b/{path}")
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARKER}{os.getpid()}.tmp")


class Refused(OSError):
    """Replacing the file would change more than its bytes (its other hard links, its owner):
    it is left as it is. `strerror` says why, `hint` what to do."""

    def __init__(self, why: str, hint: str, path: Path) -> None:
        super().__init__(errno.EPERM, why, str(path))
        self.hint = hint


def _keep_owner(temporary: Path, path: Path, status: os.stat_result) -> None:
    """The new file gets the old one's owner and group (root running `fix` in a container must
    not hand the project to root:root); one we cannot give back is refused."""
    if (status.st_uid, status.st_gid) == (os.geteuid(), os.getegid()):
        return
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        raise Refused(
            f"file belongs to user {status.st_uid}, group {status.st_gid}, which a rewrite by this user "
            "cannot keep; file left unchanged", "run `ssot-lint fix` as the file's owner", path,
        ) from None


def atomic_write(path: Path, data: bytes, expected_digest: str) -> None:
    """Replace `path` with `data` if its content still hashes to `expected_digest`.

    A symlink is written through (its target is replaced), so the link stays a link. Owner, group
    and mode are kept. A file with other hard links is refused (`Refused`): replacing it would
    split them, and writing in place could leave it half-written."""
    path = Path(os.path.realpath(path))
    status = path.stat()
    mode = stat.S_IMODE(status.st_mode)
    # root passes `os.access`; a file whose mode nobody may write is refused all the same.
    if not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise PermissionError(errno.EACCES, "file is read-only", str(path))
    if status.st_nlink > 1:
        raise Refused(
            f"file has {status.st_nlink} hard links: replacing it would split them (the other names "
            "would keep the old code); file left unchanged",
            "fix it by hand, or give it a copy of its own (`cp FILE tmp && mv tmp FILE`) and fix again", path,
        )
    temporary = _temporary(path)
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_owner(temporary, path, status)
        os.chmod(temporary, mode)  # after chown, which clears set-id bits
        if digest(path.read_bytes()) != expected_digest:
            raise StaleFile(str(path))
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def _writer_alive(temporary: Path) -> bool:
    """The pid in the name belongs to a live process other than us: a concurrent `fix`."""
    pid = temporary.name.rsplit(TEMP_MARKER, 1)[-1].removesuffix(".tmp")
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, PermissionError):
        return False
    except OSError:
        return False
    return True


def remove_temporaries(temporaries: tuple[Path, ...]) -> None:
    """Remove temporaries a killed run left (discovery found them; they never end in `.py`)."""
    for temporary in temporaries:
        if _writer_alive(temporary):
            continue
        try:
            temporary.unlink()
        except OSError:
            pass


def write_patches(folder: Path, patches: tuple[tuple[str, str], ...]) -> None:
    """Write (file name, text) patches into `folder` (created if needed), each file atomically
    (a temporary beside it, then `os.replace`); an existing patch of the same name is replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in patches:
        path = folder / name
        temporary = _temporary(path)
        try:
            with open(temporary, "x", encoding="utf-8", newline="") as handle:
                handle.write(text)
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()
