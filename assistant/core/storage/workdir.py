"""A private work folder for what must never stay behind: a copy of the application being turned
into a PDF, LibreOffice's throw-away profile and its own temp files.

Each folder is `ansokan-work-<pid>-<random>` in the temp folder, readable by its owner only, and
removed when the work is done. A process that is killed cannot remove its folder, so every new
one first removes the folders of processes that are gone (or that are older than any piece of work
can be): nothing private outlives the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PREFIX = "ansokan-work-"
# What earlier versions made with tempfile and no pid; removed once clearly unused.
LEGACY_PREFIXES = ("ansokan-lo-", "ansokan-pdf-", "ansokan-pages-")
# No work takes this long (LibreOffice is stopped after 3 minutes): a folder this old is stale
# whatever its pid says (the pid may have been given to another process since).
MAX_AGE_S = 3600.0
LEGACY_AGE_S = 360.0  # twice LibreOffice's time limit: an earlier version's folder has no pid to ask


def work_root() -> Path:
    """Where the work folders go: the temp folder ($TMPDIR)."""
    return Path(tempfile.gettempdir())


@contextlib.contextmanager
def private_workdir(root: Path | None = None) -> Iterator[Path]:
    """A new private folder for the `with` block, removed afterwards; stale ones removed first."""
    root = root or work_root()
    remove_stale(root)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=root))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale(root: Path | None = None, *, now: float | None = None) -> list[Path]:
    """Remove this user's work folders whose process is gone or that are older than MAX_AGE_S;
    returns what was removed. Never follows a link, never touches another user's folder."""
    root = root or work_root()
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith((PREFIX, *LEGACY_PREFIXES)):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        if _stale(entry.name, info.st_mtime, now):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def _stale(name: str, mtime: float, now: float) -> bool:
    if now - mtime > MAX_AGE_S:
        return True
    if not name.startswith(PREFIX):  # an earlier version's folder: only its age tells
        return now - mtime > LEGACY_AGE_S
    pid_text = name[len(PREFIX) :].split("-", 1)[0]
    return pid_text.isdigit() and not pid_alive(int(pid_text))


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (a zombie counts as gone)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    with contextlib.suppress(OSError):
        status = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return status.rsplit(")", 1)[-1].split()[0] != "Z"
    return True
