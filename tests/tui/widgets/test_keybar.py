"""The key bar: at 80×24 and 120×40, in Swedish and English, every key the main screen shows is on
the bar, whole (not cut at the edge), the help key and the command palette among them (F10, a spare
key, where there is room: all but Swedish at 80 columns); one row when the keys fit, and the rows laid
out again when the terminal is resized."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.widgets.keybar import KeyBar, arrange

from ..conftest import settle, wait_until


def bar_rows(app: AnsokanApp) -> list[str]:
    """The keys the bar shows whole on the terminal ('f2 Infoga'), a string a row, left to right."""
    bar = app.screen.query_one(KeyBar)
    rows: dict[int, list[FooterKey]] = {}
    for key in bar.query(FooterKey):
        region = key.region
        if region.width and region.y < bar.region.bottom and region.right <= app.size.width:
            rows.setdefault(region.y, []).append(key)
    return [
        " ".join(f"{k.key_display} {k.description}" for k in sorted(keys, key=lambda k: k.region.x))
        for _, keys in sorted(rows.items())
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_every_key_of_the_main_screen_is_on_the_bar(size: tuple[int, int], lang: str, demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code=lang)
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await settle(pilot)
            wanted = {
                (app.get_key_display(b.binding), b.binding.description)
                for b in app.screen.active_bindings.values()
                if b.binding.show
            }
            assert ("f1", "Hjälp" if lang == "sv" else "Help") in wanted
            rows = bar_rows(app)
            assert 1 <= len(rows) <= 2
            review = ("f10", "Granska" if lang == "sv" else "Review")
            if size[0] == 80 and lang == "sv":  # F10 is a spare key: the Swedish keys fill both rows at 80
                wanted.remove(review)
                assert not any("f10" in row for row in rows), rows
            assert review in wanted or lang == "sv"
            for key, description in wanted:
                assert any(f"{key} {description}" in row for row in rows), (key, description, rows)

    asyncio.run(go())


def test_the_bar_follows_a_resize(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
        async with app.run_test(size=(200, 30)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await settle(pilot)
            bar = app.screen.query_one(KeyBar)
            assert bar.region.height == 1  # everything fits on one row at 200 columns
            await pilot.resize_terminal(80, 24)
            await wait_until(pilot, lambda: bar.region.height == 2, what="a second row at 80 columns")
            await wait_until(
                pilot,
                lambda: any("f1 Hjälp" in row for row in bar_rows(app)),
                what="the help key on the bar",
                state=lambda: bar_rows(app),
            )
            assert all(k.region.right <= 80 for k in bar.query(FooterKey))

    asyncio.run(go())


def test_keys_fill_rows_in_order_and_help_always_gets_a_place() -> None:
    assert arrange([5, 5, 5], [False, False, False], [20, 20]) == [[0, 1, 2]]
    assert arrange([8, 8, 8, 4], [False, False, False, True], [20, 20]) == [[0, 1], [2, 3]]
    # Too many keys: the last ones are left out, the pinned one stays at the end of the last row.
    assert arrange([8, 8, 8, 8, 8, 4], [False, False, False, False, False, True], [17, 17]) == [[0, 1], [2, 5]]


def shown_keys(app: AnsokanApp) -> set[tuple[str, str]]:
    return {
        (app.get_key_display(b.binding), b.binding.description)
        for b in app.screen.active_bindings.values()
        if b.binding.show
    }


def test_the_bar_is_built_again_only_when_its_keys_change(demo_copy: Path) -> None:
    """Tab through the budget's cells leaves the keys as they were: the same key widgets stay (Textual's
    footer built them all again on every focus change). Back on the main screen its own keys show."""
    from assistant.tui.screens.budget import BudgetScreen

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code="sv")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await settle(pilot)
            main = app.screen
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
            await settle(pilot)
            budget = app.screen
            keys = list(budget.query_one(KeyBar).query(FooterKey))
            focused = []
            for _ in range(6):
                await pilot.press("tab")
                await settle(pilot)
                focused.append(app.focused)
                assert list(budget.query_one(KeyBar).query(FooterKey)) == keys
            assert len(set(focused)) > 1  # the focus did move
            assert all(f"{key} {text}" in " ".join(bar_rows(app)) for key, text in shown_keys(app))
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main, what="back on the main screen")
            await settle(pilot)
            rows = " ".join(bar_rows(app))
            assert ("f7", "Budget") in shown_keys(app)
            assert all(f"{key} {text}" in rows for key, text in shown_keys(app)), rows

    asyncio.run(go())
