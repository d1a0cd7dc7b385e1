"""The budget screen's parts: the compiled table (categories × years) and one row per detailed item.

Each part owns its fields: it writes what is typed into the draft's budget and posts a message, so
the screen only recomputes the totals. A change of the project's years recomposes a part in one
awaited step (`await part.recompose()`), never the whole screen while keys still arrive.
"""

from __future__ import annotations

from decimal import Decimal

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from assistant.core.model.amounts import AmountError, format_kr
from assistant.core.model.budget import Budget, BudgetItem, BudgetTotals, Sum
from assistant.core.model.budget_formula import cell_amount, evaluate, is_formula
from assistant.tui.i18n import lang, tr
from assistant.tui.widgets.sized_input import SizedInput

YEAR_WIDTH = 13
TOTAL_WIDTH = 16


def safe_amount(text: str, where: str) -> tuple[Decimal | None, str | None]:
    """(value, None) for an amount, a formula or an empty cell, (None, error) for anything else."""
    try:
        return cell_amount(text, where=where), None
    except AmountError as exc:
        return None, exc.message(lang())


def mark(cell: Input) -> None:
    """Style a cell that is not an amount and say why in its tooltip; a formula's tooltip shows
    how it is worked out ("0,5 tjänst × 38 000 kr/mån × 12 mån = 228 000; … = 299 638 kr")."""
    _value, error = safe_amount(cell.value, cell.id or "")
    cell.set_class(error is not None, "bad")
    cell.tooltip = error or (evaluate(cell.value).explain() if is_formula(cell.value) else None)


def show_text(label: Static, text: str) -> None:
    """Show `text` unless the label shows it already. A label whose width is set (the totals'
    columns) keeps its size whatever it shows, so only it is redrawn, not the screen laid out
    again (a layout of the budget screen took ~30 ms of CPU a keystroke)."""
    if label.content == text:
        return
    width, height = label.styles.width, label.styles.height
    label.update(text, layout=width is None or width.is_auto or height is None or height.is_auto)


def show_total(label: Label, total: Sum) -> None:
    """A computed total; one that counted a bad cell as 0 is marked with a star."""
    show_text(label, format_kr(total.value) + ("" if total.complete else " *"))
    label.set_class(not total.complete, "bad")


Cell = SizedInput  # a budget cell: its size is the table's, so typing redraws it without a layout


class CompiledTable(Grid):
    """The compiled budget: a row per category, a column per year, totals by row, year and in all."""

    class Changed(Message):
        """A cell of the compiled table was typed in (the budget holds it already)."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(id="compiled")
        self.budget = budget
        self.cells: dict[str, tuple[str, int]] = {}
        self.total_labels = TotalLabels()

    def compose(self) -> ComposeResult:
        budget = self.budget
        self.cells = {}
        self.total_labels.clear()
        self.styles.grid_size_columns = len(budget.years) + 2
        # The category names a fixed width, every year and the total an equal share of the rest.
        self.set_styles(f"grid-columns: 18 {' '.join(['1fr'] * (len(budget.years) + 1))};")
        yield Label(tr("Kategori", "Category"), classes="head")
        for year in budget.years:
            yield Label(str(year), classes="head num")
        yield Label(tr("Totalt", "Total"), classes="head num")
        for r, category in enumerate(budget.categories):
            yield Label(category, classes="rowname")
            for year in budget.years:
                cell_id = f"cell-{r}-{year}"
                self.cells[cell_id] = (category, year)
                cell = Cell(budget.cell(category, year), id=cell_id, classes="cell", compact=True)
                mark(cell)
                yield cell
            yield self.total_labels.add(Label("", id=f"rowtotal-{r}", classes="num total"))
        yield Label(tr("Totalt", "Total"), classes="rowname head")
        for year in budget.years:
            yield self.total_labels.add(Label("", id=f"yeartotal-{year}", classes="num total"))
        yield self.total_labels.add(Label("", id="grandtotal", classes="num total"))

    @on(Input.Changed, ".cell")
    def cell_changed(self, event: Input.Changed) -> None:
        event.stop()
        if (where := self.cells.get(event.input.id or "")) is None:
            return
        category, year = where
        self.budget.set_cell(category, year, event.value.strip())
        mark(event.input)
        self.post_message(self.Changed())

    def show_totals(self, totals: BudgetTotals | None = None) -> None:
        totals = totals or self.budget.totals()
        labels = self.total_labels.labels
        for r, category in enumerate(self.budget.categories):
            if label := labels.get(f"rowtotal-{r}"):
                show_total(label, totals.rows[category])
        for year in self.budget.years:
            if label := labels.get(f"yeartotal-{year}"):
                show_total(label, totals.years[year])
        if label := labels.get("grandtotal"):
            show_total(label, totals.grand)


class ItemRow(Vertical):
    """One item of the detailed budget: category, text, an amount per year, and its total; under a
    year that holds a formula, the amount it works out to ("= 179 783 kr"), so every figure in the
    budget can be traced to its formula without hovering over it.

    The total field is empty while the years add up the item (it shows their sum as its
    placeholder); an amount typed there is the item's total for the whole period, as in the file.
    """

    DEFAULT_CSS = f"""
    ItemRow {{ height: 2; }}
    ItemRow .item-fields, ItemRow .item-amounts {{ height: 1; }}
    ItemRow .item-amounts Label {{ color: $text-muted; height: 1; }}
    ItemRow .item-year {{ width: {YEAR_WIDTH}; margin-left: 1; }}
    """

    class Changed(Message):
        """The row's item was edited (the budget holds the change already)."""

    class Removed(Message):
        """The writer asked to remove this row's item."""

        def __init__(self, row: ItemRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, item: BudgetItem, serial: int, categories: list[str], years: list[int]) -> None:
        super().__init__(id=f"item-{serial}", classes="item-row")
        self.item = item
        self.serial = serial
        self.categories = categories
        self.years = years

    def compose(self) -> ComposeResult:
        with Horizontal(classes="item-fields"):
            yield from self.fields()
        with Horizontal(classes="item-amounts"):
            yield Label("", classes="item-cat")
            yield Label("", classes="item-text")
            for year in self.years:
                yield Label(self.worked_out(year), id=f"item-amount-{self.serial}-{year}", classes="item-year")
            yield Label("", classes="item-total")  # the fields' columns, so each amount stands under its year
            yield Label("", classes="item-remove")

    def worked_out(self, year: int) -> str:
        """'= 179 783 kr' under a year cell holding a formula; nothing under a plain amount."""
        text = self.item.per_year.get(year, "")
        if not is_formula(text):
            return ""
        value, error = safe_amount(text, "")
        return "" if error or value is None else "= " + format_kr(value)

    def fields(self) -> ComposeResult:
        item, n = self.item, self.serial
        options = [(c, c) for c in self.categories]
        if item.category and item.category not in self.categories:
            options.append((item.category, item.category))
        yield Select(
            options,
            value=item.category if item.category else Select.NULL,
            allow_blank=True,
            prompt=tr("kategori", "category"),
            id=f"item-cat-{n}",
            classes="item-cat",
            compact=True,
        )
        yield Cell(
            item.text,
            placeholder=tr("post, t.ex. Arbetskonsulent 100 %", "item, e.g. Job coach 100 %"),
            id=f"item-text-{n}",
            classes="item-text",
            compact=True,
        )
        for year in self.years:
            cell = Cell(
                item.per_year.get(year, ""),
                placeholder=str(year),
                id=f"item-{n}-{year}",
                classes="item-year cell",
                compact=True,
            )
            mark(cell)
            yield cell
        total = Cell(item.total, id=f"item-total-{n}", classes="item-total cell", compact=True)
        total.placeholder = self.total_hint()
        mark(total)
        yield total
        yield Button(
            "✕",
            id=f"item-remove-{n}",
            classes="item-remove",
            compact=True,
            tooltip=tr("ta bort posten", "remove the item"),
        )

    def total_hint(self) -> str:
        """The sum of the years, shown in the empty total field."""
        if not any(v.strip() for v in self.item.per_year.values()):
            return tr("totalt", "total")
        try:
            return "= " + format_kr(self.item.amount())
        except AmountError:
            return tr("år med fel", "bad year")

    @on(Input.Changed, ".item-year")
    def year_changed(self, event: Input.Changed) -> None:
        year = int((event.input.id or "").rsplit("-", 1)[1])
        text = event.value.strip()
        if text:
            self.item.per_year[year] = text
        else:
            self.item.per_year.pop(year, None)
        for amount in self.query(f"#item-amount-{self.serial}-{year}").results(Label):
            show_text(amount, self.worked_out(year))
        self._edited(event)

    @on(Input.Changed, ".item-total")
    def total_changed(self, event: Input.Changed) -> None:
        self.item.total = event.value.strip()
        self._edited(event)

    @on(Input.Changed, ".item-text")
    def text_changed(self, event: Input.Changed) -> None:
        self.item.text = event.value.strip()
        event.stop()
        self.post_message(self.Changed())

    @on(Select.Changed, ".item-cat")
    def category_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = event.value
        self.item.category = "" if value is Select.NULL or value is None else str(value)
        self.post_message(self.Changed())

    @on(Button.Pressed, ".item-remove")
    def remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))

    def _edited(self, event: Input.Changed) -> None:
        event.stop()
        mark(event.input)
        for total in self.query(".item-total").results(Input):
            total.placeholder = self.total_hint()
        self.post_message(self.Changed())


class ItemTotals(Horizontal):
    """The detailed budget's sums under its rows: per year (from the items' years) and in all."""

    DEFAULT_CSS = f"""
    ItemTotals {{ height: 1; }}
    ItemTotals Label {{ text-style: bold; height: 1; }}
    ItemTotals .item-year {{ width: {YEAR_WIDTH}; margin-left: 1; }}
    ItemTotals .item-total {{ width: {TOTAL_WIDTH}; }}
    ItemTotals .item-remove {{ width: 3; }}
    """

    def __init__(self, budget: Budget) -> None:
        super().__init__(id="item-totals")
        self.budget = budget
        self.total_labels = TotalLabels()

    def compose(self) -> ComposeResult:
        self.total_labels.clear()
        yield Label(tr("Totalt", "Total"), classes="item-cat")
        yield Label("", classes="item-text")
        for year in self.budget.years:
            yield self.total_labels.add(Label("", id=f"items-year-{year}", classes="item-year"))
        yield self.total_labels.add(Label("", id="items-total", classes="item-total"))
        yield Label("", classes="item-remove")

    def show_totals(self, totals: BudgetTotals | None = None) -> None:
        totals = totals or self.budget.totals()
        labels = self.total_labels.labels
        for year in self.budget.years:
            if label := labels.get(f"items-year-{year}"):
                show_total(label, totals.detailed_year(year))
        if label := labels.get("items-total"):
            show_total(label, totals.detailed)


class TotalLabels:
    """A part's total labels by id, as its last compose made them: found without a query (a query
    per total walked the part's children once for each). A label of a compose still being mounted
    is given its text before it is shown."""

    def __init__(self) -> None:
        self.labels: dict[str, Label] = {}

    def clear(self) -> None:
        self.labels = {}

    def add(self, label: Label) -> Label:
        self.labels[label.id or ""] = label
        return label
