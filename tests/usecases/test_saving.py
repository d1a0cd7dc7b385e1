"""The recovery journal keeps the facts and the budget as it keeps the text: recorded, offered back
after a kill, put back into the draft, and not offered for what is no change (moving between
sections) or for an entry that no longer fits the draft (another form)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assistant.core.model.drafts import Contact, load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.usecases.saving import (
    FIELDS_KEY,
    draft_journal,
    fields_text,
    pending_recovery,
    restore,
    unsaved_keys,
)


def _saved(tmp_path: Path) -> Path:
    draft = new_draft(load_form("finsam-malmo"), title="Journal")
    draft.start, draft.end = dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    return save_draft(draft, tmp_path / "utkast.md")


def test_facts_and_budget_in_the_journal_come_back_into_the_draft(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    edited = load_draft(path)
    category = edited.budget.categories[0]
    edited.budget.set_cell(category, 2027, "250 000")
    edited.municipality = "Lund"
    edited.contacts = [Contact(name="Eva Ek", role="projektledare", email="eva@lund.se")]
    journal = draft_journal(path)
    journal.record("bakgrund", "Text som inte hann sparas.")
    journal.record(FIELDS_KEY, fields_text(edited))
    journal.sync()

    on_disk = load_draft(path)
    found = pending_recovery(on_disk)
    assert found is not None and set(unsaved_keys(on_disk, found)) == {"bakgrund", FIELDS_KEY}
    assert set(restore(on_disk, found)) == {"bakgrund", FIELDS_KEY}
    assert on_disk.text("bakgrund") == "Text som inte hann sparas."
    assert on_disk.budget.cell(category, 2027) == "250 000" and on_disk.municipality == "Lund"
    assert [c.email for c in on_disk.contacts] == ["eva@lund.se"]
    assert (on_disk.start, on_disk.end) == (dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    assert on_disk.path == path and on_disk.form_id == "finsam-malmo"


def test_moving_to_another_section_is_nothing_to_recover(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    moved = load_draft(path)
    moved.current = "bakgrund"
    draft_journal(path).record(FIELDS_KEY, fields_text(moved))
    assert pending_recovery(load_draft(path)) is None
    assert not draft_journal(path).path.exists(), "a journal with nothing new goes"


def test_an_entry_for_another_form_leaves_the_draft_as_it_is(tmp_path: Path) -> None:
    path = _saved(tmp_path)
    other = new_draft(load_form("burlov-staffanstorp"), title="Annan")
    other.municipality = "Burlöv"
    draft_journal(path).record(FIELDS_KEY, fields_text(other))
    on_disk = load_draft(path)
    found = pending_recovery(on_disk)
    assert found is not None
    restore(on_disk, found)
    assert (on_disk.form_id, on_disk.municipality, on_disk.title) == ("finsam-malmo", "", "Journal")
