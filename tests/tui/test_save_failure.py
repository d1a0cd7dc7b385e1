"""A save that cannot happen never loses the text: the main screen keeps it, says so in a warning
that stays until a save gets through, keeps retrying, and "Spara som …" (F12) writes it to another
place, which the writer then continues on. The place fails for real (as root too): the draft's
lock file cannot be created because a folder has its name."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Button, Input, TextArea

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.storage.journal import journal_path, recover
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.main.save_warning import SaveWarning
from assistant.tui.screens.quit_unsaved import QuitUnsavedScreen
from assistant.tui.screens.save_as import SaveAsScreen

from .conftest import settle, wait_until


def _draft(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return save_draft(new_draft(load_form("finsam-malmo"), title="Skrivskyddad"), folder / "utkast.md")


def _block_the_lock(path: Path) -> None:
    """A folder where the draft's lock file goes: every save of `path` fails, for root too."""
    lock = path.parent / f".{path.name}.lock"
    lock.unlink(missing_ok=True)  # the lock file a save left (it stays, empty)
    lock.mkdir()


async def _opened(pilot) -> MainScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main screen")
    return app.screen


async def _type(pilot, screen: MainScreen, text: str) -> None:
    editor = screen.query_one("#editor", TextArea)
    editor.focus()
    editor.move_cursor(editor.document.end)
    await pilot.press(*text)


def test_a_failed_save_shows_a_warning_that_stays_and_save_as_continues_elsewhere(tmp_path: Path) -> None:
    path = _draft(tmp_path / "låst")
    on_disk = path.read_bytes()
    _block_the_lock(path)
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _opened(pilot)
            warning = screen.query_one(SaveWarning)
            await _type(pilot, screen, "Viktig text")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: warning.showing, what="the warning")
            assert warning.display and ".utkast.md.lock" in warning.message and "Spara som" in warning.message
            assert path.read_bytes() == on_disk, "nothing half-written"
            assert screen.composer.text == "Viktig text"
            await settle(pilot)
            assert warning.showing, "the warning is no toast: it stays while the text is unsaved"
            assert recover(path) is not None, "the text is in the journal too"

            await pilot.press("f12")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveAsScreen), what="the save-as dialog")
            app.screen.query_one("#save-as-path", Input).value = str(elsewhere / "ny")
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen is screen, what="the dialog closed after the save")
            target = elsewhere / "ny.md"
            assert load_draft(target).text(screen.draft.current) == "Viktig text"
            assert screen.draft.path == target and not warning.showing
            assert "ny.md" in str(screen.query_one("#titlebar").render())
            assert not journal_path(path).exists(), "the old file's journal went with the save"

            await _type(pilot, screen, " och mer")  # the writer goes on: saved to the new file
            await pilot.press("ctrl+s")
            await wait_until(
                pilot,
                lambda: load_draft(target).text(screen.draft.current) == "Viktig text och mer",
                what="the next save in the new file",
            )
            assert path.read_bytes() == on_disk

    asyncio.run(go())


def test_save_as_refuses_a_bad_place_in_the_dialog_and_keeps_the_text(tmp_path: Path) -> None:
    path = _draft(tmp_path / "låst")
    _block_the_lock(path)
    (tmp_path / "fil").write_text("en fil, ingen katalog", encoding="utf-8")

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _opened(pilot)
            await _type(pilot, screen, "Kvar")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: screen.query_one(SaveWarning).showing, what="the warning")
            await pilot.press("f12")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveAsScreen), what="the save-as dialog")
            dialog = app.screen
            error = dialog.query_one("#save-as-error")
            for bad in (str(tmp_path / "fil" / "ny.md"), str(path), str(tmp_path / "saknas" / "ny.md"), ""):
                dialog.query_one("#save-as-path", Input).value = bad
                await pilot.press("enter")
                await settle(pilot)
                assert app.screen is dialog, f"{bad!r} was accepted"
                assert str(error.render()).strip(), f"no reason shown for {bad!r}"
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is screen, what="the dialog closed")
            assert screen.composer.text == "Kvar" and screen.draft.path == path
            assert screen.query_one(SaveWarning).showing

    asyncio.run(go())


def test_retries_back_off_and_a_save_that_gets_through_hides_the_warning(tmp_path: Path) -> None:
    path = _draft(tmp_path / "låst")
    _block_the_lock(path)

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await _opened(pilot)
            screen.autosave.policy.retry = 0.05
            await _type(pilot, screen, "Till slut sparad")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: screen.autosave.failures >= 3, what="three retries")
            assert screen.query_one(SaveWarning).showing
            (path.parent / f".{path.name}.lock").rmdir()  # the place can be written again
            await wait_until(pilot, lambda: not screen.query_one(SaveWarning).showing, what="a retry that succeeds")
            assert load_draft(path).text(screen.draft.current) == "Till slut sparad"
            assert screen.autosave.failures == 0 and recover(path) is None

    asyncio.run(go())


async def _ask_to_quit(pilot, screen: MainScreen) -> QuitUnsavedScreen:
    """Ctrl+Q with a save that fails: the question, naming why, over the screen that stays."""
    app = pilot.app
    await pilot.press("ctrl+q")
    await wait_until(pilot, lambda: isinstance(app.screen, QuitUnsavedScreen), what="the question")
    dialog = app.screen
    assert ".utkast.md.lock" in str(dialog.query_one("#quit-why").render())
    assert app.is_running and screen.query_one(SaveWarning).showing
    return dialog


def test_quitting_after_a_failed_save_asks_and_the_journal_keeps_the_text(tmp_path: Path) -> None:
    path = _draft(tmp_path / "låst")
    _block_the_lock(path)

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _opened(pilot)
            await _type(pilot, screen, "Inte förlorad")
            dialog = await _ask_to_quit(pilot, screen)
            assert dialog.focused is dialog.query_one("#quit-save-as", Button), "the safe choice first"
            await pilot.press("escape")  # Avbryt: stay, with the text
            await wait_until(pilot, lambda: app.screen is screen, what="back on the text")
            assert screen.composer.text == "Inte förlorad"
            await _ask_to_quit(pilot, screen)
            await pilot.click("#quit-anyway")
            await wait_until(pilot, lambda: not app.is_running, what="quit anyway")
        found = recover(path)
        assert found is not None and "Inte förlorad" in found.sections.values()

    asyncio.run(go())


def test_save_as_from_the_quit_question_saves_elsewhere_then_quits(tmp_path: Path) -> None:
    path = _draft(tmp_path / "låst")
    _block_the_lock(path)
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await _opened(pilot)
            await _type(pilot, screen, "Räddad")
            await _ask_to_quit(pilot, screen)
            await pilot.press("enter")  # Spara som … has the focus
            await wait_until(pilot, lambda: isinstance(app.screen, SaveAsScreen), what="the save-as dialog")
            await pilot.press("escape")  # changed their mind: still open, still unsaved
            await wait_until(pilot, lambda: app.screen is screen, what="back on the text")
            assert app.is_running and screen.query_one(SaveWarning).showing
            await _ask_to_quit(pilot, screen)
            await pilot.click("#quit-save-as")
            await wait_until(pilot, lambda: isinstance(app.screen, SaveAsScreen), what="the save-as dialog")
            app.screen.query_one("#save-as-path", Input).value = str(elsewhere / "räddad")
            await pilot.press("enter")
            await wait_until(pilot, lambda: not app.is_running, what="quit once saved")
        assert load_draft(elsewhere / "räddad.md").text(load_draft(path).current or "kontaktuppgifter") == "Räddad"

    asyncio.run(go())
