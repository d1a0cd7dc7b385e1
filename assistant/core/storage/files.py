"""Opening a file a user named: one place that turns every way it can go wrong into one clear line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from assistant.core.errors import DocumentError, UserError


def check_user_file(
    path: Path,
    error: type[UserError],
    *,
    max_bytes: int,
    kind_sv: str,
    kind_en: str,
    hint_sv: str | None = None,
    hint_en: str | None = None,
) -> os.stat_result:
    """A regular file of at most `max_bytes`, or `error` naming the file and what is wrong.

    A pipe or a device would block or never end, so only ordinary files are read; a symlink
    loop, a file used as a directory or a too-long name is an OSError turned into a sentence.
    `kind_sv`/`kind_en` name what the file should be ("ett utkast", "a draft").
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise error("filen finns inte", "no such file", where=path, hint_sv=hint_sv, hint_en=hint_en) from None
    except PermissionError:
        raise error("saknar behörighet att läsa filen", "permission denied", where=path) from None
    except OSError as exc:
        raise error(
            f"kan inte läsa filen: {exc.strerror}", f"cannot read the file: {exc.strerror}", where=path
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"är en katalog, inte {kind_sv}", f"is a directory, not {kind_en}", where=path)
    if not stat.S_ISREG(info.st_mode):
        raise error(
            "är ingen vanlig fil (en pipe eller enhet?)", "is not a regular file (a pipe or device?)", where=path
        )
    if info.st_size > max_bytes:
        mb = max(1, max_bytes // 1_000_000)
        raise error(
            f"filen är för stor för {kind_sv} ({info.st_size // 1_000_000} MB, max {mb} MB)",
            f"the file is too large for {kind_en} ({info.st_size // 1_000_000} MB, max {mb} MB)",
            where=path,
        )
    return info


def read_user_file(
    path: Path,
    error: type[UserError],
    *,
    max_bytes: int,
    kind_sv: str,
    kind_en: str,
    hint_sv: str | None = None,
    hint_en: str | None = None,
) -> bytes:
    """The bytes of a regular file (see `check_user_file`)."""
    check_user_file(
        path, error, max_bytes=max_bytes, kind_sv=kind_sv, kind_en=kind_en, hint_sv=hint_sv, hint_en=hint_en
    )
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError:
        raise error("saknar behörighet att läsa filen", "permission denied", where=path) from None
    except OSError as exc:
        raise error(
            f"kan inte läsa filen: {exc.strerror or exc}", f"cannot read the file: {exc.strerror or exc}", where=path
        ) from None


# A Word file is a zip: these bound what opening one may unpack (a zip bomb is a few KB on disk).
ZIP_MAX_UNZIPPED = 200_000_000
ZIP_MAX_ENTRIES = 5000
# The text of a 100-page Word document is a few MB of XML; 190 MB of it took minutes to read.
ZIP_MAX_DOCUMENT_XML = 40_000_000


def check_zip(path: Path) -> None:
    """Refuse a .docx that is not a zip, unpacks to gigabytes or has no Word text in it
    (DocumentError naming the file), before python-docx or lxml reads any of it."""
    import zipfile  # about 7 ms: only when a Word file is opened, not on every draft load

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"är en trasig .docx-fil ({exc})", f"is a corrupt .docx file ({exc})", where=path) from None
    total = sum(i.file_size for i in infos)
    text_size = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    if total > ZIP_MAX_UNZIPPED or len(infos) > ZIP_MAX_ENTRIES:
        raise DocumentError(
            "packar upp till orimligt mycket data (möjlig zip-bomb); vägrar läsa den",
            "unpacks to an absurd amount of data (possible zip bomb); refusing to read it",
            where=path,
        )
    if text_size > ZIP_MAX_DOCUMENT_XML:
        mb, max_mb = text_size // 1_000_000, ZIP_MAX_DOCUMENT_XML // 1_000_000
        raise DocumentError(
            f"dokumentets text är orimligt stor ({mb} MB XML, max {max_mb} MB); vägrar läsa den",
            f"the document's text is absurdly large ({mb} MB of XML, max {max_mb} MB); refusing to read it",
            where=path,
        )
    if not any(i.filename == "word/document.xml" for i in infos):
        raise DocumentError(
            "saknar word/document.xml och är inget Word-dokument",
            "has no word/document.xml and is not a Word document",
            where=path,
        )
