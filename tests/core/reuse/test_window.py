"""The text near the cursor: the current sentence is the focus, the earlier ones are context."""

from __future__ import annotations

from assistant.core.reuse.window import FOCUS_MAX_WORDS, FOCUS_MIN_WORDS, split_windows


def test_the_current_sentence_is_the_focus_and_the_earlier_ones_context_nearest_first():
    text = "Målgruppen är unga vuxna i Malmö. De står långt från arbetsmarknaden. Vi erbjuder arbetsträning i verkstäder hos kommunen under ett halvår."
    windows = split_windows(text)
    assert windows.focus == "Vi erbjuder arbetsträning i verkstäder hos kommunen under ett halvår."
    assert windows.context == ("De står långt från arbetsmarknaden.", "Målgruppen är unga vuxna i Malmö.")


def test_a_short_current_sentence_borrows_the_words_before_it():
    windows = split_windows("Målgruppen är unga vuxna med aktivitetsersättning i Malmö. De träffar")
    assert len(windows.focus.split()) >= FOCUS_MIN_WORDS and windows.focus.endswith("De träffar")


def test_a_long_sentence_is_searched_by_its_last_words_and_the_rest_as_context():
    words = [f"ord{n}" for n in range(50)]
    windows = split_windows(" ".join(words))
    assert windows.focus.split() == words[-FOCUS_MAX_WORDS:]
    assert windows.context == (" ".join(words[:-FOCUS_MAX_WORDS]),)


def test_the_rest_of_the_paragraph_comes_after_the_text_before_the_cursor():
    windows = split_windows(
        "Första meningen om målgruppen. Nu skriver jag om aktiviteterna i projektet och deras innehåll",
        "Sista meningen om budgeten.",
    )
    assert windows.context == ("Första meningen om målgruppen.", "Sista meningen om budgeten.")


def test_decimals_and_abbreviations_do_not_end_a_sentence():
    windows = split_windows("Budgeten är 2.5 miljoner kronor, t.ex. för personal och lokaler under projekttiden")
    assert windows.context == ()


def test_a_sentence_the_short_current_one_leans_on_is_also_searched_alone():
    # The writer has just begun the next sentence: what the sentence before found must stay.
    windows = split_windows("Vi erbjuder arbetsträning i kommunens verkstäder. Deltagarna får")
    assert windows.focus == "Vi erbjuder arbetsträning i kommunens verkstäder. Deltagarna får"
    assert windows.context == ("Vi erbjuder arbetsträning i kommunens verkstäder.",)


def test_a_long_sentence_is_cut_where_a_clause_begins_not_mid_clause():
    first = [f"ord{n}" for n in range(10)]
    clause = ["och"] + [f"led{n}" for n in range(26)]
    windows = split_windows(" ".join(first + clause))
    # The last 28 words would begin one word before "och"; the focus begins at the clause instead.
    assert windows.focus.split() == clause
    assert windows.context == (" ".join(first),)
