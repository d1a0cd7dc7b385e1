"""The budget: detailed items and the compiled table (categories × years) with live totals.

Cells are stored as the text typed (`draft.budget`), parsed the Swedish way only to show totals;
a cell that is not an amount is marked and named, never dropped.
"""

from __future__ import annotations

import asyncio
import copy
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select, Static

from assistant.core.errors import UserError
from assistant.core.model.amounts import AmountError, format_kr, parse_amount
from assistant.core.model.budget import BudgetItem, Sum
from assistant.core.model.dates import iso_date
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.usecases.checks import check_application

FINDINGS_DELAY = 0.4
SEVERITY_STYLE = {"fel": "red", "varning": "yellow", "info": "dim"}
MAX_YEARS = 10


def project_years(draft: Draft) -> list[int]:
    """The budget's years: from the project period when set, else those already in the budget."""
    if draft.start and draft.end and draft.start <= draft.end and draft.end.year - draft.start.year < MAX_YEARS:
        return list(range(draft.start.year, draft.end.year + 1))
    return sorted(draft.budget.years)


def safe_amount(text: str, where: str) -> tuple[Decimal | None, str | None]:
    """(value, None) for an amount or an empty cell, (None, error) for anything else."""
    try:
        return parse_amount(text, where=where), None
    except AmountError as exc:
        return None, exc.message(lang())


class BudgetScreen(Screen):
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
        self.cells: dict[str, tuple[str, int]] = {}

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
                if not budget.years:
                    yield Static(
                        tr(
                            "Ange projektperioden ovan så får tabellen en kolumn per år.",
                            "Enter the project period above to get a column per year.",
                        ),
                        classes="hint",
                    )
                else:
                    yield from self.compose_compiled()
                yield Static(tr("[b]Detaljerad budget[/b]", "[b]Detailed budget[/b]"))
                with Vertical(id="items"):
                    for index, item in enumerate(budget.items):
                        yield self.item_row(index, item)
                yield Button(tr("Ny post (Ctrl+O)", "New item (Ctrl+O)"), id="add-item")
                yield Static(id="detailed-sum")
            with VerticalScroll(id="budget-findings"):
                yield Static(tr("[b]Budgetkontroll[/b]", "[b]Budget check[/b]"))
                yield Static(id="findings-text")
        yield Footer()

    def compose_compiled(self) -> ComposeResult:
        budget = self.draft.budget
        grid = Grid(id="compiled")
        grid.styles.grid_size_columns = len(budget.years) + 2
        # The category names a fixed width, every year and the total an equal share of the rest.
        grid.set_styles(f"grid-columns: 18 {' '.join(['1fr'] * (len(budget.years) + 1))};")
        with grid:
            yield Label(tr("Kategori", "Category"), classes="head")
            for year in budget.years:
                yield Label(str(year), classes="head num")
            yield Label(tr("Totalt", "Total"), classes="head num")
            for r, category in enumerate(budget.categories):
                yield Label(category, classes="rowname")
                for year in budget.years:
                    cell_id = f"cell-{r}-{year}"
                    self.cells[cell_id] = (category, year)
                    yield Input(budget.cell(category, year), id=cell_id, classes="cell", compact=True)
                yield Label("", id=f"rowtotal-{r}", classes="num total")
            yield Label(tr("Totalt", "Total"), classes="rowname head")
            for year in budget.years:
                yield Label("", id=f"yeartotal-{year}", classes="num total")
            yield Label("", id="grandtotal", classes="num total")

    def item_row(self, index: int, item: BudgetItem) -> Horizontal:
        categories = list(self.draft.budget.categories) or list(self.form.budget.categories)
        options = [(c, c) for c in categories]
        if item.category and item.category not in categories:
            options.append((item.category, item.category))
        return Horizontal(
            Select(
                options,
                value=item.category if item.category else Select.NULL,
                allow_blank=True,
                prompt=tr("kategori", "category"),
                id=f"item-cat-{index}",
                classes="item-cat",
                compact=True,
            ),
            Input(
                item.text,
                placeholder=tr("post, t.ex. Arbetskonsulent 100 %", "item, e.g. Job coach 100 %"),
                id=f"item-text-{index}",
                classes="item-text",
                compact=True,
            ),
            Input(
                item.total,
                placeholder=self.per_year_hint(item),
                id=f"item-total-{index}",
                classes="item-total cell",
                compact=True,
            ),
            Button(
                "✕",
                id=f"item-remove-{index}",
                classes="item-remove",
                compact=True,
                tooltip=tr("ta bort posten", "remove the item"),
            ),
            classes="item-row",
        )

    @staticmethod
    def per_year_hint(item: BudgetItem) -> str:
        """An item read with amounts per year shows their sum; typing a total replaces it."""
        if item.total or not item.per_year:
            return tr("belopp", "amount")
        try:
            return tr(f"{format_kr(item.amount())} (per år)", f"{format_kr(item.amount())} (per year)")
        except AmountError:
            return tr("belopp per år (fel)", "amounts per year (bad)")

    def on_mount(self) -> None:
        self.refresh_totals()
        for cell_id in self.cells:
            self.mark(self.query_one(f"#{cell_id}", Input))
        for index in range(len(self.draft.budget.items)):
            self.mark(self.query_one(f"#item-total-{index}", Input))
        self.schedule_findings()
        first = self.query(".cell")
        if first:
            first.first().focus()
        else:  # no years yet: the period comes first
            self.query_one("#period-start", Input).focus()

    # -----------------------------------------------------------------------------------------
    # Editing

    @on(Input.Changed, ".cell")
    def cell_changed(self, event: Input.Changed) -> None:
        widget_id = event.input.id or ""
        if widget_id in self.cells:
            category, year = self.cells[widget_id]
            self.draft.budget.set_cell(category, year, event.value.strip())
        elif widget_id.startswith("item-total-"):
            self.item(widget_id).total = event.value.strip()
        self.mark(event.input)
        self.refresh_totals()
        self.schedule_findings()

    @on(Input.Changed, ".item-text")
    def item_text_changed(self, event: Input.Changed) -> None:
        self.item(event.input.id or "").text = event.value.strip()
        self.schedule_findings()

    @on(Select.Changed, ".item-cat")
    def item_category_changed(self, event: Select.Changed) -> None:
        value = event.value
        self.item(event.select.id or "").category = "" if value is Select.NULL or value is None else str(value)
        self.refresh_totals()
        self.schedule_findings()

    def item(self, widget_id: str) -> BudgetItem:
        return self.draft.budget.items[int(widget_id.rsplit("-", 1)[1])]

    def mark(self, cell: Input) -> None:
        """Style a cell that is not an amount and say why in its tooltip."""
        _value, error = safe_amount(cell.value, cell.id or "")
        cell.set_class(error is not None, "bad")
        cell.tooltip = error

    @on(Input.Submitted, "#period-start, #period-end")
    @on(Input.Blurred, "#period-start, #period-end")
    def period_changed(self, event: Input.Submitted | Input.Blurred) -> None:
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
            self.change_years(years)

    def change_years(self, years: list[int]) -> None:
        """New period: keep cells of years still in it, drop empty columns, rebuild the table."""
        budget = self.draft.budget
        keep = [y for y in budget.years if y in years or any(budget.cell(c, y) for c in budget.categories)]
        budget.years = sorted(set(keep) | set(years))
        self.years = years
        self.cells = {}
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    async def action_add_item(self) -> None:
        category = self.form.budget.categories[0] if self.form.budget.categories else ""
        self.draft.budget.items.append(BudgetItem(category=category, text=""))
        index = len(self.draft.budget.items) - 1
        # Awaited: a key right after (Escape) must not close the screen while the row is mounting.
        await self.query_one("#items").mount(self.item_row(index, self.draft.budget.items[index]))
        for field in self.query(f"#item-text-{index}").results(Input):
            field.focus()

    @on(Button.Pressed, "#add-item")
    async def add_pressed(self) -> None:
        await self.action_add_item()

    @on(Button.Pressed, ".item-remove")
    def remove_pressed(self, event: Button.Pressed) -> None:
        index = int((event.button.id or "").rsplit("-", 1)[1])
        del self.draft.budget.items[index]
        self.cells = {}
        self.refresh(recompose=True)
        self.call_after_refresh(self.on_mount)

    def action_close(self) -> None:
        self.dismiss(None)

    # -----------------------------------------------------------------------------------------
    # Totals and findings

    def refresh_totals(self) -> None:
        budget = self.draft.budget
        totals = budget.totals()  # the one place a budget is summed; a bad cell counts as 0, marked
        for r, category in enumerate(budget.categories):
            self._show_total(f"#rowtotal-{r}", totals.rows[category])
        for year in budget.years:
            self._show_total(f"#yeartotal-{year}", totals.years[year])
        self._show_total("#grandtotal", totals.grand)
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
        self.query_one("#detailed-sum", Static).update(text)

    def _show_total(self, selector: str, total: Sum) -> None:
        found = self.query(selector)
        if found:
            label = found.first(Label)
            label.update(format_kr(total.value) + ("" if total.complete else " *"))
            label.set_class(not total.complete, "bad")

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
