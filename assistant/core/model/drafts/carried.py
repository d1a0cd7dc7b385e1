"""Figures and names that came into the draft from another application, remembered with where
they came from until the writer confirms them or changes them.

A draft started from an earlier application (or a passage taken from the library) keeps that
project's participant counts, percentages, staff and amounts, and the people, places and
organisations it named (last year's project leader, "i Malmö", "Komvux Södervärn"): plausible, and most likely wrong for the new project.
Each one is a `CarriedFact` in the draft's front matter (`[[carried]]`), written and read as plain
TOML, so the writer can see in the file what is still unconfirmed."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.core.model.figures import figures_in

# What is remembered: the figures that describe a project. Years are not among them: adapting moves
# them with the period, and the checks already ask about years outside the project period.
CARRIED_KINDS = ("amount", "percent", "count")
# The names: found by the caller (the library's people finder, the draft's own facts left out).
NAME_KINDS = ("person", "place", "organisation")


@dataclass
class CarriedFact:
    id: str = ""  # short and stable: `ansokan check --confirm ID`
    section: str = ""  # the section key it was carried into
    text: str = ""  # the figure as written ("120 deltagare")
    origin: str = ""  # where it came from, as the writer knows it ("Case management, Malmö stad 2017")
    kind: str = "count"  # amount | percent | count | person | place | organisation
    confirmed: str = ""  # the day the writer confirmed it (ISO), empty while open

    def __post_init__(self) -> None:
        # A hand-edited [[carried]] table without its id still gets the one the tool would give.
        self.id = self.id or fact_id(self.section, self.text, self.origin)


def fact_id(section: str, text: str, origin: str) -> str:
    digest = hashlib.sha1(f"{section}\x00{text}\x00{origin}".encode()).hexdigest()
    return f"f{digest[:6]}"


def carry_over(
    draft_carried: list[CarriedFact],
    section: str,
    text: str,
    origin: str,
    names: Iterable[tuple[str, str]] = (),
) -> list[CarriedFact]:
    """Remember every figure of `text` (now in `section`) as carried over from `origin`, and the
    `names` found in it, each a (kind, name) pair with kind "person", "place" or "organisation"; what is already
    remembered there is not added twice. Returns the new ones."""
    found = [(f.kind, f.text) for f in figures_in(text, years=False) if f.kind in CARRIED_KINDS]
    found += [(kind, name) for kind, name in names if kind in NAME_KINDS and name.strip()]
    known = {fact.id for fact in draft_carried}
    added = []
    for kind, what in found:
        fact = CarriedFact(fact_id(section, what, origin), section, what, origin, kind)
        if fact.id not in known:
            known.add(fact.id)
            added.append(fact)
    draft_carried.extend(added)
    return added


def open_facts(carried: list[CarriedFact], sections: dict[str, str]) -> list[CarriedFact]:
    """The facts still to ask about: not confirmed, and still written in their section as they
    came (a writer who changed the figure or the name has answered the question)."""
    return [f for f in carried if not f.confirmed and still_written(f, sections.get(f.section, ""))]


def still_written(fact: CarriedFact, text: str) -> bool:
    """The fact stands in `text` as it came; a name as a whole word ("Lena" is not in "Helena",
    "Malmö" not in "malmöbor"), in the genitive too ("Malmös", "Lenas")."""
    if fact.kind not in NAME_KINDS:
        return fact.text in text
    return re.search(rf"(?<![\w-]){re.escape(fact.text)}s?(?![\w-])", text) is not None


def confirm(carried: list[CarriedFact], ids: list[str], *, today: dt.date | None = None) -> list[CarriedFact]:
    """Mark the facts with these ids (or id prefixes of at least 4 characters) as confirmed, and
    with a name, the same name from the same origin in the other sections still open ("Lärvux"
    holds for the project wherever it stands, capitalised or not; a unit in its definite form
    or not, "funktionsstödsförvaltningen" and "Funktionsstödsförvaltning"). Returns them; an id that matches nothing is the
    caller's to report."""
    day = (today or dt.date.today()).isoformat()
    done = [fact for wanted in ids for fact in matching(carried, wanted)]
    names = {_same_name(f) for f in done if f.kind in NAME_KINDS}
    done += [f for f in carried if f.kind in NAME_KINDS and not f.confirmed and _same_name(f) in names]
    for fact in done:
        fact.confirmed = fact.confirmed or day
    return [f for f in carried if any(f is d for d in done)]  # once each, in the draft's order


def _same_name(fact: CarriedFact) -> tuple[str, str, str]:
    """What makes two facts one name: kind, origin and the name in lower case, a unit's definite
    ending aside (-ningen, -nden, -heten: "förvaltningen" is "förvaltning")."""
    name = re.sub(r"(ning|nd|het)en$", r"\1", fact.text.lower()) if fact.kind == "organisation" else fact.text.lower()
    return fact.kind, name, fact.origin


def matching(carried: list[CarriedFact], wanted: str) -> list[CarriedFact]:
    """The facts an id names: exactly, or as a prefix of at least 4 characters."""
    return [f for f in carried if f.id == wanted or (len(wanted) >= 4 and f.id.startswith(wanted))]
