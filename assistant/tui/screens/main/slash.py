"""Slash commands typed in the command line: `/nästa`, `/gå 3.2`, `/kontakt …`, `/period …`.

`parse` reads a line; `dispatch` runs it on the main screen. The commands that change the draft
(contacts, the period) are plain functions returning the answer, so they are testable alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.core.model.dates import iso_date
from assistant.core.model.drafts import Contact, Draft
from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading, normalise_heading
from assistant.tui.i18n import tr
from assistant.tui.screens.main.guide import CONTACT_FIELDS, contacts_table

if TYPE_CHECKING:
    from assistant.tui.screens.main.screen import MainScreen

SLASH = {
    "nästa": "next",
    "next": "next",
    "n": "next",
    "föregående": "prev",
    "prev": "prev",
    "previous": "prev",
    "gå": "go",
    "go": "go",
    "ga": "go",
    "förslag": "suggest",
    "suggest": "suggest",
    "budget": "budget",
    "kontroll": "check",
    "check": "check",
    "exportera": "export",
    "export": "export",
    "hjälp": "help",
    "help": "help",
    "spara": "save",
    "save": "save",
    "kontakt": "contact",
    "contact": "contact",
    "period": "period",
}
SCREEN_ACTIONS = {"next": "next_section", "prev": "prev_section"}  # the rest are named as the action


@dataclass(frozen=True)
class Slash:
    name: str  # as typed, without the slash
    action: str | None  # None: no such command
    rest: str  # what follows the name


def parse(text: str) -> Slash | None:
    """The command in a line, or None when the line is not a command (it searches the library)."""
    if not text.startswith("/"):
        return None
    name, _, rest = text[1:].partition(" ")
    return Slash(name, SLASH.get(name.lower()), rest)


async def dispatch(screen: MainScreen, command: Slash) -> None:
    if command.action is None:
        await screen.say(
            tr(
                f"Okänt kommando `/{command.name}`. Skriv `/hjälp` för en lista.",
                f"Unknown command `/{command.name}`. Type `/help` for a list.",
            )
        )
    elif command.action == "go":
        await screen.go_to(command.rest)
    elif command.action == "suggest":
        screen.search_now(command.rest or None)
    elif command.action == "help":
        screen.ansokan.action_help()
    elif command.action in ("contact", "period"):
        change = (
            contact(screen.draft, command.rest) if command.action == "contact" else period(screen.draft, command.rest)
        )
        if change.changed:
            screen.draft_changed()
        await screen.say(change.answer)
    else:
        await screen.run_action(SCREEN_ACTIONS.get(command.action, command.action))


@dataclass(frozen=True)
class Change:
    answer: str
    changed: bool  # the draft was changed (and must be saved)


def contact(draft: Draft, rest: str) -> Change:
    """`/kontakt namn; roll; organisation; telefon; e-post` adds one, `/kontakt ta bort 2` removes one."""
    rest = rest.strip()
    removal = re.fullmatch(r"(?:ta bort|remove)\s+(\d+)", rest, flags=re.I)
    if removal:
        number = int(removal.group(1))
        if not 1 <= number <= len(draft.contacts):
            return Change(
                tr(f"Det finns ingen kontakt nummer {number}.", f"There is no contact number {number}."), False
            )
        removed = draft.contacts.pop(number - 1)
        return Change(
            tr(f"Tog bort {removed.name}.", f"Removed {removed.name}.") + "\n\n" + contacts_table(draft), True
        )
    if not rest:
        return Change(contacts_table(draft), False)
    parts = [p.strip() for p in rest.split(";")]
    if len(parts) > len(CONTACT_FIELDS) or not parts[0]:
        return Change(
            tr(
                "Skriv `/kontakt namn; roll; organisation; telefon; e-post`.",
                "Type `/contact name; role; organisation; phone; e-mail`.",
            ),
            False,
        )
    draft.contacts.append(Contact(**dict(zip(CONTACT_FIELDS, parts, strict=False))))
    return Change(contacts_table(draft), True)


def period(draft: Draft, rest: str) -> Change:
    """`/period 2026-01-01 2027-12-31`: the project's start and end (the budget's years follow)."""
    parts = rest.replace("–", " ").replace("—", " ").split()
    start, end = (iso_date(p) for p in parts) if len(parts) == 2 else (None, None)
    if start is None or end is None or end < start:
        return Change(
            tr(
                "Skriv `/period 2026-01-01 2027-12-31` (start före slut).",
                "Type `/period 2026-01-01 2027-12-31` (start before end).",
            ),
            False,
        )
    draft.start, draft.end = start, end
    return Change(
        tr(
            f"Projektperiod: {start} – {end}. Budgeten får en kolumn per år (F7).",
            f"Project period: {start} – {end}. The budget gets a column per year (F7).",
        ),
        True,
    )


def find_heading(form: Form, query: str) -> str | None:
    """The heading a writer means by a number ("3.2"), a key, a label or a few words of it."""
    query = query.strip()
    if not query:
        return None
    for h in form.headings:  # a number, a key or a short label first
        if query.rstrip(".") == h.number.rstrip(".") and h.number:
            return h.key
        if normalise_heading(query) in (normalise_heading(h.key), normalise_heading(h.label)):
            return h.key
    key, _score = match_heading(query, form)
    if key:
        return key
    lowered = query.lower()
    return next((h.key for h in form.headings if lowered in h.display.lower()), None)
