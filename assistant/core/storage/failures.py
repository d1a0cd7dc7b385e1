"""A write that cannot happen, as one line that names what was being written and why.

Every way writing a file fails (a read-only or full disk, no permission, a name too long, a
folder that is missing or is a file, a lock file that cannot be made) becomes one `WriteError`.
Nothing has been replaced when it is raised: the writes are atomic, so the file on disk is the
version from before, or there is none. The terminal UI keeps the text in memory and retries;
the CLI prints the line and exits non-zero.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import UserError


@dataclass(frozen=True)
class Thing:
    """What a file is, in the words of a message: its name and how its old version stays."""

    sv: str
    en: str
    unchanged_sv: str  # the Swedish adjective agrees with the noun: utkastet … oförändrat


WHAT: dict[str, Thing] = {
    "draft": Thing("utkastet", "the draft", "oförändrat"),
    "docx": Thing(".docx-filen", "the .docx file", "oförändrad"),
    "pdf": Thing("PDF-filen", "the PDF", "oförändrad"),
    "entry": Thing("biblioteksposten", "the library entry", "oförändrad"),
    "settings": Thing("inställningarna", "the settings", "oförändrade"),
    "journal": Thing("återställningsjournalen", "the recovery journal", "oförändrad"),
    "file": Thing("filen", "the file", "oförändrad"),
}
SUFFIX_WHAT = {".docx": "docx", ".pdf": "pdf"}

# errno -> (reason in Swedish, in English, hint in Swedish, in English)
_FULL = ("disken är full", "the disk is full", "frigör utrymme och försök igen", "free some space and try again")
_REASONS: dict[int, tuple[str, str, str, str]] = {
    errno.ENOSPC: _FULL,
    errno.EDQUOT: ("disken är full (kvoten är slut)", "the disk is full (the quota is used up)", *_FULL[2:]),
    errno.EFBIG: (
        "disken är full eller filen för stor för den",
        "the disk is full or the file too large for it",
        *_FULL[2:],
    ),
    errno.EACCES: (
        "saknar behörighet att skriva där",
        "permission denied",
        "spara på ett annat ställe",
        "save somewhere else",
    ),
    errno.EROFS: (
        "filsystemet är skrivskyddat",
        "the file system is read-only",
        "spara på ett annat ställe",
        "save somewhere else",
    ),
    errno.ENAMETOOLONG: (
        "namnet är för långt för filsystemet",
        "the name is too long for the file system",
        "välj ett kortare namn",
        "choose a shorter name",
    ),
    errno.ENOENT: (
        "katalogen finns inte",
        "the folder does not exist",
        "välj en katalog som finns",
        "choose a folder that exists",
    ),
    errno.ENOTDIR: (
        "en del av sökvägen är en fil, inte en katalog",
        "part of the path is a file, not a folder",
        "välj en katalog som finns",
        "choose a folder that exists",
    ),
    errno.EISDIR: (
        "det finns en katalog med det namnet",
        "a folder has that name",
        "välj ett annat namn",
        "choose another name",
    ),
    errno.ELOOP: ("den symboliska länken pekar på sig själv", "the symbolic link points to itself", "", ""),
}
_REASONS[errno.EPERM] = _REASONS[errno.EACCES]


def what_of(path: Path, what: str | None) -> str:
    """`what` as given, else guessed from the file name (.docx, .pdf), else "file"."""
    if what:
        return what if what in WHAT else "file"
    return SUFFIX_WHAT.get(Path(path).suffix.lower(), "file")


class WriteError(UserError):
    """A file could not be written; whatever was on disk before is still there, whole.

    `what` is a key of WHAT ("draft", "docx", "pdf", "entry", "settings", "journal", "file"),
    `path` the file that was being written, `errno` the operating system's reason (or None).
    """

    def __init__(
        self,
        sv: str,
        en: str | None = None,
        *,
        what: str = "file",
        path: Path | None = None,
        error_number: int | None = None,
        where: str | Path | None = None,
        hint_sv: str | None = None,
        hint_en: str | None = None,
    ) -> None:
        super().__init__(sv, en, where=where if where is not None else path, hint_sv=hint_sv, hint_en=hint_en)
        self.what = what
        self.path = path
        self.errno = error_number


def write_error(
    exc: OSError, path: Path, *, what: str | None = None, existed: bool | None = None, lock: Path | None = None
) -> WriteError:
    """The OSError of writing `path` as one WriteError naming `what` and the reason; `lock` is
    the lock file when it was the lock that could not be made."""
    key = what_of(path, what)
    thing = WHAT[key]
    if existed is None:
        existed = os.path.isfile(path)
    reason_sv, reason_en, hint_sv, hint_en = _REASONS.get(
        exc.errno or 0, (str(exc.strerror or exc).lower(), str(exc.strerror or exc).lower(), "", "")
    )
    if lock is not None:
        reason_sv = f"låsfilen {lock.name} kan inte skapas ({reason_sv})"
        reason_en = f"the lock file {lock.name} cannot be created ({reason_en})"
    if existed:
        state_sv, state_en = f"{thing.sv} på disken är {thing.unchanged_sv}", f"{thing.en} on disk is unchanged"
    else:
        state_sv, state_en = "inget har skrivits", "nothing was written"
    return WriteError(
        f"kan inte skriva {thing.sv}: {reason_sv}; {state_sv}",
        f"cannot write {thing.en}: {reason_en}; {state_en}",
        what=key,
        path=Path(path),
        error_number=exc.errno,
        hint_sv=hint_sv or None,
        hint_en=hint_en or None,
    )


def remove_error(exc: OSError, path: Path, *, what: str | None = None) -> WriteError:
    """The OSError of removing `path`: one WriteError naming `what`, which is still there."""
    thing = WHAT[what_of(path, what)]
    reason_sv, reason_en, hint_sv, hint_en = _REASONS.get(
        exc.errno or 0, (str(exc.strerror or exc).lower(), str(exc.strerror or exc).lower(), "", "")
    )
    return WriteError(
        f"kan inte ta bort {thing.sv}: {reason_sv}; den finns kvar",
        f"cannot remove {thing.en}: {reason_en}; it is still there",
        what=what_of(path, what),
        path=Path(path),
        error_number=exc.errno,
        hint_sv=hint_sv or None,
        hint_en=hint_en or None,
    )
