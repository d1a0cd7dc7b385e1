"""The writer's notes on sections: `[[notes]]` in the draft's front matter, read and written back
as they were, and a bad note named by its line."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.core.errors import DraftError
from assistant.core.model.drafts import load_draft, parse_draft, to_text
from assistant.core.model.drafts.notes import SectionNote, new_note
from assistant.core.storage.paths import demo_draft

DAY = dt.date(2026, 12, 4)


def _with_notes():
    draft = load_draft(demo_draft())
    draft.notes = [
        new_note("malgrupp", "Stämmer siffran med AF:s?", author="Sara Lindqvist", anchor="60 personer", today=DAY),
        new_note("bakgrund", "Källa till ”hälften”?", today=DAY),
        SectionNote("mal", "Redan besvarad", "Eva Holm", "2026-11-30", resolved=True),
    ]
    return draft


def test_notes_are_written_as_readable_toml_and_read_back_as_they_were():
    draft = _with_notes()
    text = to_text(draft)
    assert text.count("[[notes]]") == 3
    assert 'anchor = "60 personer"' in text and "date = 2026-12-04" in text and "resolved = true" in text
    again = parse_draft(text)
    assert again.notes == draft.notes
    assert to_text(again) == text
    assert again.warnings == []


def test_a_draft_without_notes_has_no_notes_table():
    draft = load_draft(demo_draft())
    assert draft.notes == [] and "[[notes]]" not in to_text(draft)


def _nth_notes_line(text: str, n: int) -> int:
    return [i for i, line in enumerate(text.split("\n"), 1) if line == "[[notes]]"][n]


@pytest.mark.parametrize(
    "old,new,which,needle",
    [
        ('resolved = false\n\n[[notes]]\nid = "', 'resolved = "nej"\n\n[[notes]]\nid = "', 0, "true eller false"),
        ('text = "Källa', 'texten = "Källa', 1, "okänd nyckel `texten`"),
        ('section = "bakgrund"\n', "", 1, "saknar `section`"),
        ("date = 2026-11-30", 'date = "i förrgår"', 2, "datum"),
        ('author = "Eva Holm"', "author = 3", 2, "`author`"),
    ],
)
def test_a_bad_note_is_named_by_its_line(old, new, which, needle):
    text = _with_notes_text()
    assert old in text
    bad = text.replace(old, new, 1)
    with pytest.raises(DraftError) as info:
        parse_draft(bad, "utkast.md")
    message = info.value.message("sv")
    assert message.startswith(f"utkast.md:{_nth_notes_line(bad, which)}:"), message
    assert needle in message


def _with_notes_text() -> str:
    return to_text(_with_notes())


def test_notes_written_inline_are_read_too_and_an_unknown_section_is_kept_with_a_warning():
    text = to_text(load_draft(demo_draft()))
    text = text.replace("+++\n", '+++\nnotes = [{ section = "gammalt", text = "Vart tog detta vägen?" }]\n', 1)
    draft = parse_draft(text)
    assert [(n.section, n.text, n.resolved) for n in draft.notes] == [("gammalt", "Vart tog detta vägen?", False)]
    assert any("gammalt" in w for w in draft.warnings)
    assert parse_draft(to_text(draft)).notes == draft.notes
