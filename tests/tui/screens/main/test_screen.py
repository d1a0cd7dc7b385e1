"""The main screen gives the writer's text the room: Ctrl+G hides the conversation (the editor takes
its rows) and shows it again; a question in the command line shows it again for the answer."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.widgets.chat.chat import Chat

from ...conftest import settle, wait_until


def test_ctrl_g_gives_the_conversations_rows_to_the_editor_and_a_question_brings_it_back(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await settle(pilot)
            screen = app.screen
            chat, editor = screen.query_one(Chat), screen.composer.editor
            rows, chat_rows = editor.region.height, chat.region.height
            assert chat_rows > 0
            await pilot.press("ctrl+g")
            await wait_until(pilot, lambda: editor.region.height == rows + chat_rows, what="the editor grown")
            assert not chat.region.height and app.focused is editor, "the writer stays in the text"
            await pilot.press("ctrl+g")
            await wait_until(pilot, lambda: editor.region.height == rows, what="the conversation back")
            await pilot.press("ctrl+g")
            await wait_until(pilot, lambda: not chat.region.height, what="hidden again")
            screen.query_one("#command", Input).value = "vad saknas?"
            screen.query_one("#command", Input).focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: chat.region.height > 0, what="the conversation shown for the answer")

    asyncio.run(go())
