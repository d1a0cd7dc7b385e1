"""The draft file: a Draft written as Markdown with TOML front matter and read back, loaded and
saved under a lock, atomically, with the previous version kept as `<name>~`."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import tomli_w
from filelock import FileLock

from assistant.core.errors import DraftError, UserError
from assistant.core.model.budget import Budget
from assistant.core.model.dates import date_value
from assistant.core.model.drafts.attachments import Attachment
from assistant.core.model.drafts.budget_toml import budget_from_toml, budget_to_toml
from assistant.core.model.drafts.carried import CarriedFact
from assistant.core.model.drafts.draft import (
    SCHEMA,
    Contact,
    Draft,
    ExtraSection,
    Signatory,
    join_trimmed,
    normalise_text,
)
from assistant.core.model.drafts.notes import notes_from_toml, notes_to_toml, unknown_section_warning
from assistant.core.model.forms import Form, load_form
from assistant.core.model.headings import match_heading, slug
from assistant.core.storage import frontmatter, locks
from assistant.core.storage.atomic import atomic_write_text, real_target
from assistant.core.storage.files import read_user_file

MAX_DRAFT_BYTES = 20_000_000
KNOWN_FRONT = {
    "schema",
    "form",
    "title",
    "organisation",
    "municipality",
    "start",
    "end",
    "current",
    "contacts",
    "signatories",
    "budget",
    "sources",
    "carried",
    "deadline",
    "attachments",
    "notes",
}
# What the codec found wrong with the file, in the draft's words.
FRONT_PROBLEMS = {
    "empty": (
        "filen är tom; skapa ett utkast med `ansokan new`",
        "the file is empty; create a draft with `ansokan new`",
    ),
    "unopened": (
        "utkastet ska börja med en rad `+++` (TOML-huvudet)",
        "a draft must start with a `+++` line (the TOML front matter)",
    ),
    "unclosed": (
        "TOML-huvudet avslutas aldrig med en rad `+++`",
        "the TOML front matter is never closed with a `+++` line",
    ),
    "toml": ("fel i TOML-huvudet: {detail}", "error in the TOML front matter: {detail}"),
    "nested": (
        "fel i TOML-huvudet: för djupt nästlade listor eller tabeller",
        "error in the TOML front matter: lists or tables nested too deeply",
    ),
}

# ---------------------------------------------------------------------------------------------
# Writing


def front_matter(draft: Draft) -> dict[str, Any]:
    """Everything of the draft except its sections, as the TOML front matter holds it."""
    front: dict[str, Any] = {
        "schema": draft.schema,
        "form": draft.form_id,
        "title": draft.title,
        "organisation": draft.organisation,
        "municipality": draft.municipality,
    }
    if draft.start:
        front["start"] = draft.start
    if draft.end:
        front["end"] = draft.end
    if draft.deadline:
        front["deadline"] = draft.deadline
    if draft.current:
        front["current"] = draft.current
    for key, value in draft.meta.items():
        front.setdefault(key, value)
    if draft.contacts:
        front["contacts"] = [{k: v for k, v in vars(c).items() if v} for c in draft.contacts]
    if draft.signatories:
        front["signatories"] = [{k: v for k, v in vars(s).items() if v or k != "title"} for s in draft.signatories]
    if not draft.budget.is_empty():
        front["budget"] = budget_to_toml(draft.budget)
    if draft.sources:
        front["sources"] = draft.sources
    if draft.carried:
        front["carried"] = [{k: v for k, v in vars(f).items() if v} for f in draft.carried]
    if draft.attachments:
        front["attachments"] = [{k: v for k, v in vars(a).items() if v} for a in draft.attachments]
    if draft.notes:
        front["notes"] = notes_to_toml(draft.notes)
    return front


def front_matter_text(draft: Draft) -> str:
    return tomli_w.dumps(front_matter(draft))


def to_text(draft: Draft, form: Form | None = None) -> str:
    """The file text: the form's sections in its order, each own section after the one it followed."""
    form = form or draft.form
    sections: list[tuple[str, str | None, str]] = []
    placed: set[int] = set()

    def extras_after(key: str | None) -> None:
        for i, ex in enumerate(draft.extra):
            if i not in placed and ex.after == key:
                placed.add(i)
                sections.append((ex.heading, ex.key, ex.text))

    extras_after(None)
    for heading in form.headings:
        sections.append((heading.display, heading.key, draft.sections.get(heading.key, "")))
        extras_after(heading.key)
    # after a section the form no longer has
    sections += [(ex.heading, ex.key, ex.text) for i, ex in enumerate(draft.extra) if i not in placed]
    return frontmatter.write(front_matter(draft), sections, prelude=draft.prelude)


# ---------------------------------------------------------------------------------------------
# Parsing


def _fail(where: Path | str, line: int | None, sv: str, en: str) -> DraftError:
    loc = f"{where}:{line}" if line else str(where)
    return DraftError(sv, en, where=loc)


def _split(text: str, where: Path | str) -> frontmatter.Parsed:
    try:
        return frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        sv, en = FRONT_PROBLEMS[exc.problem]
        raise _fail(where, exc.line, sv.format(detail=exc.detail), en.format(detail=exc.detail)) from None


_T = TypeVar("_T")


class _Front:
    """The parsed front matter with the draft's file name, for values that name their line."""

    def __init__(self, parsed: frontmatter.Parsed, where: Path | str) -> None:
        self.values = parsed.front
        self.parsed = parsed
        self.where = where

    def fail(self, key: str, sv: str, en: str) -> DraftError:
        return _fail(self.where, self.parsed.line_of(key), sv, en)

    def string(self, key: str) -> str:
        value = self.values.get(key, "")
        if not isinstance(value, str):
            raise self.fail(key, f"`{key}` ska vara en text inom citattecken", f"`{key}` must be a quoted string")
        return value

    def date(self, key: str) -> dt.date | None:
        try:
            return date_value(self.values.get(key))
        except ValueError:
            raise self.fail(
                key, f"`{key}` ska vara ett datum som 2026-01-31", f"`{key}` must be a date such as 2026-01-31"
            ) from None

    def tables(self, key: str, cls: Callable[..., _T], allowed: set[str]) -> list[_T]:
        raw = self.values.get(key, [])
        if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
            raise self.fail(
                key, f"`{key}` ska vara en lista av tabeller [[{key}]]", f"`{key}` must be a list of [[{key}]] tables"
            )
        out = []
        for entry in raw:
            for k in entry:
                if k not in allowed:
                    raise self.fail(
                        k,
                        f"okänd nyckel `{k}` i [[{key}]] (tillåtna: {', '.join(sorted(allowed))})",
                        f"unknown key `{k}` in [[{key}]] (allowed: {', '.join(sorted(allowed))})",
                    )
            out.append(cls(**{k: v if isinstance(v, str) else str(v) for k, v in entry.items()}))
        return out


def parse_draft(text: str, where: Path | str = "<utkast>") -> Draft:
    """Parse a draft's text. Raises DraftError naming the line and the problem."""
    parsed = _split(text, where)
    front = _Front(parsed, where)
    schema = front.values.get("schema", SCHEMA)
    if not isinstance(schema, int) or schema > SCHEMA or schema < 1:
        raise front.fail(
            "schema",
            f"utkastet har schemaversion {schema}; denna version läser {SCHEMA}",
            f"the draft has schema version {schema}; this version reads {SCHEMA}",
        )
    form_id, form = _form_of(front)
    draft = Draft(
        form_id=form_id,
        schema=schema,
        title=front.string("title"),
        organisation=front.string("organisation"),
        municipality=front.string("municipality"),
        start=front.date("start"),
        end=front.date("end"),
        current=front.string("current"),
        contacts=front.tables("contacts", Contact, set(Contact.__dataclass_fields__)),
        signatories=front.tables("signatories", Signatory, set(Signatory.__dataclass_fields__)),
        path=Path(where) if isinstance(where, Path) else None,
    )
    if "budget" in front.values:
        draft.budget = budget_from_toml(front.values["budget"], front.fail)
    else:
        draft.budget = Budget(categories=list(form.budget.categories))
    draft.budget.rounding = form.budget.rounding_unit  # the form decides, not the file
    sources = front.values.get("sources", [])
    draft.sources = [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    draft.carried = front.tables("carried", CarriedFact, set(CarriedFact.__dataclass_fields__))
    draft.deadline = front.date("deadline")
    draft.attachments = front.tables("attachments", Attachment, set(Attachment.__dataclass_fields__))
    draft.meta = {k: v for k, v in front.values.items() if k not in KNOWN_FRONT}
    _place_sections(draft, form, parsed)
    _read_notes(draft, front)
    return draft


def _read_notes(draft: Draft, front: _Front) -> None:
    """The [[notes]]; one on a section the draft no longer has is kept, with a warning."""

    def fail(line: int | None, sv: str, en: str) -> DraftError:
        return _fail(front.where, line or front.parsed.line_of("notes"), sv, en)

    first = front.parsed.front_start + 1
    draft.notes = notes_from_toml(front.values.get("notes"), front.parsed.front_lines, first, fail)
    known = set(draft.sections) | {extra.key for extra in draft.extra}
    draft.warnings += [unknown_section_warning(n) for n in draft.notes if n.section not in known]


def _form_of(front: _Front) -> tuple[str, Form]:
    """The form id as the draft writes it, and its form."""
    form_id = front.values.get("form")
    if not isinstance(form_id, str) or not form_id:
        raise _fail(
            front.where,
            front.parsed.line_of("form") or front.parsed.front_start,
            '`form` saknas; ange t.ex. form = "finsam-malmo"',
            '`form` is missing; add e.g. form = "finsam-malmo"',
        )
    try:
        return form_id, load_form(form_id)
    except DraftError:
        raise
    except Exception as exc:  # FormError: an unknown form id, or a form that cannot be read
        sv = exc.sv if isinstance(exc, UserError) else str(exc)
        en = exc.en if isinstance(exc, UserError) else sv
        raise front.fail("form", sv, en) from None


def _section_text(lines: list[str]) -> str:
    """normalise_text of a section's lines (line ends are LF already), without joining and
    splitting them again: a draft can have a hundred thousand sections."""
    if any("\x00" in line for line in lines):
        return normalise_text("\n".join(lines))
    return join_trimmed(lines)


def _place_sections(draft: Draft, form: Form, parsed: frontmatter.Parsed) -> None:
    """Each section under its form key ({#key}, else the heading matched fuzzily), or kept as extra."""
    draft.sections = {h.key: "" for h in form.headings}
    draft.prelude = normalise_text("\n".join(parsed.prelude.lines))
    pieces: dict[str, list[str]] = {}  # a heading written twice: its texts, joined once at the end
    previous: str | None = None
    for section in parsed.sections:
        text = _section_text(section.lines)
        title, key = section.title, section.key
        if key is not None and key not in draft.sections:
            # A {#key} the form does not know: try the heading text before calling it extra.
            key = None if not title else key
        if key is None or key not in draft.sections:
            matched, _ = match_heading(title, form) if title else (None, 0)
            if matched:
                key = matched
        if key in draft.sections:
            if key in pieces:
                draft.warnings.append(
                    f"rad {section.line}: avsnittet ”{title}” förekommer två gånger; texterna har slagits ihop"
                )
            else:
                draft.written_order.append(key)
            pieces.setdefault(key, []).append(text)
            previous = key
        else:
            extra_key = key or slug(title or "avsnitt")
            draft.extra.append(ExtraSection(key=extra_key, heading=title or extra_key, text=text, after=previous))
    for key, texts in pieces.items():
        draft.sections[key] = "\n\n".join(t for t in texts if t)
    if not draft.current or draft.current not in draft.sections:
        draft.current = form.headings[0].key


# ---------------------------------------------------------------------------------------------
# Loading and saving


def read_draft_text(path: Path) -> str:
    path = Path(path)
    raw = read_user_file(
        path,
        DraftError,
        max_bytes=MAX_DRAFT_BYTES,
        kind_sv="ett utkast",
        kind_en="a draft",
        hint_sv="skapa ett utkast med `ansokan new`",
        hint_en="create one with `ansokan new`",
    )
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in raw[:4096] and not utf16:
        raise DraftError("är en binärfil, inte ett utkast i text", "is a binary file, not a text draft", where=path)
    if utf16:
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise DraftError("kan inte läsas som UTF-16", "cannot be read as UTF-16", where=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DraftError(
            f"rad {line}: inte giltig UTF-8; spara filen som UTF-8",
            f"line {line}: not valid UTF-8; save the file as UTF-8",
            where=f"{path}:{line}",
        ) from None


def load_draft(path: Path) -> Draft:
    path = Path(path)
    text = read_draft_text(path)
    draft = parse_draft(text, path)
    draft.path = path
    draft.loaded_digest = _digest(text.encode("utf-8"))
    return draft


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lock_for(path: Path) -> FileLock:
    """The lock beside the (real) file, held only while reading-checking-writing; `save_draft`
    takes it through storage.locks.held, which turns every failure into a sentence."""
    return locks.file_lock(Path(path))


def disk_digest(path: Path) -> str | None:
    with contextlib.suppress(FileNotFoundError):
        raw = Path(path).read_bytes()
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # compare UTF-16 drafts as the text load_draft saw
            with contextlib.suppress(UnicodeDecodeError):
                raw = raw.decode("utf-16").encode("utf-8")
        return _digest(raw.lstrip(b"\xef\xbb\xbf"))
    return None


def changed_on_disk(draft: Draft) -> bool:
    """True when someone else wrote the file since we loaded or saved it."""
    if draft.path is None or draft.loaded_digest is None:
        return False
    current = disk_digest(draft.path)
    return current is not None and current != draft.loaded_digest


def _remove_stale_temp_files(target: Path) -> None:
    """Temp files left by a save that was killed; safe to remove while we hold the lock."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def save_draft(draft: Draft, path: Path | None = None, *, force: bool = False) -> Path:
    """Write the draft atomically, keeping the previous version as `<name>~`.

    Refuses (DraftError) when the file changed on disk since it was loaded, unless `force`:
    two processes on one draft never silently overwrite each other's text. Through a symbolic
    link, the file it points to is written (the link stays). A write that cannot happen is a
    WriteError (storage.failures) naming the draft; another process saving it, a LockedError.
    """
    target = Path(path or draft.path or "")
    if not str(target):
        raise DraftError("utkastet har ingen fil att sparas till", "the draft has no file to save to")
    text = to_text(draft)
    busy = (
        "ett annat ansokan-program sparar samma utkast just nu; försök igen",
        "another ansokan process is saving the same draft; try again",
    )
    with locks.held(target, what="draft", busy=busy):
        if not force and target == draft.path and changed_on_disk(draft):
            raise DraftError(
                "filen har ändrats av någon annan sedan den öppnades; spara inte över utan att jämföra",
                "the file was changed by someone else since it was opened; compare before overwriting",
                where=target,
            )
        _remove_stale_temp_files(real_target(target, what="draft"))
        atomic_write_text(target, text, what="draft")
    draft.path = target
    draft.loaded_digest = _digest(text.encode("utf-8"))
    return target
