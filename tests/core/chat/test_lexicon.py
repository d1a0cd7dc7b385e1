"""The word lists load, and the example questions the assistant offers are answered as offered."""

from __future__ import annotations

from assistant.core.chat import Intent, classify, route
from assistant.core.chat.classify import Kind
from assistant.core.chat.lexicon import Pattern, lexicon
from assistant.core.chat.text import tokens
from assistant.core.model.forms import load_form


def test_every_intent_has_a_name_and_examples_in_both_languages():
    words = lexicon()
    # "unknown" has cues too: what no data answers ("kommer vi att beviljas?")
    assert set(words.intents) == {i.value for i in Intent} - {"search"}
    for spec in words.intents.values():
        assert spec.name.sv and spec.name.en
        assert spec.examples("sv") and spec.examples("en")


def test_each_offered_example_gets_its_own_intent():
    form = load_form("finsam-malmo")
    for intent, spec in lexicon().intents.items():
        for example in (*spec.examples("sv"), *spec.examples("en")):
            assert classify(example) is Kind.QUESTION, example
            assert route(example, form).intent == intent, example


def test_patterns():
    word = tokens("budgetåren målgruppen meningen")
    assert Pattern.parse("budget*").matches(word[0])
    assert Pattern.parse("målgrupp").matches(word[1])  # by stem
    assert not Pattern.parse("=meningar").matches(word[2])  # as written only
    assert Pattern.parse("*grupp*").matches(word[1])
    assert not Pattern.parse("mal").matches(word[1])  # short words match only as written


def test_a_word_typed_with_its_marks_is_not_another_word_without_them():
    typed = tokens("ändrar andrar budgetåren")
    assert not Pattern.parse("andras").matches(typed[0])  # "ändrar" (change) is not "andras" (others')
    assert Pattern.parse("andras").matches(typed[1]) or Pattern.parse("andrar").matches(typed[1])
    assert Pattern.parse("budget*").matches(typed[2])  # the marks are past the part compared
