"""Keeping the writer's text when the disk does not: the recovery journal of an open draft, what a
killed run left behind, and the place a draft may be saved as instead.

    journal = draft_journal(draft.path)       # record each edit, mark what a save wrote
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
    if not found.differs_from(draft.sections):
        Journal.for_draft(draft.path).discard()
        return None
    return found


def restore(draft: Draft, found: Recovery) -> list[str]:
    """Put the journal's text back into the draft (in memory: the caller saves it); returns the
    keys of the sections that changed."""
    keys = found.differs_from(draft.sections)
    for key in keys:
        draft.set_text(key, found.sections[key])
    return keys


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
