"""A reviewer's tracked changes taken into the draft's text, change by change (issue 17, item 3)."""

from __future__ import annotations

from assistant.core.sources.review import read_review
from assistant.core.sources.review_apply import apply_changes
from tests.core.sources.test_review import reviewed  # noqa: F401 (the fixture)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_accepting_every_change_gives_the_reviewed_text(reviewed):  # noqa: F811
    draft, path = reviewed
    review = read_review(path, draft.form)
    applied = apply_changes(dict(draft.sections), review.changes)
    assert applied.not_placed == [] and len(applied.taken) == 2
    assert _paragraphs(applied.text["bakgrund"]) == review.accepted["bakgrund"]


def test_one_change_taken_leaves_the_other_as_the_draft_had_it(reviewed):  # noqa: F811
    draft, path = reviewed
    review = read_review(path, draft.form)
    insertion, deletion = review.changes
    applied = apply_changes(dict(draft.sections), [deletion])
    first, second, *_rest = _paragraphs(applied.text["bakgrund"])
    assert first == _paragraphs(draft.text("bakgrund"))[0]  # the insertion not taken
    assert deletion.text not in second and second == review.accepted["bakgrund"][1]
    assert insertion.text not in applied.text["bakgrund"]


def test_a_paragraph_the_writer_edited_since_still_takes_the_change_by_its_context(reviewed):  # noqa: F811
    draft, path = reviewed
    review = read_review(path, draft.form)
    insertion = review.changes[0]
    edited = {
        **draft.sections,
        "bakgrund": "Ny inledning. " + draft.text("bakgrund").replace("Trelleborg", "Trelleborgs kommun", 1),
    }
    applied = apply_changes(edited, [insertion])
    assert applied.taken == [insertion]
    assert "Ny inledning." in applied.text["bakgrund"] and insertion.text in applied.text["bakgrund"]


def test_a_change_whose_place_is_gone_is_named_not_guessed(reviewed):  # noqa: F811
    draft, path = reviewed
    review = read_review(path, draft.form)
    applied = apply_changes({**draft.sections, "bakgrund": "Helt omskrivet avsnitt."}, review.changes)
    assert applied.taken == [] and applied.not_placed == review.changes
    assert applied.text["bakgrund"] == "Helt omskrivet avsnitt."
