"""The command palette (Ctrl+P) reaches every action of the main screen, each shown with the key
that runs it (after the writer's keymap), so what the key bar has no room for is still one search
away; picking one does what its key does."""

from __future__ import annotations

import asyncio
from pathlib import Path

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.palette import SCREEN_ACTIONS, AnsokanCommands
from assistant.tui.screens.dialogs import SuggestionScreen
from assistant.tui.screens.main import MainScreen

from .conftest import run_from_palette, settle, wait_until

NOT_IN_THE_PALETTE = {"focus_editor", "move_suggestion(1)", "move_suggestion(-1)"}  # keys inside the screen


def test_every_action_of_the_main_screen_is_in_the_palette() -> None:
    in_palette = {action for _label, action in SCREEN_ACTIONS}
    actions = {binding.action for binding in MainScreen.BINDINGS}  # type: ignore[union-attr]
    assert actions - NOT_IN_THE_PALETTE <= in_palette, actions - NOT_IN_THE_PALETTE - in_palette


def test_a_suggestion_is_shown_from_the_palette_which_names_its_key(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await settle(pilot)
            await wait_until(pilot, lambda: app.screen.suggestions.chosen is not None, what="a suggestion")
            helps = {label: key for label, _command, key in AnsokanCommands(app.screen).commands()}
            assert helps["Visa förslaget"] == "f5" and helps["Projektuppgifter …"] == "^r"
            await run_from_palette(pilot, "visa förslaget", "Visa förslaget")
            await wait_until(pilot, lambda: isinstance(app.screen, SuggestionScreen), what="the suggestion shown")

    asyncio.run(go())
