"""On open, text the journal holds and the file does not is offered back: "Återställ" puts it in
the editor and saves it; "Kasta" removes the journal and leaves the file as it is; a journal that
holds nothing new is removed without a question."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import TextArea

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.storage.journal import Journal, recover
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.recovery import RecoveryScreen

from ..conftest import settle, wait_until


def _killed_run(tmp_path: Path, text: str) -> tuple[Path, str]:
    """A draft and the journal a run killed after typing `text` in its first section left."""
    draft = new_draft(load_form("finsam-malmo"), title="Återställ")
    path = save_draft(draft, tmp_path / "utkast.md")
    key = draft.form.headings[0].key
    Journal.for_draft(path).record(key, text)
    return path, key


async def _asked(pilot) -> RecoveryScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, RecoveryScreen), what="the recovery question")
    return pilot.app.screen


def test_restore_puts_the_journaled_text_back_and_saves_it(tmp_path: Path) -> None:
    path, key = _killed_run(tmp_path, "Skrivet före kill")

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _asked(pilot)
            assert "Skrivet" not in load_draft(path).text(key)
            await pilot.press("enter")  # "Återställ" has the focus
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="the main screen")
            screen = app.screen
            assert dialog is not screen
            await wait_until(pilot, lambda: load_draft(path).text(key) == "Skrivet före kill", what="the save")
            assert screen.query_one("#editor", TextArea).text == "Skrivet före kill"
            await settle(pilot)
            assert recover(path) is None, "saved: the journal is gone"

    asyncio.run(go())


def test_discard_removes_the_journal_and_keeps_the_file(tmp_path: Path) -> None:
    path, _key = _killed_run(tmp_path, "Inte önskad")
    before = path.read_bytes()

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            dialog = await _asked(pilot)
            await pilot.click("#recover-no")
            await wait_until(pilot, lambda: app.screen is not dialog, what="the question answered")
            assert app.screen.query_one("#editor", TextArea).text == ""
            await settle(pilot)
        assert recover(path) is None and path.read_bytes() == before

    asyncio.run(go())


def test_a_journal_the_file_already_holds_asks_nothing(tmp_path: Path) -> None:
    path, _key = _killed_run(tmp_path, "")  # the file's own (empty) text

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
            await settle(pilot)
            assert not isinstance(app.screen, RecoveryScreen)
        assert recover(path) is None

    asyncio.run(go())
