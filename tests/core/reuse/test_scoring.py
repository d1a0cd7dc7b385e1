"""What a suggestion says matched: the passage's own words, never a bare stem."""

from __future__ import annotations

from assistant.core.reuse.scoring import Evidence, explain


def test_a_compound_part_is_shown_as_the_passage_word_that_holds_it():
    text = "Projektet bygger på deltagarutveckling i små steg."
    shown = explain(text, [Evidence("deltagarna", "deltag", "exact", 1.0)])
    assert shown == ["deltagarutveckling"]


def test_a_word_and_a_concept_are_shown_as_before():
    text = "Arbetsspecialisten stöttar på arbetsplatsen."
    shown = explain(
        text,
        [
            Evidence("arbetsplatsen", "arbetsplats", "exact", 1.0),
            Evidence("jobbcoach", "zvips", "vocabulary", 0.8, "IPS"),
        ],
    )
    assert shown == ["arbetsplatsen", "jobbcoach → IPS"]
