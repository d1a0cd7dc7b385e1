"""The library of earlier approved applications: one readable Markdown file per application.

    +++
    id = "finsam-malmo-2021-fram"
    title = "FRAM"
    funder = "Samordningsförbundet FINSAM i Malmö"
    form = "finsam-malmo"
    organisation = "Malmö stad"
    municipality = "Malmö"
    year = 2021
    status = "beviljad"
    source = "003_d09aa5a5bf39ca34.txt"
    imported = 2026-11-22
    projects = ["FRAM"]
    period = { start = 2021-01-01, end = 2023-12-31 }
    +++

    ## 2. Bakgrund {#bakgrund}

    Det finns brist på …

Sections sit under canonical keys (see forms.CANONICAL_KEYS); a passage is one paragraph, or one
bullet list kept together, of a section. Kontaktuppgifter and Underskrift are never stored, and
e-mail addresses and phone numbers are redacted on import, so a library file can be shared.

Rebuild the built-in library from the raw sources:
    python -m assistant.core.reuse.library --rebuild-builtin /work/shared/library-sources
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from filelock import FileLock

from assistant.core.errors import DocumentError, UserError
from assistant.core.model.drafts import word_count
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text
from assistant.core.storage.frontmatter import HEADING_RE

SUFFIX = ".md"
MAX_IMPORT_BYTES = 20_000_000
MAX_ENTRY_BYTES = 5_000_000
IMPORT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
# Sections that hold people, not reusable wording.
PRIVATE_KEYS = frozenset({"kontaktuppgifter", "underskrift"})
# Old headings that mean the same as a canonical key ("mal" covers syfte, utfall, effektmål, insatsmål).
KEY_ALIASES = {
    "syfte": "mal",
    "utfall": "mal",
    "effektmal": "mal",
    "insatsmal": "mal",
    "huvudman": "kontaktuppgifter",
    "bemanning": "organisering",
    "kostnad": "budget",
    "verksamhetside": "presentation",
}

# The lookbehind lets a match start only where a run of address characters starts: without it a
# long word with no @ is rescanned from every position (a 20,000-letter line took 1.4 s, 1 MB hours).
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+\-åäöÅÄÖ])[A-Za-z0-9._%+\-åäöÅÄÖ]+@[A-Za-z0-9.\-åäöÅÄÖ]+(?:\.[A-Za-z]{2,})?")
# Swedish phone numbers: 040-34 10 00, 046-287 17 03, 0702 123456, +46 40 123 45 67. Never the
# middle of an amount ("1 300 000"): the leading 0 must not follow a digit group.
PHONE_RE = re.compile(
    r"(?<![\w\-])(?<!\d[ \u00a0])(?:\+46[ -]?\d{1,3}|0\d{1,3})[ -]?\d{1,4}(?:[ -]?\d{2,4}){1,3}(?![\w\-])"
)
# Digit groups of amounts ("1 300 000") and year ranges ("2014-2017"), written the house way:
# no-break spaces between groups (as format_amount does) and an en dash in ranges.
GROUP_RE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
RANGE_RE = re.compile(r"\b((?:19|20)\d{2})-((?:19|20)\d{2})\b")
OPEN_RANGE_RE = re.compile(r"(?<=\d)\s?- (?=(?:19|20)\d{2})")  # "maj 2020- 2022-03-31"
DATE_LIKE_RE = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
BULLET_RE = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


@dataclass
class Passage:
    """One reusable paragraph (or bullet list) of a library entry."""

    id: str  # "<entry id>#<section>-<n>"
    entry_id: str
    section: str
    heading: str
    text: str

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass
class Section:
    key: str
    heading: str
    text: str


@dataclass
class Entry:
    id: str
    title: str = ""
    funder: str = ""
    form: str = ""
    organisation: str = ""
    municipality: str = ""
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    status: str = "beviljad"
    source: str = ""
    imported: dt.date | None = None
    projects: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    path: Path | None = None
    builtin: bool = False

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "organisation": self.organisation,
            "municipality": self.municipality,
            "year": self.year,
            "form": self.form,
            "funder": self.funder,
            "period": {
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
            },
            "sections": len(self.sections),
            "passages": len(passages(self)),
            "library": "builtin" if self.builtin else "user",
            "path": str(self.path) if self.path else None,
        }


# ---------------------------------------------------------------------------------------------
# Redaction and passages


def redact(text: str) -> str:
    """E-mail addresses and phone numbers replaced by markers; dates and amounts left alone."""
    text = EMAIL_RE.sub("[e-post]", text)

    def phone(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = re.sub(r"\D", "", found)
        if DATE_LIKE_RE.match(found) or len(digits) < 8:
            return found
        return "[telefon]"

    return PHONE_RE.sub(phone, text)


def typeset(text: str) -> str:
    """Amount groups with no-break spaces, year ranges with an en dash (Swedish typography)."""
    text = OPEN_RANGE_RE.sub(" – ", GROUP_RE.sub("\u00a0", text))
    return RANGE_RE.sub("\\1–\\2", text)


def split_passages(text: str) -> list[str]:
    """Paragraphs split on blank lines; a bullet list stays one passage with its lead-in line."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(BULLET_RE.match(line) for line in lines[1:]) and len(lines) > 1:
            out.append("\n".join(lines))
            continue
        current: list[str] = []
        for line in lines:
            # Lines inside a paragraph block that are not bullets are separate paragraphs.
            if current and not BULLET_RE.match(line):
                out.append("\n".join(current))
                current = []
            current.append(line)
        if current:
            out.append("\n".join(current))
    return [p for p in out if _reusable(p)]


def _reusable(paragraph: str) -> bool:
    """Subheadings and table rows are not wording anyone reuses."""
    if paragraph.startswith("#") or "\t" in paragraph:
        return False
    return len(paragraph.split()) >= 3


def passages(entry: Entry) -> list[Passage]:
    out: list[Passage] = []
    for section in entry.sections:
        if section.key in PRIVATE_KEYS:
            continue
        for n, text in enumerate(split_passages(section.text), 1):
            out.append(
                Passage(
                    id=f"{entry.id}#{section.key}-{n}",
                    entry_id=entry.id,
                    section=section.key,
                    heading=section.heading,
                    text=text,
                )
            )
    return out


# ---------------------------------------------------------------------------------------------
# Reading and writing entry files


def _fail(where: Path | str, sv: str, en: str) -> UserError:
    return UserError(sv, en, where=where)


def parse_entry(text: str, where: Path | str = "<bibliotek>") -> Entry:
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        raise _fail(where, "biblioteksfilen ska börja med en rad `+++`", "a library file must start with a `+++` line")
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        raise _fail(where, "TOML-huvudet avslutas aldrig med `+++`", "the TOML front matter is never closed") from None
    try:
        front = tomllib.loads("\n".join(lines[1:close]))
    except tomllib.TOMLDecodeError as exc:
        raise _fail(where, f"fel i TOML-huvudet: {exc}", f"error in the TOML front matter: {exc}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise _fail(
            where, "fel i TOML-huvudet: för djupt nästlat", "error in the TOML front matter: nested too deeply"
        ) from None
    entry_id = front.get("id")
    if not isinstance(entry_id, str) or not ID_RE.match(entry_id):
        raise _fail(
            where,
            "`id` saknas eller är ogiltigt (små bokstäver, siffror och bindestreck)",
            "`id` is missing or invalid (lower-case letters, digits and hyphens)",
        )
    period = front.get("period") or {}
    year = front.get("year")
    entry = Entry(
        id=entry_id,
        title=str(front.get("title", "")),
        funder=str(front.get("funder", "")),
        form=str(front.get("form", "")),
        organisation=str(front.get("organisation", "")),
        municipality=str(front.get("municipality", "")),
        year=year if isinstance(year, int) else None,
        start=_as_date(period.get("start")),
        end=_as_date(period.get("end")),
        status=str(front.get("status", "beviljad")),
        source=str(front.get("source", "")),
        imported=_as_date(front.get("imported")),
        projects=[str(p) for p in front.get("projects", []) if isinstance(p, str)],
    )
    current: Section | None = None
    body: list[str] = []
    for line in lines[close + 1 :]:
        m = HEADING_RE.match(line)
        if m:
            _close_section(current, body, entry)
            key = m.group("key") or _key_for(m.group("title"))
            current, body = Section(key=key, heading=m.group("title").strip(), text=""), []
        else:
            body.append(line)
    _close_section(current, body, entry)
    return entry


def _close_section(section: Section | None, body: list[str], entry: Entry) -> None:
    if section is not None:
        section.text = "\n".join(body).strip()
        entry.sections.append(section)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def to_text(entry: Entry) -> str:
    front: dict[str, Any] = {
        "id": entry.id,
        "title": entry.title,
        "funder": entry.funder,
        "form": entry.form,
        "organisation": entry.organisation,
        "municipality": entry.municipality,
    }
    if entry.year:
        front["year"] = entry.year
    front["status"] = entry.status
    front["source"] = entry.source
    if entry.imported:
        front["imported"] = entry.imported
    if entry.projects:
        front["projects"] = entry.projects
    if entry.start or entry.end:
        front["period"] = {k: v for k, v in (("start", entry.start), ("end", entry.end)) if v}
    parts = ["+++", tomli_w.dumps(front).rstrip("\n"), "+++", ""]
    for section in entry.sections:
        if section.key in PRIVATE_KEYS:
            continue
        parts += [f"## {section.heading} {{#{section.key}}}", ""]
        if section.text.strip():
            parts += [typeset(redact(section.text.strip())), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def load_entry(path: Path, *, builtin: bool = False) -> Entry:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ENTRY_BYTES:
            raise _fail(path, "biblioteksfilen är för stor (max 5 MB)", "the library file is too large (max 5 MB)")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(path, "biblioteksfilen är inte giltig UTF-8", "the library file is not valid UTF-8") from None
    except OSError as exc:
        raise _fail(
            path, f"kan inte läsa biblioteksfilen: {exc.strerror}", f"cannot read the library file: {exc.strerror}"
        ) from None
    entry = parse_entry(text, path)
    entry.path, entry.builtin = path, builtin
    return entry


def library_dirs(user_dir: str | Path | None = None) -> list[tuple[Path, bool]]:
    """(directory, is_builtin) for the built-in and the user's library, in that order."""
    return [(paths.builtin_library_dir(), True), (paths.user_library_dir(user_dir), False)]


def as_library_dirs(items: Iterable[Any] | None, user_dir: str | Path | None = None) -> list[tuple[Path, bool]]:
    """(directory, is_builtin) pairs from pairs or plain directories; None: built-in + the user's."""
    if items is None:
        return library_dirs(user_dir)
    return [(Path(i[0]), bool(i[1])) if isinstance(i, tuple) else (Path(i), False) for i in items]


def entry_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        return []
    # Regular files only: a pipe named *.md would block whoever opens it.
    return sorted(p for p in directory.glob(f"*{SUFFIX}") if not p.name.startswith(".") and p.is_file())


def load_library(
    dirs: Iterable[tuple[Path, bool]] | None = None, *, warn: Callable[[str], None] | None = None
) -> list[Entry]:
    """Every readable entry; a broken file is reported through `warn` and skipped."""
    entries: list[Entry] = []
    seen: set[str] = set()
    for directory, builtin in dirs if dirs is not None else library_dirs():
        for path in entry_files(Path(directory)):
            try:
                entry = load_entry(path, builtin=builtin)
            except UserError as exc:
                if warn:
                    warn(exc.message())
                continue
            if entry.id not in seen:
                seen.add(entry.id)
                entries.append(entry)
    return entries


def find_entry(entry_id: str, dirs: Iterable[tuple[Path, bool]] | None = None) -> Entry:
    for entry in load_library(dirs):
        if entry.id == entry_id:
            return entry
    raise UserError(
        f"det finns ingen ansökan med id `{entry_id}` i biblioteket (se `ansokan library list`)",
        f"there is no application with id `{entry_id}` in the library (see `ansokan library list`)",
    )


def remove_entry(entry_id: str, user_dir: str | Path | None = None) -> Path:
    entry = find_entry(entry_id, library_dirs(user_dir))
    if entry.builtin or entry.path is None:
        raise UserError(
            f"`{entry_id}` hör till det inbyggda biblioteket och kan inte tas bort",
            f"`{entry_id}` belongs to the built-in library and cannot be removed",
            hint_sv="du kan bara ta bort ansökningar du själv importerat",
            hint_en="you can only remove applications you imported yourself",
        )
    entry.path.unlink()
    return entry.path


# ---------------------------------------------------------------------------------------------
# Import


def _key_for(heading: str) -> str:
    """A heading written without {#key} in a library file: its slug, or the canonical key it means."""
    from assistant.core.model.headings import slug

    key = slug(heading)
    return KEY_ALIASES.get(key, key)


def _slug_id(text: str) -> str:
    from assistant.core.model.headings import slug

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


def _people(text: str) -> list[str]:
    """Names of people in a contact section: "Förnamn Efternamn" pairs (kept out of passages)."""
    names = re.findall(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+){1,2})\b", text)
    organisations = ("Malmö", "Stad", "Region", "Arbetsförmedlingen", "Försäkringskassan", "Kommun", "Staffanstorps")
    return sorted({n for n in names if not any(o.lower() in n.lower() for o in organisations)}, key=len, reverse=True)


def entry_from_document(
    path: Path, *, form_id: str | None = None, keep_contacts: bool = False, meta: dict[str, Any] | None = None
) -> Entry:
    """Read a document with the lead's cleaner and file its sections under canonical keys."""
    from assistant.core.sources.documents import read_document

    check_importable(path)
    if _is_draft(path):
        return entry_from_draft(path, keep_contacts=keep_contacts, meta=meta)
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
            people += _people(text)
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
            section.text = _without_people(redact(section.text), people)
    _fill_meta(entry, front_matter, meta or {})
    return entry


def _is_draft(path: Path) -> bool:
    """An ansokan draft (Markdown with a `+++` TOML head), e.g. the user's own earlier application."""
    if path.suffix.lower() != ".md":
        return False
    with open(path, "rb") as handle:
        return handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"+++")


def entry_from_draft(path: Path, *, keep_contacts: bool = False, meta: dict[str, Any] | None = None) -> Entry:
    """A draft already has its sections under the form's keys: only redaction is left to do."""
    from assistant.core.model.drafts import load_draft

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
        section.text = _without_people(redact(section.text), sorted(set(people), key=len, reverse=True))
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


NAME = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
# "Susanne Ellkvist, Försäkringskassan": a person named with their organisation, in running text.
PERSON_WITH_ORG_RE = re.compile(
    rf"\b({NAME} {NAME})(?=, ?[A-ZÅÄÖa-zåäö]*(?:kassan|förmedlingen|förvaltningen|stad|kommun|region|Region|Skåne))"
)
NOT_PEOPLE = (
    "Region",
    "Malmö",
    "Staffanstorp",
    "Burlöv",
    "Lund",
    "Komvux",
    "Psykiatri",
    "Arbetsmarknad",
    "Samordningsförbundet",
)


def _without_people(text: str, people: list[str]) -> str:
    """Names of people out of reusable text: the contact list's names, a name before an organisation,
    and the first cell of a table row that held a phone number or e-mail address."""
    for name in people:
        text = re.sub(rf"\b{re.escape(name)}\b", "[namn]", text)
    text = PERSON_WITH_ORG_RE.sub(lambda m: m.group(0) if m.group(1).startswith(NOT_PEOPLE) else "[namn]", text)
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if (
            len(cells) > 1
            and ("[e-post]" in line or "[telefon]" in line)
            and re.fullmatch(rf"{NAME}(?: {NAME}){{1,2}}", cells[0].strip())
        ):
            cells[0] = "[namn]"
        lines.append("\t".join(cells))
    return "\n".join(lines)


def _best_segments(doc: Any, form_id: str | None) -> tuple[str, list[Any]]:
    """Segments under the given form, or under the form whose headings the document matches best."""
    from assistant.core.model.forms import available_forms, load_form
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


TITLE_RE = re.compile(r"^[ \t]*(?:Ansökan|Projektnamn|Projektets namn)[ \t]*:[ \t]*(\S.{1,150})$", re.M | re.I)


def _fill_meta(entry: Entry, front_matter: str, meta: dict[str, Any]) -> None:
    """Metadata from the caller (the built-in table), else what the text itself says."""
    from assistant.core.model.dates import find_period, parse_date
    from assistant.core.model.forms import load_form

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


@dataclass
class ImportResult:
    imported: list[Entry] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def import_files(
    files: list[Path],
    target: Path,
    *,
    form_id: str | None = None,
    keep_contacts: bool = False,
    progress: Callable[[int, int, Path], None] | None = None,
    meta: dict[str, dict[str, Any]] | None = None,
    lang: str = "sv",
) -> ImportResult:
    """Import each file into `target`, one atomic write per entry; a failure never stops the rest."""
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
    taken = {e.id for e in load_library([(paths.builtin_library_dir(), True), (target, False)])}
    for n, path in enumerate(files, 1):
        path = Path(path)
        if progress:
            progress(n, len(files), path)
        try:
            entry = entry_from_document(
                path, form_id=form_id, keep_contacts=keep_contacts, meta=(meta or {}).get(path.name)
            )
            target.mkdir(parents=True, exist_ok=True)
            # Another ansokan may import into the same library right now: choose the id and
            # write under a lock, looking at the files on disk, so neither overwrites the other.
            preset = entry.id
            with FileLock(str(target / ".import.lock"), timeout=60):
                entry.id = preset or make_id(entry, taken)
                while not preset and (target / f"{entry.id}{SUFFIX}").exists():  # written by another process
                    taken.add(entry.id)
                    entry.id = make_id(entry, taken)
                taken.add(entry.id)
                entry.path = target / f"{entry.id}{SUFFIX}"
                atomic_write_text(entry.path, to_text(entry), backup=False)
            result.imported.append(entry)
        except UserError as exc:
            result.failed.append((path, exc.message(lang)))
        except OSError as exc:  # the library directory cannot be written
            result.failed.append(
                (
                    path,
                    f"{target}: kan inte skriva i biblioteket ({exc.strerror})"
                    if lang == "sv"
                    else f"{target}: cannot write to the library ({exc.strerror})",
                )
            )
        except Exception as exc:  # a malformed file must not stop the others
            reason = (
                f"kan inte läsas som dokument ({type(exc).__name__})"
                if lang == "sv"
                else f"cannot be read as a document ({type(exc).__name__})"
            )
            result.failed.append((path, f"{path}: {reason}"))
    return result


# ---------------------------------------------------------------------------------------------
# The built-in library

BUILTIN_META: dict[str, dict[str, Any]] = {
    "000_18e62940bd9f888a.txt": {
        "id": "finsam-malmo-2017-case-management",
        "title": "Case management på Komvux Södervärn/Lärvux",
        "form": "finsam-malmo",
        "organisation": "Malmö stad",
        "municipality": "Malmö",
        "year": 2017,
        "start": dt.date(2017, 3, 1),
        "end": dt.date(2019, 2, 28),
        "projects": ["Case management", "Komvux Södervärn", "Lärvux"],
    },
    "001_4b5533777013640f.txt": {
        "id": "finsam-malmo-2020-make-it-work",
        "title": "Make it: work – från förarbete till hållbart arbete",
        "form": "finsam-malmo",
        "organisation": "Malmö stad",
        "municipality": "Malmö",
        "year": 2020,
        "start": dt.date(2020, 4, 1),
        "end": dt.date(2022, 3, 31),
        "projects": ["Make it: work", "Make it work"],
    },
    "002_03ecb636fa5e8369.txt": {
        "id": "burlov-staffanstorp-2020-pas",
        "title": "Projekt för aktivitet och självständighet (PAS)",
        "form": "burlov-staffanstorp",
        "organisation": "Staffanstorps kommun",
        "municipality": "Staffanstorp",
        "year": 2020,
        "start": dt.date(2020, 6, 1),
        "end": dt.date(2022, 12, 31),
        "projects": ["Projekt för aktivitet och självständighet", "PAS", "Vision Jobb"],
    },
    "003_d09aa5a5bf39ca34.txt": {
        "id": "finsam-malmo-2021-fram",
        "title": "FRAM",
        "form": "finsam-malmo",
        "organisation": "Malmö stad",
        "municipality": "Malmö",
        "year": 2021,
        "start": dt.date(2021, 1, 1),
        "end": dt.date(2023, 12, 31),
        "projects": ["FRAM", "Aktivitetscenter"],
    },
}


def rebuild_builtin(source_dir: Path, target: Path | None = None) -> ImportResult:
    target = target or paths.builtin_library_dir()
    files = [source_dir / name for name in BUILTIN_META]
    result = ImportResult()
    for path in files:
        meta = dict(BUILTIN_META[path.name])
        entry = entry_from_document(path, form_id=meta["form"], meta=meta)
        entry.imported = dt.date.today()
        entry.path = target / f"{entry.id}{SUFFIX}"
        target.mkdir(parents=True, exist_ok=True)
        atomic_write_text(entry.path, to_text(entry), backup=False)
        result.imported.append(entry)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 2 or argv[0] != "--rebuild-builtin":
        print("användning: python -m assistant.core.reuse.library --rebuild-builtin KÄLLKATALOG", file=sys.stderr)
        return 2
    result = rebuild_builtin(Path(argv[1]))
    for entry in result.imported:
        print(f"{entry.path}: {len(entry.sections)} avsnitt, {len(passages(entry))} stycken")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
