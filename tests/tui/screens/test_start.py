"""The start screen renames and deletes drafts; a deleted draft is in the trash and comes back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from assistant.tui.app import AnsokanApp
from assistant.tui.screens.start import StartScreen
from assistant.tui.screens.start_dialogs import DeleteScreen, RenameScreen
from assistant.tui.settings import drafts_dir, recent_drafts, remember_draft
from assistant.usecases.drafts import create_draft, deleted_drafts

from ..conftest import wait_until


@pytest.fixture
def two_drafts() -> list[Path]:
    made = []
    for name in ("forsta", "andra"):  # "andra" remembered last: first in the list
        path = drafts_dir() / f"{name}.md"
        create_draft("finsam-malmo", path, title=name.title(), create_parent=True)
        path.with_name(path.name + "~").write_text("backup", encoding="utf-8")
        remember_draft(path, name.title(), "finsam-malmo")
        made.append(path)
    return made


def test_a_draft_is_renamed_with_its_backup(two_drafts: list[Path]) -> None:
    first, second = two_drafts

    async def go() -> None:
        app = AnsokanApp(None)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), what="start")
            start = app.screen
            assert start.query_one("#recent", OptionList).highlighted == 0
            await pilot.press("f2")
            await wait_until(pilot, lambda: isinstance(app.screen, RenameScreen), what="rename dialog")
            field = app.screen.query_one("#rename-name", Input)
            assert field.value == "andra"
            field.value = "forsta"  # taken: said so, nothing moves
            await pilot.press("enter")
            await wait_until(pilot, lambda: "finns redan" in str(app.screen.query_one("#rename-error").render()))
            field.value = "andra ansökan"
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen is start, what="back on the start screen")
            assert Path(start.recent[0]["path"]).name == "andra ansökan.md"

    asyncio.run(go())
    renamed = second.with_name("andra ansökan.md")
    assert renamed.is_file() and not second.exists() and first.is_file()
    assert renamed.with_name(renamed.name + "~").read_text(encoding="utf-8") == "backup"


def test_delete_asks_first_then_moves_to_the_trash_and_ctrl_z_brings_it_back(two_drafts: list[Path]) -> None:
    first, second = two_drafts
    text = second.read_text(encoding="utf-8")

    async def go() -> None:
        app = AnsokanApp(None, lang_code="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), what="start")
            start = app.screen
            await pilot.press("delete")
            await wait_until(pilot, lambda: isinstance(app.screen, DeleteScreen), what="the question")
            assert "Delete the draft?" in str(app.screen.query_one(".dialog-title").render())
            await pilot.press("enter")  # Cancel has the focus
            await wait_until(pilot, lambda: app.screen is start, what="cancelled")
            assert second.is_file()

            await pilot.press("delete")
            await wait_until(pilot, lambda: isinstance(app.screen, DeleteScreen), what="the question")
            await pilot.click("#delete-yes")
            await wait_until(pilot, lambda: app.screen is start and start.deleted is not None, what="deleted")
            assert not second.exists() and not second.with_name(second.name + "~").exists()
            assert [e["path"] for e in start.recent] == [str(first.resolve())]
            assert deleted_drafts()[0].original == second.absolute()

            await pilot.press("ctrl+z")
            await wait_until(pilot, lambda: start.deleted is None, what="restored")
            assert [Path(e["path"]).name for e in start.recent] == ["andra.md", "forsta.md"]

    asyncio.run(go())
    assert second.read_text(encoding="utf-8") == text
    assert second.with_name(second.name + "~").read_text(encoding="utf-8") == "backup"
    assert deleted_drafts() == [] and [Path(e["path"]).name for e in recent_drafts()] == ["andra.md", "forsta.md"]
