"""Random sequences of the bound keys and typed text, on every screen: the app never crashes, and
after a final save the draft on disk holds exactly the text the editor holds, section by section.

The keys come from the screens' own BINDINGS (so a new binding is exercised without editing this
test), the editor's and the fields' editing keys, and letters. They are delivered as a terminal
delivers a fast typist's keys (queued, not each awaited until the app is idle), seeded, so a
failure is replayed by its seed. LibreOffice is hidden (an export writes the .docx only)."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path

import pytest
from textual import events

from assistant.core.model.drafts import load_draft, normalise_text
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.budget import BudgetScreen
from assistant.tui.screens.checks import CheckScreen
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.facts import FactsScreen
from assistant.tui.screens.main import MainScreen

from .conftest import settle, wait_until

# Keys that leave the app or open Textual's own palette are not the writer's work.
NOT_PRESSED = {"ctrl+q", "ctrl+p", "ctrl+c"}
EDITING = ["ctrl+z", "ctrl+y", "tab", "shift+tab", "enter", "backspace", "delete", "left", "right", "up", "down"]
EDITING += ["home", "end", "space", "escape"]
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöABCÅÄÖ0123456789 .,-"
SCREENS = {"main": None, "budget": "f7", "checks": "f8", "export": "f9", "facts": "ctrl+r"}
KINDS = {"budget": BudgetScreen, "checks": CheckScreen, "export": ExportScreen, "facts": FactsScreen}
SEEDS = (1, 2, 3, 4)


class LostText(AssertionError):
    """The draft on disk differs from the editor: always a failure."""


KEYS_PER_RUN = 500  # × 4 seeds = 2,000 key events per screen


def bound_keys() -> list[str]:
    keys: set[str] = set()
    for owner in (AnsokanApp, MainScreen, BudgetScreen, CheckScreen, ExportScreen, FactsScreen):
        for binding in owner.BINDINGS:
            keys.update(k.strip() for k in binding.key.split(","))  # type: ignore[union-attr]
    return sorted(keys - NOT_PRESSED)


def key_event(key: str) -> events.Key:
    if len(key) == 1:
        name = {" ": "space", ".": "full_stop", ",": "comma", "-": "minus"}.get(key, key)
        return events.Key(name, key)
    return events.Key(key, " " if key == "space" else None)


async def press_quickly(pilot, key: str) -> None:
    """One key as the terminal sends it: queued behind the ones before, not awaited until idle."""
    app = pilot.app
    event = key_event(key)
    event.set_sender(app)
    app._driver.send_message(event)
    await asyncio.sleep(0)


def sequence(seed: int, target: str) -> list[str]:
    rng = random.Random(seed)
    bound, entry = bound_keys(), SCREENS[target]
    keys = []
    for _ in range(KEYS_PER_RUN):
        roll = rng.random()
        if entry and roll < 0.04:
            keys.append(entry)  # back into the screen under test when a key left it
        elif roll < 0.25:
            keys.append(rng.choice(bound))
        elif roll < 0.45:
            keys.append(rng.choice(EDITING))
        else:
            keys.append(rng.choice(LETTERS))
    return keys


async def back_to_main(pilot) -> MainScreen:
    app = pilot.app
    for _ in range(20):
        await settle(pilot)
        if isinstance(app.screen, MainScreen):
            return app.screen
        await press_quickly(pilot, "escape")
    raise AssertionError(f"could not get back to the main screen from {app.screen!r}")


async def quiet(pilot, main: MainScreen) -> tuple[str, str]:
    """The section shown and the editor's text once a section change still under way is done."""
    seen = None
    for _ in range(50):
        main.sync_editor()
        now = (main.draft.current, main.composer.text)
        if now == seen:
            return now
        seen = now
        await settle(pilot)
        await asyncio.sleep(0.05)
    raise AssertionError("the main screen did not settle")


@pytest.mark.slow  # about 20 s a run (the app's workers search, estimate and save as keys arrive)
@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("target", list(SCREENS))
def test_random_keys_never_crash_nor_lose_text(
    demo_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
    seed: int,
) -> None:
    monkeypatch.chdir(tmp_path)  # a relative file name typed in the export dialog stays in here
    monkeypatch.setenv("ANSOKAN_SOFFICE", str(tmp_path / "no-soffice"))  # hidden, its usual folders too
    keys = sequence(seed, target)

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
            if SCREENS[target]:
                await pilot.press(SCREENS[target])
                await wait_until(pilot, lambda: isinstance(app.screen, KINDS[target]), what=target)
            for n, key in enumerate(keys):
                await press_quickly(pilot, key)
                if n % 25 == 24:  # a breath now and then (pilot.pause waits for idle: seconds)
                    await asyncio.sleep(0.01)
                assert app.is_running, f"the app stopped after key {n} ({key!r}) of seed {seed}"
            main = await back_to_main(pilot)
            current, editor_text = await quiet(pilot, main)
            main.autosave.save()
            await settle(pilot)
            on_disk = load_draft(main.draft.path)  # where the app continues (F12 may have saved it as a copy)
            for key in main.form.keys:
                if on_disk.text(key) != normalise_text(main.draft.text(key)):
                    raise LostText(f"section {key}, seed {seed}")
            if on_disk.text(current) != normalise_text(editor_text):
                raise LostText(f"the editor's section {current}, seed {seed}")
        assert app.return_code in (None, 0)

    asyncio.run(go())
