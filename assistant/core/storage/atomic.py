"""Atomic file writes: the file on disk is always either the old or the new version, whole.

Write to a temp file in the same directory, fsync it, keep the previous version as `<name>~`
(a hard link when possible, so the old bytes are never copied in a half-written state),
rename over the target, then fsync the directory so the rename itself survives a power cut.

A symbolic link is followed, not replaced: a draft kept in a synced folder and opened through a
link is written to the file the link points to, its backup goes beside that file, and the link
stays a link. The temp file's name holds the writer's pid, so one a killed writer left is
removed by the next write of that file. Every failure is one WriteError naming what was being
written (see failures.py).
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
from pathlib import Path

from assistant.core.storage.failures import WriteError, write_error


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + "~")


def real_target(path: Path, *, what: str | None = None) -> Path:
    """The file a write to `path` really changes: the end of its chain of symbolic links.

    A link to a file that does not exist yet points at where it will be; a loop is a WriteError."""
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        resolved = Path(os.path.realpath(path))
    except OSError as exc:  # ELOOP
        raise write_error(exc, path, what=what, existed=True) from None
    if resolved.is_symlink():  # realpath gives up on a loop without saying so
        raise write_error(OSError(errno.ELOOP, "loop"), path, what=what, existed=True)
    return resolved


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = True, what: str | None = None) -> None:
    """Replace `path` (through any symbolic link) with `data`, or raise WriteError; `what` names
    the file in the message ("draft", "docx", "pdf", "entry", "settings"; guessed from the suffix)."""
    path = real_target(Path(path), what=what)
    directory = path.parent if str(path.parent) else Path(".")
    existed = os.path.lexists(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=directory)
    except OSError as exc:  # a missing or read-only directory, a name too long: nothing was written
        raise write_error(exc, path, what=what, existed=existed) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        if backup and existed:
            _keep_backup(path)
        os.replace(tmp, path)
        _fsync_dir(directory)
        remove_dead_temps(path)
    except WriteError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise write_error(exc, path, what=what, existed=existed) from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_text(path: Path, text: str, *, backup: bool = True, what: str | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup, what=what)


def remove_dead_temps(path: Path) -> list[Path]:
    """Remove the temp files of `path` left by a writer that was killed (its pid, in the temp
    file's name, is gone); a live writer's are never touched. Returns what was removed."""
    from assistant.core.storage.workdir import pid_alive

    prefix = f".{path.name}."
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f"{glob.escape(prefix)}*.tmp"):
            pid = stale.name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not pid_alive(int(pid)):
                with contextlib.suppress(OSError):
                    stale.unlink()
                    removed.append(stale)
    return removed


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
    try:
        os.replace(tmp_link, bak)
    except OSError:
        with contextlib.suppress(OSError):
            tmp_link.unlink()
        raise


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
