"""The writer's notes on sections (`[[notes]]` in the draft): add, resolve, list. Both faces call
these: `ansokan note` on a draft file, the interface on the draft it has open (and saves itself).

A note is an open question for the reviewers; `export --review` puts each unresolved one in the
.docx as a Word comment on its anchor text (or the section's first paragraph)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.usecases.drafts import open_draft, save_draft

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft
    from assistant.core.model.drafts.notes import SectionNote


def section_key(draft: Draft, wanted: str) -> str:
    """The section `wanted` names: its key, its heading ("3.2 Målgrupp", "målgrupp") or an own
    section's key; a UserError listing the keys otherwise."""
    from assistant.core.model.headings import match_heading

    wanted = wanted.strip()
    own = [extra.key for extra in draft.extra if not extra.unplaced]
    if wanted in draft.sections or wanted in own:
        return wanted
    key, _score = match_heading(wanted, draft.form) if wanted else (None, 0.0)
    if key is not None:
        return key
    keys = ", ".join([*draft.form.keys, *own])
    raise UserError(
        f"”{wanted}”: inget sådant avsnitt (avsnitten: {keys})",
        f"“{wanted}”: no such section (the sections: {keys})",
    )


def add_note(
    draft: Draft,
    section: str,
    text: str,
    *,
    anchor: str = "",
    author: str | None = None,
    today: dt.date | None = None,
) -> SectionNote:
    """A new open note on `section` (a key or heading), by `author` (default: the writer, as
    `export --review` names them); `anchor`, when given, must stand in the section's text. The
    draft is changed, not saved (`note_on_file` saves)."""
    from assistant.core.model.drafts.notes import new_note
    from assistant.usecases.export import writer_name

    key = section_key(draft, section)
    if not text.strip():
        raise UserError("anteckningen är tom; skriv vad du vill fråga", "the note is empty; write what to ask")
    if anchor.strip() and anchor.strip() not in _section_text(draft, key):
        raise UserError(
            f"”{anchor.strip()}” står inte i avsnittet {key}; ange text som står där, eller ingen",
            f"“{anchor.strip()}” is not in the section {key}; give text that is there, or none",
        )
    note = new_note(key, text, author=writer_name(draft) if author is None else author, anchor=anchor, today=today)
    draft.notes.append(note)
    return note


def resolve_note(draft: Draft, wanted: str, *, resolved: bool = True) -> SectionNote:
    """Mark the note with this id (or an id prefix of at least 4 characters) resolved (or open
    again). The draft is changed, not saved."""
    from assistant.core.model.drafts.notes import matching_notes

    found = matching_notes(draft.notes, wanted.strip())
    if len(found) != 1:
        ids = ", ".join(n.id for n in draft.notes) or "-"
        sv = "flera anteckningar" if found else "ingen anteckning"
        en = "several notes" if found else "no note"
        raise UserError(
            f"{wanted}: {sv} med det id:t (anteckningarna: {ids})", f"{wanted}: {en} with that id (the notes: {ids})"
        )
    found[0].resolved = resolved
    return found[0]


def section_notes(draft: Draft, section: str | None = None, *, include_resolved: bool = False) -> list[SectionNote]:
    """The draft's notes (on one section when named), open ones only unless asked."""
    return [
        n for n in draft.notes if (section is None or n.section == section) and (include_resolved or not n.resolved)
    ]


@dataclass(frozen=True)
class NoteSaved:
    path: Path
    note: SectionNote


def note_on_file(
    draft_path: Path | str, section: str, text: str, *, anchor: str = "", author: str | None = None
) -> NoteSaved:
    """`add_note` on the draft in a file, saved atomically."""
    path = Path(draft_path).expanduser()
    draft = open_draft(path)
    note = add_note(draft, section, text, anchor=anchor, author=author)
    save_draft(draft, path)
    return NoteSaved(path, note)


def resolve_on_file(draft_path: Path | str, wanted: str, *, resolved: bool = True) -> NoteSaved:
    """`resolve_note` on the draft in a file, saved atomically."""
    path = Path(draft_path).expanduser()
    draft = open_draft(path)
    note = resolve_note(draft, wanted, resolved=resolved)
    save_draft(draft, path)
    return NoteSaved(path, note)


def _section_text(draft: Draft, key: str) -> str:
    if key in draft.sections:
        return draft.text(key)
    return next((extra.text for extra in draft.extra if extra.key == key), "")
