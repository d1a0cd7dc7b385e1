"""The budget: detailed items and the compiled table (categories × years) with live totals.

Cells are stored as the text typed (`draft.budget`), parsed the Swedish way only to show totals;
a cell that is not an amount is marked and named, never dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from assistant.core.errors import UserError
from assistant.core.model.amounts import format_kr
from assistant.core.model.budget import BudgetItem
from assistant.core.model.dates import iso_date
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.budget_cofinancing import CofinancingSection, ContributionRow
from assistant.tui.screens.budget_rows import CompiledTable, ItemRow, ItemTotals, show_text
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.widgets.keybar import KeyBar
from assistant.usecases.checks import check_application

FINDINGS_DELAY = 0.4
SEVERITY_STYLE = {"fel": "red", "varning": "yellow", "info": "dim"}
MAX_YEARS = 10
LAYOUT_WAIT = 5.0  # s; a screen closing meanwhile is never laid out again


def project_years(draft: Draft) -> list[int]:
    """The budget's years: from the project period when set, else those already in the budget."""
    if draft.start and draft.end and draft.start <= draft.end and draft.end.year - draft.start.year < MAX_YEARS:
        return list(range(draft.start.year, draft.end.year + 1))
    return sorted(draft.budget.years)


class BudgetScreen(ClosesOnce, Screen):
    # Below 100 columns the budget check goes under the tables, which then get the whole width
    # (an item row holds a category, its text, a cell per year and its total).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # The first cell has the focus from the start (on_mount focuses it too, or the period when there
    # are no years): Textual's own first choice, the scrolling tables, restyled all their widgets
    # twice, focused and then left (~75 ms of CPU an opening).
    AUTO_FOCUS = "#compiled .cell"
    CSS = """
    BudgetScreen.-narrow #budget-body { layout: vertical; }
    BudgetScreen.-narrow #budget-tables { height: 1fr; }
    BudgetScreen.-narrow #budget-findings {
        width: 1fr; height: auto; max-height: 6; border-left: none; border-top: hkey $primary 50%;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Tillbaka", id="budget.close"),
        Binding("ctrl+o", "add_item", "Ny post", id="budget.add"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.form = draft.form
        self.years = project_years(draft)
        for year in self.years:  # the compiled table always has a column per project year
            if year not in draft.budget.years:
                draft.budget.years.append(year)
        draft.budget.years.sort()
        for category in self.form.budget.categories:
            if category not in draft.budget.categories:
                draft.budget.categories.append(category)
        self.serials = itertools.count()  # row ids are never reused, so a removed row's id is never a new one's
        # Held while the tables are rebuilt for new years or a row is mounted, so that a key arriving
        # meanwhile (Escape) does not close the screen under a half-mounted table.
        self.rebuilding = asyncio.Lock()

    # -----------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        budget = self.draft.budget
        yield Static(tr(f"[b]Budget[/b] · {self.draft.title}", f"[b]Budget[/b] · {self.draft.title}"), id="titlebar")
        with Horizontal(id="budget-body"):
            with VerticalScroll(id="budget-tables"):
                yield Static(tr("[b]Projektperiod[/b] (ÅÅÅÅ-MM-DD)", "[b]Project period[/b] (YYYY-MM-DD)"))
                with Horizontal(id="period"):
                    yield Input(
                        self.draft.start.isoformat() if self.draft.start else "",
                        id="period-start",
                        placeholder=tr("startdatum", "start date"),
                    )
                    yield Input(
                        self.draft.end.isoformat() if self.draft.end else "",
                        id="period-end",
                        placeholder=tr("slutdatum", "end date"),
                    )
                yield Static(tr("[b]Sammanställd budget[/b] (kr)", "[b]Compiled budget[/b] (SEK)"))
                yield Static(
                    tr(
                        "Ange projektperioden ovan så får tabellen en kolumn per år.",
                        "Enter the project period above to get a column per year.",
                    ),
                    id="no-years",
                    classes="hint",
                )
                yield CompiledTable(budget)
                yield Static(
                    tr("[b]Detaljerad budget[/b] (belopp per år)", "[b]Detailed budget[/b] (amounts per year)")
                )
                with Vertical(id="items"):
                    for item in budget.items:
                        yield self.item_row(item)
                yield ItemTotals(budget)
                yield Button(tr("Ny post (Ctrl+O)", "New item (Ctrl+O)"), id="add-item")
                yield Static(id="detailed-sum")
                yield CofinancingSection(budget)
            with VerticalScroll(id="budget-findings"):
                yield Static(tr("[b]Budgetkontroll[/b]", "[b]Budget check[/b]"))
                yield Static(id="findings-text")
        yield KeyBar()

    def item_row(self, item: BudgetItem) -> ItemRow:
        categories = list(self.draft.budget.categories) or list(self.form.budget.categories)
        return ItemRow(item, next(self.serials), categories, list(self.draft.budget.years))

    def on_mount(self) -> None:
        self.refresh_totals()
        self.schedule_findings()
        self.focus_first_cell()

    def focus_first_cell(self) -> None:
        if not self.is_attached:  # closed while this waited for a refresh
            return
        cells = self.query("#compiled .cell") or self.query("#period-start")  # no years yet: the period first
        if cells:
            cells.first().focus()

    # -----------------------------------------------------------------------------------------
    # Editing: the parts write into the draft's budget and say so

    @on(CompiledTable.Changed)
    @on(ItemRow.Changed)
    @on(CofinancingSection.Changed)
    def budget_edited(self) -> None:
        self.refresh_totals()
        self.schedule_findings()

    @on(Input.Submitted, "#period-start, #period-end")
    @on(Input.Blurred, "#period-start, #period-end")
    async def period_changed(self, event: Input.Submitted | Input.Blurred) -> None:
        is_start = event.input.id == "period-start"
        text = event.input.value.strip()
        value = iso_date(text) if text else None
        if text and value is None:
            event.input.add_class("bad")
            event.input.tooltip = tr("skriv datumet som 2026-01-31", "write the date as 2026-01-31")
            return
        event.input.remove_class("bad")
        if value == (self.draft.start if is_start else self.draft.end):
            return
        if is_start:
            self.draft.start = value
        else:
            self.draft.end = value
        years = project_years(self.draft)
        if years and years != self.draft.budget.years:
            await self.change_years(years)
            if isinstance(event, Input.Submitted) or self.app.focused is None:
                # After the refresh that lays the new cells out: focused before it, the terminal's
                # cursor stays where it was until a key is typed.
                self.call_after_refresh(self.focus_first_cell)

    async def change_years(self, years: list[int]) -> None:
        """New period: keep cells of years still in it, drop empty columns, rebuild the tables."""
        budget = self.draft.budget
        keep = [y for y in budget.years if y in years or any(budget.cell(c, y) for c in budget.categories)]
        keep += [y for y in budget.years if any(i.per_year.get(y) for i in budget.items)]
        budget.years = sorted(set(keep) | set(years))
        self.years = years
        async with self.rebuilding:
            if not self.is_attached:
                return
            for row in self.query(ItemRow).results(ItemRow):
                row.years = list(budget.years)
            for co_row in self.query(ContributionRow).results(ContributionRow):
                co_row.years = list(budget.years)
            parts = [self.query_one(CompiledTable), self.query_one(ItemTotals), *self.query(ItemRow)]
            parts += [*self.query(ContributionRow)]
            for part in parts:
                await part.recompose()
            self.refresh_totals()

    async def action_add_item(self) -> None:
        category = self.form.budget.categories[0] if self.form.budget.categories else ""
        item = BudgetItem(category=category, text="")
        async with self.rebuilding:
            if not self.is_attached:
                return
            self.draft.budget.items.append(item)
            row = self.item_row(item)
            # Awaited: a key right after (Escape) must not close the screen while the row is mounting.
            await self.query_one("#items").mount(row)
            # Laid out before the keys typed next are read (the app holds them while this runs): Tab
            # goes by where the fields are, and in an unplaced row it skipped the year cells.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wait_for_refresh(), LAYOUT_WAIT)
        for field in row.query(".item-text").results(Input):
            self.set_focus(field)  # at once, not after a refresh: the keys typed next are for this field
        self.refresh_totals()

    @on(Button.Pressed, "#add-item")
    async def add_pressed(self) -> None:
        await self.action_add_item()

    @on(ItemRow.Removed)
    async def remove_item(self, event: ItemRow.Removed) -> None:
        items = self.draft.budget.items
        for index, item in enumerate(items):
            if item is event.row.item:  # the row's own item, even when two items read the same
                del items[index]
                break
        async with self.rebuilding:
            await event.row.remove()
        self.refresh_totals()
        self.schedule_findings()

    async def action_close(self) -> None:
        async with self.rebuilding:  # a rebuild in flight finishes first
            if self.is_attached and self.app.screen is self:
                self.dismiss(None)

    # -----------------------------------------------------------------------------------------
    # Totals and findings

    def refresh_totals(self) -> None:
        """Every total on the screen, from `Budget.totals()`; a part being rebuilt shows its own later."""
        if not self.is_attached:
            return
        budget = self.draft.budget
        totals = budget.totals()  # the one place a budget is summed; a bad cell counts as 0, marked
        self.query_one("#no-years").display = not budget.years
        compiled, item_totals = self.query_one("#compiled", CompiledTable), self.query_one("#item-totals", ItemTotals)
        compiled.display = bool(budget.years)
        compiled.show_totals(totals)
        item_totals.display = bool(budget.items)
        item_totals.show_totals(totals)
        detailed, grand = totals.detailed.value, totals.grand.value
        note = "" if totals.detailed.complete else tr(" (utan felaktiga belopp)", " (excluding bad amounts)")
        text = tr(
            f"Detaljerad budget totalt: {format_kr(detailed)}{note}",
            f"Detailed budget in total: {format_kr(detailed)}{note}",
        )
        if budget.items and budget.years and detailed != grand:
            text += tr(
                f" – skiljer sig från sammanställningen ({format_kr(grand)})",
                f" – differs from the compiled table ({format_kr(grand)})",
            )
        show_text(self.query_one("#detailed-sum", Static), text)

    def schedule_findings(self) -> None:
        """The budget's checks after a pause in typing; a newer edit cancels the waiting run."""
        self.budget_findings(FINDINGS_DELAY)

    class Findings(Message):
        def __init__(self, lines: list[tuple[str, str]]) -> None:
            super().__init__()
            self.lines = lines

    @work(exclusive=True, group="budget-findings")
    async def budget_findings(self, delay: float) -> None:
        await asyncio.sleep(delay)
        snapshot = copy.deepcopy(self.draft)
        try:
            result = await asyncio.to_thread(check_application, snapshot)  # names bad cells itself
        except UserError as exc:
            lines = [(bad.message(lang()), "red") for bad in snapshot.budget.bad_cells()]
            problem = tr("Kontrollerna är inte tillgängliga: ", "The checks are not available: ") + exc.message(lang())
            self.post_message(self.Findings([*lines, (problem, "dim")]))
            return
        except Exception as exc:  # the remarks are a convenience: a failing check must not stop the writer
            self.post_message(self.Findings([(f"{type(exc).__name__}: {exc}", "dim")]))
            return
        self.post_message(self.Findings([_line(f) for f in result.findings if _about_budget(f)]))

    def on_budget_screen_findings(self, message: Findings) -> None:
        self.show_findings(message.lines)

    def show_findings(self, lines: list[tuple[str, str]]) -> None:
        text = Text()
        for message, style in lines:
            text.append("• " + message + "\n", style=style)
        if not lines:
            text.append(tr("Inga anmärkningar.", "No remarks."), style="green")
        self.query_one("#findings-text", Static).update(text)


def _about_budget(finding: Any) -> bool:
    return bool(finding.section == "budget" or finding.code.startswith("budget"))


def _line(finding: Any) -> tuple[str, str]:
    """A finding as a line of the budget's remarks, with its severity's style."""
    hint = finding.hint_text(lang())
    text = f"{finding.severity.label}: {finding.text(lang())}" + (f" ({hint})" if hint else "")
    return text, SEVERITY_STYLE.get(finding.severity, "")
