"""The draft's budget as a spreadsheet (.xlsx) with live formulas, as funders often ask for it.

One sheet per year (the detailed items of that year, a sum per category and the year's sum), one
compiled sheet ("Sammanställning": categories × years with a total per row, per year and in all,
then each item over the period) and, when partners contribute, a "Medfinansiering" sheet. Every sum
is a =SUM(...) cell, so the sheet stays right when someone edits an amount in it; the amounts
typed in the draft are written as numbers (a staff formula's value, its arithmetic beside it), and
a share ("10 % av Personal") as the formula it is. The values equal `Budget.totals()`.

A cell that is not an amount is written as the text that was typed (a sum skips it, as the
draft's totals count it as 0), and text is always text: a post named "=HYPERLINK(...)" is never
made a formula.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from assistant.core.model.amounts import AmountError
from assistant.core.model.budget import Budget, BudgetItem, BudgetTotals, share_of
from assistant.core.model.budget_formula import cell_amount, evaluate, is_formula

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

COMPILED_SHEET = "Sammanställning"
COFINANCING_SHEET = "Medfinansiering"
SUM_LABEL = "Summa kostnader"
# Swedish kronor with a space between thousands, whatever the reader's locale (a "#,##0" format
# would show the reader's own separator): the sections pick the grouping by size.
KR_FORMAT = '[>=1000000]#\\ ###\\ ##0\\ "kr";[>=1000]#\\ ##0\\ "kr";0\\ "kr"'


@dataclass
class _Rows:
    """Where each item of one year sheet went, so that sums and shares can point at it."""

    item_cells: dict[int, str] = field(default_factory=dict)  # item index -> "C3"
    category_sums: dict[str, str] = field(default_factory=dict)  # category -> "C7"
    total: str = ""


def budget_xlsx(budget: Budget) -> bytes:
    """The budget as .xlsx bytes (the caller writes them atomically)."""
    from openpyxl import Workbook

    totals = budget.totals()
    book = Workbook()
    compiled = book.active
    assert compiled is not None
    compiled.title = COMPILED_SHEET
    years = _years(budget)
    placed = {y: _year_sheet(book.create_sheet(str(y)), budget, y) for y in years}
    _compiled_sheet(compiled, budget, totals, years, placed)
    if budget.cofinancing:
        _cofinancing_sheet(book.create_sheet(COFINANCING_SHEET), budget, years)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _years(budget: Budget) -> list[int]:
    return sorted({*budget.years, *(y for i in budget.items for y in i.per_year)})


def _text(sheet: Worksheet, ref: str, text: str, *, bold: bool = False) -> None:
    """A text cell that stays text (openpyxl would take "=..." for a formula)."""
    cell = sheet[ref]
    cell.value = text
    cell.data_type = "s"
    if bold:
        _bold(sheet, ref)


def _bold(sheet: Worksheet, ref: str) -> None:
    from openpyxl.styles import Font

    sheet[ref].font = Font(bold=True)


def _amount(sheet: Worksheet, ref: str, value: Decimal | str, *, bold: bool = False) -> None:
    """A number in kronor, a formula ("=SUM(...)"), or what was typed when it is not an amount."""
    cell = sheet[ref]
    if isinstance(value, Decimal):
        cell.value = int(value) if value == value.to_integral_value() else float(value)
    elif value.startswith("="):
        cell.value = value
    elif value:
        _text(sheet, ref, value)
    cell.number_format = KR_FORMAT
    if bold:
        _bold(sheet, ref)


def _typed(text: str) -> Decimal | str:
    """A typed cell as a number when it is an amount (a formula: its value), else the text ("": empty)."""
    try:
        value = cell_amount(text)
    except AmountError:
        return text.strip()
    return "" if value is None else value


def _explained(text: str) -> str:
    if not is_formula(text):
        return ""
    try:
        return evaluate(text).explain()
    except AmountError:
        return ""


def _sum(refs: list[str]) -> str:
    return f"=SUM({','.join(refs)})" if refs else "=0"


def _ordered_categories(budget: Budget) -> list[str]:
    return list(dict.fromkeys([*budget.categories, *budget.compiled, *(i.category for i in budget.items)]))


def _share_formula(text: str, base: dict[str, list[str]]) -> str | None:
    """ "10 % av Personal" -> "=ROUND(0.1*SUM(C2,C3),0)" over the plain items of those categories."""
    found = share_of(text)
    if found is None:
        return None
    fraction, names = found
    refs = [ref for n in names for ref in base.get(n.lower(), [])]
    return f"=ROUND({fraction}*{_sum(refs)[1:]},0)"


def _year_sheet(sheet: Worksheet, budget: Budget, year: int) -> _Rows:
    """Kostnadsslag | Post | Belopp | Beräkning: the items with an amount this year, by category."""
    for ref, title in zip(("A1", "B1", "C1", "D1"), ("Kostnadsslag", "Post", "Belopp (kr)", "Beräkning"), strict=True):
        _text(sheet, ref, title, bold=True)
    placed = _Rows()
    row = 2
    layout: list[tuple[str, list[int]]] = []
    for category in _ordered_categories(budget):
        members = [i for i, item in enumerate(budget.items) if item.category == category and year in item.per_year]
        if members:
            layout.append((category, members))
            for index in members:
                placed.item_cells[index] = f"C{row}"
                row += 1
            placed.category_sums[category] = f"C{row}"
            row += 1
    base = _plain_refs(budget, placed.item_cells)
    for category, members in layout:
        for index in members:
            item = budget.items[index]
            ref = placed.item_cells[index]
            line = ref[1:]
            _text(sheet, f"A{line}", category)
            _text(sheet, f"B{line}", _item_name(item))
            typed = item.per_year[year]
            _amount(sheet, ref, _share_formula(typed, base) or _typed(typed))
            _text(sheet, f"D{line}", _explained(typed))
        first, last = placed.item_cells[members[0]], placed.item_cells[members[-1]]
        sum_ref = placed.category_sums[category]
        _text(sheet, f"A{sum_ref[1:]}", f"Summa {category.lower()}", bold=True)
        _amount(sheet, sum_ref, f"=SUM({first}:{last})", bold=True)
    placed.total = f"C{row}"
    _text(sheet, f"A{row}", SUM_LABEL, bold=True)
    _amount(sheet, placed.total, _sum(list(placed.category_sums.values())), bold=True)
    _widths(sheet, (22, 48, 16, 60))
    return placed


def _plain_refs(budget: Budget, cells: dict[int, str], prefix: str = "") -> dict[str, list[str]]:
    """Category (lower case) -> the cells of its items that are not shares (a share's base)."""
    base: dict[str, list[str]] = {}
    for index, ref in cells.items():
        item = budget.items[index]
        if not any(share_of(v) for v in (item.total, *item.per_year.values()) if v):
            base.setdefault(item.category.lower(), []).append(prefix + ref)
    return base


def _item_name(item: BudgetItem) -> str:
    return item.text + (f" ({item.quantity})" if item.quantity else "")


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _on(sheet_name: str, ref: str) -> str:
    return f"'{sheet_name}'!{ref}"


def _compiled_sheet(
    sheet: Worksheet, budget: Budget, totals: BudgetTotals, years: list[int], placed: dict[int, _Rows]
) -> None:
    """Categories × years (the compiled table, or the year sheets' sums when the draft has none)
    with sums of rows and columns; then every item over the period."""
    compiled_years = list(budget.years) or years
    total_col = _col(len(compiled_years) + 2)
    _text(sheet, "A1", "Kostnadsslag", bold=True)
    for j, year in enumerate(compiled_years):
        _text(sheet, f"{_col(j + 2)}1", str(year), bold=True)
    _text(sheet, f"{total_col}1", "Totalt", bold=True)
    categories = list(totals.categories) if totals.has_compiled else _ordered_categories(budget)
    row = 2
    for category in categories:
        _text(sheet, f"A{row}", category)
        for j, year in enumerate(compiled_years):
            ref = f"{_col(j + 2)}{row}"
            if totals.has_compiled:
                _amount(sheet, ref, _typed(budget.cell(category, year)))
            else:
                found = placed.get(year, _Rows()).category_sums.get(category)
                _amount(sheet, ref, f"={_on(str(year), found)}" if found else Decimal(0))
        _amount(sheet, f"{total_col}{row}", _row_sum(row, len(compiled_years)))
        row += 1
    _text(sheet, f"A{row}", SUM_LABEL, bold=True)
    for j in range(len(compiled_years) + 1):
        column = _col(j + 2)
        _amount(sheet, f"{column}{row}", f"=SUM({column}2:{column}{row - 1})" if row > 2 else "=0", bold=True)
    if budget.items:
        _detailed_block(sheet, budget, years, placed, row + 2)
    _widths(sheet, (48, *([16] * (len(years) + 1))))


def _row_sum(row: int, years: int) -> str:
    """The sum of a row's year columns (B…); none: 0, never a sum that takes in its own cell."""
    return f"=SUM(B{row}:{_col(years + 1)}{row})" if years else "=0"


def _detailed_block(sheet: Worksheet, budget: Budget, years: list[int], placed: dict[int, _Rows], top: int) -> None:
    """Detaljerad budget: each item, its amount per year (from the year sheets) and over the period."""
    total_col = _col(len(years) + 2)
    _text(sheet, f"A{top}", "Detaljerad budget", bold=True)
    for j, year in enumerate(years):
        _text(sheet, f"{_col(j + 2)}{top}", str(year), bold=True)
    _text(sheet, f"{total_col}{top}", "Totalt", bold=True)
    first = top + 1
    totals_of = {i: f"{total_col}{first + i}" for i in range(len(budget.items))}
    base = _plain_refs(budget, totals_of)
    for index, item in enumerate(budget.items):
        row = first + index
        _text(sheet, f"A{row}", f"{item.category}: {_item_name(item)}")
        for j, year in enumerate(years):
            found = placed[year].item_cells.get(index)
            if found:
                _amount(sheet, f"{_col(j + 2)}{row}", f"={_on(str(year), found)}")
        if item.total.strip():
            value: Decimal | str = _share_formula(item.total, base) or _typed(item.total)
        else:
            value = _row_sum(row, len(years))
        _amount(sheet, f"{total_col}{row}", value)
    last = first + len(budget.items) - 1
    _text(sheet, f"A{last + 1}", SUM_LABEL, bold=True)
    for j in range(len(years) + 1):
        column = _col(j + 2)
        _amount(sheet, f"{column}{last + 1}", f"=SUM({column}{first}:{column}{last})", bold=True)


def _cofinancing_sheet(sheet: Worksheet, budget: Budget, years: list[int]) -> None:
    """Partner | Insats | Slag | years … | Totalt: the partners' part, never in the costs' sums."""
    years = sorted({*years, *(y for c in budget.cofinancing for y in c.per_year)})
    total_col = _col(len(years) + 4)
    for ref, title in zip(("A1", "B1", "C1"), ("Partner", "Insats", "Slag"), strict=True):
        _text(sheet, ref, title, bold=True)
    for j, year in enumerate(years):
        _text(sheet, f"{_col(j + 4)}1", str(year), bold=True)
    _text(sheet, f"{total_col}1", "Totalt", bold=True)
    for index, contribution in enumerate(budget.cofinancing):
        row = index + 2
        _text(sheet, f"A{row}", contribution.partner)
        _text(sheet, f"B{row}", contribution.text)
        _text(sheet, f"C{row}", contribution.kind)
        for j, year in enumerate(years):
            if year in contribution.per_year:
                _amount(sheet, f"{_col(j + 4)}{row}", _typed(contribution.per_year[year]))
        total = contribution.total.strip()
        _amount(sheet, f"{total_col}{row}", _typed(total) if total else f"=SUM(D{row}:{_col(len(years) + 3)}{row})")
    last = len(budget.cofinancing) + 1
    _text(sheet, f"A{last + 1}", "Summa medfinansiering", bold=True)
    for j in range(len(years) + 1):
        column = _col(j + 4)
        _amount(sheet, f"{column}{last + 1}", f"=SUM({column}2:{column}{last})", bold=True)
    _widths(sheet, (28, 40, 12, *([16] * (len(years) + 1))))


def _widths(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[_col(index)].width = width
