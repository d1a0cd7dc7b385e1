"""The budget screen's co-financing: partners' contributions typed per year, summed apart from the
funder's money, and saved with the draft."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Input, Select

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.budget import BudgetScreen
from assistant.tui.screens.budget_cofinancing import ContributionRow
from assistant.tui.screens.main import MainScreen

from ..conftest import plain, settle, shown, wait_until


def test_a_contribution_is_added_typed_summed_apart_and_saved(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
            main = app.screen
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
            budget = app.screen
            assert "Ingen medfinansiering" in shown(budget, "#cofinancing-sum")
            budget.query_one("#add-cofinancing").scroll_visible(animate=False)
            await settle(pilot)
            await pilot.click("#add-cofinancing")
            await wait_until(pilot, lambda: len(budget.query(ContributionRow)) == 1, what="a contribution row")
            assert app.focused is budget.query_one("#co-partner-0", Input)
            await pilot.press(*"Arbetsförmedlingen")
            budget.query_one("#co-kind-0", Select).value = "arbetstid"
            budget.query_one("#co-text-0", Input).value = "0,2 tjänst handläggare"
            budget.query_one("#co-0-2027", Input).value = "0,2 tjänst × 40 000 kr/mån × 12 mån"
            budget.query_one("#co-0-2028", Input).value = "100 000"
            await wait_until(pilot, lambda: "196 000" in plain(shown(budget, "#cofinancing-sum")), what="the sum")
            assert plain(shown(budget, "#cofinancing-sum")) == (
                "Medfinansiering totalt: 196 000 kr (Arbetsförmedlingen 196 000 kr)"
            )
            assert plain(shown(budget, "#items-total")) == "2 500 000 kr"  # not the funder's money
            bad = budget.query_one("#co-0-2028", Input)
            bad.value = "10x"
            await wait_until(pilot, lambda: bad.has_class("bad"), what="the bad cell marked")
            # as in the detailed budget, a contribution with a bad cell counts as 0, marked with a star
            assert plain(shown(budget, "#cofinancing-sum")).startswith("Medfinansiering totalt: 0 kr *")
            bad.value = "100 000"
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is main, what="back on the main screen")
            await settle(pilot)
            assert main.draft.budget.cofinancing[0].partner == "Arbetsförmedlingen"

    asyncio.run(go())
    [saved] = load_draft(demo_copy).budget.cofinancing
    assert (saved.partner, saved.kind, saved.text) == ("Arbetsförmedlingen", "arbetstid", "0,2 tjänst handläggare")
    assert saved.per_year == {2027: "0,2 tjänst × 40 000 kr/mån × 12 mån", 2028: "100 000"}


def test_a_contribution_row_is_removed(demo_copy: Path) -> None:
    draft = load_draft(demo_copy)
    from assistant.core.model.budget import Contribution

    draft.budget.cofinancing = [Contribution("Region Skåne", kind="pengar", total="50 000")]

    async def go() -> None:
        app = AnsokanApp(draft)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages)
            await pilot.press("f7")
            await wait_until(pilot, lambda: isinstance(app.screen, BudgetScreen), what="budget screen")
            budget = app.screen
            assert (
                plain(shown(budget, "#cofinancing-sum")) == "Medfinansiering totalt: 50 000 kr (Region Skåne 50 000 kr)"
            )
            budget.query_one("#co-remove-0").scroll_visible(animate=False)
            await settle(pilot)
            await pilot.click("#co-remove-0")
            await wait_until(pilot, lambda: not budget.query(ContributionRow), what="the row removed")
            assert draft.budget.cofinancing == []
            assert "Ingen medfinansiering" in shown(budget, "#cofinancing-sum")

    asyncio.run(go())
