"""Importing documents into the library: each file read with the sources' cleaner (or as a draft),
its sections filed under canonical keys, contact data and names redacted, metadata filled in,
and one atomic write per entry under a lock."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core.errors import DocumentError, UserError
from assistant.core.model.dates import find_period, parse_date
from assistant.core.model.drafts import load_draft
from assistant.core.model.forms import available_forms, load_form
from assistant.core.model.headings import slug
from assistant.core.reuse.library.entries import (
    KEY_ALIASES,
    PRIVATE_KEYS,
    SUFFIX,
    Entry,
    Section,
    content_hash,
    load_library,
    to_text,
)
from assistant.core.reuse.library.redact import people_in, scrub
from assistant.core.storage import locks, paths
from assistant.core.storage.atomic import atomic_write_text
from assistant.core.storage.failures import write_error

MAX_IMPORT_BYTES = 20_000_000
# Reading and redacting takes about a second a megabyte (4.2 MB: 3.1 s CPU, 11 s at a load of 7)
# with nothing to see meanwhile: from this size on the caller is told before a file is read.
SLOW_IMPORT_BYTES = 4_000_000
IMPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
TITLE_RE = re.compile(r"^[ \t]*(?:Ansökan|Projektnamn|Projektets namn)[ \t]*:[ \t]*(\S.{1,150})$", re.M | re.I)


@dataclass
class ImportResult:
    imported: list[Entry] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    # files whose application is in the library already: (file, the entry that holds it)
    duplicates: list[tuple[Path, Entry]] = field(default_factory=list)


def _slug_id(text: str) -> str:
    return re.sub(r"^avsnitt-", "", slug(text).replace("_", "-"))[:60].strip("-")


def make_id(entry: Entry, taken: set[str]) -> str:
    base = "-".join(
        x for x in (entry.form or "ansokan", str(entry.year or ""), _slug_id(entry.title or entry.source)) if x
    )
    base = re.sub(r"-+", "-", base)[:72].strip("-") or "ansokan"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def check_importable(path: Path) -> None:
    """Refuse what is not a document before reading it."""
    if not path.exists():
        raise DocumentError("filen finns inte", "no such file", where=path)
    if path.is_dir():
        raise DocumentError("är en katalog, inte ett dokument", "is a directory, not a document", where=path)
    if path.suffix.lower() not in IMPORT_SUFFIXES:
        raise DocumentError(
            f"kan inte importera {path.suffix or 'filer utan filändelse'}; använd .txt, .md, .docx eller .pdf",
            f"cannot import {path.suffix or 'files without an extension'}; use .txt, .md, .docx or .pdf",
            where=path,
        )
    size = path.stat().st_size
    if size > MAX_IMPORT_BYTES:
        raise DocumentError(
            f"filen är för stor ({size // 1_000_000} MB, max 20 MB)",
            f"the file is too large ({size // 1_000_000} MB, max 20 MB)",
            where=path,
        )
    if size == 0:
        raise DocumentError("filen är tom", "the file is empty", where=path)


def entry_from_document(
    path: Path,
    *,
    form_id: str | None = None,
    keep_contacts: bool = False,
    meta: dict[str, Any] | None = None,
    keep_names: bool = False,
) -> Entry:
    """Read a document with the lead's cleaner and file its sections under canonical keys, people's
    names redacted (unless `keep_names`) with their contact data."""
    from assistant.core.sources.documents import read_document

    check_importable(path)
    if _is_draft(path):
        return entry_from_draft(path, keep_contacts=keep_contacts, meta=meta, keep_names=keep_names)
    doc = read_document(path)
    form_id, segments = _best_segments(doc, form_id)
    entry = Entry(id="", form=form_id or "", source=path.name, imported=dt.date.today())
    people: list[str] = []
    front_matter = "\n".join(seg.text for seg in segments if seg.key is None)
    for seg in segments:
        if seg.key is None:  # the title page and the form's own preamble
            continue
        text = seg.text.strip()
        key = KEY_ALIASES.get(seg.key, seg.key)
        if key in PRIVATE_KEYS:
            people += people_in(text)
            front_matter += "\n" + text  # who applied: read for metadata, never stored
            if not keep_contacts:
                continue
        if not text and not seg.heading:
            continue
        _merge_section(entry, key, (seg.heading or key).strip(), text)
    if not any(s.key not in PRIVATE_KEYS for s in entry.sections):
        raise DocumentError(
            "hittade inga avsnitt att spara; är det en ansökan?",
            "found no sections to store; is it an application?",
            where=path,
        )
    for section in entry.sections:
        if section.key not in PRIVATE_KEYS:
            section.text = scrub(section.text, known=people, keep_names=keep_names)
    _fill_meta(entry, front_matter, meta or {})
    return entry


def _is_draft(path: Path) -> bool:
    """An ansokan draft (Markdown with a `+++` TOML head), e.g. the user's own earlier application."""
    if path.suffix.lower() != ".md":
        return False
    with open(path, "rb") as handle:
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"+++")


def entry_from_draft(
    path: Path, *, keep_contacts: bool = False, meta: dict[str, Any] | None = None, keep_names: bool = False
) -> Entry:
    """A draft already has its sections under the form's keys: only redaction is left to do."""
    draft = load_draft(path)
    form = draft.form
    entry = Entry(
        id="",
        form=draft.form_id,
        funder=form.funder,
        title=draft.title,
        organisation=draft.organisation,
        municipality=draft.municipality,
        start=draft.start,
        end=draft.end,
        year=draft.start.year if draft.start else None,
        source=path.name,
        imported=dt.date.today(),
    )
    people = [c.name for c in draft.contacts if c.name] + [s.name for s in draft.signatories if s.name]
    for heading in form.headings:
        text = draft.sections.get(heading.key, "").strip()
        key = KEY_ALIASES.get(heading.key, heading.key)
        if text and (keep_contacts or key not in PRIVATE_KEYS):
            _merge_section(entry, key, heading.display, text)
    for extra in draft.extra:
        if extra.text.strip():
            _merge_section(entry, extra.key, extra.heading, extra.text.strip())
    if not any(s.key not in PRIVATE_KEYS for s in entry.sections):
        raise DocumentError(
            "utkastet har inga ifyllda avsnitt att spara", "the draft has no filled-in sections to store", where=path
        )
    for section in entry.sections:
        section.text = scrub(section.text, known=people, keep_names=keep_names)
    for key, value in (meta or {}).items():
        setattr(entry, key, value)
    entry.projects = entry.projects or ([entry.title] if entry.title else [])
    return entry


def _merge_section(entry: Entry, key: str, heading: str, text: str) -> None:
    for section in entry.sections:
        if section.key == key:
            section.text = (section.text + "\n\n" + text).strip()
            return
    entry.sections.append(Section(key=key, heading=heading, text=text))


def _best_segments(doc: Any, form_id: str | None) -> tuple[str, list[Any]]:
    """Segments under the given form, or under the form whose headings the document matches best."""
    from assistant.core.sources.documents import segment

    if form_id:
        return form_id, segment(doc, load_form(form_id))
    best: tuple[int, str, list[Any]] = (-1, "", [])
    for candidate in available_forms():
        try:
            form = load_form(candidate)
        except UserError:  # a broken form the user added must not stop every import
            continue
        segments = segment(doc, form)
        hits = sum(1 for s in segments if s.key and s.known)
        if hits > best[0]:
            best = (hits, candidate, segments)
    return best[1], best[2]


def _fill_meta(entry: Entry, front_matter: str, meta: dict[str, Any]) -> None:
    """Metadata from the caller (the built-in table), else what the text itself says."""
    for key, value in meta.items():
        setattr(entry, key, value)
    by_key = {s.key: s.text for s in entry.sections}
    if not entry.title:
        m = TITLE_RE.search(front_matter)
        named = by_key.get("projektnamn", "").strip().split("\n")[0]
        entry.title = (m.group(1) if m else named or re.sub(r"[_-]+", " ", Path(entry.source).stem)).strip()[:150]
    if not (entry.start and entry.end):
        tidsplan = by_key.get("tidsplan", "")
        start, end = find_period(tidsplan)
        if not (start and end):
            found = [d for d in (parse_date(x) for x in re.findall(r"\b(?:19|20)\d{2}-\d{2}-\d{2}\b", tidsplan)) if d]
            start, end = (found[0], found[-1]) if len(found) >= 2 else (start, end)
        entry.start, entry.end = entry.start or start, entry.end or end
    if not entry.year:
        entry.year = entry.start.year if entry.start else None
    if entry.form and not entry.funder:
        with contextlib.suppress(UserError):
            entry.funder = load_form(entry.form).funder
    full = front_matter + "\n" + "\n".join(by_key.values())
    if not entry.organisation:
        m = re.search(r"\b([A-ZÅÄÖ][a-zåäö]+s? (?:stad|kommun))\b", full)
        entry.organisation = m.group(1) if m else ""
    if not entry.municipality and entry.organisation:
        entry.municipality = re.sub(r"s? (stad|kommun)$", "", entry.organisation)
    if not entry.projects and entry.title:
        entry.projects = sorted({entry.title, *re.findall(r"\(([A-ZÅÄÖ]{2,10})\)", entry.title)})


def import_files(
    files: list[Path],
    target: Path,
    *,
    form_id: str | None = None,
    keep_contacts: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    meta: dict[str, dict[str, Any]] | None = None,
    lang: str = "sv",
    again: bool = False,
    keep_names: bool = False,
    slow: Callable[[Path, int], None] | None = None,
) -> ImportResult:
    """Import each file into `target`, one atomic write per entry; a failure never stops the rest.

    An application the user's library holds already (the same text: `content_hash`) is not
    imported again but listed in `duplicates` with the entry that has it, unless `again`. People's
    names are redacted unless `keep_names` (a library that is only the writer's own). `slow` hears
    of a file that will take seconds (its path and size) before it is read."""
    result = ImportResult()
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise UserError(
            "bibliotekskatalogen är en fil, inte en katalog",
            "the library directory is a file, not a directory",
            where=target,
            hint_sv="ange en katalog med --library",
            hint_en="give a directory with --library",
        )
    existing = load_library([(paths.builtin_library_dir(), True), (target, False)])
    taken = {e.id for e in existing}
    held = {content_hash(e): e for e in existing if not e.builtin}
    for n, path in enumerate(files, 1):
        path = Path(path)
        if progress:
            progress(n, len(files), path)
        try:
            if slow is not None:
                check_importable(path)  # a file refused is not announced as slow
                if (size := path.stat().st_size) >= SLOW_IMPORT_BYTES:
                    slow(path, size)
            entry = entry_from_document(
                path,
                form_id=form_id,
                keep_contacts=keep_contacts,
                meta=(meta or {}).get(path.name),
                keep_names=keep_names,
            )
            digest = content_hash(entry)
            if digest in held and not again:
                result.duplicates.append((path, held[digest]))
                continue
            _write_new_entry(entry, target, taken)
            held.setdefault(digest, entry)
            result.imported.append(entry)
        except UserError as exc:
            result.failed.append((path, exc.message(lang)))
        except OSError as exc:  # the file cannot be read (the library's own failures are WriteErrors)
            reason = (
                f"kan inte läsa filen: {exc.strerror or exc}"
                if lang == "sv"
                else f"cannot read the file: {exc.strerror or exc}"
            )
            result.failed.append((path, f"{path}: {reason}"))
        except Exception as exc:  # a malformed file must not stop the others
            reason = (
                f"kan inte läsas som dokument ({type(exc).__name__})"
                if lang == "sv"
                else f"cannot be read as a document ({type(exc).__name__})"
            )
            result.failed.append((path, f"{path}: {reason}"))
    return result


def _write_new_entry(entry: Entry, target: Path, taken: set[str]) -> None:
    """Another ansokan may import into the same library right now: choose the id and write under
    a lock, looking at the files on disk, so neither overwrites the other."""
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(exc, target / f"{entry.id or 'ny'}{SUFFIX}", what="entry", existed=False) from None
    preset = entry.id
    busy = (
        "ett annat ansokan-program importerar till samma bibliotek just nu; försök igen",
        "another ansokan process is importing into the same library; try again",
    )
    with locks.held(target, what="entry", timeout=60, lock_file=target / ".import.lock", busy=busy):
        entry.id = preset or make_id(entry, taken)
        while not preset and (target / f"{entry.id}{SUFFIX}").exists():  # written by another process
            taken.add(entry.id)
            entry.id = make_id(entry, taken)
        taken.add(entry.id)
        entry.path = target / f"{entry.id}{SUFFIX}"
        atomic_write_text(entry.path, to_text(entry), backup=False, what="entry")
