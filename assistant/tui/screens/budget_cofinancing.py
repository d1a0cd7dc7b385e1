"""The budget screen's co-financing (medfinansiering): a row per partner contribution, in money or
in kind, with its amounts per year, and their sum, which is never part of the funder's money.

The section owns its rows: it writes what is typed into `budget.cofinancing`, adds and removes
rows itself and posts `Changed`, so the screen only rechecks the budget.
"""

from __future__ import annotations

import itertools

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static

from assistant.core.model.amounts import format_kr
from assistant.core.model.budget import CONTRIBUTION_KINDS, Budget, Contribution
from assistant.tui.i18n import tr
from assistant.tui.screens.budget_rows import TOTAL_WIDTH, YEAR_WIDTH, Cell, mark, show_total


def kind_label(kind: str) -> str:
    labels = {
        "pengar": tr("pengar", "money"),
        "arbetstid": tr("arbetstid", "staff time"),
        "lokaler": tr("lokaler", "premises"),
        "annat": tr("annat", "other"),
    }
    return labels.get(kind, kind)


class ContributionRow(Horizontal):
    """One partner's contribution: partner, kind, what it is, an amount per year, its total."""

    DEFAULT_CSS = f"""
    ContributionRow {{ height: 1; margin-bottom: 1; }}
    ContributionRow .co-partner {{ width: 1fr; }}
    ContributionRow .co-kind {{ width: 12; }}
    ContributionRow .co-text {{ width: 1fr; }}
    ContributionRow .co-year {{ width: {YEAR_WIDTH}; margin-left: 1; }}
    ContributionRow .co-total {{ width: {TOTAL_WIDTH}; }}
    ContributionRow .co-remove {{ width: 3; min-width: 3; }}
    ContributionRow Input {{ background: $boost; }}
    ContributionRow Input.bad {{ background: $error 40%; }}
    """

    class Removed(Message):
        def __init__(self, row: ContributionRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, contribution: Contribution, serial: int, years: list[int]) -> None:
        super().__init__(id=f"co-{serial}", classes="co-row")
        self.contribution = contribution
        self.serial = serial
        self.years = years

    def compose(self) -> ComposeResult:
        c, n = self.contribution, self.serial
        yield Cell(
            c.partner, placeholder=tr("part", "partner"), id=f"co-partner-{n}", classes="co-partner", compact=True
        )
        kinds = [(kind_label(k), k) for k in CONTRIBUTION_KINDS]
        if c.kind not in CONTRIBUTION_KINDS:
            kinds.append((c.kind, c.kind))
        yield Select(kinds, value=c.kind, allow_blank=False, id=f"co-kind-{n}", classes="co-kind", compact=True)
        yield Cell(
            c.text,
            placeholder=tr("t.ex. 0,2 tjänst handläggare", "e.g. 0.2 FTE case worker"),
            id=f"co-text-{n}",
            classes="co-text",
            compact=True,
        )
        for year in self.years:
            cell = Cell(c.per_year.get(year, ""), placeholder=str(year), id=f"co-{n}-{year}", classes="co-year cell")
            cell.compact = True
            mark(cell)
            yield cell
        total = Cell(c.total, placeholder=tr("totalt", "total"), id=f"co-total-{n}", classes="co-total cell")
        total.compact = True
        mark(total)
        yield total
        yield Button("✕", id=f"co-remove-{n}", classes="co-remove", compact=True, tooltip=tr("ta bort", "remove"))

    @on(Input.Changed)
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        field, text = event.input, event.value.strip()
        if field.has_class("co-partner"):
            self.contribution.partner = text
        elif field.has_class("co-text"):
            self.contribution.text = text
        elif field.has_class("co-total"):
            self.contribution.total = text
        elif field.has_class("co-year"):
            year = int((field.id or "").rsplit("-", 1)[1])
            if text:
                self.contribution.per_year[year] = text
            else:
                self.contribution.per_year.pop(year, None)
        if field.has_class("cell"):
            mark(field)
        self.post_message(CofinancingSection.Changed())

    @on(Select.Changed)
    def kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.contribution.kind:
            self.contribution.kind = event.value
            self.post_message(CofinancingSection.Changed())

    @on(Button.Pressed, ".co-remove")
    def remove_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Removed(self))


class CofinancingSection(Vertical):
    """Every contribution, a button for a new one, and the sum apart from the funder's money."""

    DEFAULT_CSS = """
    CofinancingSection { height: auto; }
    CofinancingSection #co-rows { height: auto; }
    CofinancingSection #cofinancing-sum { height: auto; }
    """

    class Changed(Message):
        """A contribution was added, edited or removed (the budget holds the change already)."""

    def __init__(self, budget: Budget) -> None:
        super().__init__(id="cofinancing")
        self.budget = budget
        self.serials = itertools.count()

    def compose(self) -> ComposeResult:
        yield Static(
            tr(
                "[b]Medfinansiering[/b] (parternas insats, räknas inte som förbundets pengar)",
                "[b]Co-financing[/b] (the partners' part, not the funder's money)",
            )
        )
        with Vertical(id="co-rows"):
            for contribution in self.budget.cofinancing:
                yield ContributionRow(contribution, next(self.serials), list(self.budget.years))
        yield Label("", id="cofinancing-sum")
        yield Button(tr("Ny medfinansiering", "New co-financing"), id="add-cofinancing", compact=True)

    def on_mount(self) -> None:
        self.show_totals()

    def show_totals(self) -> None:
        totals = self.budget.totals()
        parts = [f"{p or '?'} {format_kr(s.value)}" for p, s in totals.cofinancing_partners.items()]
        for label in self.query("#cofinancing-sum").results(Label):
            show_total(label, totals.cofinancing)
            if self.budget.cofinancing:
                label.update(
                    tr("Medfinansiering totalt: ", "Co-financing in total: ")
                    + format_kr(totals.cofinancing.value)
                    + ("" if totals.cofinancing.complete else " *")
                    + (f" ({', '.join(parts)})" if parts else "")
                )
            else:
                label.update(tr("Ingen medfinansiering angiven.", "No co-financing given."))

    @on(Changed)
    def changed(self) -> None:
        self.show_totals()

    @on(Button.Pressed, "#add-cofinancing")
    async def add_row(self, event: Button.Pressed) -> None:
        event.stop()
        contribution = Contribution(partner="")
        self.budget.cofinancing.append(contribution)
        row = ContributionRow(contribution, next(self.serials), list(self.budget.years))
        await self.query_one("#co-rows").mount(row)
        # Not query_one: a key that arrived during the mount may have removed or recomposed the row
        # (random keys at a typist's pace did, seed 3), and then there is no field to focus.
        for partner in row.query(".co-partner").results(Input):
            partner.focus()
        self.post_message(self.Changed())

    @on(ContributionRow.Removed)
    async def remove_row(self, event: ContributionRow.Removed) -> None:
        event.stop()
        contributions = self.budget.cofinancing
        for index, contribution in enumerate(contributions):
            if contribution is event.row.contribution:
                del contributions[index]
                break
        await event.row.remove()
        self.post_message(self.Changed())
