"""The draft as the program holds it: its data, its sections' text and how complete it is."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core.model.budget import Budget
from assistant.core.model.drafts.attachments import Attachment
from assistant.core.model.drafts.carried import CarriedFact
from assistant.core.model.drafts.notes import SectionNote
from assistant.core.model.forms import Form, load_form

SCHEMA = 1
# The extra section holding what a source had outside the form's headings (dates, version lines).
UNPLACED_KEY = "oplacerat"
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
    title: str = ""  # the signatory's role ("förbundschef"); written to the file only when set


@dataclass
class ExtraSection:
    """A section the form does not know (or that could not be placed): kept as it is."""

    key: str
    heading: str
    text: str
    after: str | None = None  # the form section it followed, so it is written back there

    @property
    def unplaced(self) -> bool:
        """Source text `new --from` could not place: notes for the writer, left out of the export."""
        return self.key == UNPLACED_KEY


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
    carried: list[CarriedFact] = field(default_factory=list)  # figures from another application
    deadline: dt.date | None = None  # the funder's last day for the application
    attachments: list[Attachment] = field(default_factory=list)  # files gathered for sending
    notes: list[SectionNote] = field(default_factory=list)  # the writer's notes on sections ([[notes]])
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


def normalise_text(text: str) -> str:
    """Section text as stored: LF line ends, no NUL, no blank lines at either end."""
    # A NUL makes the saved file look binary, so it could never be opened again.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return join_trimmed(text.split("\n"))


def join_trimmed(lines: list[str]) -> str:
    """The lines joined, without the blank ones at either end (found by index: popping the front
    of a list of a million blank lines is quadratic)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[start:end])


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def new_draft(form: Form, *, title: str = "", organisation: str = "", municipality: str = "") -> Draft:
    draft = Draft(form_id=form.id, title=title, organisation=organisation, municipality=municipality)
    draft.sections = {h.key: "" for h in form.headings}
    draft.budget = Budget(categories=list(form.budget.categories), rounding=form.budget.rounding_unit)
    draft.signatories = [Signatory() for _ in range(max(1, form.signature.signatories))]
    draft.current = form.headings[0].key
    return draft


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
