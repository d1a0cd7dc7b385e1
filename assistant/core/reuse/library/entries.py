"""Library entries: one earlier application as sections and reusable passages, its file (through
the storage/frontmatter codec) and the directories the entries are read from."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core.errors import UserError
from assistant.core.model.dates import date_value
from assistant.core.model.drafts import word_count
from assistant.core.model.headings import slug
from assistant.core.reuse.library.redact import redact, typeset
from assistant.core.storage import frontmatter, paths
from assistant.core.storage.failures import remove_error

SUFFIX = ".md"
MAX_ENTRY_BYTES = 5_000_000
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
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
BULLET_RE = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
# What the codec found wrong with the file, in the library's words.
FRONT_PROBLEMS = {
    "empty": ("biblioteksfilen ska börja med en rad `+++`", "a library file must start with a `+++` line"),
    "unopened": ("biblioteksfilen ska börja med en rad `+++`", "a library file must start with a `+++` line"),
    "unclosed": ("TOML-huvudet avslutas aldrig med `+++`", "the TOML front matter is never closed"),
    "toml": ("fel i TOML-huvudet: {detail}", "error in the TOML front matter: {detail}"),
    "nested": ("fel i TOML-huvudet: för djupt nästlat", "error in the TOML front matter: nested too deeply"),
}


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
# Passages


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
# The entry file


def _fail(where: Path | str, sv: str, en: str) -> UserError:
    return UserError(sv, en, where=where)


def parse_entry(text: str, where: Path | str = "<bibliotek>") -> Entry:
    try:
        parsed = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        sv, en = FRONT_PROBLEMS[exc.problem]
        raise _fail(f"{where}:{exc.line}", sv.format(detail=exc.detail), en.format(detail=exc.detail)) from None
    front = parsed.front
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
    for section in parsed.sections:  # text before the first heading is not the library's
        key = section.key or key_for(section.title)
        entry.sections.append(Section(key=key, heading=section.title, text="\n".join(section.lines).strip()))
    return entry


def key_for(heading: str) -> str:
    """A heading written without {#key} in a library file: its slug, or the canonical key it means."""
    key = slug(heading)
    return KEY_ALIASES.get(key, key)


def _as_date(value: Any) -> dt.date | None:
    """A date of the front matter; one that is not a date is left out rather than refused."""
    try:
        return date_value(value)
    except ValueError:
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
    return frontmatter.write(front, written_sections(entry))


def written_sections(entry: Entry) -> list[tuple[str, str, str]]:
    """(heading, key, text) of each section as the file holds it: redacted, typeset, no private ones."""
    return [
        (s.heading, s.key, typeset(redact(s.text.strip())) if s.text.strip() else "")
        for s in entry.sections
        if s.key not in PRIVATE_KEYS
    ]


def content_hash(entry: Entry) -> str:
    """What an entry says, as a hash: its sections as the file holds them, spacing ignored, with
    neither metadata nor file name. The same application imported twice (or as .docx and as
    .txt) hashes the same, whether the entry was just made or read back from its file."""
    digest = hashlib.sha256()
    for _heading, key, text in written_sections(entry):
        if text:
            digest.update(f"{key}\x1f{' '.join(text.split())}\x1e".encode())
    return digest.hexdigest()


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


# ---------------------------------------------------------------------------------------------
# The library directories


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
    try:
        entry.path.unlink()
    except FileNotFoundError:  # removed by someone else meanwhile: what was asked is done
        pass
    except OSError as exc:  # a read-only library, no permission
        raise remove_error(exc, entry.path, what="entry") from None
    return entry.path
