"""What the funder wants under a heading, and how to shorten."""

from __future__ import annotations

from assistant.core.chat import Intent, answer


def test_guidance_is_the_form_text_of_the_heading(demo):
    reply = answer(demo, "vad vill förbundet ha under målgrupp?")
    guidance = demo.form.heading("malgrupp").guidance
    assert reply.intent is Intent.GUIDANCE and reply.section == "malgrupp"
    assert guidance in reply.text
    assert "kvinnor och män" in reply.text.lower()  # the gender check's rule for this heading
    assert "7 sidor" in reply.text


def test_guidance_gives_the_limits_of_the_summary(demo):
    reply = answer(demo, "Hur lång får den korta sammanfattningen i presentationen vara?")
    assert reply.section == "presentation"
    assert "150 ord" in reply.text


def test_guidance_by_number_and_without_a_heading(demo):
    assert answer(demo, "Riktlinjer för 3.5").section == "aktiviteter"
    here = answer(demo, "vad förväntas här?", current_section="tidsplan")
    assert here.section == "tidsplan" and "startdatum" in here.text


def test_shorten_lists_paragraphs_sentences_and_lix(demo):
    long_sentence = " ".join(["ordet"] * 40) + "."
    demo.set_text("bakgrund", demo.text("bakgrund") + "\n\n" + long_sentence)
    reply = answer(demo, "hur kan jag korta texten?")
    assert reply.intent is Intent.SHORTEN
    assert "**Längsta stycken:**" in reply.text
    assert "Meningar över 35 ord** (1)" in reply.text
    assert "LIX per rubrik" in reply.text and "[**2 Bakgrund**](goto:bakgrund):" in reply.text


def test_shorten_one_named_heading(demo):
    reply = answer(demo, "Vad är LIX för bakgrunden?")
    assert "Presentation" not in reply.text and "Bakgrund" in reply.text


def test_shorten_answers_first_what_was_asked(demo):
    assert answer(demo, "vilka meningar är för långa?").text.startswith("Ingen mening är längre")
    assert answer(demo, "hur är läsbarheten, LIX?").text.startswith("**LIX")
    assert answer(demo, "hur kan jag korta texten?").text.startswith("**Längsta stycken")


def test_shorten_answers_first_what_was_asked_in_english(demo, english):
    assert answer(demo, "Which sentences are too long?").text.startswith("No sentence")
