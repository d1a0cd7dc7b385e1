"""A form's attachments ([[attachments]]) and per-section limits (max_words, max_chars): read,
checked like every other key, and kept by a draft's deadline and attachments round trip."""

from __future__ import annotations

import datetime as dt

from assistant.core.model.drafts import parse_draft
from assistant.core.model.drafts.attachments import Attachment
from assistant.core.model.drafts.file import to_text
from assistant.core.model.forms import check_form_text, load_form
from assistant.core.storage.paths import forms_dir


def form_text(old: str = "", new: str = "") -> str:
    text = (forms_dir() / "finsam-malmo.toml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_the_shipped_form_asks_for_a_letter_from_each_partner_and_the_signed_page():
    rules = {r.kind: r for r in load_form("finsam-malmo").attachments}
    assert rules["avsiktsforklaring"].per_partner and rules["avsiktsforklaring"].required
    assert rules["underskriftssida"].title == "Underskriven underskriftssida"


def test_section_limits_are_read_and_a_wrong_limit_or_a_twice_used_kind_is_named():
    limited = form_text('key = "bakgrund"', 'key = "bakgrund"\nmax_words = 400\nmax_chars = 2500')
    form = check_form_text(limited).form
    assert form is not None
    heading = form.heading("bakgrund")
    assert heading is not None and (heading.max_words, heading.max_chars) == (400, 2500)
    wrong = check_form_text(form_text('key = "bakgrund"', 'key = "bakgrund"\nmax_words = 0'))
    assert wrong.form is None and any("max_words" in p.message("f") for p in wrong.errors)
    twice = form_text('kind = "underskriftssida"', 'kind = "avsiktsforklaring"')
    assert any(
        "används två gånger" in p.message("f", "sv") or "finns redan" in p.message("f", "sv")
        for p in check_form_text(twice).errors
    )


def test_the_deadline_and_attachments_round_trip_through_the_draft_file():
    from assistant.core.storage.paths import demo_draft

    draft = parse_draft(demo_draft().read_text(encoding="utf-8"))
    draft.deadline = dt.date(2027, 3, 1)
    draft.attachments = [Attachment("avsiktsforklaring", "bilagor/af.pdf", "Arbetsförmedlingen", "2026-12-02")]
    again = parse_draft(to_text(draft))
    assert again.deadline == draft.deadline and again.attachments == draft.attachments
    assert again.sections == draft.sections
