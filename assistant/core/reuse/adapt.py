"""Adapting reused text to the writer's own application: a passage taken from the library, or
every section of a draft started from an earlier application (`adapt_draft`).

The source application's organisation, municipality, project name and period are replaced by the
draft's own values, in the form the sentence needs ("Malmö stads" -> "Lunds kommuns", "i Malmö" ->
"i Lund", "Malmömodellen" -> "Lund-modellen"); a year of the source's period moves with the period (2017 -> 2027 when 2017–2019 becomes
2027–2028). What cannot be known (a year outside the new period, amounts, people, other projects, a
demonym like "malmöborna") is marked for the writer as ⟦Malmö stad → ?⟧, which the checks list
and the export highlights.

Safety: the passage text is never a template. The result is built piece by piece: literal text is
copied as it is, and only the fixed placeholders this module writes ("{{ organisation }}") are
rendered, through Jinja2's SandboxedEnvironment with StrictUndefined and the draft's `fields()`.
A passage containing `{{ … }}` or `{% … %}` comes out literally and can read nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from assistant.core.errors import UserError
from assistant.core.model.amounts import amounts_in_text
from assistant.core.model.budget import Budget
from assistant.core.model.dates import iso_date
from assistant.core.model.markers import MARK_CLOSE, MARK_OPEN, MARKER_RE, marker
from assistant.core.reuse.library import Entry, as_library_dirs, load_library

__all__ = ["MARKER_RE", "MARK_CLOSE", "MARK_OPEN", "Adapted", "Mark", "Replacement", "adapt", "adapt_draft", "marker"]

ISO_DATE_RE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
YEAR_RE = re.compile(r"(?<![\d\-])((?:19|20)\d{2})(?![\d\-]\d)")
REDACTED_RE = re.compile(r"\[(namn|e-post|telefon)\]")
MAX_PASSAGE_CHARS = 20_000


@dataclass
class Replacement:
    kind: str  # organisation | municipality | project | date | year
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.old} → {self.new}"


@dataclass
class Mark:
    """Something the writer must adapt by hand, left in the text as ⟦old → ?⟧."""

    kind: str  # organisation | municipality | project | person | date | year | amount
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Adapted:
    text: str
    replacements: list[Replacement] = field(default_factory=list)
    unresolved: list[Mark] = field(default_factory=list)
    source: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    found: str
    field_name: str | None  # the draft field that replaces it, or None to mark it
    suffix: str = ""  # a genitive -s kept after the replacement
    value: str | None = None  # a replacement worked out here (a moved year), used as it is


@lru_cache(maxsize=1)
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)


@lru_cache(maxsize=32)
def _placeholder(field_name: str) -> Template:
    """The only templates ever rendered: one fixed variable each, never any passage text."""
    if not re.fullmatch(r"[a-z_]+", field_name):
        raise ValueError(field_name)
    return _environment().from_string("{{ " + field_name + " }}")


def _render(field_name: str, fields: dict[str, Any]) -> str:
    try:
        return str(_placeholder(field_name).render(**fields)).strip()
    except Exception:  # an undefined or unrenderable field: the writer adapts it instead
        return ""


# ---------------------------------------------------------------------------------------------
# Finding what belongs to the source application


def _name_spans(text: str, name: str, kind: str, field_name: str | None) -> list[_Span]:
    """`name` as a whole word, with an optional genitive -s ("Malmö stads", "Staffanstorps")."""
    if len(name.strip()) < 2:
        return []
    spans = []
    for m in re.finditer(rf"(?<![\wÅÄÖåäö]){re.escape(name)}(s?)(?![\wÅÄÖåäö])", text):
        spans.append(_Span(m.start(), m.end(), kind, m.group(0), field_name, suffix=m.group(1)))
    return spans


@dataclass(frozen=True)
class _Period:
    """How the source's period lies on the draft's: a year or date moves by `offset` years and
    must land inside the draft's period (`None` offset: either period is unknown, nothing moves)."""

    start: dt.date | None  # the source's
    end: dt.date | None
    new_start: dt.date | None  # the draft's
    new_end: dt.date | None

    @property
    def offset(self) -> int | None:
        if self.start is None or self.new_start is None:
            return None
        return self.new_start.year - self.start.year

    def year(self, year: int) -> int | None:
        """The draft's year for a year of the source's period; None when it cannot be known."""
        offset = self.offset
        if offset is None or self.start is None or self.new_start is None:
            return None
        last = (self.end or self.start).year
        new_last = (self.new_end or self.new_start).year
        moved = year + offset
        return moved if self.start.year <= year <= last and self.new_start.year <= moved <= new_last else None

    def date(self, day: dt.date) -> dt.date | None:
        if day == self.start:
            return self.new_start
        if day == self.end:
            return self.new_end
        offset = self.offset
        if offset is None or self.start is None or self.new_start is None or self.year(day.year) is None:
            return None
        try:
            moved = day.replace(year=day.year + offset)
        except ValueError:  # 29 February into a year that has none
            return None
        return moved if self.new_start <= moved <= (self.new_end or self.new_start) else None


def _period(entry: Entry, fields: dict[str, Any]) -> _Period:
    return _Period(
        entry.start, entry.end, iso_date(str(fields.get("start") or "")), iso_date(str(fields.get("end") or ""))
    )


def _municipal_spans(text: str, entry: Entry, fields: dict[str, Any]) -> list[_Span]:
    """The source municipality's own body ("Malmö stad", "Staffanstorps kommun") and words made from
    its name ("Malmöregionen", "malmöbor"). The body becomes the draft's organisation when that is
    its own municipality's body, a compound takes the new name; what cannot be known is marked."""
    old = entry.municipality.strip()
    new = str(fields.get("municipality") or "").strip()
    if len(old) < 2 or old == new:
        return []
    organisation = str(fields.get("organisation") or "").strip()
    own_body = bool(new) and re.fullmatch(rf"{re.escape(new)}s? (?:stad|kommun)", organisation) is not None
    spans = [
        _Span(m.start(), m.end(), "municipality", m.group(0), None, m.group(1), organisation if own_body else None)
        for m in re.finditer(rf"(?<!\w){re.escape(old)}s? (?:stad|kommun)(s?)(?!\w)", text, re.IGNORECASE)
    ]
    # A compound with the name ("Malmömodellen") takes the new name joined by a hyphen ("Lund-modellen"),
    # which is right for every name; what its inhabitants are called ("malmöbor") cannot be known.
    for m in re.finditer(rf"(?<!\w){re.escape(old)}(?!s\b)(\w+)", text):
        spans.append(
            _Span(m.start(), m.end(), "municipality", m.group(0), None, value=f"{new}-{m.group(1)}" if new else None)
        )
    demonym = rf"(?<!\w){re.escape(old.lower())}(?:bo|bon|bor|borna|bornas|bos)(?!\w)"
    spans += [_Span(m.start(), m.end(), "municipality", m.group(0), None) for m in re.finditer(demonym, text)]
    return spans


def _find(text: str, entry: Entry, fields: dict[str, Any], *, amounts: bool = True) -> list[_Span]:
    spans: list[_Span] = []
    title_names = {entry.title, *re.findall(r"\(([A-ZÅÄÖ]{2,10})\)", entry.title)}
    for project in sorted({*entry.projects, entry.title} - {""}, key=len, reverse=True):
        field_name = "title" if project in title_names else None
        spans += _name_spans(text, project, "project", field_name)
    if entry.organisation:
        spans += _name_spans(text, entry.organisation, "organisation", "organisation")
    spans += _municipal_spans(text, entry, fields)  # after the organisation: "Malmö stad" is it, if named so
    if entry.municipality:
        spans += _name_spans(text, entry.municipality, "municipality", "municipality")
    for m in REDACTED_RE.finditer(text):
        kind = "person" if m.group(1) == "namn" else "contact"
        spans.append(_Span(m.start(), m.end(), kind, m.group(1), None))
    for _value, start, end in amounts_in_text(text) if amounts else ():
        spans.append(_Span(start, end, "amount", text[start:end], None))
    period = _period(entry, fields)
    for m in ISO_DATE_RE.finditer(text):
        found = iso_date(m.group(0))
        moved = period.date(found) if found else None
        spans.append(_Span(m.start(), m.end(), "date", m.group(0), None, value=moved.isoformat() if moved else None))
    for m in YEAR_RE.finditer(text):
        year = period.year(int(m.group(1)))
        spans.append(_Span(m.start(), m.end(), "year", m.group(1), None, value=str(year) if year else None))
    return _without_overlaps(spans)


def _without_overlaps(spans: list[_Span]) -> list[_Span]:
    """Longest first wins: "Malmö stad" over "Malmö", a date over its year, an amount over a year."""
    chosen: list[_Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if all(span.end <= c.start or span.start >= c.end for c in chosen):
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


# ---------------------------------------------------------------------------------------------
# The public API


def _passage_parts(item: Any) -> tuple[str, str, dict[str, Any]]:
    """(text, library id, source dict) of a Suggestion, a library Passage or a plain dict."""
    get = item.get if isinstance(item, dict) else lambda name, default=None: getattr(item, name, default)
    text = get("text", "") or ""
    source = dict(get("source", None) or {})
    entry_id = source.get("id") or get("entry_id", "") or ""
    if not isinstance(text, str):
        raise UserError("förslaget saknar text", "the suggestion has no text")
    return text[:MAX_PASSAGE_CHARS], str(entry_id), source


def _entry_for(entry_id: str, source: dict[str, Any], library_dirs: Iterable[Any] | None) -> Entry:
    """The source's metadata from the search index (already open while writing), else the files."""
    from assistant.core.reuse.index import open_index

    dirs = as_library_dirs(library_dirs)
    known = open_index(dirs).entry(entry_id) if entry_id else {}
    if known:
        return Entry(
            id=known["id"],
            title=known["title"],
            organisation=known["organisation"],
            municipality=known["municipality"],
            year=known["year"],
            projects=known["projects"],
            start=iso_date(known["start"] or ""),
            end=iso_date(known["end"] or ""),
        )
    for entry in load_library(dirs):
        if entry.id == entry_id:
            return entry
    # Not in the library any more: what the suggestion itself says about its source.
    year = source.get("year")
    return Entry(
        id=entry_id or "okänd",
        title=str(source.get("title", "")),
        organisation=str(source.get("organisation", "")),
        year=year if isinstance(year, int) else None,
    )


def adapt(
    suggestion_or_passage: Any, draft: Any, *, entry: Entry | None = None, library_dirs: Iterable[Any] | None = None
) -> Adapted:
    """The passage rewritten for `draft`: the source's own names and period replaced by the draft's
    values where the draft has them, everything else marked ⟦… → ?⟧ for the writer."""
    text, entry_id, source = _passage_parts(suggestion_or_passage)
    entry = entry or _entry_for(entry_id, source, library_dirs)
    fields = draft.fields() if hasattr(draft, "fields") else dict(draft or {})
    return _adapt_text(text, entry, fields)


def adapt_draft(draft: Any, source: Entry) -> dict[str, Adapted]:
    """Every section of a draft started from an earlier application, rewritten for the draft's own
    facts (`source` holds what the earlier application said: organisation, municipality, period,
    title). The budget's years move with the period too. Amounts are left as they are: the budget
    came along with the text, and the budget check compares the two. Returns what changed, per
    section key."""
    fields = draft.fields()
    results: dict[str, Adapted] = {}
    for key, text in list(draft.sections.items()):
        if text:
            results[key] = _adapt_text(text, source, fields, amounts=False)
            draft.sections[key] = results[key].text
    for extra in draft.extra:
        if extra.text:
            results[extra.key] = _adapt_text(extra.text, source, fields, amounts=False)
            extra.text = results[extra.key].text
    offset = _period(source, fields).offset
    if offset:
        shift_budget_years(draft.budget, offset)
    return results


def shift_budget_years(budget: Budget, offset: int) -> None:
    """Relabel every year of the budget `offset` years later (2017 -> 2027): the amounts stay where
    they were, a column that lands outside the new period is then the budget check's to report."""

    def moved(cells: dict[int, str]) -> dict[int, str]:
        return {year + offset: value for year, value in cells.items()}

    budget.years = [year + offset for year in budget.years]
    budget.compiled = {category: moved(cells) for category, cells in budget.compiled.items()}
    for item in budget.items:
        item.per_year = moved(item.per_year)
    budget.stated.years = moved(budget.stated.years)
    budget.stated.subtotals = {
        category: {(str(int(k) + offset) if k.isdigit() else k): v for k, v in cells.items()}
        for category, cells in budget.stated.subtotals.items()
    }


def _adapt_text(text: str, entry: Entry, fields: dict[str, Any], *, amounts: bool = True) -> Adapted:
    out: list[str] = []
    result = Adapted(
        text="",
        source={
            "id": entry.id,
            "title": entry.title,
            "organisation": entry.organisation,
            "municipality": entry.municipality,
            "year": entry.year,
        },
    )
    position = 0
    for span in _find(text, entry, fields, amounts=amounts):
        out.append(text[position : span.start])  # literal passage text, never rendered
        new = span.value if span.value is not None else _render(span.field_name, fields) if span.field_name else ""
        bare = span.found[: len(span.found) - len(span.suffix)]
        if new and new != bare:
            if span.suffix and not new.endswith(("s", "x", "z")):
                new += "s"
            out.append(new)
            result.replacements.append(Replacement(span.kind, span.found, new))
        elif new:
            out.append(span.found)  # already the draft's own value
        else:
            out.append(marker(span.found))
            result.unresolved.append(Mark(span.kind, span.found))
        position = span.end
    out.append(text[position:])
    result.text = "".join(out)
    return result


def record_source(draft: Any, suggestion: Any, section_key: str, adapted: Adapted | None) -> dict[str, Any]:
    """Remember in `draft.sources` where a reused passage came from and what was found and changed,
    so the checks can flag names left unadapted and the draft can list its sources."""
    _text, entry_id, source = _passage_parts(suggestion)
    found: dict[str, list[str]] = {}
    replaced: list[str] = []
    unresolved: list[str] = []
    if adapted is not None:
        for r in adapted.replacements:
            found.setdefault(r.kind, []).append(r.old)
            replaced.append(r.old)
        for m in adapted.unresolved:
            found.setdefault(m.kind, []).append(m.text)
            unresolved.append(m.text)
        meta = adapted.source
    else:
        meta = source
    record: dict[str, Any] = {
        "id": entry_id or meta.get("id", ""),
        "passage_id": str(
            getattr(suggestion, "passage_id", "")
            or (suggestion.get("passage_id", "") if isinstance(suggestion, dict) else "")
        ),
        "title": meta.get("title") or source.get("title", ""),
        "organisation": meta.get("organisation") or source.get("organisation", ""),
        "municipality": meta.get("municipality", ""),
        "year": meta.get("year") or source.get("year"),
        "section": section_key,
        "names": _unique(found.get("project", [])),
        "people": _unique(found.get("person", [])),
        "years": _unique(found.get("year", []) + [d[:4] for d in found.get("date", [])]),
        "dates": _unique(found.get("date", [])),
        "amounts": _unique(found.get("amount", [])),
        "replaced": _unique(replaced),
        "unresolved": _unique(unresolved),
    }
    record = {k: v for k, v in record.items() if v not in (None, "", [])}  # TOML has no null
    draft.sources.append(record)
    return record


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))
