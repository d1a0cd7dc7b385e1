"""Decisions on a review one change at a time (the interface's review screen): each placed as one
edit of the section's text, a replaced word's deletion and insertion taken one after the other,
the writer's own words, and the draft's record of the review each decision came from."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.core.model.drafts import load_draft, save_draft
from assistant.usecases.review import read_review
from assistant.usecases.review_decisions import (
    Placed,
    forget_decision,
    place_decision,
    record_decision,
    recorded_decisions,
    review_digest,
    taken_as,
    undone_in_text,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "review"
SENTENCE = "Under projekttiden beräknas 60 personer delta, {} och hälften män."


def edited(text: str, placed: Placed | None) -> str:
    assert placed is not None
    assert text[placed.start : placed.end] == placed.old
    return text[: placed.start] + placed.new + text[placed.end :]


def review():
    return read_review(FIXTURE / "utkast.md", FIXTURE / "granskad.docx")


def test_a_replaced_word_is_taken_one_change_at_a_time() -> None:
    found = review()
    deletion, insertion = found.review.changes[3], found.review.changes[4]
    text = found.draft.text("malgrupp")
    first = edited(text, place_decision(text, deletion))
    assert SENTENCE.format("") in first  # the words gone, nothing else
    second = edited(first, place_decision(first, insertion, taken_as(deletion)))
    assert SENTENCE.format("minst hälften kvinnor") in second
    # the insertion alone (the deletion rejected): both wordings side by side, as the reviewer's file says
    alone = edited(text, place_decision(text, insertion))
    assert SENTENCE.format("ungefär hälften kvinnorminst hälften kvinnor") in alone
    # taken already (redone in the editor): an empty edit, never twice
    again = place_decision(second, insertion, taken_as(deletion))
    assert again is not None and (again.old, again.new) == ("", "")


def test_the_writers_own_words_for_a_deletion_and_an_insertion() -> None:
    found = review()
    deletion, insertion = found.review.changes[3], found.review.changes[4]
    text = found.draft.text("malgrupp")
    assert SENTENCE.format("drygt hälften kvinnor") in edited(
        text, place_decision(text, deletion, edited="drygt hälften kvinnor")
    )
    assert SENTENCE.format("ungefär hälften kvinnorknappt hälften") in edited(
        text, place_decision(text, insertion, edited="knappt hälften")
    )
    bakgrund = found.draft.text("bakgrund")
    assert "180 unga vuxna och anhöriga mellan" in edited(
        bakgrund, place_decision(bakgrund, found.review.changes[0], edited=" och anhöriga")
    )
    # the reviewer's space before the words kept when the writer retypes them without it
    assert "180 unga vuxna och anhöriga mellan" in edited(
        bakgrund, place_decision(bakgrund, found.review.changes[0], edited="och anhöriga")
    )
    presentation = found.draft.text("presentation")  # " och kombineras …" deleted, words put in its place
    assert "(SE) och en introduktion. Deltagaren" in edited(
        presentation, place_decision(presentation, found.review.changes[1], edited="och en introduktion")
    )


def test_a_change_whose_paragraph_is_gone_is_not_placed() -> None:
    found = review()
    assert place_decision("Helt annan text.", found.review.changes[0]) is None


def test_the_draft_records_each_decision_and_its_review(tmp_path: Path) -> None:
    for name in ("utkast.md", "granskad.docx"):
        shutil.copyfile(FIXTURE / name, tmp_path / name)
    reviewed = tmp_path / "granskad.docx"
    draft = load_draft(tmp_path / "utkast.md")
    changes = read_review(draft, reviewed).review.changes
    digest = review_digest(reviewed)
    record_decision(draft, reviewed, digest, 1, changes[0], "accepted")
    record_decision(draft, reviewed, digest, 2, changes[1], "rejected")
    record_decision(draft, reviewed, digest, 4, changes[3], "edited", "drygt hälften kvinnor")
    save_draft(draft)
    again = load_draft(tmp_path / "utkast.md")
    [entry] = again.meta["reviews"]
    assert entry["file"] == "granskad.docx" and entry["sha256"] == digest
    decided = recorded_decisions(again, reviewed, digest)
    assert {n: d["decision"] for n, d in decided.items()} == {1: "accepted", 2: "rejected", 4: "edited"}
    assert decided[4]["edited"] == "drygt hälften kvinnor" and decided[1]["author"] == "Eva Holm"
    assert recorded_decisions(again, reviewed, "another review") == {}
    forget_decision(again, reviewed, digest, 2)
    assert set(recorded_decisions(again, reviewed, digest)) == {1, 4}
    for number in (1, 4):
        forget_decision(again, reviewed, digest, number)
    assert "reviews" not in again.meta  # nothing left to record


def test_changes_undone_in_the_text_are_found_newest_first() -> None:
    found = review()
    changes = found.review.changes
    deletion, insertion = changes[3], changes[4]
    text = found.draft.text("malgrupp")
    both = edited(
        edited(text, place_decision(text, deletion)),
        place_decision(edited(text, place_decision(text, deletion)), insertion, [deletion]),
    )
    taken = [(4, [deletion]), (5, [insertion])]
    assert undone_in_text({"malgrupp": both}, taken) == []
    assert undone_in_text({"malgrupp": text}, taken) == [4, 5]  # both undone
    only_first = edited(text, place_decision(text, deletion))
    assert undone_in_text({"malgrupp": only_first}, taken) == [5]
    assert undone_in_text({"malgrupp": "Skrivet om helt."}, taken) == []  # rewritten since: still counted


def test_ansokan_review_accept_and_reject_are_recorded_as_the_review_screen_records_them(tmp_path: Path) -> None:
    from assistant.usecases.review import decide_review

    for name in ("utkast.md", "granskad.docx"):
        shutil.copyfile(FIXTURE / name, tmp_path / name)
    reviewed = tmp_path / "granskad.docx"
    decided = decide_review(tmp_path / "utkast.md", reviewed, accept={1, 3}, reject={2})
    assert len(decided.taken) == 2 and len(decided.rejected) == 1
    draft = load_draft(tmp_path / "utkast.md")
    recorded = recorded_decisions(draft, reviewed, review_digest(reviewed))
    assert {n: d["decision"] for n, d in recorded.items()} == {1: "accepted", 3: "accepted", 2: "rejected"}
    assert draft.meta["reviews"][0]["file"] == "granskad.docx"
