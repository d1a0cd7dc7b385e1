"""Help, and the honest answer when the assistant does not know."""

from __future__ import annotations

from assistant.core.chat import Intent, answer


def test_help_says_what_it_can_do_and_the_rule(demo):
    reply = answer(demo, "vad kan du göra?")
    assert reply.intent is Intent.HELP
    assert "*vad saknas?*" in reply.text and "Fråga eller sökning?" in reply.text


def test_help_on_one_topic(demo):
    assert "--lang en" in answer(demo, "Hur byter jag till engelska?").text
    assert "F7" in answer(demo, "Vilka kortkommandon finns?").text


def test_off_topic_gets_the_honest_answer_and_three_questions(demo, builtin):
    reply = answer(demo, "vad tycker du om fotboll?", library_dirs=builtin)
    assert reply.intent is Intent.UNKNOWN
    assert reply.text.startswith("**Det kan jag inte svara på.**")
    assert reply.text.count("\n- ") == 3
    assert not reply.suggestions and not reply.actions


def test_off_topic_in_english(demo, builtin, english):
    reply = answer(demo, "What do you think about football?", library_dirs=builtin)
    assert reply.intent is Intent.UNKNOWN
    assert reply.text.startswith("**I can't answer that.**")
    assert "*what is missing?*" in reply.text


def test_off_topic_about_a_heading_offers_that_headings_guidance_first(demo, builtin):
    reply = answer(demo, "Tycker styrelsen om vår tidsplan?", library_dirs=builtin)
    assert reply.intent is Intent.UNKNOWN
    assert reply.text.count("\n- ") == 3
    assert "*vad vill förbundet ha under Tidsplan?*" in reply.text
    assert [a.target for a in reply.actions] == ["tidsplan"]
    assert "*hjälp*" in reply.text


def test_help_on_how_to_start_and_set_the_period(demo):
    assert "ansokan new --form ID --from" in answer(demo, "Hur startar jag en ny ansökan från en gammal?").text
    assert "/period" in answer(demo, "Hur ändrar jag projektperioden?").text
    assert "F8" in answer(demo, "Hur kör jag kontrollen?").text
