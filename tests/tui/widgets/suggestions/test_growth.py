"""A suggestion that fit the sentence a moment ago stays while the writer makes the sentence longer
(the panel passes what it showed to the next search, suggest.Recent)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.usecases.suggestions import suggest_for

from ...conftest import settle, wait_until

SECTION = "bakgrund"
SENTENCE = "Särvux var kommunens deltagare i den nationella"
MORE_TEXT = (
    "och politiskt uppdrag till två nämnder att tillsammans med Arbetsförmedlingen och Försäkringskassan utreda hur"
    " personer med funktionsnedsättning kan komma närmare arbetsmarknaden"
)
MORE = MORE_TEXT.split(" ")
HIT = "finsam-malmo-2017-case-management#bakgrund-2"


def shown(screen: MainScreen) -> list[str]:
    return [s.passage_id for s in screen.suggestions.listing.items]


def test_a_hit_stays_while_twenty_more_words_go_into_its_sentence(demo_copy: Path) -> None:
    found = suggest_for(" ".join([SENTENCE, *MORE]), form_id="finsam-malmo", section=SECTION, k=6)
    assert HIT not in [s.passage_id for s in found], "searched afresh, the longer sentence loses it"

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            screen = app.screen
            await settle(pilot)
            screen.show_section(SECTION)
            editor = screen.composer.editor
            editor.focus()
            editor.text = ""
            editor.insert(SENTENCE)
            await settle(pilot)
            await wait_until(pilot, lambda: screen.suggestions.answered == SENTENCE, what="the first search")
            assert HIT in shown(screen)
            for word in MORE:
                editor.insert(" " + word)
                await settle(pilot)
            text = " ".join([SENTENCE, *MORE])
            await wait_until(pilot, lambda: screen.suggestions.answered == text, what="the last search")
            assert HIT in shown(screen), shown(screen)

    asyncio.run(go())
