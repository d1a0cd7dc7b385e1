"""Taking a suggestion is one step in the editor's history: Ctrl+Z takes it back, Ctrl+Y brings it again.

The crash this guards against (Textual 8.2, Textualize/textual#6686): in an empty section, type a
sentence, take a long suggestion with F3 ("Lägg sist") and press Ctrl+Z. Undo shortened the text
while the cursor was still at the end of the taken passage; the scrollbar refresh in between then
asked for that row and the app died with `ValueError: The document line index 1 is out of bounds`,
losing the passage from the draft."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import TextArea

from assistant.core.model.drafts import load_draft, new_draft, normalise_text, save_draft
from assistant.core.model.forms import load_form
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.dialogs import SuggestionScreen
from assistant.tui.screens.main import MainScreen

from ...conftest import settle, wait_until

SENTENCE = "Många unga vuxna står långt från arbetsmarknaden."
SECTION = "bakgrund"


def empty_draft(tmp_path: Path) -> Path:
    draft = new_draft(load_form("finsam-malmo"), title="Ångra")
    draft.current = SECTION
    path = tmp_path / "angra.md"
    save_draft(draft, path)
    return path


async def typed_with_suggestions(pilot) -> MainScreen:
    """The main screen on the empty section, the sentence typed key by key, suggestions for it shown."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main screen")
    screen = app.screen
    assert screen.draft.current == SECTION and screen.composer.text == ""
    # The sentence as the writer's own edits: the start pasted, the last word typed key by key
    # (every key waits for the app to be idle, so typing it all makes the test slow, not truer).
    head, last = SENTENCE.rsplit(" ", 1)
    screen.composer.editor.insert(head + " ")
    await pilot.press(*last)
    await wait_until(
        pilot,
        lambda: screen.suggestions.answered == SENTENCE and screen.suggestions.listing.items,
        what="suggestions for the sentence",
        state=lambda: (screen.suggestions.answered, screen.suggestions.error),
    )
    assert screen.composer.text == SENTENCE
    return screen


@pytest.mark.parametrize(
    ("key", "taken"),
    [
        ("f3", lambda passage: f"{SENTENCE}\n\n{passage}"),  # Lägg sist: the reported crash
        ("f2", lambda passage: f"{SENTENCE} {passage}"),  # Infoga at the cursor (the end), a space between
        ("f4", lambda passage: passage),  # Ersätt
    ],
)
def test_take_undo_redo_in_an_empty_section(tmp_path: Path, key: str, taken) -> None:
    path = empty_draft(tmp_path)

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await typed_with_suggestions(pilot)
            passage = screen.suggestions.chosen.text.strip()
            assert passage.count("\n") or len(passage) > 400, "a passage long enough to make the editor scroll"

            await pilot.press(key)
            if key == "f4":  # F4 asks "Ersätt?" first; its Ersätt button has the focus
                await wait_until(pilot, lambda: app.screen is not screen, what="the question")
                await pilot.press("enter")
            await pilot.pause()
            assert screen.composer.text == taken(passage)

            await pilot.press("ctrl+z")
            await pilot.pause()
            assert screen.composer.text == SENTENCE, "one Ctrl+Z takes back exactly the taken passage"

            await pilot.press("ctrl+y")
            await pilot.pause()
            assert screen.composer.text == taken(passage), "Ctrl+Y brings it back"

            await pilot.press("ctrl+s")
            await settle(pilot)
            assert load_draft(path).text(SECTION) == normalise_text(screen.composer.text)
            await pilot.press("ctrl+q")
        assert app.return_code == 0

    asyncio.run(go())


def test_an_adapted_suggestion_is_one_undoable_step_too(tmp_path: Path) -> None:
    path = empty_draft(tmp_path)

    async def go() -> None:
        app = AnsokanApp(load_draft(path))
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await typed_with_suggestions(pilot)
            await pilot.press("f6")
            await wait_until(
                pilot,
                lambda: isinstance(app.screen, SuggestionScreen) and not app.screen.adapting,
                what="the adapted suggestion",
            )
            dialog = app.screen
            passage = (dialog.adapted or dialog.suggestion).text.strip()
            await pilot.click("#append")
            await wait_until(pilot, lambda: app.screen is screen, what="back from the dialog")
            assert screen.composer.text == f"{SENTENCE}\n\n{passage}"
            await pilot.press("ctrl+z")
            await pilot.pause()
            assert screen.composer.text == SENTENCE
            await pilot.press("ctrl+shift+z")  # redo as in most editors, where the terminal can send it
            await pilot.pause()
            assert screen.composer.text == f"{SENTENCE}\n\n{passage}"

    asyncio.run(go())


def test_undo_and_redo_keys_have_ids_a_keymap_can_move(tmp_path: Path, private_dirs: Path) -> None:
    from assistant.tui import settings

    (private_dirs / "config" / "keymap.toml").write_text('"editor.undo" = "ctrl+g"\n', encoding="utf-8")
    path = empty_draft(tmp_path)

    async def go() -> None:
        app = AnsokanApp(load_draft(path), settings=settings.load_settings())
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            screen = app.screen
            # One edit, so it is one undo step: typed key by key, TextArea starts a new undo step after
            # two seconds between keys, which a loaded machine made happen between "O" and "rd".
            screen.query_one("#editor", TextArea).insert("Ord")
            await pilot.pause()
            await pilot.press("ctrl+g")
            await pilot.pause()
            assert screen.composer.text == ""
            await pilot.press("ctrl+y")
            await pilot.pause()
            assert screen.composer.text == "Ord"

    asyncio.run(go())
