"""The lock held while a file is read, checked and written, so two processes never interleave.

The lock is a hidden file beside the file it guards (`.<name>.lock`, beside the real file when
the name is a symbolic link). Taking it never creates a folder, and every way it can fail is a
sentence: another process holding it is a LockedError (try again), a lock file that cannot be
made (a read-only or full disk, no permission, a folder in its place) is a WriteError naming what
was about to be written.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from assistant.core.errors import LockedError
from assistant.core.storage.atomic import real_target
from assistant.core.storage.failures import WHAT, what_of, write_error

LOCK_TIMEOUT_S = 5.0


def lock_path(target: Path, *, what: str | None = None) -> Path:
    """Where the lock guarding `target` lives: beside the file a write to `target` changes."""
    real = real_target(Path(target), what=what)
    return real.with_name(f".{real.name}.lock")


def file_lock(target: Path, *, timeout: float = LOCK_TIMEOUT_S) -> FileLock:
    """The lock object for `target` (not taken); `held` takes it with clear errors."""
    return FileLock(str(lock_path(target)), timeout=timeout)


@contextlib.contextmanager
def held(
    target: Path,
    *,
    what: str | None = None,
    timeout: float = LOCK_TIMEOUT_S,
    lock_file: Path | None = None,
    busy: tuple[str, str] | None = None,
) -> Iterator[None]:
    """Hold the lock guarding `target` (or the one at `lock_file`) for the `with` block.

    LockedError when another process holds it past `timeout` (`busy` is its message, sv and en);
    WriteError when the lock file cannot be made. Errors in the block pass through unchanged."""
    target = Path(target)
    path = Path(lock_file) if lock_file is not None else lock_path(target, what=what)
    _check_folder(path, target, what)
    lock = FileLock(str(path), timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        thing = WHAT[what_of(target, what)]
        sv, en = busy or (
            f"ett annat ansokan-program skriver {thing.sv} just nu; försök igen",
            f"another ansokan process is writing {thing.en}; try again",
        )
        raise LockedError(sv, en, where=target) from None
    except OSError as exc:  # the lock file cannot be created: the write could not happen either
        raise write_error(exc, target, what=what, lock=path) from None
    try:
        yield
    finally:
        with contextlib.suppress(OSError):  # closing the file releases the lock even if unlink fails
            lock.release()


def _check_folder(lock: Path, target: Path, what: str | None) -> None:
    """filelock would create a missing folder (a whole chain of them): refuse that instead."""
    folder = lock.parent if str(lock.parent) else Path(".")
    if folder.is_dir():
        return
    existing = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    reason = errno.ENOTDIR if existing is not None and not existing.is_dir() else errno.ENOENT
    raise write_error(OSError(reason, os.strerror(reason)), target, what=what)
