"""Drafts: one UTF-8 Markdown file with TOML front matter that a person can read, edit and diff.

    +++
    schema = 1
    form = "finsam-malmo"
    title = "Unga vuxna i arbete"
    start = 2026-01-01
    …
    +++

    ## 1. Kontaktuppgifter {#kontaktuppgifter}

    Text …

Each `## ` line starts a section; `{#key}` ties it to the form's heading (without it the heading
text is matched fuzzily). Sections the form does not know are kept, never dropped; text before
the first heading is kept too. Saves are atomic and keep the previous version as `<name>~`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w
from filelock import FileLock, Timeout

from assistant.core.errors import DraftError, LockedError
from assistant.core.model.budget import Budget, BudgetItem, StatedTotals
from assistant.core.model.forms import Form, load_form
from assistant.core.model.headings import match_heading, slug
from assistant.core.storage.atomic import atomic_write_text
from assistant.core.storage.files import read_user_file

SCHEMA = 1
MAX_DRAFT_BYTES = 20_000_000
HEADING_RE = re.compile(r"^##(?!#)[ \t]*(?P<title>.*?)[ \t]*(?:\{#(?P<key>[A-Za-z][\w-]*)\})?[ \t]*$")
ESCAPED_RE = re.compile(r"^(\\*)(##)")
WORD_RE = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ][\w\-–]*", re.UNICODE)


@dataclass
class Contact:
    name: str = ""
    role: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""

    def is_empty(self) -> bool:
        return not any((self.name, self.role, self.organisation, self.phone, self.email))


@dataclass
class Signatory:
    name: str = ""
    organisation: str = ""


@dataclass
class ExtraSection:
    """A section the form does not know (or that could not be placed): kept as it is."""

    key: str
    heading: str
    text: str
    after: str | None = None  # the form section it followed, so it is written back there


@dataclass
class Draft:
    form_id: str
    title: str = ""
    organisation: str = ""
    municipality: str = ""
    start: dt.date | None = None
    end: dt.date | None = None
    contacts: list[Contact] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    budget: Budget = field(default_factory=Budget)
    sections: dict[str, str] = field(default_factory=dict)
    extra: list[ExtraSection] = field(default_factory=list)
    prelude: str = ""
    sources: list[dict[str, Any]] = field(default_factory=list)
    current: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    schema: int = SCHEMA
    path: Path | None = None
    loaded_digest: str | None = None
    warnings: list[str] = field(default_factory=list)
    written_order: list[str] = field(default_factory=list)  # form keys in the order the file had them

    @property
    def form(self) -> Form:
        return load_form(self.form_id)

    def text(self, key: str) -> str:
        return self.sections.get(key, "")

    def set_text(self, key: str, text: str) -> None:
        self.sections[key] = normalise_text(text)

    def fields(self) -> dict[str, Any]:
        """The draft's own values, as variables for templates and adapted passages."""
        return {
            "title": self.title,
            "organisation": self.organisation,
            "municipality": self.municipality,
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "start_year": self.start.year if self.start else "",
            "end_year": self.end.year if self.end else "",
            "contact": self.contacts[0].name if self.contacts else "",
        }


# ---------------------------------------------------------------------------------------------
# Text helpers


def normalise_text(text: str) -> str:
    """Section text as stored: LF line ends, no NUL, no blank lines at either end."""
    # A NUL makes the saved file look binary, so it could never be opened again.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def _escape(text: str) -> str:
    text = text.replace("\x00", "")  # see normalise_text
    return "\n".join(ESCAPED_RE.sub(r"\\\1\2", line) for line in text.split("\n"))


def _unescape(line: str) -> str:
    m = ESCAPED_RE.match(line)
    if m and m.group(1):
        return line[1:]
    return line


# ---------------------------------------------------------------------------------------------
# New drafts


def new_draft(form: Form, *, title: str = "", organisation: str = "", municipality: str = "") -> Draft:
    draft = Draft(form_id=form.id, title=title, organisation=organisation, municipality=municipality)
    draft.sections = {h.key: "" for h in form.headings}
    draft.budget = Budget(categories=list(form.budget.categories))
    draft.signatories = [Signatory() for _ in range(max(1, form.signature.signatories))]
    draft.current = form.headings[0].key
    return draft


# ---------------------------------------------------------------------------------------------
# Serialising


def _budget_to_toml(budget: Budget) -> dict[str, Any]:
    years = budget.years
    out: dict[str, Any] = {"years": list(years), "categories": list(budget.categories)}
    out["compiled"] = {
        c: [budget.cell(c, y) for y in years] for c in budget.categories if any(budget.cell(c, y) for y in years)
    }
    items = []
    for item in budget.items:
        entry: dict[str, Any] = {"category": item.category, "text": item.text}
        if item.quantity:
            entry["quantity"] = item.quantity
        if item.total:
            entry["total"] = item.total
        if any(item.per_year.get(y) for y in years) or any(v for v in item.per_year.values()):
            entry["per_year"] = {str(y): v for y, v in sorted(item.per_year.items())}
        items.append(entry)
    if items:
        out["items"] = items
    st = budget.stated
    if not st.is_empty():
        stated: dict[str, Any] = {}
        if st.rows:
            stated["rows"] = dict(st.rows)
        if st.years:
            stated["years"] = {str(y): v for y, v in sorted(st.years.items())}
        if st.grand:
            stated["grand"] = st.grand
        if st.subtotals:
            stated["subtotals"] = {c: dict(v) for c, v in st.subtotals.items()}
        out["stated"] = stated
    if budget.unread:
        out["unread"] = list(budget.unread)
    return out


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
    if draft.current:
        front["current"] = draft.current
    for key, value in draft.meta.items():
        front.setdefault(key, value)
    if draft.contacts:
        front["contacts"] = [{k: v for k, v in vars(c).items() if v} for c in draft.contacts]
    if draft.signatories:
        front["signatories"] = [vars(s) for s in draft.signatories]
    if not draft.budget.is_empty():
        front["budget"] = _budget_to_toml(draft.budget)
    if draft.sources:
        front["sources"] = draft.sources
    return front


def front_matter_text(draft: Draft) -> str:
    return tomli_w.dumps(front_matter(draft))


def to_text(draft: Draft, form: Form | None = None) -> str:
    form = form or draft.form
    front = front_matter(draft)
    parts = ["+++", tomli_w.dumps(front).rstrip("\n"), "+++", ""]
    if draft.prelude.strip():
        parts += [_escape(draft.prelude), ""]
    placed: set[int] = set()

    def extras_after(key: str | None) -> None:
        for i, ex in enumerate(draft.extra):
            if i not in placed and ex.after == key:
                placed.add(i)
                parts.extend([f"## {ex.heading} {{#{ex.key}}}", ""])
                if ex.text:
                    parts.extend([_escape(ex.text), ""])

    extras_after(None)
    for heading in form.headings:
        parts.extend([f"## {heading.display} {{#{heading.key}}}", ""])
        text = draft.sections.get(heading.key, "")
        if text:
            parts += [_escape(text), ""]
        extras_after(heading.key)
    for i, ex in enumerate(draft.extra):  # after a section the form no longer has
        if i not in placed:
            parts.extend([f"## {ex.heading} {{#{ex.key}}}", ""])
            if ex.text:
                parts += [_escape(ex.text), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------------------------
# Parsing


def _fail(where: Path | str, line: int | None, sv: str, en: str) -> DraftError:
    loc = f"{where}:{line}" if line else str(where)
    return DraftError(sv, en, where=loc)


def _split_front(text: str, where: Path | str) -> tuple[str, list[str], int]:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise _fail(
            where,
            1,
            "filen är tom; skapa ett utkast med `ansokan new`",
            "the file is empty; create a draft with `ansokan new`",
        )
    if lines[first].strip() != "+++":
        raise _fail(
            where,
            first + 1,
            "utkastet ska börja med en rad `+++` (TOML-huvudet)",
            "a draft must start with a `+++` line (the TOML front matter)",
        )
    for j in range(first + 1, len(lines)):
        if lines[j].strip() == "+++":
            return "\n".join(lines[first + 1 : j]), lines[j + 1 :], first + 1
    raise _fail(
        where,
        first + 1,
        "TOML-huvudet avslutas aldrig med en rad `+++`",
        "the TOML front matter is never closed with a `+++` line",
    )


def _str(front: dict, key: str, where, line_of) -> str:
    value = front.get(key, "")
    if not isinstance(value, str):
        raise _fail(
            where, line_of(key), f"`{key}` ska vara en text inom citattecken", f"`{key}` must be a quoted string"
        )
    return value


def _date(front: dict, key: str, where, line_of) -> dt.date | None:
    value = front.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise _fail(
        where, line_of(key), f"`{key}` ska vara ett datum som 2026-01-31", f"`{key}` must be a date such as 2026-01-31"
    )


def _table_list(front: dict, key: str, where, line_of, cls) -> list:
    raw = front.get(key, [])
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        raise _fail(
            where,
            line_of(key),
            f"`{key}` ska vara en lista av tabeller [[{key}]]",
            f"`{key}` must be a list of [[{key}]] tables",
        )
    out = []
    allowed = set(cls.__dataclass_fields__)
    for entry in raw:
        values = {}
        for k, v in entry.items():
            if k not in allowed:
                raise _fail(
                    where,
                    line_of(k),
                    f"okänd nyckel `{k}` i [[{key}]] (tillåtna: {', '.join(sorted(allowed))})",
                    f"unknown key `{k}` in [[{key}]] (allowed: {', '.join(sorted(allowed))})",
                )
            values[k] = v if isinstance(v, str) else str(v)
        out.append(cls(**values))
    return out


def _budget_from_toml(raw: Any, where, line_of) -> Budget:
    if not isinstance(raw, dict):
        raise _fail(
            where, line_of("budget"), "`budget` ska vara en tabell [budget]", "`budget` must be a [budget] table"
        )

    def bad(key: str, sv: str, en: str) -> DraftError:
        return _fail(where, line_of(key), f"budget: {sv}", f"budget: {en}")

    years = raw.get("years", [])
    if not isinstance(years, list) or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise bad(
            "years",
            "`years` ska vara en lista med årtal, t.ex. [2026, 2027]",
            "`years` must be a list of years, e.g. [2026, 2027]",
        )
    if any(y < 1900 or y > 2200 for y in years):
        raise bad("years", "ett årtal i `years` är orimligt", "a year in `years` is out of range")
    if len(set(years)) != len(years):
        raise bad("years", "ett årtal står två gånger i `years`", "a year appears twice in `years`")
    categories = raw.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise bad("categories", "`categories` ska vara en lista med texter", "`categories` must be a list of strings")
    budget = Budget(years=list(years), categories=list(categories))
    compiled = raw.get("compiled", {})
    if not isinstance(compiled, dict):
        raise bad("compiled", "`compiled` ska vara en tabell", "`compiled` must be a table")
    for category, cells in compiled.items():
        if not isinstance(cells, list) or len(cells) != len(years):
            raise bad(
                category,
                f"raden ”{category}” ska ha ett värde per år ({len(years)} st)",
                f"row “{category}” must have one value per year ({len(years)})",
            )
        for year, cell in zip(years, cells, strict=False):
            budget.set_cell(category, year, cell if isinstance(cell, str) else str(cell))
    items = raw.get("items", [])
    if not isinstance(items, list):
        raise bad("items", "`items` ska vara en lista [[budget.items]]", "`items` must be a list [[budget.items]]")
    for entry in items:
        if not isinstance(entry, dict):
            raise bad("items", "varje post ska vara en tabell", "every item must be a table")
        per_year_raw = entry.get("per_year", {})
        if not isinstance(per_year_raw, dict):
            raise bad(
                "per_year",
                '`per_year` ska vara en tabell { "2026" = "…" }',
                '`per_year` must be a table { "2026" = "…" }',
            )
        per_year: dict[int, str] = {}
        for y, v in per_year_raw.items():
            if not str(y).isdigit():
                raise bad("per_year", f"”{y}” är inget årtal", f"“{y}” is not a year")
            per_year[int(y)] = v if isinstance(v, str) else str(v)
        budget.items.append(
            BudgetItem(
                category=str(entry.get("category", "")),
                text=str(entry.get("text", "")),
                total=str(entry.get("total", "")),
                per_year=per_year,
                quantity=str(entry.get("quantity", "")),
            )
        )
    stated = raw.get("stated", {})
    if isinstance(stated, dict):
        for key in ("rows", "years", "subtotals"):
            if not isinstance(stated.get(key, {}), dict):
                raise bad(key, f"`stated.{key}` ska vara en tabell", f"`stated.{key}` must be a table")
        budget.stated = StatedTotals(
            rows={str(k): str(v) for k, v in stated.get("rows", {}).items()},
            years={int(k): str(v) for k, v in stated.get("years", {}).items() if str(k).isdigit()},
            grand=str(stated.get("grand", "")),
            subtotals={
                str(c): {str(k): str(v) for k, v in d.items()}
                for c, d in stated.get("subtotals", {}).items()
                if isinstance(d, dict)
            },
        )
    unread = raw.get("unread", [])
    budget.unread = [str(u) for u in unread] if isinstance(unread, list) else []
    return budget


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
}


def parse_draft(text: str, where: Path | str = "<utkast>") -> Draft:
    """Parse a draft's text. Raises DraftError naming the line and the problem."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    front_text, body, front_start = _split_front(text, where)
    front_lines = front_text.split("\n")

    def line_of(key: str) -> int | None:
        for i, line in enumerate(front_lines):
            if re.match(rf'^\s*"?{re.escape(key)}"?\s*=', line) or re.match(rf"^\s*\[+\s*{re.escape(key)}\b", line):
                return front_start + 1 + i
        return None

    try:
        front = tomllib.loads(front_text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = front_start + int(m.group(1)) if m else front_start
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise _fail(where, line, f"fel i TOML-huvudet: {detail}", f"error in the TOML front matter: {detail}") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise _fail(
            where,
            front_start,
            "fel i TOML-huvudet: för djupt nästlade listor eller tabeller",
            "error in the TOML front matter: lists or tables nested too deeply",
        ) from None
    schema = front.get("schema", SCHEMA)
    if not isinstance(schema, int) or schema > SCHEMA or schema < 1:
        raise _fail(
            where,
            line_of("schema"),
            f"utkastet har schemaversion {schema}; denna version läser {SCHEMA}",
            f"the draft has schema version {schema}; this version reads {SCHEMA}",
        )
    form_id = front.get("form")
    if not isinstance(form_id, str) or not form_id:
        raise _fail(
            where,
            line_of("form") or front_start,
            '`form` saknas; ange t.ex. form = "finsam-malmo"',
            '`form` is missing; add e.g. form = "finsam-malmo"',
        )
    try:
        form = load_form(form_id)
    except DraftError:
        raise
    except Exception as exc:  # FormError: unknown form id
        msg = getattr(exc, "sv", str(exc))
        raise _fail(where, line_of("form"), msg, getattr(exc, "en", msg)) from None
    draft = Draft(
        form_id=form_id,
        schema=schema,
        title=_str(front, "title", where, line_of),
        organisation=_str(front, "organisation", where, line_of),
        municipality=_str(front, "municipality", where, line_of),
        start=_date(front, "start", where, line_of),
        end=_date(front, "end", where, line_of),
        current=_str(front, "current", where, line_of),
        contacts=_table_list(front, "contacts", where, line_of, Contact),
        signatories=_table_list(front, "signatories", where, line_of, Signatory),
        path=Path(where) if isinstance(where, Path) else None,
    )
    if "budget" in front:
        draft.budget = _budget_from_toml(front["budget"], where, line_of)
    else:
        draft.budget = Budget(categories=list(form.budget.categories))
    sources = front.get("sources", [])
    draft.sources = [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    draft.meta = {k: v for k, v in front.items() if k not in KNOWN_FRONT}
    _parse_body(draft, form, body, front_start + len(front_lines) + 2, where)
    return draft


def _parse_body(draft: Draft, form: Form, body: list[str], first_line: int, where) -> None:
    draft.sections = {h.key: "" for h in form.headings}
    chunks: list[tuple[str | None, str | None, int, list[str]]] = [(None, None, first_line, [])]
    for offset, line in enumerate(body):
        m = HEADING_RE.match(line)
        if m:
            chunks.append((m.group("title"), m.group("key"), first_line + offset, []))
        else:
            chunks[-1][3].append(_unescape(line))
    draft.prelude = normalise_text("\n".join(chunks[0][3]))
    seen: set[str] = set()
    previous: str | None = None
    for title, key, line, lines in chunks[1:]:
        text = normalise_text("\n".join(lines))
        title = (title or "").strip()
        if key is not None and key not in draft.sections:
            # A {#key} the form does not know: try the heading text before calling it extra.
            key = None if not title else key
        if key is None or key not in draft.sections:
            matched, _ = match_heading(title, form) if title else (None, 0)
            if matched and (key is None or key not in draft.sections):
                key = matched
        if key in draft.sections:
            if key in seen:
                draft.warnings.append(
                    f"rad {line}: avsnittet ”{title}” förekommer två gånger; texterna har slagits ihop"
                )
                draft.sections[key] = normalise_text(draft.sections[key] + "\n\n" + text)
            else:
                draft.sections[key] = text
                draft.written_order.append(key)
            seen.add(key)
            previous = key
        else:
            extra_key = key or slug(title or "avsnitt")
            draft.extra.append(ExtraSection(key=extra_key, heading=title or extra_key, text=text, after=previous))
    if not draft.current or draft.current not in draft.sections:
        draft.current = form.headings[0].key


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
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DraftError("är en binärfil, inte ett utkast i text", "is a binary file, not a text draft", where=path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
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


# ---------------------------------------------------------------------------------------------
# Saving


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def lock_for(path: Path) -> FileLock:
    """A lock next to the file (hidden), held only while reading-checking-writing."""
    path = Path(path)
    return FileLock(str(path.with_name(f".{path.name}.lock")), timeout=5)


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
    two processes on one draft never silently overwrite each other's text.
    """
    target = Path(path or draft.path or "")
    if not str(target):
        raise DraftError("utkastet har ingen fil att sparas till", "the draft has no file to save to")
    text = to_text(draft)
    try:
        with lock_for(target):
            if not force and target == draft.path and changed_on_disk(draft):
                raise DraftError(
                    "filen har ändrats av någon annan sedan den öppnades; spara inte över utan att jämföra",
                    "the file was changed by someone else since it was opened; compare before overwriting",
                    where=target,
                )
            _remove_stale_temp_files(target)
            atomic_write_text(target, text)
    except Timeout:
        raise LockedError(
            "ett annat ansokan-program sparar samma utkast just nu; försök igen",
            "another ansokan process is saving the same draft; try again",
            where=target,
        ) from None
    draft.path = target
    draft.loaded_digest = _digest(text.encode("utf-8"))
    return target


# ---------------------------------------------------------------------------------------------
# Status


@dataclass
class SectionStatus:
    key: str
    heading: str
    required: bool
    words: int

    @property
    def empty(self) -> bool:
        return self.words == 0


def section_status(draft: Draft, form: Form | None = None) -> list[SectionStatus]:
    form = form or draft.form
    out = []
    for h in form.headings:
        text = draft.text(h.key)
        count = word_count(text)
        if h.kind == "contacts":
            count += sum(word_count(" ".join(vars(c).values())) for c in draft.contacts)
        elif h.kind == "budget" and not draft.budget.is_empty():
            count = max(count, 1) if (draft.budget.compiled or draft.budget.items) else count
        elif h.kind == "tidsplan" and (draft.start or draft.end) and count == 0:
            count = 2
        elif h.kind == "signature":
            count += sum(word_count(s.name) for s in draft.signatories)
        out.append(SectionStatus(h.key, h.display, h.required, count))
    return out


def completion(statuses: list[SectionStatus]) -> float:
    required = [s for s in statuses if s.required]
    if not required:
        return 1.0
    return sum(1 for s in required if not s.empty) / len(required)
