"""What a reused text carries into the draft: its figures, and the people and places it names.

Both ways text comes in from another application, a draft started from one (`new --from`) and a
passage taken from the library (take, replace, adapt), remember what came along here, so `check`
asks about each until the writer confirms it or writes their own. The draft's own facts are not
asked about: Lund's application may say "Lund", "Lunds kommun" and its own contacts' names."""

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
    draft: Draft, section: str, text: str, origin: str, *, places: Iterable[str] = (), figures: bool = True
) -> list[CarriedFact]:
    """Remember the figures (unless `figures` is false: a contact block's phone numbers are not
    the project's figures) and the names of `text`, now in `section`, as carried over from
    `origin`; `places` are the source's own places (its municipality), found wherever they stand.
    Returns the facts added."""
    from assistant.core.model.drafts.carried import carry_over

    names = carried_names(draft, text, places=places)
    return carry_over(draft.carried, section, text if figures else "", origin, names)


def carried_names(draft: Draft, text: str, *, places: Iterable[str] = ()) -> list[tuple[str, str]]:
    """("person", name) and ("place", name) for each person and place `text` names that is not the
    draft's own (its municipality, organisation, contacts and signatories, in any genitive form)
    and not one the writer has already confirmed."""
    from assistant.core.reuse.library.names import find_people
    from assistant.core.reuse.library.places import places_named

    text = _MARKER_RE.sub(lambda m: " " * len(m.group(0)), text)  # a marker is asked about already
    own = _own_names(draft)
    confirmed = {(fact.kind, fact.text) for fact in draft.carried if fact.confirmed}
    people = [p for p in find_people(text) if _stem(p) not in own]
    found = [("person", p) for p in people]
    found += [("place", p) for p in places_named(text, known=places, people=people) if _stem(p) not in own]
    return [name for name in found if name not in confirmed]


def _own_names(draft: Draft) -> set[str]:
    """The draft's own names as `_stem` compares them: "Lund", "Lunds kommun" and "Lunds" alike."""
    names = [draft.municipality, draft.organisation]
    names += [c.name for c in draft.contacts] + [s.name for s in draft.signatories]
    own = {_stem(name) for name in names if name and name.strip()}
    own |= {_stem(_BODY_RE.sub("", draft.organisation.strip()))} if draft.organisation.strip() else set()
    return own - {""}


def _stem(name: str) -> str:
    """A name without its genitive -s and case: "Lunds kommuns" -> "lund kommun", "Lunds" -> "lund"."""
    words = [w[:-1] if len(w) > 2 and w.endswith("s") else w for w in name.strip().lower().split()]
    return " ".join(words)
