"""F4 asks "Ersätt?" first, showing the text it would replace; Ctrl+Z still takes it back."""

from __future__ import annotations

import asyncio
from pathlib import Path

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.dialogs import ReplaceScreen, shortened
from assistant.tui.screens.main import MainScreen

from .conftest import shown, wait_until
from .widgets.editor.test_editor import SENTENCE, empty_draft, typed_with_suggestions


def test_f4_shows_what_goes_and_replaces_only_when_confirmed(tmp_path: Path) -> None:
    path = empty_draft(tmp_path)

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await typed_with_suggestions(pilot)
            passage = screen.suggestions.chosen.text.strip()

            await pilot.press("f4")
            await wait_until(pilot, lambda: isinstance(app.screen, ReplaceScreen), what="the question")
            assert SENTENCE in shown(app.screen, "#replace-current")
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="cancelled")
            assert screen.composer.text == SENTENCE

            await pilot.press("f4")
            await wait_until(pilot, lambda: isinstance(app.screen, ReplaceScreen), what="the question again")
            await pilot.press("enter")  # "Ersätt" has the focus
            await wait_until(pilot, lambda: screen.composer.text == passage, what="replaced")

            await pilot.press("ctrl+z")
            await pilot.pause()
            assert screen.composer.text == SENTENCE

    asyncio.run(go())


def test_a_long_text_is_quoted_shortened() -> None:
    text = "ord " * 300
    quoted = shortened(text)
    assert len(quoted) < 460 and quoted.startswith("ord ord") and "tecken till" in quoted
    assert shortened("kort text") == "kort text"
