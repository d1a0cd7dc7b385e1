"""Explaining the check's findings."""

from __future__ import annotations

from assistant.core.chat import Intent, answer


def test_explain_a_named_kind_of_finding(demo):
    reply = answer(demo, "Hur blir jag av med felet om platshållare?")
    assert reply.intent is Intent.EXPLAIN and reply.section == "mal"
    assert "TODO" in reply.text and "*Så rättar du:*" in reply.text


def test_explain_a_check_the_draft_passes(demo):
    reply = answer(demo, "vad betyder felet om Tidsplan?")
    assert reply.intent is Intent.EXPLAIN
    assert "inget sådant fel" in reply.text and "startdatum" in reply.text


def test_explain_a_finding_of_a_broken_tidsplan(demo):
    demo.start = None
    demo.end = None
    reply = answer(demo, "vad betyder felet om Tidsplan?")
    assert "inget sådant fel" not in reply.text
    assert "[**3.1 Tidsplan**](goto:tidsplan)" in reply.text


def test_explain_without_naming_takes_the_worst(demo):
    reply = answer(demo, "förklara felet")
    assert "**fel**" in reply.text and "till – fråga ”vad saknas?”" in reply.text


def test_explain_in_english(demo, english):
    reply = answer(demo, "What does the warning about placeholders mean?")
    assert "*What it means:*" in reply.text
