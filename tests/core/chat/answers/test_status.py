"""What is missing, and the pages."""

from __future__ import annotations

import re

from assistant.core.chat import Intent, answer
from assistant.core.document.layout import estimate_pages
from assistant.core.i18n import format_number


def test_missing_lists_empty_required_headings_first_then_errors_then_thin(demo):
    reply = answer(demo, "vad saknas?")
    assert reply.intent is Intent.MISSING
    lines = [line for line in reply.plain().splitlines() if re.match(r"\d+\. ", line)]
    assert lines[0].startswith("1. 3.4 Organisering – tomt")
    assert [line.split(" – ")[0][3:] for line in lines[:4]] == [
        "3.4 Organisering",
        "3.5 Aktiviteter",
        "3.6 Implementering",
        "4 Uppföljning och utvärdering",
    ]
    assert "TODO" in lines[4]  # the open error after the empty headings
    assert any("tunt" in line for line in lines[5:])  # thin headings last
    assert "(5 fel)" in reply.text  # no warnings: "0 varningar" is left out


def test_missing_on_a_finished_draft(demo):
    for heading in demo.form.headings:
        if heading.kind == "text" and heading.required:
            demo.set_text(heading.key, "Kvinnor och män deltar. " * 30)
    demo.set_text("mal", demo.text("mal").replace("TODO: effektmål", "effektmål"))
    reply = answer(demo, "vad saknas?")
    assert "Organisering" not in reply.text


def test_pages_used_and_left_against_the_limit(demo):
    estimate = estimate_pages(demo, demo.form)
    reply = answer(demo, "hur många sidor har jag kvar?")
    assert reply.intent is Intent.PAGES
    room = format_number(round(7 - estimate.pages, 1), decimals=1)
    assert f"**{estimate.body_pages} av 7 sidor**" in reply.text  # the count, as LibreOffice and the meter say
    assert f"**{7 - estimate.body_pages} sidor kvar**, ungefär {room}" in reply.text
    assert "1. [**2 Bakgrund**](goto:bakgrund)" in reply.text  # the longest heading first


def test_pages_over_the_limit(demo):
    demo.set_text("bakgrund", ("Lång mening om insatsen och dess bakgrund i kommunen. " * 12 + "\n\n") * 40)
    reply = answer(demo, "är jag över sidgränsen?")
    assert "sidor över" in reply.text


def test_pages_in_english(demo, english):
    reply = answer(demo, "how many pages are left?")
    assert " of 7 pages" in reply.text and "pages left" in reply.text
