"""Keys typed in one burst on the budget screen land where the writer meant them, as a fast typist's or a
terminal's paste of keys does: Tab and Ctrl+O move the focus before the next key is typed, not after it
has gone to the field they left."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual import events

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.budget import BudgetScreen
from assistant.tui.screens.main import MainScreen

from ..conftest import settle, wait_until

CHARACTERS = {"tab": "\t", "space": " "}


def burst(app: AnsokanApp, keys: list[str]) -> None:
    """Every key queued at once, none waited for (Pilot's `press` waits for each key to be handled)."""
    for key in keys:
        app.post_message(events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None)))


async def on_budget(pilot, app: AnsokanApp) -> tuple[MainScreen, BudgetScreen]:
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
    main = app.screen
    await pilot.press("f7")
    await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
    await settle(pilot)
    return main, app.screen


def test_a_new_item_typed_in_one_burst_gets_its_text_and_its_amount(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            main, budget = await on_budget(pilot, app)
            before = list(main.draft.budget.items)
            compiled = [c.value for c in budget.query("#compiled .cell")]
            burst(app, ["ctrl+o", *"Resor", "tab", *"12000"])
            await wait_until(pilot, lambda: len(main.draft.budget.items) == len(before) + 1, what="the new item")
            await settle(pilot)
            item = main.draft.budget.items[-1]
            assert (item.text, item.per_year.get(2027)) == ("Resor", "12000")
            assert [c.value for c in budget.query("#compiled .cell")] == compiled  # the old focus got nothing

    asyncio.run(go())


def test_keys_after_tab_in_one_burst_go_to_the_next_cell(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="en")
        async with app.run_test(size=(80, 24)) as pilot:
            main, budget = await on_budget(pilot, app)
            budget.set_focus(budget.query_one("#item-0-2027"))
            await settle(pilot)
            burst(app, ["end", "1", "tab", "end", "2", "shift+tab", "3"])
            await settle(pilot)
            # A cell Tab reaches has its text selected (Textual's Input), so '3' replaces the 2027 cell's.
            assert main.draft.budget.items[0].per_year == {2027: "3", 2028: "656 0002"}

    asyncio.run(go())
