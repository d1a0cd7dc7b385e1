"""The library of earlier approved applications: the built-in one and the user's own.

`library` is the user's own library as a face got it: a folder (`--library DIR`) or a shared
library's address (`--library-url postgresql://…`); None means $ANSOKAN_LIBRARY_URL, `library_url`
in the settings file, else $ANSOKAN_LIBRARY or the platform's data folder (library_backend.py
decides). The built-in library is always included.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.usecases.paths import check_lengths, check_path

if TYPE_CHECKING:
    from assistant.core.reuse.library import Entry, Passage
    from assistant.usecases.library_backend import SharedBackend

Library = str | Path | None
Progress = Callable[[int, int, Path], None]


def library_dirs(library: Library = None) -> list[tuple[Path, bool]]:
    """(folder, is_builtin) for the built-in library and the user's own, in that order (a shared
    library's own is the writer's copy of it, brought in step first when the server answers)."""
    from assistant.core.reuse.library import library_dirs as _dirs

    shared = shared_library(library)
    if shared is not None:
        shared.ready()
        return shared.dirs()

    dirs = _dirs(library)
    for folder, builtin in dirs:
        if not builtin:
            check_lengths(folder)  # a --library the file system cannot look up: one line, not a traceback
    return dirs


def import_to_library(
    files: Sequence[Path | str],
    *,
    library: Library = None,
    form_id: str | None = None,
    keep_contacts: bool = False,
    progress: Progress | None = None,
    again: bool = False,
    keep_names: bool = False,
    slow: Callable[[Path, int], None] | None = None,
) -> LibraryImport:
    """Import each file into the user's library; one file that fails never stops the others.
    `slow` is told of a file large enough to take seconds, before it is read.

    A wrong `form_id` is one UserError before any file is read, not one failure per file. An
    application the library holds already is listed in `duplicates`, not imported again, unless
    `again`. People's names are redacted unless `keep_names` (contact data always is)."""
    from assistant.core.i18n import language
    from assistant.core.model.forms import load_form
    from assistant.core.reuse.library import import_files, passages
    from assistant.core.storage import paths

    if form_id:
        load_form(form_id)
    shared = shared_library(library)
    target = shared.staging() if shared is not None else paths.user_library_dir(library)
    if not (os.path.lexists(target) and not target.is_dir()):  # a file there: import_files says so, naming --library
        check_path(target, folder=True)
    readable, unreadable = _lookable(files, language())
    result = import_files(
        readable,
        target,
        form_id=form_id,
        keep_contacts=keep_contacts,
        progress=progress,
        lang=language(),
        again=again,
        keep_names=keep_names,
        slow=slow,
    )
    imported = [LibraryEntry(entry=e, passages=passages(e)) for e in result.imported]
    failed = unreadable + list(result.failed)
    if shared is None:
        return LibraryImport(imported=imported, failed=failed, duplicates=list(result.duplicates))
    return _sent(shared, target, imported, failed)


def _sent(
    shared: SharedBackend, staged: Path, imported: list[LibraryEntry], failed: list[tuple[Path, str]]
) -> LibraryImport:
    """The staged entries stored on the server (or queued while it does not answer): what the
    organisation had there already is a duplicate, under the id it has on the server."""
    from assistant.core.reuse.library import Entry, passages

    stored, online = shared.send_import(staged)
    if not online:
        return LibraryImport(imported=imported, failed=failed, queued=True)
    done: list[LibraryEntry] = []
    duplicates: list[tuple[Path, Entry]] = []
    for item in imported:
        held = stored.get(item.entry.id)
        if held is None:
            continue
        entry = item.entry
        if held.created:
            entry.id, entry.path = held.id, None
            done.append(LibraryEntry(entry=entry, passages=passages(entry)))
        else:
            duplicates.append((Path(entry.source or entry.id), Entry(id=held.id, title=held.title)))
    return LibraryImport(imported=done, failed=failed, duplicates=duplicates)


def _lookable(files: Sequence[Path | str], lang: str) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files the file system can look up, and each one it cannot with its reason (a name over
    255 bytes would otherwise be reported as the library failing)."""
    from assistant.core.errors import UserError

    readable: list[Path] = []
    failed: list[tuple[Path, str]] = []
    for name in files:
        try:
            readable.append(check_lengths(name))
        except UserError as exc:
            failed.append((Path(name), exc.message(lang)))
    return readable, failed


def list_library(library: Library = None, *, warn: Callable[[str], None] | None = None) -> list[Entry]:
    """Every readable entry; a broken file is reported through `warn` and skipped."""
    from assistant.core.reuse.library import load_library

    return load_library(library_dirs(library), warn=warn)


@dataclass(frozen=True)
class LibraryEntry:
    """One application in the library with the passages a writer may reuse from it."""

    entry: Entry
    passages: list[Passage]


@dataclass(frozen=True)
class LibraryImport:
    """The entries written, each file that failed with its one-line reason, and each file whose
    application the library has already (with the entry that holds it)."""

    imported: list[LibraryEntry]
    failed: list[tuple[Path, str]]
    duplicates: list[tuple[Path, Entry]] = field(default_factory=list)
    queued: bool = False  # a shared library that did not answer: sent on the next `library sync`


def redaction_counts(entry: Entry) -> dict[str, int]:
    """How many names, personnummer, e-mail addresses and phone numbers the import took out of the
    entry (counted by their markers), by kind: name, personnummer, email, phone."""
    from assistant.core.reuse.library.redact import count_markers

    counts: dict[str, int] = {}
    for section in entry.sections:
        for kind, n in count_markers(section.text).items():
            counts[kind] = counts.get(kind, 0) + n
    return counts


def show_entry(entry_id: str, library: Library = None) -> LibraryEntry:
    from assistant.core.reuse.library import find_entry, passages

    entry = find_entry(entry_id, library_dirs(library))
    return LibraryEntry(entry=entry, passages=passages(entry))


def remove_entry(entry_id: str, library: Library = None) -> Path | str:
    """Remove an application the user imported (the built-in ones cannot be); returns its file
    (or the shared library's address, without the password)."""
    from assistant.core.reuse.library import remove_entry as _remove

    shared = shared_library(library)
    if shared is not None:
        return shared.remove(entry_id)

    return _remove(entry_id, library)


def shared_library(library: Library = None) -> SharedBackend | None:
    """The shared library the face asked for or the settings name, None for the local one."""
    from assistant.usecases.library_backend import library_url, shared_backend

    url = library_url(library)
    return shared_backend(url) if url else None
