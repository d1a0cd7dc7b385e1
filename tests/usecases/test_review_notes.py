"""Notes on sections through the use cases both faces call: added on a section named by key or
heading, anchored only on text that is there, resolved by id, saved atomically for the CLI."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.core.errors import UserError
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.storage.paths import demo_draft
from assistant.usecases.review_notes import add_note, note_on_file, resolve_note, resolve_on_file, section_notes


def test_a_note_is_added_on_a_section_named_by_its_heading_by_the_writer():
    draft = load_draft(demo_draft())
    note = add_note(draft, "3.2 Målgrupp", "Stämmer siffran?", anchor="60 personer", today=dt.date(2026, 12, 4))
    assert (note.section, note.author, note.date, note.anchor) == (
        "malgrupp",
        "Sara Lindqvist",
        "2026-12-04",
        "60 personer",
    )
    assert section_notes(draft, "malgrupp") == [note] and section_notes(draft, "bakgrund") == []


@pytest.mark.parametrize(
    "section,text,anchor,needle",
    [
        ("finns-inte", "x", "", "inget sådant avsnitt"),
        ("malgrupp", "  ", "", "tom"),
        ("malgrupp", "x", "står inte där", "står inte i avsnittet malgrupp"),
    ],
)
def test_a_note_that_cannot_be_placed_is_one_clear_error(section, text, anchor, needle):
    draft = load_draft(demo_draft())
    with pytest.raises(UserError) as info:
        add_note(draft, section, text, anchor=anchor)
    assert needle in info.value.message("sv") and draft.notes == []


def test_resolving_by_id_prefix_and_reopening():
    draft = load_draft(demo_draft())
    note = add_note(draft, "bakgrund", "Källa?")
    assert resolve_note(draft, note.id[:5]) is note and note.resolved
    assert section_notes(draft) == [] and section_notes(draft, include_resolved=True) == [note]
    resolve_note(draft, note.id, resolved=False)
    assert not note.resolved
    with pytest.raises(UserError, match="ingen anteckning"):
        resolve_note(draft, "nzzzzz")


def test_the_file_versions_save_the_draft(tmp_path):
    path = save_draft(load_draft(demo_draft()), tmp_path / "utkast.md")
    saved = note_on_file(path, "mal", "Mätbart?", author="Eva Holm")
    assert [(n.section, n.author) for n in load_draft(path).notes] == [("mal", "Eva Holm")]
    resolve_on_file(path, saved.note.id)
    assert load_draft(path).notes[0].resolved
