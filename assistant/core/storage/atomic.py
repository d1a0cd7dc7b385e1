"""Atomic file writes: the file on disk is always either the old or the new version, whole.

Write to a temp file in the same directory, fsync it, keep the previous version as `<name>~`
(a hard link when possible, so the old bytes are never copied in a half-written state),
rename over the target, then fsync the directory so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from assistant.core.errors import UserError


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + "~")


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = True) -> None:
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:  # a missing or read-only directory: nothing was written
        raise _write_error(exc, path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
        _fsync_dir(directory)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _write_error(exc, path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _write_error(exc: OSError, path: Path) -> UserError:
    """A failed write as one line; the file on disk is the old version, untouched."""
    # A full disk, a used-up quota (network home directories) or a file-size limit: same advice.
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return UserError(
            "disken är full; utkastet på disken är oförändrat",
            "the disk is full; the draft on disk is unchanged",
            where=path,
            hint_sv="frigör utrymme och spara igen",
            hint_en="free some space and save again",
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(
            "kan inte skriva filen (saknar behörighet)", "cannot write the file (permission denied)", where=path
        )
    return UserError(
        f"kan inte skriva filen: {exc.strerror}; filen på disken är oförändrad",
        f"cannot write the file: {exc.strerror}; the file on disk is unchanged",
        where=path,
    )


def atomic_write_text(path: Path, text: str, *, backup: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def _keep_backup(path: Path) -> None:
    """Replace `<name>~` with the current version, atomically too."""
    bak = backup_path(path)
    tmp_link = bak.with_name(f".{bak.name}.{os.getpid()}.lnk")
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    try:
        os.link(path, tmp_link)
    except OSError:
        # Filesystems without hard links: copy through a temp file, never over the backup directly.
        atomic_write_bytes(bak, path.read_bytes(), backup=False)
        return
    os.replace(tmp_link, bak)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
