"""Projektuppgifter: the facts are edited and checked in place, and saved with the draft."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, TextArea

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.facts import FactsScreen
from assistant.tui.screens.main import MainScreen

from .conftest import settle, shown, wait_until


async def open_main(pilot, app) -> MainScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
    return app.screen


def test_facts_are_checked_in_place_and_saved_with_the_draft(demo_copy: Path) -> None:
    before = load_draft(demo_copy)

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            main = await open_main(pilot, app)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: isinstance(app.screen, FactsScreen), what="facts screen")
            facts = app.screen
            assert facts.query_one("#facts-municipality", Input).value == before.municipality

            facts.query_one("#facts-municipality", Input).value = "Lunds kommun"
            signatories = facts.query_one("#facts-signatories", TextArea)
            signatories.text = (signatories.text + "\nEva Ek; förbundschef; Samordningsförbundet").strip()
            facts.query_one("#facts-start", Input).value = "2027-13-01"
            await pilot.pause()
            assert "2027-13-01" in shown(facts, "#facts-start-error")  # the message stands under the field

            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is facts  # not saved, still open
            assert load_draft(demo_copy).municipality == before.municipality
            assert main.draft.municipality == before.municipality

            facts.query_one("#facts-start", Input).value = before.start.isoformat() if before.start else ""
            await pilot.pause()
            assert shown(facts, "#facts-start-error") == ""
            await pilot.click("#facts-save")
            await wait_until(pilot, lambda: app.screen is main, what="back on the main screen")
            await settle(pilot)

    asyncio.run(go())
    after = load_draft(demo_copy)
    assert after.municipality == "Lunds kommun"
    assert after.signatories[-1].name == "Eva Ek"
    assert after.signatories[-1].title == "förbundschef"
    assert len(after.signatories) == len(before.signatories) + 1
    assert after.sections == before.sections  # the text is untouched


def test_a_bad_e_mail_address_is_named_under_the_contacts_in_english(demo_copy: Path) -> None:
    before = load_draft(demo_copy).contacts

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="en")
        async with app.run_test(size=(80, 24)) as pilot:
            main = await open_main(pilot, app)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: isinstance(app.screen, FactsScreen), what="facts screen")
            facts = app.screen
            facts.query_one("#facts-contacts", TextArea).text = "Ann Al; projektledare; Lund; 040-123 45 67; ann@"
            await pilot.pause()
            assert "is not an e-mail address" in shown(facts, "#facts-contacts-error")
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main, what="cancelled")

    asyncio.run(go())
    assert load_draft(demo_copy).contacts == before


def test_emptying_the_end_date_clears_it_in_the_draft(demo_copy: Path) -> None:
    before = load_draft(demo_copy)
    assert before.end is not None

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            main = await open_main(pilot, app)
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: isinstance(app.screen, FactsScreen), what="facts screen")
            app.screen.query_one("#facts-end", Input).value = ""
            app.screen.query_one("#facts-organisation", Input).value = ""
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: app.screen is main, what="back on the main screen")
            assert main.draft.end is None and main.draft.start == before.start
            await settle(pilot)

    asyncio.run(go())
    after = load_draft(demo_copy)
    assert (after.end, after.organisation, after.start) == (None, "", before.start)
