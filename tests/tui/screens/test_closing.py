"""A dialog asked to close twice (Escape, and its button's message still queued) closes only itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.facts import FactsScreen
from assistant.tui.screens.main import MainScreen

from ..conftest import wait_until


def test_a_second_dismiss_leaves_the_screen_under_it(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
            main = app.screen
            await pilot.press("ctrl+r")
            await wait_until(pilot, lambda: isinstance(app.screen, FactsScreen), what="facts screen")
            facts = app.screen
            facts.dismiss(False)
            facts.dismiss(False)  # as a Cancel press handled after Escape closed it
            await pilot.pause()
            assert app.screen is main and main in app.screen_stack

    asyncio.run(go())
