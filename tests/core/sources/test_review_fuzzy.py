"""A reviewer's change placed in a paragraph the writer edited since the export (issue 17, item
2): by the paragraph most like it when the words just before the change were edited too, and
named as not placeable when the writer rewrote the very spot. A move is taken whole or not at all."""

from __future__ import annotations

from assistant.core.model.drafts import load_draft
from assistant.core.sources.review import Change
from assistant.core.sources.review_apply import apply_changes
from assistant.core.storage import paths

SECOND = 1  # Bakgrund's second paragraph


def _bakgrund() -> list[str]:
    return [p.strip() for p in load_draft(paths.demo_draft()).text("bakgrund").split("\n\n") if p.strip()]


def _change(kind: str, text: str, before: str, offset: int, section: str = "bakgrund", move: str = "") -> Change:
    return Change(kind, text, "Eva Holm", "2027-03-01", section, "2. Bakgrund", 2, before, before, offset, move)


def test_an_insertion_lands_where_the_kept_text_around_it_now_stands():
    paragraphs = _bakgrund()
    before = paragraphs[SECOND]
    at = before.index(" visar att")
    insertion = _change("insertion", " (412 svar)", before, at)
    edited = before.replace("Kommunens kartläggning", "Kommunens egen kartläggning", 1) + " Det gäller även män."
    sections = {"bakgrund": "\n\n".join([paragraphs[0], edited, *paragraphs[2:]])}
    applied = apply_changes(sections, [insertion])
    assert applied.taken == [insertion], applied.not_placed
    assert "Kommunens egen kartläggning 2026 (412 svar) visar att" in applied.text["bakgrund"]
    assert applied.text["bakgrund"].split("\n\n")[0] == paragraphs[0]


def test_a_deletion_of_words_the_writer_rewrote_is_not_placed():
    paragraphs = _bakgrund()
    before = paragraphs[SECOND]
    words = "inom de första veckorna"
    deletion = _change("deletion", words, before, before.index(words))
    edited = before.replace("Kommunens kartläggning", "Kartläggningen", 1).replace(words, "inom en månad", 1)
    applied = apply_changes({"bakgrund": "\n\n".join([paragraphs[0], edited, *paragraphs[2:]])}, [deletion])
    assert applied.taken == [] and applied.not_placed == [deletion]


def test_a_move_whose_source_was_rewritten_is_taken_not_at_all():
    paragraphs = _bakgrund()
    moved = paragraphs[SECOND]
    away = _change("moved_from", moved, moved, 0, move="move1")
    here = Change(
        "moved_to", moved, "Eva Holm", "", "malgrupp", "3.2. Målgrupp", 2, moved, "", 0, "move1", "Målgruppen"
    )
    rewritten = "\n\n".join([paragraphs[0], "Helt nytt stycke.", *paragraphs[2:]])
    applied = apply_changes({"bakgrund": rewritten, "malgrupp": "Målgruppen är unga vuxna."}, [away, here])
    assert applied.taken == [] and {id(c) for c in applied.not_placed} == {id(away), id(here)}
    assert applied.text.get("malgrupp", "Målgruppen är unga vuxna.") == "Målgruppen är unga vuxna."


def test_a_paragraph_longer_than_the_likeness_limit_is_not_aligned_but_named():
    from assistant.core.sources.review_apply import LIKENESS_LIMIT

    long = "Insatsen ger stöd och plan. " * (LIKENESS_LIMIT // 28 + 10)
    insertion = _change("insertion", " (se bilaga)", long, len(long) // 2)
    edited = "Ny början. " + long[: len(long) // 2 - 40] + "ändrat här" + long[len(long) // 2 :]
    applied = apply_changes({"bakgrund": edited}, [insertion])
    assert applied.taken == [] and applied.not_placed == [insertion]
