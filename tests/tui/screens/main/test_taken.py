"""The sources a draft records for taken suggestions follow the text: undone, a passage is no
longer a source; brought back by Ctrl+Y, it is one again."""

from __future__ import annotations

from assistant.core.model.drafts import new_draft
from assistant.tui.screens.main.taken import Taken, TakenPassages
from assistant.usecases.forms import get_form

PASSAGE = "Deltagarna får stöd av en arbetskonsulent som följer dem hela vägen till ett arbete."


def test_a_passage_undone_then_redone_is_a_source_again() -> None:
    draft = new_draft(get_form("finsam-malmo"))
    record = {"id": "x", "passage_id": "x#bakgrund-1", "section": "bakgrund"}
    draft.sources.append(record)
    taken = TakenPassages([Taken("bakgrund", PASSAGE[:40], PASSAGE[-40:], record)])
    draft.set_text("bakgrund", "Egen text.\n\n" + PASSAGE)

    taken.forget_undone(draft)
    assert draft.sources == [record]

    draft.set_text("bakgrund", "Egen text.")  # Ctrl+Z, then a save
    taken.forget_undone(draft)
    assert draft.sources == []

    draft.set_text("bakgrund", "Egen text.\n\n" + PASSAGE)  # Ctrl+Y, then a save
    taken.forget_undone(draft)
    assert draft.sources == [record]
    taken.forget_undone(draft)
    assert draft.sources == [record]  # recorded once
