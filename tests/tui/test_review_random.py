"""Random decisions on the review screen: a seeded run of its keys (accept, reject, edit, all of a
reviewer's, resolve, answer, undo, moving in the list), each awaited, with words typed into the
dialogs the keys open. The app never crashes, the screen stays the review screen, and after the
run the draft on disk holds exactly the text the editor holds, its record of decisions naming only
changes of this review."""

from __future__ import annotations

import asyncio
import random
import shutil
from pathlib import Path

import pytest

from assistant.core.model.drafts import load_draft, normalise_text
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.review import ReviewScreen
from assistant.tui.screens.review_dialogs import EditChangeScreen

from .conftest import settle, wait_until

FIXTURE = Path(__file__).parents[1] / "fixtures" / "review"
KEYS = ["f2", "f3", "f4", "f5", "f6", "f7", "f8", "ctrl+z", "up", "down", "down", "home", "end"]
STEPS = 120
SEEDS = (1, 2)


@pytest.mark.slow  # about 15 s a seed under load
@pytest.mark.parametrize("seed", SEEDS)
def test_random_decisions_never_crash_nor_lose_text(tmp_path: Path, seed: int) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir(exist_ok=True)
    for name in ("utkast.md", "granskad.docx"):
        shutil.copyfile(FIXTURE / name, folder / name)
    rng = random.Random(seed)

    async def go() -> None:
        app = AnsokanApp(load_draft(folder / "utkast.md"))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main")
            main = app.screen
            await pilot.press("f10", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review screen")
            review = app.screen
            for step in range(STEPS):
                key = rng.choice(KEYS)
                await pilot.press(key)
                if isinstance(app.screen, EditChangeScreen):  # F4 or F8 opened its dialog
                    await pilot.press(*rng.choice(["drygt", "", "och", "Ja"]), rng.choice(["enter", "escape"]))
                    await wait_until(pilot, lambda: app.screen is review, what="back from the dialog")
                assert app.screen is review, f"step {step} ({key!r}) of seed {seed} left the review screen"
                editor = main.composer.text
                assert normalise_text(main.draft.text(main.draft.current)) == normalise_text(editor)
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main, what="the main screen")
            main.autosave.save()
            await settle(pilot)
            on_disk = load_draft(folder / "utkast.md")
            for key in main.form.keys:
                assert on_disk.text(key) == normalise_text(main.draft.text(key)), key
            decided = {d["change"] for r in on_disk.meta.get("reviews", []) for d in r["decisions"]}
            assert decided <= {1, 2, 3, 4, 5} and decided == set(review.decisions)

    asyncio.run(go())
