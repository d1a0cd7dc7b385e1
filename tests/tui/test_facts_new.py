"""The new-application dialog asks for the form and the project's facts, and never creates a
draft without a title or a chosen form."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from textual.widgets import Input, Select

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.dialogs import NewApplicationScreen
from assistant.tui.screens.main import MainScreen

from .conftest import shown, wait_until


def test_a_new_application_is_made_with_its_facts_and_never_from_an_empty_title(private_dirs: Path) -> None:
    target = private_dirs / "drafts" / "unga-i-lund.md"

    async def go() -> None:
        app = AnsokanApp(None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda: isinstance(app.screen, NewApplicationScreen), what="the dialog")
            dialog = app.screen
            await wait_until(pilot, lambda: dialog.query("#new-title"), what="composed")
            assert dialog.query_one("#new-form", Select).value is Select.NULL  # no form is guessed

            await pilot.press("enter")  # Enter in the empty title field
            await pilot.pause()
            assert app.screen is dialog
            assert "formulär" in shown(dialog, "#new-error")

            dialog.query_one("#new-form", Select).value = "finsam-malmo"
            dialog.query_one("#new-title", Input).focus()
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog
            assert "titel" in shown(dialog, "#new-error")
            assert not list((private_dirs / "drafts").glob("*.md"))

            await pilot.press(*"Unga i Lund")
            dialog.query_one("#new-organisation", Input).value = "Lunds kommun"
            dialog.query_one("#new-municipality", Input).value = "Lund"
            dialog.query_one("#new-start", Input).value = "2027-01-01"
            dialog.query_one("#new-end", Input).value = "2026-12-31"  # before the start
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog
            assert "Slutdatum" in shown(dialog, "#new-error")
            assert not target.exists()

            dialog.query_one("#new-end", Input).value = "2028-12-31"
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="the main screen")

    asyncio.run(go())
    draft = load_draft(target)
    assert draft.form_id == "finsam-malmo"
    assert draft.title == "Unga i Lund"
    assert (draft.organisation, draft.municipality) == ("Lunds kommun", "Lund")
    assert (draft.start, draft.end) == (dt.date(2027, 1, 1), dt.date(2028, 12, 31))
