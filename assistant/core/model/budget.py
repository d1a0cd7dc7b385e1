"""The budget of a draft: a compiled table (categories × years) and detailed items.

Cells are kept as the text the writer typed (or the importer read), so that a bad cell is
marked and reported rather than silently dropped; `value()` parses it the Swedish way into
Decimal, a formula ("0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO", budget_formula.py) to
its value in whole kronor. Totals are always computed, never stored, by `Budget.totals()`, the one place that sums
a budget (the checks, the export's tables, the import report and the budget screen read it).
`stated` holds the totals an imported document printed, kept only so the checks can compare them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.core.model.amounts import AmountError
from assistant.core.model.budget_formula import cell_amount, round_to


@dataclass
class BudgetItem:
    """A line of the detailed budget, e.g. "Arbetskonsulent, 1 heltidstjänst: 1 209 124 kr"."""

    category: str
    text: str
    total: str = ""
    per_year: dict[int, str] = field(default_factory=dict)
    quantity: str = ""

    def amount(self, rounding: Decimal = Decimal(1)) -> Decimal | None:
        """The item's amount for the whole period (its total, or the sum of its years)."""
        return _amount_of(self.total, self.per_year, f"detaljerad budget, ”{self.text[:40]}”", rounding)


def _amount_of(total_text: str, per_year: dict[int, str], where: str, rounding: Decimal) -> Decimal | None:
    total = cell_amount(total_text, where=where, rounding=rounding)
    if total is not None:
        return total
    values = [cell_amount(v, where=f"{where}, år {y}", rounding=rounding) for y, v in per_year.items()]
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


# How a partner contributes: money, or staff time and premises ("in kind", e.g. Arbetsförmedlingen's
# handläggare part time). Both are the partner's, never the funder's money.
CONTRIBUTION_KINDS = ("pengar", "arbetstid", "lokaler", "annat")


@dataclass
class Contribution:
    """A partner's co-financing (medfinansiering), e.g. "Arbetsförmedlingen: 0,2 tjänst handläggare"."""

    partner: str
    text: str = ""
    kind: str = "pengar"  # one of CONTRIBUTION_KINDS
    total: str = ""
    per_year: dict[int, str] = field(default_factory=dict)

    @property
    def in_kind(self) -> bool:
        return self.kind != "pengar"

    def amount(self, rounding: Decimal = Decimal(1)) -> Decimal | None:
        return _amount_of(self.total, self.per_year, f"medfinansiering, {self.partner}", rounding)


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
    cofinancing: list[Contribution] = field(default_factory=list)  # the partners' part: not in any total above
    # What a formula's or a share's amount is rounded to: the form's `[budget] rounding` (whole
    # kronor by default). Not saved with the draft: the form decides it when the draft is opened.
    rounding: Decimal = Decimal(1)

    def is_empty(self) -> bool:
        return not (self.years or self.compiled or self.items or self.cofinancing or not self.stated.is_empty())

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
        """One compiled cell's amount; raises AmountError naming the cell when it is not one."""
        return cell_amount(self.cell(category, year), where=_cell_where(category, year), rounding=self.rounding)

    def totals(self) -> BudgetTotals:
        """Every sum of this budget, computed from the cells (a bad cell counts as 0, and is named)."""
        return BudgetTotals.of(self)

    # Strict conveniences over totals(): they raise the first bad cell's AmountError instead of
    # counting it as 0, for a caller that must not show an incomplete sum.

    def row_total(self, category: str) -> Decimal:
        return self.totals().rows.get(category, Sum()).strict()

    def year_total(self, year: int) -> Decimal:
        return self.totals().years.get(year, Sum()).strict()

    def grand_total(self) -> Decimal:
        return self.totals().grand.strict()

    def detailed_total(self, category: str | None = None) -> Decimal:
        totals = self.totals()
        return (totals.detailed if category is None else totals.detailed_rows.get(category, Sum())).strict()

    def bad_cells(self) -> list[AmountError]:
        """Every cell that is not an amount, each error naming its cell."""
        return list(self.totals().bad)


def _cell_where(category: str, year: int) -> str:
    return f"budget, {category}, år {year}"


@dataclass(frozen=True)
class Sum:
    """A total, counting a cell that is not an amount as 0; `bad` holds those cells' errors."""

    value: Decimal = Decimal(0)
    bad: tuple[AmountError, ...] = ()

    @property
    def complete(self) -> bool:
        """Whether every cell it adds is an amount (else show it marked, or as "?")."""
        return not self.bad

    def strict(self) -> Decimal:
        """The value, or the first bad cell's AmountError."""
        if self.bad:
            raise self.bad[0]
        return self.value

    def __add__(self, other: Sum) -> Sum:
        return Sum(self.value + other.value, self.bad + other.bad)


def _total(sums: Iterable[Sum]) -> Sum:
    return sum(sums, Sum())


def _parsed(text: str, where: str, rounding: Decimal = Decimal(1)) -> Sum:
    try:
        return Sum(cell_amount(text, where=where, rounding=rounding) or Decimal(0))
    except AmountError as exc:
        return Sum(Decimal(0), (exc,))


def _item_sum(item: BudgetItem | Contribution, rounding: Decimal) -> Sum:
    """An item's amount; an item with a bad cell counts as 0 as a whole (which cell is unknowable)."""
    try:
        return Sum(item.amount(rounding) or Decimal(0))
    except AmountError as exc:
        return Sum(Decimal(0), (exc,))


@dataclass(frozen=True)
class BudgetTotals:
    """Every sum of a budget, all Decimal, from one reading of its cells.

    Compiled (categories × years): `cells`, `rows` (a category over the years), `years` (a year
    over the categories), `grand`. Detailed (the items): `items` (as `budget.items`), `detailed_rows`
    (a category's items), `detailed_cells` and `detailed_years` (from the items' per-year amounts),
    `detailed`. A cell that is not an amount counts as 0 in every sum that adds it, and makes that
    Sum incomplete; `bad` lists each such cell once (compiled cells first, then items).
    """

    categories: tuple[str, ...]  # the compiled rows: the budget's categories, then any other in `compiled`
    cells: dict[tuple[str, int], Sum]
    rows: dict[str, Sum]
    years: dict[int, Sum]
    grand: Sum
    items: tuple[Sum, ...]
    detailed_rows: dict[str, Sum]
    detailed_cells: dict[tuple[str, int], Sum]
    detailed_years: dict[int, Sum]
    detailed: Sum
    has_compiled: bool  # some compiled cell is filled in
    bad: tuple[AmountError, ...]
    # Co-financing, apart from the funder's money: per contribution, partner, year, and in all.
    contributions: tuple[Sum, ...] = ()
    cofinancing_partners: dict[str, Sum] = field(default_factory=dict)
    cofinancing_years: dict[int, Sum] = field(default_factory=dict)
    cofinancing: Sum = Sum()

    @classmethod
    def of(cls, budget: Budget) -> BudgetTotals:
        categories = tuple(dict.fromkeys([*budget.categories, *budget.compiled]))
        years = tuple(budget.years)
        unit = budget.rounding
        cells = {(c, y): _parsed(budget.cell(c, y), _cell_where(c, y), unit) for c in categories for y in years}
        rows = {c: _total(cells[c, y] for y in years) for c in categories}
        item_categories = dict.fromkeys([*categories, *(i.category for i in budget.items)])
        items, per_year = _item_amounts(budget, tuple(item_categories))
        item_years = sorted({*years, *(y for cells_of in per_year for y in cells_of)})
        detailed_cells = {
            (c, y): _total(p.get(y, Sum()) for i, p in zip(budget.items, per_year, strict=True) if i.category == c)
            for c in item_categories
            for y in item_years
        }
        contributions = tuple(_item_sum(c, unit) for c in budget.cofinancing)
        contribution_years = [_item_years(c, unit) for c in budget.cofinancing]
        return cls(
            contributions=contributions,
            cofinancing_partners={
                p: _total(s for c, s in zip(budget.cofinancing, contributions, strict=True) if c.partner == p)
                for p in dict.fromkeys(c.partner for c in budget.cofinancing)
            },
            cofinancing_years={
                y: _total(p.get(y, Sum()) for p in contribution_years)
                for y in sorted({y for p in contribution_years for y in p})
            },
            cofinancing=_total(contributions),
            categories=categories,
            cells=cells,
            rows=rows,
            years={y: _total(cells[c, y] for c in categories) for y in years},
            grand=_total(rows.values()),
            items=items,
            detailed_rows={
                c: _total(s for i, s in zip(budget.items, items, strict=True) if i.category == c)
                for c in item_categories
            },
            detailed_cells=detailed_cells,
            detailed_years={y: _total(p.get(y, Sum()) for p in per_year) for y in item_years},
            detailed=_total(items),
            has_compiled=any(budget.cell(c, y).strip() for c in categories for y in years),
            bad=tuple(e for s in (*cells.values(), *items, *contributions) for e in s.bad),
        )

    def cell(self, category: str, year: int) -> Sum:
        return self.cells.get((category, year), Sum())

    def detailed_row(self, category: str) -> Sum:
        return self.detailed_rows.get(category, Sum())

    def detailed_year(self, year: int, category: str | None = None) -> Sum:
        """The items' amounts for one year: all items, or one category's."""
        if category is None:
            return self.detailed_years.get(year, Sum())
        return self.detailed_cells.get((category, year), Sum())

    def difference(self, category: str | None = None) -> Decimal:
        """Detailed minus compiled, for one category or the whole budget."""
        if category is None:
            return self.detailed.value - self.grand.value
        return self.detailed_row(category).value - self.rows.get(category, Sum()).value


# An item that is a share of others: overhead ("10 % av Personal"), a reserve ("5 % av Personal och
# Externa tjänster"). Worked out from the other items of those categories, year by year.
SHARE_OF_RE = re.compile(r"^\s*(\d+(?:[,.]\d+)?)\s*(?:%|procent)\s+av\s+(.+?)\s*$", re.IGNORECASE)


def share_of(text: str) -> tuple[Decimal, tuple[str, ...]] | None:
    """("10 % av Personal och Lokaler") -> (0.10, ("Personal", "Lokaler")); None for anything else."""
    m = SHARE_OF_RE.match(text or "")
    if not m:
        return None
    names = tuple(n.strip() for n in re.split(r",|\boch\b|\+", m.group(2)) if n.strip())
    return Decimal(m.group(1).replace(",", ".")) / 100, names


def is_share(item: BudgetItem) -> bool:
    return any(share_of(v) for v in (item.total, *item.per_year.values()) if v)


def _item_amounts(budget: Budget, categories: tuple[str, ...]) -> tuple[tuple[Sum, ...], list[dict[int, Sum]]]:
    """Every item's amount and amounts per year; a share item's from the other items it names."""
    unit = budget.rounding
    plain = [not is_share(i) for i in budget.items]
    per_year = [_item_years(i, unit) if p else {} for i, p in zip(budget.items, plain, strict=True)]
    sums: list[Sum] = [_item_sum(i, unit) if p else Sum() for i, p in zip(budget.items, plain, strict=True)]
    base_cells: dict[tuple[str, int], Decimal] = {}
    base_rows: dict[str, Decimal] = {}
    for item, years, total, p in zip(budget.items, per_year, sums, plain, strict=True):
        if p:
            key = item.category.lower()
            base_rows[key] = base_rows.get(key, Decimal(0)) + total.value
            for y, amount in years.items():
                base_cells[key, y] = base_cells.get((key, y), Decimal(0)) + amount.value
    known = {c.lower() for c in categories}
    for index, item in enumerate(budget.items):
        if plain[index]:
            continue
        where = f"detaljerad budget, ”{item.text[:40]}”"
        per_year[index] = {
            y: _share(v, functools.partial(_cell_base, base_cells, y), known, f"{where}, år {y}", unit)
            for y, v in item.per_year.items()
        }
        if item.total:
            sums[index] = _share(item.total, lambda c: base_rows.get(c, Decimal(0)), known, where, unit)
        else:
            sums[index] = _total(per_year[index].values())
    return tuple(sums), per_year


def _cell_base(cells: dict[tuple[str, int], Decimal], year: int, category: str) -> Decimal:
    return cells.get((category, year), Decimal(0))


def _share(text: str, base: Callable[[str], Decimal], known: set[str], where: str, rounding: Decimal) -> Sum:
    found = share_of(text)
    if found is None:
        return _parsed(text, where, rounding)
    fraction, names = found
    unknown = [n for n in names if n.lower() not in known]
    if unknown:
        error = AmountError(
            f"”{text.strip()[:40]}”: kategorin ”{unknown[0]}” finns inte i budgeten",
            f"“{text.strip()[:40]}”: the category “{unknown[0]}” is not in the budget",
            where=where,
            hint_sv="skriv t.ex. 10 % av Personal (kategorins namn som i budgeten)",
            hint_en="write e.g. 10 % av Personal (the category's name as in the budget)",
        )
        return Sum(Decimal(0), (error,))
    value = fraction * sum((base(n.lower()) for n in names), Decimal(0))
    return Sum(round_to(value, rounding))


def _item_years(item: BudgetItem | Contribution, rounding: Decimal) -> dict[int, Sum]:
    where = (
        f"medfinansiering, {item.partner}"
        if isinstance(item, Contribution)
        else f"detaljerad budget, ”{item.text[:40]}”"
    )
    return {y: _parsed(v, f"{where}, år {y}", rounding) for y, v in item.per_year.items()}
