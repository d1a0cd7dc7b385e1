"""The writer's notes on a section: open questions for a reviewer, kept in the draft's front matter
as `[[notes]]` tables so they travel with the draft and read plainly in the file:

    [[notes]]
    id = "n3f2a1c"
    section = "malgrupp"
    text = "Stämmer siffran med Arbetsförmedlingens?"
    author = "Sara Lindqvist"
    date = 2026-12-04
    anchor = "60 personer"      # optional: the text it is about (else the section's first paragraph)
    resolved = false

`export --review` turns each open note into a Word comment on its anchor."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.core.errors import DraftError
from assistant.core.i18n import tr
from assistant.core.model.dates import date_value


@dataclass
class SectionNote:
    section: str = ""  # the section key it is on
    text: str = ""
    author: str = ""
    date: str = ""  # the day it was written (ISO)
    anchor: str = ""  # the exact text it is about; empty: the section as a whole
    resolved: bool = False
    id: str = ""  # short and stable, for resolving it by name

    def __post_init__(self) -> None:
        self.id = self.id or note_id(self.section, self.text, self.date)


def note_id(section: str, text: str, date: str) -> str:
    digest = hashlib.sha1(f"{section}\x00{text}\x00{date}".encode()).hexdigest()
    return f"n{digest[:6]}"


STRING_KEYS = ("id", "section", "text", "author", "anchor")
KEYS = {*STRING_KEYS, "date", "resolved"}
_TABLE_RE = re.compile(r"^\s*\[\[\s*notes\s*\]\]")


def notes_to_toml(notes: list[SectionNote]) -> list[dict[str, Any]]:
    out = []
    for note in notes:
        entry: dict[str, Any] = {"id": note.id, "section": note.section, "text": note.text}
        if note.author:
            entry["author"] = note.author
        day = date_value(note.date) if note.date else None
        if day is not None:
            entry["date"] = day
        if note.anchor:
            entry["anchor"] = note.anchor
        entry["resolved"] = note.resolved
        out.append(entry)
    return out


def notes_from_toml(
    raw: Any, front_lines: list[str], first_line: int, fail: Callable[[int | None, str, str], DraftError]
) -> list[SectionNote]:
    """The `[[notes]]` tables of the front matter (`front_lines`, the first at file line
    `first_line`); a bad one is `fail(its file line, sv, en)` (None: the line is not known)."""
    if raw is None:
        return []
    tables = [first_line + i for i, line in enumerate(front_lines) if _TABLE_RE.match(line)]
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        raise fail(
            None, "`notes` ska vara en lista av tabeller [[notes]]", "`notes` must be a list of [[notes]] tables"
        )
    return [_note(entry, tables[n] if n < len(tables) else None, fail) for n, entry in enumerate(raw)]


def _note(entry: dict[str, Any], line: int | None, fail: Callable[[int | None, str, str], DraftError]) -> SectionNote:
    unknown = sorted(set(entry) - KEYS)
    if unknown:
        allowed = ", ".join(sorted(KEYS))
        raise fail(
            line,
            f"okänd nyckel `{unknown[0]}` i [[notes]] (tillåtna: {allowed})",
            f"unknown key `{unknown[0]}` in [[notes]] (allowed: {allowed})",
        )
    for key in STRING_KEYS:
        if not isinstance(entry.get(key, ""), str):
            raise fail(
                line,
                f"`{key}` i [[notes]] ska vara en text inom citattecken",
                f"`{key}` in [[notes]] must be a quoted string",
            )
    for key in ("section", "text"):
        if not str(entry.get(key, "")).strip():
            raise fail(line, f"[[notes]] saknar `{key}`", f"[[notes]] has no `{key}`")
    if not isinstance(entry.get("resolved", False), bool):
        raise fail(
            line, "`resolved` i [[notes]] ska vara true eller false", "`resolved` in [[notes]] must be true or false"
        )
    try:
        day = date_value(entry.get("date"))
    except ValueError:
        raise fail(
            line,
            "`date` i [[notes]] ska vara ett datum som 2026-01-31",
            "`date` in [[notes]] must be a date such as 2026-01-31",
        ) from None
    return SectionNote(
        section=entry["section"].strip(),
        text=entry["text"],
        author=entry.get("author", ""),
        date=day.isoformat() if day else "",
        anchor=entry.get("anchor", ""),
        resolved=entry.get("resolved", False),
        id=entry.get("id", ""),
    )


def new_note(
    section: str, text: str, *, author: str = "", anchor: str = "", today: dt.date | None = None
) -> SectionNote:
    return SectionNote(section, text.strip(), author.strip(), (today or dt.date.today()).isoformat(), anchor.strip())


def open_notes(notes: list[SectionNote]) -> list[SectionNote]:
    return [n for n in notes if not n.resolved]


def matching_notes(notes: list[SectionNote], wanted: str) -> list[SectionNote]:
    """The notes an id names: exactly, or as a prefix of at least 4 characters."""
    return [n for n in notes if n.id == wanted or (len(wanted) >= 4 and n.id.startswith(wanted))]


def unknown_section_warning(note: SectionNote) -> str:
    return tr(
        f"anteckningen {note.id} gäller avsnittet ”{note.section}”, som blanketten inte har; den behålls",
        f"note {note.id} is on the section “{note.section}”, which the form does not have; it is kept",
    )
