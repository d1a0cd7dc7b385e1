"""Answers as data: links that act, the plain form for a terminal, JSON."""

from __future__ import annotations

from assistant.core.chat import ActionKind, Intent, answer, parse_href


def test_links_and_actions_agree(demo):
    reply = answer(demo, "vad saknas?")
    assert "[**3.4 Organisering**](goto:organisering)" in reply.text
    assert any(a.kind is ActionKind.GOTO and a.target == "organisering" for a in reply.actions)
    assert parse_href("goto:organisering") == (ActionKind.GOTO, "organisering")


def test_parse_href_refuses_other_links():
    assert parse_href("https://example.org") is None
    assert parse_href("goto:") is None
    assert parse_href("javascript:alert(1)") is None


def test_plain_text_has_no_link_targets_or_bold(demo):
    plain = answer(demo, "vad saknas?").plain()
    assert "goto:" not in plain and "**" not in plain
    assert "3.4 Organisering" in plain


def test_plain_text_leaves_out_the_take_links_a_terminal_cannot_follow(demo):
    reply = answer(demo, "visa exempel på uppföljning")
    assert any(a.kind is ActionKind.TAKE for a in reply.actions)  # the interface still has them
    plain = reply.plain()
    assert "Ta in" not in plain and "take:" not in plain and "\n\n\n" not in plain
    assert "Så har andra skrivit" in plain


def test_json_holds_intent_text_and_actions(demo):
    data = answer(demo, "gå till tidsplanen").as_json()
    assert data["intent"] == "navigate"
    assert data["actions"][0] == {"kind": "goto", "target": "tidsplan", "label": "3.1 Tidsplan"}
    assert "Tidsplan" in data["text"]


def test_an_empty_line_gets_the_help(demo):
    assert answer(demo, "  ").intent is Intent.HELP
