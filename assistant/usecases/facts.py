"""The project's own facts: who applies (organisation, municipality), when (start, end), who signs
and whom to contact. Read from what the writer typed (a CLI flag, a field in the interface),
checked, and set on a draft; a draft started from an earlier application takes them over the
source's and has its text adapted to them.

Each text a face passes is checked here once, with one clear line naming the field (`labels` maps
a fact's name to what the writer sees: the CLI passes its flags, the interface its field labels).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.core.errors import UserError

if TYPE_CHECKING:
    from assistant.core.model.drafts import Contact, Draft, Signatory

FACTS = ("organisation", "municipality", "start", "end", "signatories", "contacts")
ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
SIGNATORY_PARTS = ("name", "title", "organisation")  # "Namn, titel, organisation"
CONTACT_PARTS = ("name", "role", "organisation", "phone", "email")  # "Namn, roll, organisation, telefon, e-post"
MAX_FACT_CHARS = 300
EMPTY: dict[str, Any] = {  # what a cleared fact becomes in the draft (the draft's own defaults)
    "organisation": "",
    "municipality": "",
    "start": None,
    "end": None,
    "signatories": (),
    "contacts": (),
}


@dataclass(frozen=True)
class ProjectFacts:
    """The facts a writer gave; None means not given (the draft's or the source's value stays)."""

    organisation: str | None = None
    municipality: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    signatories: tuple[Signatory, ...] | None = None
    contacts: tuple[Contact, ...] | None = None
    # Facts to empty in the draft (a field the writer cleared): None alone cannot say so, it means
    # "leave as is". A fact both given and cleared is given.
    clear: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if unknown := self.clear - set(FACTS):
            raise ValueError(f"not a project fact: {sorted(unknown)}")

    def given(self) -> list[str]:
        """The names of the facts given, in FACTS order."""
        return [name for name in FACTS if getattr(self, name) is not None]

    def cleared(self) -> list[str]:
        """The names of the facts to empty (those not given), in FACTS order."""
        return [name for name in FACTS if name in self.clear and getattr(self, name) is None]


def parse_facts(
    *,
    organisation: str | None = None,
    municipality: str | None = None,
    start: str | None = None,
    end: str | None = None,
    signatories: Sequence[str] | None = None,
    contacts: Sequence[str] | None = None,
    labels: Mapping[str, str] | None = None,
) -> ProjectFacts:
    """The facts out of the texts a writer typed; UserError naming the field that is wrong.

    Dates are ISO (2027-01-01) and the start is not after the end; a signatory is
    "Namn, titel, organisation" and a contact "Namn, roll, organisation, telefon, e-post" (the
    later parts may be left out); an e-mail address and a phone number must look like one."""
    label = _labeller(labels)
    facts = ProjectFacts(
        organisation=_line(organisation, label("organisation")),
        municipality=_line(municipality, label("municipality")),
        start=_date(start, label("start")),
        end=_date(end, label("end")),
        signatories=_people(signatories, label("signatories"), _signatory),
        contacts=_people(contacts, label("contacts"), _contact),
    )
    check_period(facts.start, facts.end, label("end"))
    return facts


def project_facts(draft: Draft) -> ProjectFacts:
    """The facts a draft holds now (what the interface's "Projektuppgifter" screen shows)."""
    import copy

    return ProjectFacts(
        organisation=draft.organisation,
        municipality=draft.municipality,
        start=draft.start,
        end=draft.end,
        signatories=tuple(copy.copy(s) for s in draft.signatories),
        contacts=tuple(copy.copy(c) for c in draft.contacts),
    )


def update_facts(draft: Draft, facts: ProjectFacts, *, labels: Mapping[str, str] | None = None) -> list[str]:
    """Set the given facts on the draft and empty the cleared ones (not saved: the caller saves).
    Returns the names of the facts that changed. A start after the end, counting the draft's own dates, is refused before
    anything is set."""
    cleared = facts.cleared()
    start, end = (_date_after(draft, facts, name) for name in ("start", "end"))
    label = _labeller(labels)
    check_period(start, end, label("end" if facts.end is not None else "start"))
    changed = []
    for name in [*facts.given(), *cleared]:
        value: Any = getattr(facts, name) if name not in cleared else EMPTY[name]
        if name in ("signatories", "contacts"):
            value = [_copy(v) for v in value]
        if getattr(draft, name) != value:
            setattr(draft, name, value)
            changed.append(name)
    return changed


def _date_after(draft: Draft, facts: ProjectFacts, name: str) -> dt.date | None:
    """The draft's start or end once `facts` are set: given, cleared, or the draft's own."""
    given: dt.date | None = getattr(facts, name)
    if given is not None or name in facts.cleared():
        return given
    own: dt.date | None = getattr(draft, name)
    return own


def facts_json(draft: Draft) -> dict[str, Any]:
    """The facts as `ansokan status --json` shows them."""
    return {
        "organisation": draft.organisation,
        "municipality": draft.municipality,
        "start": draft.start.isoformat() if draft.start else None,
        "end": draft.end.isoformat() if draft.end else None,
        "signatories": [{p: getattr(s, p) for p in SIGNATORY_PARTS} for s in draft.signatories],
        "contacts": [{p: getattr(c, p) for p in CONTACT_PARTS} for c in draft.contacts],
    }


def check_period(start: dt.date | None, end: dt.date | None, where: str) -> None:
    if start is not None and end is not None and end < start:
        raise UserError(
            f"slutdatumet {end} ligger före startdatumet {start}",
            f"the end date {end} is before the start date {start}",
            where=where,
        )


def _labeller(labels: Mapping[str, str] | None) -> Callable[[str], str]:
    return lambda name: (labels or {}).get(name, name)


def _line(text: str | None, where: str) -> str | None:
    if text is None:
        return None
    value = " ".join(text.split())  # one line: a pasted line break becomes a space
    if len(value) > MAX_FACT_CHARS:
        raise UserError(
            f"för långt ({len(value)} tecken, högst {MAX_FACT_CHARS})",
            f"too long ({len(value)} characters, at most {MAX_FACT_CHARS})",
            where=where,
        )
    if not value.isprintable():
        raise UserError("innehåller styrtecken", "contains control characters", where=where)
    return value


def _date(text: str | None, where: str) -> dt.date | None:
    if text is None:
        return None
    value = text.strip()
    try:
        if not ISO_RE.fullmatch(value):
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"”{_short(value)}” är inte ett datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2027-01-01",
            f"“{_short(value)}” is not a date; write YYYY-MM-DD, e.g. 2027-01-01",
            where=where,
        ) from None


def _people(texts: Sequence[str] | None, where: str, make: Any) -> tuple[Any, ...] | None:
    if texts is None:
        return None
    return tuple(make(text, f'{where} "{_short(text)}"') for text in texts)


def _parts(text: str, names: tuple[str, ...], where: str, pattern_sv: str, pattern_en: str) -> dict[str, str]:
    parts = [p.strip() for p in (_line(text, where) or "").split(",")]
    if len(parts) > len(names) or not parts[0]:
        raise UserError(
            f"skriv ”{pattern_sv}” (de sista delarna får utelämnas)",
            f"write “{pattern_en}” (the last parts may be left out)",
            where=where,
        )
    return dict(zip(names, parts, strict=False))


def _signatory(text: str, where: str) -> Signatory:
    from assistant.core.model.drafts import Signatory

    values = _parts(text, SIGNATORY_PARTS, where, "Namn, titel, organisation", "Name, title, organisation")
    return Signatory(**values)


def _contact(text: str, where: str) -> Contact:
    from assistant.core.checks import valid_email, valid_phone
    from assistant.core.model.drafts import Contact

    values = _parts(
        text,
        CONTACT_PARTS,
        where,
        "Namn, roll, organisation, telefon, e-post",
        "Name, role, organisation, phone, e-mail",
    )
    email, phone = values.get("email", ""), values.get("phone", "")
    if email and not valid_email(email):
        raise UserError(f"”{email}” är ingen e-postadress", f"“{email}” is not an e-mail address", where=where)
    if phone and not valid_phone(phone):
        raise UserError(
            f"”{phone}” är inget telefonnummer (t.ex. 040-123 45 67)",
            f"“{phone}” is not a phone number (e.g. 040-123 45 67)",
            where=where,
        )
    return Contact(**values)


def _copy(value: Any) -> Any:
    import copy

    return copy.copy(value)


def _short(text: str, width: int = 40) -> str:
    """The writer's text quoted in a one-line message."""
    from assistant.usecases.paths import shown

    text = shown(text)
    return text if len(text) <= width else text[:width] + "…"
