"""Figures that came into the draft from another application, remembered with where they came
from until the writer confirms them or changes them.

A draft started from an earlier application (or a passage taken from the library) keeps that
project's participant counts, percentages, staff and amounts: plausible, and most likely wrong for
the new project. Each one is a `CarriedFact` in the draft's front matter (`[[carried]]`), written
and read as plain TOML, so the writer can see in the file what is still unconfirmed."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from assistant.core.model.figures import figures_in

# What is remembered: the figures that describe a project. Years are not among them: adapting moves
# them with the period, and the checks already ask about years outside the project period.
CARRIED_KINDS = ("amount", "percent", "count")


@dataclass
class CarriedFact:
    id: str = ""  # short and stable: `ansokan check --confirm ID`
    section: str = ""  # the section key it was carried into
    text: str = ""  # the figure as written ("120 deltagare")
    origin: str = ""  # where it came from, as the writer knows it ("Case management, Malmö stad 2017")
    kind: str = "count"  # amount | percent | count
    confirmed: str = ""  # the day the writer confirmed it (ISO), empty while open

    def __post_init__(self) -> None:
        # A hand-edited [[carried]] table without its id still gets the one the tool would give.
        self.id = self.id or fact_id(self.section, self.text, self.origin)


def fact_id(section: str, text: str, origin: str) -> str:
    digest = hashlib.sha1(f"{section}\x00{text}\x00{origin}".encode()).hexdigest()
    return f"f{digest[:6]}"


def carry_over(draft_carried: list[CarriedFact], section: str, text: str, origin: str) -> list[CarriedFact]:
    """Remember every figure of `text` (now in `section`) as carried over from `origin`; a figure
    already remembered there is not added twice. Returns the new ones."""
    known = {fact.id for fact in draft_carried}
    added = []
    for figure in figures_in(text, years=False):
        if figure.kind not in CARRIED_KINDS:
            continue
        fact = CarriedFact(fact_id(section, figure.text, origin), section, figure.text, origin, figure.kind)
        if fact.id not in known:
            known.add(fact.id)
            added.append(fact)
    draft_carried.extend(added)
    return added


def open_facts(carried: list[CarriedFact], sections: dict[str, str]) -> list[CarriedFact]:
    """The facts still to ask about: not confirmed, and still written in their section as they
    came (a writer who changed the figure has answered the question)."""
    return [f for f in carried if not f.confirmed and f.text in sections.get(f.section, "")]


def confirm(carried: list[CarriedFact], ids: list[str], *, today: dt.date | None = None) -> list[CarriedFact]:
    """Mark the facts with these ids (or id prefixes of at least 4 characters) as confirmed.
    Returns them; an id that matches nothing is the caller's to report."""
    day = (today or dt.date.today()).isoformat()
    done = [fact for wanted in ids for fact in matching(carried, wanted)]
    for fact in done:
        fact.confirmed = fact.confirmed or day
    return [f for f in carried if any(f is d for d in done)]  # once each, in the draft's order


def matching(carried: list[CarriedFact], wanted: str) -> list[CarriedFact]:
    """The facts an id names: exactly, or as a prefix of at least 4 characters."""
    return [f for f in carried if f.id == wanted or (len(wanted) >= 4 and f.id.startswith(wanted))]
