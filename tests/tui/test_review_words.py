"""The review screen's words for a change: the paragraph before and after it, a replaced word's
deletion and insertion (two changes to LibreOffice) shown as one replacement."""

from __future__ import annotations

from pathlib import Path

from assistant.tui.screens.review_words import before_after, shortened, touching
from assistant.usecases.review import read_review

FIXTURE = Path(__file__).parents[1] / "fixtures" / "review"


def test_a_replaced_word_reads_as_one_replacement_and_an_insertion_alone_as_itself() -> None:
    changes = read_review(FIXTURE / "utkast.md", FIXTURE / "granskad.docx").review.changes
    deletion, insertion = changes[3], changes[4]  # "ungefär hälften kvinnor" -> "minst hälften kvinnor"
    assert touching(insertion, changes) == touching(deletion, changes) == [deletion, insertion]
    old, new = before_after(touching(insertion, changes))
    assert old.plain.endswith("60 personer delta, ungefär hälften kvinnor och hälften män.")
    assert new.plain.endswith("60 personer delta, minst hälften kvinnor och hälften män.")
    assert touching(changes[0], changes) == [changes[0]]
    old, new = before_after([changes[0]])
    assert old.plain.startswith("I Trelleborg står omkring 180 unga vuxna mellan")
    assert new.plain.startswith("I Trelleborg står omkring 180 unga vuxna och deras anhöriga mellan")
    assert old.plain.endswith("…")


def test_a_long_quote_is_cut_at_a_word_with_an_ellipsis() -> None:
    assert shortened("och  kombineras\nmed en", 40) == "och kombineras med en"
    assert shortened("och kombineras med en strukturerad introduktion", 20) == "och kombineras med…"
