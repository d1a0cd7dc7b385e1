"""The one rule for the chat line: question (or request), search, command."""

from __future__ import annotations

import pytest

from assistant.core.chat import Kind, classify, search_query


@pytest.mark.parametrize(
    "text",
    [
        "samverkan psykiatrin IPS",
        "motiverande samtal MI",
        "lokaler i befintlig verksamhet",  # "lokaler" is a budget word, "befintlig verksamhet" a topic
        "hälsofrämjande aktiviteter",  # a heading's name beside a topic word
        "målgrupp",  # a heading alone is not a question
        "öppna arbetsmarknaden",  # "öppna" asks only before the assistant's own words
        "korta insatser för unga",
        "nästa steg mot arbete",
        "har svårt att komma ut",  # a verb first, but no subject after it
        "kan arbeta deltid",
        "i samverkan med psykiatrin",
        "supported employment job coach",
        "sök vad saknas",  # "sök" always searches
    ],
)
def test_plain_search_words_stay_a_search(text):
    assert classify(text) is Kind.SEARCH


@pytest.mark.parametrize(
    "text",
    [
        "vad saknas?",
        "fotboll?",  # a question mark makes a question, whatever the words
        "vad ar meningen med livet",  # a question word first, typed without diacritics
        "hur manga sidor",
        "visa exempel på uppföljning",
        "ga till budgeten",
        "Jag har skrivit klart bakgrunden men vill veta vad som är kvar",
        "har jag glömt något",  # a verb with its subject
        "stämmer budgeten",
        "ar jag over 7 sidor",
        "sidantal",  # nothing but the assistant's own words
        "budgetstatus",
        "LIX",
        "kvar att göra",
        "korta ner",
        "korta bakgrunden",
        "nästa",
        "nästa rubrik",
        "förra",
        "previous section",
        "page count",
        "help",
        "Riktlinjer för 3.5",
        "rubrik 4",
    ],
)
def test_questions_and_requests_are_questions(text):
    assert classify(text) is Kind.QUESTION


def test_a_diacritic_the_writer_typed_is_kept():
    # "år" is a year, not "är" typed without its dots: a search that starts with it stays one.
    assert classify("år 2027 kostnader lokaler") is Kind.SEARCH
    assert classify("ar budgeten klar") is Kind.QUESTION


def test_commands_and_empty_lines():
    assert classify("/nästa") is Kind.COMMAND
    assert classify("   ") is Kind.EMPTY
    assert classify("") is Kind.EMPTY


def test_the_line_can_show_how_it_will_be_taken():
    assert "fråga" in Kind.QUESTION.label.render("sv")
    assert "search" in Kind.SEARCH.label.render("en")


def test_search_query_drops_the_search_word():
    assert search_query("sök samverkan psykiatrin") == "samverkan psykiatrin"
    assert search_query("samverkan psykiatrin") == "samverkan psykiatrin"


def test_a_long_sentence_is_for_the_assistant():
    assert classify("Innan jag skickar in ansökan vill jag veta vad som fattas.") is Kind.QUESTION
    assert classify("unga vuxna med aktivitetsersättning som står långt från arbetsmarknaden i kommunen") is (
        Kind.QUESTION
    )  # nine words or more: a sentence, not search words


def test_a_pasted_page_is_read_only_to_its_first_lines():
    from assistant.core.chat.text import MAX_CHARS, tokens

    assert len(tokens("samverkan " * 50_000)) <= MAX_CHARS // 2
    assert classify("samverkan " * 50_000) is Kind.QUESTION


def test_e_for_ar_asks_but_e_post_searches():
    assert classify("e budgeten rätt") is Kind.QUESTION  # "är budgeten rätt"
    assert classify("e-post till förbundet") is Kind.SEARCH
