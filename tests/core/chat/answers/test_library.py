"""Examples from approved applications, and plain searches."""

from __future__ import annotations

from assistant.core.chat import ActionKind, Intent, answer


def test_examples_for_a_heading_come_from_that_heading_with_source_and_year(demo, builtin):
    reply = answer(demo, "visa exempel på uppföljning", library_dirs=builtin)
    assert reply.intent is Intent.EXAMPLES and reply.section == "uppfoljning"
    assert reply.suggestions
    assert reply.suggestions[0].section == "uppfoljning"
    for s in reply.suggestions:
        assert str(s.source["year"]) in reply.text
    takes = [a for a in reply.actions if a.kind is ActionKind.TAKE]
    assert [a.target for a in takes] == [s.passage_id for s in reply.suggestions]
    assert all(a.section == "uppfoljning" for a in takes)
    assert reply.suggestion(takes[0].target) is reply.suggestions[0]
    # A source heading that carries its form's guidance after a ";" is shown by its name alone.
    assert "Uppföljning och utvärdering; Beskriv" not in reply.text
    assert all(len(line.split(" · ", 1)[1]) <= 62 for line in reply.plain().splitlines() if " · " in line)


def test_examples_on_a_topic(demo, builtin):
    reply = answer(demo, "hur har andra skrivit om supported employment?", library_dirs=builtin)
    assert reply.intent is Intent.EXAMPLES
    assert reply.suggestions
    assert "supported employment" in reply.text
    assert any("SE" in s.text or "Supported Employment" in s.text for s in reply.suggestions)


def test_no_examples_is_said_plainly(demo, tmp_path):
    empty = tmp_path / "library"
    empty.mkdir()
    reply = answer(demo, "visa exempel på samverkan med psykiatrin", library_dirs=[(empty, True)])
    assert reply.intent is Intent.EXAMPLES
    assert not reply.suggestions and "Inget i biblioteket" in reply.text
    # A topic no form or library speaks of is the honest answer, not "nothing in the library".
    reply = answer(demo, "visa exempel på fotboll och curling", library_dirs=[(empty, True)])
    assert reply.intent is Intent.UNKNOWN


def test_examples_of_what_no_form_or_library_speaks_of_are_the_honest_answer(demo, builtin):
    reply = answer(demo, "Ge mig ett exempel på ett bra recept", library_dirs=builtin)
    assert reply.intent is Intent.UNKNOWN and not reply.suggestions
    assert "Det kan jag inte svara på" in reply.text


def test_a_search_line_searches_the_library(demo, builtin):
    reply = answer(demo, "arbetsgivare supported employment", library_dirs=builtin)
    assert reply.intent is Intent.SEARCH
    assert reply.suggestions and "Ur biblioteket" in reply.text
