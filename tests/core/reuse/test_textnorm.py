"""Swedish words as search terms: compound parts are words of the library, never function words."""

from __future__ import annotations

from assistant.core.reuse.textnorm import split_compound, stem


def test_a_compound_splits_into_two_known_words():
    vocabulary = {stem("implementering"), stem("plan")}
    assert split_compound(stem("implementeringsplan"), vocabulary) == [stem("implementering"), stem("plan")]


def test_a_function_word_is_no_part_of_a_compound():
    # "förebygga" is not "för" + "bygga", "överlämning" not "över" + "lämning", even when the
    # library has both halves as words.
    vocabulary = {stem("före"), stem("för"), stem("bygga"), "bygg", stem("över"), stem("lämning"), "lämning"}
    assert split_compound("förebygga", vocabulary) == []
    assert split_compound(stem("överlämningen"), vocabulary) == []
    assert split_compound("överlämning", vocabulary) == []
