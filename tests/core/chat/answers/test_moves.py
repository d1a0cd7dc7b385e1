"""Navigation."""

from __future__ import annotations

from assistant.core.chat import ActionKind, Intent, answer


def test_go_to_a_named_heading(demo):
    reply = answer(demo, "gå till tidsplanen")
    assert reply.intent is Intent.NAVIGATE
    assert reply.actions[0].kind is ActionKind.GOTO and reply.actions[0].target == "tidsplan"


def test_next_and_previous_from_where_the_writer_is(demo):
    assert answer(demo, "nästa", current_section="malgrupp").actions[0].target == "mal"
    assert answer(demo, "förra", current_section="malgrupp").actions[0].target == "tidsplan"
    assert answer(demo, "nästa").actions[0].target == "organisering"  # the draft was left at "mal"


def test_no_step_past_the_ends(demo):
    reply = answer(demo, "nästa", current_section="underskrift")
    assert not reply.actions and "sista" in reply.text
