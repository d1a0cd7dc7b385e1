"""The chat pane in the running interface: the line says what Enter will do, a question is
answered in the conversation, and the links in an answer act (go to a heading, take a suggestion)."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from textual.widgets import Input, Markdown

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.widgets.chat.chat import Chat
from assistant.tui.widgets.chat.pane import ChatPane

from ...conftest import settle, wait_until


def in_app(test):
    """Run an async test (the project uses no async plugin for pytest)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


async def main_screen(pilot) -> MainScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main screen")
    await settle(pilot)
    return app.screen


async def ask(pilot, screen: MainScreen, question: str) -> str:
    """Type `question` in the chat line, press Enter, wait for the assistant's answer."""
    before = len(screen.messages)
    await pilot.press("ctrl+l")
    screen.query_one("#command", Input).insert_text_at_cursor(question)
    await pilot.press("enter")
    await wait_until(
        pilot,
        lambda: len(screen.messages) >= before + 2 and screen.messages[before + 1].role == "assistant",
        what=f"the answer to {question!r}",
    )
    await settle(pilot)
    assert screen.messages[before].role == "writer" and screen.messages[before].text == question
    return screen.messages[before + 1].text


def bubbles(screen: MainScreen) -> list[Markdown]:
    return list(screen.query_one(Chat).query(Markdown))


@in_app
async def test_the_line_shows_what_enter_will_do(demo_copy: Path) -> None:
    app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        line = screen.query_one("#command", Input)
        await pilot.press("ctrl+l")
        for text, label in [
            ("vad saknas?", "fråga – svar i chatten"),
            ("samverkan psykiatrin IPS", "sökning i biblioteket"),
            ("/hjälp", "kommando"),
        ]:
            line.value = ""
            line.insert_text_at_cursor(text)
            await wait_until(pilot, lambda label=label: label in str(line.border_subtitle), what=label)
        line.value = ""
        await wait_until(pilot, lambda: not line.border_subtitle, what="no label on an empty line")


@in_app
async def test_a_question_is_answered_and_its_heading_link_moves_the_editor(demo_copy: Path) -> None:
    app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        searched = screen.suggestions.answered
        text = await ask(pilot, screen, "vad saknas?")
        assert "3.4 Organisering" in text and "(goto:organisering)" in text
        assert screen.suggestions.answered == searched  # a question is not a library search
        answer = bubbles(screen)[-1]
        assert "Organisering" in answer.source and "goto:" not in str(answer.render())
        chat = screen.query_one(Chat)
        await wait_until(pilot, lambda: chat.at_end, what="an answer that fits shown whole, at the end")
        answer.post_message(Markdown.LinkClicked(answer, "goto:organisering"))
        await wait_until(pilot, lambda: screen.draft.current == "organisering", what="the editor on 3.4")
        await settle(pilot)
        assert screen.focused is screen.composer.editor


@in_app
async def test_asking_to_go_somewhere_moves_at_once(demo_copy: Path) -> None:
    app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await ask(pilot, screen, "gå till tidsplanen")
        await wait_until(pilot, lambda: screen.draft.current == "tidsplan", what="the editor on 3.1")


@in_app
async def test_taking_a_suggestion_from_an_answer_is_one_undoable_step(demo_copy: Path) -> None:
    app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        text = await ask(pilot, screen, "visa exempel på uppföljning")
        pane = screen.query_one(ChatPane)
        passage_id, (suggestion, section) = next(iter(pane.offered.items()))
        assert f"(take:{passage_id})" in text and section == "uppfoljning"
        before = screen.draft.text("uppfoljning")
        answer = bubbles(screen)[-1]
        answer.post_message(Markdown.LinkClicked(answer, f"take:{passage_id}"))
        await wait_until(pilot, lambda: screen.draft.current == "uppfoljning", what="the editor on 4")
        passage = " ".join(suggestion.text.split())[:40]
        await wait_until(pilot, lambda: passage in " ".join(screen.composer.text.split()), what="the passage taken")
        await settle(pilot)
        screen.set_focus(screen.composer.editor)
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: screen.composer.text == before, what="one Ctrl+Z takes it back")


@in_app
async def test_the_history_scrolls_from_the_line(demo_copy: Path) -> None:
    app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        for question in ("vad saknas?", "stämmer budgeten?"):
            await ask(pilot, screen, question)
        chat = screen.query_one(Chat)
        await wait_until(pilot, lambda: chat.max_scroll_y > 0, what="a conversation taller than its pane")
        shown_from = chat.scroll_y
        await pilot.press("pageup")
        await wait_until(pilot, lambda: chat.scroll_y < shown_from, what="scrolled up")
        await pilot.press("pagedown", "pagedown", "pagedown", "pagedown")
        await wait_until(pilot, lambda: chat.at_end, what="back at the end")


@in_app
async def test_a_long_answer_is_shown_from_its_start(demo_copy: Path) -> None:
    app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        chat = screen.query_one(Chat)
        await ask(pilot, screen, "stämmer budgeten?")  # taller than the pane at 80x24
        answer = bubbles(screen)[-1]
        await wait_until(pilot, lambda: answer.outer_size.height > chat.size.height, what="a tall answer laid out")
        top = answer.virtual_region.y
        await wait_until(
            pilot, lambda: chat.scroll_y <= top < chat.scroll_y + chat.size.height, what="the answer's first line shown"
        )
        assert not chat.at_end
