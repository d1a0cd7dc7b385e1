"""Slash commands read from the command line, and the ones that change the draft."""

from __future__ import annotations

import datetime as dt

from assistant.core.model.drafts import new_draft
from assistant.core.model.forms import load_form
from assistant.tui.screens.main.slash import Slash, contact, find_heading, parse, period


def test_parse_names_the_action_in_either_language() -> None:
    assert parse("/nästa") == Slash("nästa", "next", "")
    assert parse("/GÅ 3.2") == Slash("GÅ", "go", "3.2")
    assert parse("/flyga högt") == Slash("flyga", None, "högt")
    assert parse("deltagare med stöd") is None  # plain text searches the library


def test_contacts_are_added_listed_and_removed() -> None:
    draft = new_draft(load_form("finsam-malmo"))
    added = contact(draft, "Anna Ek; projektledare; Lunds kommun; 046-35 50 00; anna.ek@lund.se")
    assert added.changed and draft.contacts[0].email == "anna.ek@lund.se"
    assert "| 1 | Anna Ek | projektledare |" in added.answer
    assert not contact(draft, "").changed
    assert not contact(draft, "ta bort 5").changed
    assert not contact(draft, "a; b; c; d; e; f").changed
    assert contact(draft, "ta bort 1").changed and draft.contacts == []


def test_the_period_needs_a_start_before_the_end() -> None:
    draft = new_draft(load_form("finsam-malmo"))
    assert period(draft, "2026-03-01 – 2027-02-28").changed
    assert (draft.start, draft.end) == (dt.date(2026, 3, 1), dt.date(2027, 2, 28))
    refused = period(draft, "2027-01-01 2026-01-01")
    assert not refused.changed and "start före slut" in refused.answer
    assert draft.start == dt.date(2026, 3, 1)


def test_a_heading_is_found_by_number_key_or_words() -> None:
    form = load_form("finsam-malmo")
    assert find_heading(form, "3.2") == "malgrupp"
    assert find_heading(form, "3.2.") == "malgrupp"
    assert find_heading(form, "bakgrund") == "bakgrund"
    assert find_heading(form, "") is None
