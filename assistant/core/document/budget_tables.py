"""The budget tables the export writes from the draft's data: the detailed and the compiled budget.

Amounts are shown in Swedish form and right-aligned; a cell that is not an amount is shown as
typed and makes its totals a question mark (the checks say which cell is wrong).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from assistant.core.document.columns import share
from assistant.core.document.model import Cell, DocumentModel, Para, Table, field_text
from assistant.core.model.amounts import AmountError, parse_amount
from assistant.core.model.amounts import format_amount as _format_amount
from assistant.core.model.budget import BudgetItem
from assistant.core.model.docx_names import GENERATED
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form
from assistant.core.model.markup import Run

LABEL_BEFORE_PT = 10.0  # space above "Detaljerad budget" / "Sammanställd budget"
SUM_LABEL = "Summa kostnader"
DETAILED_AMOUNT_WIDTH_PT = 95.0
COMPILED_AMOUNT_WIDTH_PT = 72.0  # at most; narrower when many years share 62 % of the width


@lru_cache(maxsize=4096)
def format_amount(value: Decimal) -> str:
    """Swedish amount text (cached: the estimate rebuilds the budget tables on every keystroke)."""
    return _format_amount(value)


def budget_tables(draft: Draft, form: Form, model: DocumentModel) -> None:
    """The detailed budget (when the draft has items) and the compiled one (when it has years)."""
    if draft.budget.items:
        _detailed(draft, model)
    if draft.budget.years:
        _compiled(draft, form, model)


def _label(text: str) -> Para:
    """A bold line that introduces a table and stays on its page (with air above after a table)."""
    return Para(GENERATED, (Run(text, bold=True),), before=LABEL_BEFORE_PT, keep_next=True)


def _bold(text: str, align: str = "left") -> Cell:
    return Cell((Run(text, True),), align)


def _amount_cell(text: str, *, where: str, bold: bool = False) -> tuple[Cell, Decimal | None, bool]:
    """A right-aligned amount cell: (cell, value, ok). A bad cell shows what was typed."""
    try:
        value = parse_amount(text, where=where)
    except AmountError:
        return Cell((Run(field_text(text), bold),), "right"), None, False
    shown = format_amount(value if value is not None else Decimal(0))
    return Cell((Run(shown, bold),), "right"), value, True


def _sum_cell(values: list[Decimal | None], ok: bool, *, bold: bool = True) -> Cell:
    """A total, or a question mark when a cell it sums is not an amount (the checks say which)."""
    if not ok:
        return Cell((Run("?", bold),), "right")
    return Cell((Run(format_amount(sum((v or Decimal(0) for v in values), Decimal(0))), bold),), "right")


def _item_amount(item: BudgetItem) -> tuple[str, Decimal | None, bool]:
    try:
        value = item.amount()
    except AmountError:
        raw = item.total or " + ".join(v for v in item.per_year.values() if v)
        return field_text(raw), None, False
    return format_amount(value if value is not None else Decimal(0)), value, True


def _detailed(draft: Draft, model: DocumentModel) -> None:
    budget = draft.budget
    order = list(budget.categories) + [i.category for i in budget.items if i.category not in budget.categories]
    rows: list[tuple[Cell, ...]] = [(_bold("Post"), _bold("Belopp (kr)", "right"))]
    all_values: list[Decimal | None] = []
    all_ok = True
    for category in dict.fromkeys(order):
        items = [i for i in budget.items if i.category == category]
        if not items:
            continue
        rows.append((_bold(field_text(category) or "Övrigt"), Cell()))
        values: list[Decimal | None] = []
        ok = True
        for item in items:
            text = field_text(item.text) + (f" ({field_text(item.quantity)})" if item.quantity else "")
            shown, value, good = _item_amount(item)
            rows.append((Cell((Run(text),)), Cell((Run(shown),), "right")))
            values.append(value)
            ok = ok and good
        rows.append((_bold(f"Summa {field_text(category).lower()}"), _sum_cell(values, ok)))
        all_values += values
        all_ok = all_ok and ok
    rows.append((_bold(SUM_LABEL), _sum_cell(all_values, all_ok)))
    amount_width = DETAILED_AMOUNT_WIDTH_PT
    model.items.append(_label("Detaljerad budget"))
    model.items.append(Table((model.text_width - amount_width, amount_width), tuple(rows), kind="budget-detailed"))


def _compiled(draft: Draft, form: Form, model: DocumentModel) -> None:
    budget = draft.budget
    years = list(budget.years)
    categories = list(dict.fromkeys(list(budget.categories) + list(budget.compiled)))
    with_total = form.budget.total_column
    header = [_bold("Kostnadsslag")] + [_bold(str(y), "right") for y in years]
    if with_total:
        header.append(_bold("Totalt", "right"))
    rows: list[tuple[Cell, ...]] = [tuple(header)]
    column_values: dict[int, list[Decimal | None]] = {y: [] for y in years}
    column_ok: dict[int, bool] = {y: True for y in years}
    for category in categories:
        cells = [Cell((Run(field_text(category)),))]
        values: list[Decimal | None] = []
        ok = True
        for y in years:
            cell, value, good = _amount_cell(budget.cell(category, y), where=f"budget, {category}, år {y}")
            cells.append(cell)
            values.append(value)
            ok = ok and good
            column_values[y].append(value)
            column_ok[y] = column_ok[y] and good
        if with_total:
            cells.append(_sum_cell(values, ok, bold=False))
        rows.append(tuple(cells))
    sums = [_bold(SUM_LABEL)] + [_sum_cell(column_values[y], column_ok[y]) for y in years]
    if with_total:
        every = [v for y in years for v in column_values[y]]
        sums.append(_sum_cell(every, all(column_ok.values())))
    rows.append(tuple(sums))
    amount_columns = len(years) + (1 if with_total else 0)
    amount_width = min(COMPILED_AMOUNT_WIDTH_PT, model.text_width * 0.62 / max(1, amount_columns))
    first = model.text_width - amount_width * amount_columns
    model.items.append(_label("Sammanställd budget"))
    model.items.append(
        Table(share(model.text_width, [first] + [amount_width] * amount_columns), tuple(rows), kind="budget-compiled")
    )
