"""What a reused text carries into the draft: its figures, and the people, places and organisations
it names.

Both ways text comes in from another application, a draft started from one (`new --from`) and a
passage taken from the library (take, replace, adapt), remember what came along here, so `check`
asks about each until the writer confirms it or writes their own. The draft's own facts are not
asked about: Lund's application may say "Lund", "Lunds kommun", its own contacts' names and its
partners (the organisations of its contacts, signatories and co-financing)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft
    from assistant.core.model.drafts.carried import CarriedFact

_BODY_RE = re.compile(r"[ \u00a0](?:kommun|kommuns|stad|stads)$")
_MARKER_RE = re.compile(r"⟦[^⟧]*⟧")


def remember_carried(
    draft: Draft,
    section: str,
    text: str,
    origin: str,
    *,
    places: Iterable[str] = (),
    organisations: Iterable[str] = (),
    figures: bool = True,
) -> list[CarriedFact]:
    """Remember the figures (unless `figures` is false: a contact block's phone numbers are not
    the project's figures) and the names of `text`, now in `section`, as carried over from
    `origin`; `places` and `organisations` are the source's own (its municipality, its
    organisation), found wherever they stand. A contact block (`figures` false) names the source's
    organisations on lines of their own; they, and those already remembered from the same origin,
    are looked for in the sections that follow. Returns the facts added."""
    from assistant.core.model.drafts.carried import carry_over
    from assistant.core.reuse.library.organisations import contact_organisations

    known = [*organisations, *(f.text for f in draft.carried if f.kind == "organisation" and f.origin == origin)]
    if not figures:
        known += contact_organisations(_MARKER_RE.sub(" ", text))
    names = carried_names(draft, text, places=places, organisations=known)
    return carry_over(draft.carried, section, text if figures else "", origin, names)


def carried_names(
    draft: Draft, text: str, *, places: Iterable[str] = (), organisations: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """("person", name), ("place", name) and ("organisation", name) for each person, place and
    organisation `text` names that is not the draft's own (its municipality, organisation,
    contacts, signatories and partners, in any genitive form), not one every project shares (a
    national agency, the region of the draft's county) and not one the writer has already confirmed."""
    from assistant.core.reuse.library.names import find_people
    from assistant.core.reuse.library.organisations import organisations_named
    from assistant.core.reuse.library.places import places_named

    text = _MARKER_RE.sub(lambda m: " " * len(m.group(0)), text)  # a marker is asked about already
    own = _own_names(draft)
    confirmed = {(fact.kind, fact.text) for fact in draft.carried if fact.confirmed}
    everyone = find_people(text)
    people = [p for p in everyone if _stem(p) not in own]
    found = [("person", p) for p in people]
    named_places = [p for p in places_named(text, known=places, people=people) if _stem(p) not in own]
    found += [("place", p) for p in named_places]
    bodies = organisations_named(text, known=organisations, home=draft.municipality, avoid=everyone + named_places)
    found += [("organisation", o) for o in bodies if not _is_own(o, own)]
    return [name for name in found if name not in confirmed]


def _is_own(organisation: str, own: set[str]) -> bool:
    """The draft's own organisation, or one of its partners, or one only by its own names and
    words every municipality uses ("Komvux Lund" in Lund's application)."""
    from assistant.core.reuse.library.organisations import bodies

    if _stem(organisation) in own:
        return True
    own_words = {word for name in own for word in name.split()}
    rest = [w for w in _stem(organisation).split() if w not in own_words]
    return all(w in bodies().generic for w in rest)


def _own_names(draft: Draft) -> set[str]:
    """The draft's own names as `_stem` compares them: "Lund", "Lunds kommun" and "Lunds" alike;
    its partners too (the organisations of its contacts and signatories, its co-financiers)."""
    names = [draft.municipality, draft.organisation]
    names += [c.name for c in draft.contacts] + [s.name for s in draft.signatories]
    names += [c.organisation for c in draft.contacts] + [s.organisation for s in draft.signatories]
    names += [c.partner for c in draft.budget.cofinancing]
    own = {_stem(name) for name in names if name and name.strip()}
    own |= {_stem(_BODY_RE.sub("", draft.organisation.strip()))} if draft.organisation.strip() else set()
    return own - {""}


def _stem(name: str) -> str:
    """A name without its genitive -s and case: "Lunds kommuns" -> "lund kommun", "Lunds" -> "lund"."""
    words = [w[:-1] if len(w) > 2 and w.endswith("s") else w for w in name.strip().lower().split()]
    return " ".join(words)
