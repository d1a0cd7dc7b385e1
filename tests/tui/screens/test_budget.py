"""The budget screen: an amount per year for each item, totals per year and in all, live."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.budget import BudgetScreen
from assistant.tui.screens.budget_rows import ItemRow
from assistant.tui.screens.main import MainScreen

from ..conftest import plain, settle, shown, wait_until


def test_items_have_an_amount_per_year_and_the_totals_follow(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
            main = app.screen
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
            budget = app.screen
            assert plain(shown(budget, "#items-year-2027")) == "1 255 000 kr"
            assert plain(shown(budget, "#items-total")) == "2 500 000 kr"

            # Typed into the first item's 2027 cell, key by key: the item, its year and the whole change.
            cell = budget.query_one("#item-0-2027", Input)
            cell.focus()
            await pilot.press(*["backspace"] * 7, *"700 000")
            await wait_until(pilot, lambda: main.draft.budget.items[0].per_year[2027] == "700 000", what="typed")
            assert plain(shown(budget, "#items-year-2027")) == "1 315 000 kr"
            assert plain(shown(budget, "#items-total")) == "2 560 000 kr"
            assert plain(budget.query_one("#item-total-0", Input).placeholder) == "= 1 356 000 kr"
            assert "skiljer sig" in shown(budget, "#detailed-sum")  # the compiled table says 2 500 000

            # A bad amount is marked and counted as 0 with a star; removing an item updates the sums.
            cell.value = "7x"
            await wait_until(pilot, lambda: cell.has_class("bad"), what="the bad cell")
            assert plain(shown(budget, "#items-year-2027")).endswith("kr *")
            cell.value = "640 000"
            await pilot.click("#item-remove-4")  # Resor, material … (45 000 + 25 000)
            await wait_until(pilot, lambda: len(budget.query(ItemRow)) == 4, what="the row removed")
            assert [i.text for i in main.draft.budget.items][-1] == "Utbildning i Supported Employment"
            assert plain(shown(budget, "#items-total")) == "2 430 000 kr"

            # A longer period adds a year to every row, keeping what was typed.
            end = budget.query_one("#period-end", Input)
            end.value = "2029-12-31"
            end.focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: bool(budget.query("#item-0-2029")), what="the year 2029")
            assert budget.query_one("#item-0-2027", Input).value == "640 000"
            assert budget.query("#cell-0-2029") and budget.query("#items-year-2029")
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main, what="back on the main screen")
            await settle(pilot)

    asyncio.run(go())
    items = load_draft(demo_copy).budget.items
    assert len(items) == 4 and items[0].per_year == {2027: "640 000", 2028: "656 000"}


def test_a_formula_in_a_year_cell_counts_and_explains_itself(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
            budget = app.screen
            cell = budget.query_one("#item-0-2027", Input)
            cell.value = "0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO"  # 299 638 kr
            await wait_until(pilot, lambda: "299 638" in plain(str(cell.tooltip)), what="the explanation")
            assert not cell.has_class("bad")
            assert plain(budget.query_one("#item-total-0", Input).placeholder) == "= 955 638 kr"  # + 656 000
            # the amount it works out to stands under the year, seen without hovering; not under a plain amount
            assert plain(shown(budget, "#item-amount-0-2027")) == "= 299 638 kr"
            assert plain(shown(budget, "#item-amount-0-2028")) == ""
            cell.value = "12 000"
            await wait_until(
                pilot, lambda: plain(shown(budget, "#item-amount-0-2027")) == "", what="no amount under it"
            )
            cell.value = "350 kr/tim × 100 tim"
            await wait_until(pilot, lambda: "35 000" in plain(shown(budget, "#item-amount-0-2027")), what="the new one")

    asyncio.run(go())


def test_a_long_formula_typed_into_a_narrow_cell_keeps_the_cursor_in_sight(demo_copy: Path) -> None:
    """A cell asks to be redrawn, not the screen laid out, as its text grows (budget_rows.Cell):
    the cell still scrolls with the cursor, to the end as it is typed and back with Home."""

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
            for cell_id in ("#item-0-2027", "#cell-0-2027"):  # 13 columns wide; the compiled table's
                cell = app.screen.query_one(cell_id, Input)
                cell.focus()
                await pilot.press("end", *" + 0,5 tjänst × 38 000 kr/mån × 12 mån")
                await settle(pilot)
                assert cell.value.endswith("12 mån")
                assert cell.scroll_x > 0
                assert "12 mån" in cell.render_line(0).text, cell.render_line(0).text  # the end is in sight
                await pilot.press("home")
                await settle(pilot)
                assert cell.scroll_x == 0 and cell.render_line(0).text.startswith(cell.value[:5])

    asyncio.run(go())
