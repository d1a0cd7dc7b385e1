"""Keeping the writer's text when the disk does not: the recovery journal of an open draft, what a
killed run left behind, and the place a draft may be saved as instead.

    journal = draft_journal(draft.path)       # record each edit, mark what a save wrote
    journal.record(FIELDS_KEY, fields_text(draft))  # …and each change of the facts or the budget
    found = pending_recovery(draft)           # on open: the unsaved text a killed run left, or None
    keys = restore(draft, found)              # the writer said yes: the text put back
    target = check_save_as("~/annan/plats.md")  # before "Spara som": a clear UserError if not
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.usecases.paths import check_path, shown

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft
    from assistant.core.storage.journal import Journal, Recovery


# The journal's entry for everything of the draft but its sections' text (project facts, budget, the
# sources of taken passages), as the draft's TOML front matter: no section key starts with "+".
FIELDS_KEY = "+++"
_NOT_AN_EDIT = ("current",)  # which section is open: moving between sections is no change to keep


def fields_text(draft: Draft) -> str:
    """The draft's facts and budget as the journal keeps them (the TOML front matter)."""
    import tomli_w

    from assistant.core.model.drafts import front_matter

    return tomli_w.dumps({k: v for k, v in front_matter(draft).items() if k not in _NOT_AN_EDIT})


def journal_texts(draft: Draft) -> dict[str, str]:
    """What the journal's entries are compared with: each section's text, and the fields."""
    return {**draft.sections, FIELDS_KEY: fields_text(draft)}


def unsaved_keys(draft: Draft, found: Recovery) -> list[str]:
    """The journal's entries that hold something `draft` (as on disk) does not."""
    return found.differs_from(journal_texts(draft))


def draft_journal(path: Path) -> Journal:
    """The journal of the draft at `path` (continuing one a killed run left)."""
    from assistant.core.storage.journal import Journal

    return Journal.for_draft(path)


def pending_recovery(draft: Draft) -> Recovery | None:
    """Text a run that was killed (or could not save) left in the journal and that the draft on
    disk does not hold, or None. A journal that holds nothing new is removed."""
    from assistant.core.storage.journal import Journal, recover

    if draft.path is None:
        return None
    found = recover(draft.path)
    if found is None:
        return None
    if not unsaved_keys(draft, found):
        Journal.for_draft(draft.path).discard()
        return None
    return found


def restore(draft: Draft, found: Recovery) -> list[str]:
    """Put the journal's text and fields back into the draft (in memory: the caller saves it);
    returns the keys of the entries that changed (FIELDS_KEY for the facts and budget)."""
    keys = unsaved_keys(draft, found)
    for key in keys:
        if key == FIELDS_KEY:
            _restore_fields(draft, found.sections[key])
        else:
            draft.set_text(key, found.sections[key])
    return keys


def _restore_fields(draft: Draft, text: str) -> None:
    """The journaled facts and budget onto the draft; a form that changed since, or an entry that
    cannot be read, leaves the draft's own (the journal is the program's file, not the writer's)."""
    from assistant.core.model.drafts import parse_draft

    try:
        fields = parse_draft(f"+++\n{text}+++\n")
    except UserError:
        return
    if fields.form_id != draft.form_id:
        return
    for name in _FIELDS:
        setattr(draft, name, getattr(fields, name))


_FIELDS = (
    "title", "organisation", "municipality", "start", "end", "deadline", "contacts", "signatories",
    "budget", "sources", "carried", "attachments", "meta",
)  # fmt: skip


def forget_recovery(path: Path) -> None:
    """The writer chose not to restore: the journal goes."""
    draft_journal(path).discard()


def check_save_as(target: Path | str) -> Path:
    """The file a draft may be saved as: a name that can be written (`paths.check_path`), ending
    in .md, not a folder, not a file that exists, in a folder that exists."""
    path = check_path(str(target).strip())
    if os.path.isdir(path):  # os.path: False, not OSError, for a name too long to look up
        raise UserError("är en katalog; ange ett filnamn", "is a directory; give a file name", where=shown(path))
    if path.suffix.lower() != ".md":
        path = path.with_name(path.name + ".md")
    check_path(path)
    if path.exists() or path.is_symlink():
        raise UserError(
            "filen finns redan; välj ett annat namn",
            "the file already exists; choose another name",
            where=shown(path),
        )
    if not path.parent.is_dir():
        raise UserError("katalogen finns inte", "the directory does not exist", where=shown(path.parent))
    return path.absolute()
