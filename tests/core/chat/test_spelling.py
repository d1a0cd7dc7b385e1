"""A mistyped word of the assistant's lists is read as meant; the writer's own topic words are not."""

from __future__ import annotations

import pytest

from assistant.core.chat import Intent, Kind, classify, route
from assistant.core.chat.spelling import corrected
from assistant.core.chat.text import tokens
from assistant.core.model.forms import load_form


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("vad saknaas?", Intent.MISSING),
        ("visa exmpel på uppföljning", Intent.EXAMPLES),
        ("stämer budgeten", Intent.BUDGET),
    ],
)
def test_one_keystroke_wrong_still_finds_the_intent(line: str, intent: Intent) -> None:
    assert classify(line) is Kind.QUESTION
    assert route(line, load_form("finsam-malmo")).intent is intent


def test_known_and_topic_words_stay_as_typed() -> None:
    line = "samverkan psykiatrin arbetsträning budgeten"
    assert [t.raw for t in corrected(tokens(line))] == line.split()
    assert classify("samverkan psykiatrin IPS") is Kind.SEARCH


def test_a_word_near_two_of_the_lists_words_is_left_alone() -> None:
    # "sidr" is one keystroke from both "sidor" and "sida": no guess.
    assert [t.raw for t in corrected(tokens("sidr"))] == ["sidr"]
