"""The budget of a draft: a compiled table (categories × years) and detailed items.

Cells are kept as the text the writer typed (or the importer read), so that a bad cell is
marked and reported rather than silently dropped; `value()` parses it the Swedish way into
Decimal. Totals are always computed, never stored, except `stated`: the totals an imported
document printed, kept only so the checks can compare them with the real sums.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assistant.core.model.amounts import AmountError, parse_amount


@dataclass
class BudgetItem:
    """A line of the detailed budget, e.g. "Arbetskonsulent, 1 heltidstjänst: 1 209 124 kr"."""

    category: str
    text: str
    total: str = ""
    per_year: dict[int, str] = field(default_factory=dict)
    quantity: str = ""

    def amount(self) -> Decimal | None:
        """The item's amount for the whole period (its total, or the sum of its years)."""
        total = parse_amount(self.total, where=f"detaljerad budget, ”{self.text[:40]}”")
        if total is not None:
            return total
        values = [
            parse_amount(v, where=f"detaljerad budget, ”{self.text[:40]}”, år {y}") for y, v in self.per_year.items()
        ]
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None


@dataclass
class StatedTotals:
    """Totals as printed in an imported document (for checking only)."""

    rows: dict[str, str] = field(default_factory=dict)  # category -> total over years
    years: dict[int, str] = field(default_factory=dict)  # year -> total over categories
    grand: str = ""
    subtotals: dict[str, dict[str, str]] = field(default_factory=dict)  # detailed: cat -> {year|"total": amount}

    def is_empty(self) -> bool:
        return not (self.rows or self.years or self.grand or self.subtotals)


@dataclass
class Budget:
    years: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    compiled: dict[str, dict[int, str]] = field(default_factory=dict)
    items: list[BudgetItem] = field(default_factory=list)
    stated: StatedTotals = field(default_factory=StatedTotals)
    unread: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.years or self.compiled or self.items or not self.stated.is_empty())

    def cell(self, category: str, year: int) -> str:
        return self.compiled.get(category, {}).get(year, "")

    def set_cell(self, category: str, year: int, text: str) -> None:
        if category not in self.categories:
            self.categories.append(category)
        if year not in self.years:
            self.years.append(year)
            self.years.sort()
        self.compiled.setdefault(category, {})[year] = text

    def value(self, category: str, year: int) -> Decimal | None:
        return parse_amount(self.cell(category, year), where=f"budget, {category}, år {year}")

    def row_total(self, category: str) -> Decimal:
        return sum((self.value(category, y) or Decimal(0) for y in self.years), Decimal(0))

    def year_total(self, year: int) -> Decimal:
        return sum((self.value(c, year) or Decimal(0) for c in self.categories), Decimal(0))

    def grand_total(self) -> Decimal:
        return sum((self.row_total(c) for c in self.categories), Decimal(0))

    def detailed_total(self, category: str | None = None) -> Decimal:
        return sum(
            (i.amount() or Decimal(0) for i in self.items if category is None or i.category == category), Decimal(0)
        )

    def bad_cells(self) -> list[AmountError]:
        """Every cell that is not an amount, each error naming its cell."""
        errors: list[AmountError] = []
        for c in self.categories:
            for y in self.years:
                try:
                    self.value(c, y)
                except AmountError as exc:
                    errors.append(exc)
        for item in self.items:
            try:
                item.amount()
            except AmountError as exc:
                errors.append(exc)
        return errors
