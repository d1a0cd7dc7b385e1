"""The budget tables the export writes from the draft's data: the detailed and the compiled budget.

Amounts are shown in Swedish form and right-aligned; a cell that is not an amount is shown as
typed and makes its totals a question mark (the checks say which cell is wrong). Every sum
comes from the budget's own `totals()`, the one place a budget is added up.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from assistant.core.document.columns import share
from assistant.core.document.model import Cell, DocumentModel, Para, Table, field_text
from assistant.core.model.amounts import format_amount as _format_amount
from assistant.core.model.budget import Budget, BudgetItem, BudgetTotals, Contribution, Sum
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
    totals = draft.budget.totals()
    if draft.budget.items:
        _detailed(draft.budget, totals, model)
    if draft.budget.years:
        _compiled(draft.budget, totals, form, model)
    if draft.budget.cofinancing:
        _cofinancing(draft.budget, totals, model)


def _label(text: str) -> Para:
    """A bold line that introduces a table and stays on its page (with air above after a table)."""
    return Para(GENERATED, (Run(text, bold=True),), before=LABEL_BEFORE_PT, keep_next=True)


def _bold(text: str, align: str = "left") -> Cell:
    return Cell((Run(text, True),), align)


def _sum_cell(total: Sum, *, bold: bool = True) -> Cell:
    """A total, or a question mark when a cell it sums is not an amount (the checks say which)."""
    return Cell((Run(format_amount(total.value) if total.complete else "?", bold),), "right")


def _item_amount(item: BudgetItem | Contribution, amount: Sum) -> str:
    """An item's amount as shown: Swedish form, or what was typed when it is not an amount."""
    if amount.complete:
        return format_amount(amount.value)
    return field_text(item.total or " + ".join(v for v in item.per_year.values() if v))


def _detailed(budget: Budget, totals: BudgetTotals, model: DocumentModel) -> None:
    order = list(budget.categories) + [i.category for i in budget.items if i.category not in budget.categories]
    rows: list[tuple[Cell, ...]] = [(_bold("Post"), _bold("Belopp (kr)", "right"))]
    for category in dict.fromkeys(order):
        items = [(i, s) for i, s in zip(budget.items, totals.items, strict=True) if i.category == category]
        if not items:
            continue
        rows.append((_bold(field_text(category) or "Övrigt"), Cell()))
        for item, amount in items:
            text = field_text(item.text) + (f" ({field_text(item.quantity)})" if item.quantity else "")
            rows.append((Cell((Run(text),)), Cell((Run(_item_amount(item, amount)),), "right")))
        rows.append((_bold(f"Summa {field_text(category).lower()}"), _sum_cell(totals.detailed_row(category))))
    rows.append((_bold(SUM_LABEL), _sum_cell(totals.detailed)))
    amount_width = DETAILED_AMOUNT_WIDTH_PT
    model.items.append(_label("Detaljerad budget"))
    model.items.append(Table((model.text_width - amount_width, amount_width), tuple(rows), kind="budget-detailed"))


def _compiled(budget: Budget, totals: BudgetTotals, form: Form, model: DocumentModel) -> None:
    years = list(budget.years)
    with_total = form.budget.total_column
    header = [_bold("Kostnadsslag")] + [_bold(str(y), "right") for y in years]
    if with_total:
        header.append(_bold("Totalt", "right"))
    rows: list[tuple[Cell, ...]] = [tuple(header)]
    for category in totals.categories:
        cells = [Cell((Run(field_text(category)),))]
        for y in years:
            value = totals.cell(category, y)
            shown = format_amount(value.value) if value.complete else field_text(budget.cell(category, y))
            cells.append(Cell((Run(shown),), "right"))
        if with_total:
            cells.append(_sum_cell(totals.rows[category], bold=False))
        rows.append(tuple(cells))
    sums = [_bold(SUM_LABEL)] + [_sum_cell(totals.years[y]) for y in years]
    if with_total:
        sums.append(_sum_cell(totals.grand))
    rows.append(tuple(sums))
    amount_columns = len(years) + (1 if with_total else 0)
    amount_width = min(COMPILED_AMOUNT_WIDTH_PT, model.text_width * 0.62 / max(1, amount_columns))
    first = model.text_width - amount_width * amount_columns
    model.items.append(_label("Sammanställd budget"))
    model.items.append(
        Table(share(model.text_width, [first] + [amount_width] * amount_columns), tuple(rows), kind="budget-compiled")
    )


# How the co-financing table names each kind of contribution.
KIND_LABELS = {"pengar": "pengar", "arbetstid": "arbetstid", "lokaler": "lokaler", "annat": "annan insats"}
COFINANCING_LABEL = "Medfinansiering"


def _cofinancing(budget: Budget, totals: BudgetTotals, model: DocumentModel) -> None:
    """The partners' contributions, apart from the funder's money: partner, what, kind, amount."""
    rows: list[tuple[Cell, ...]] = [(_bold("Partner"), _bold("Insats"), _bold("Belopp (kr)", "right"))]
    for contribution, amount in zip(budget.cofinancing, totals.contributions, strict=True):
        what = field_text(contribution.text) or KIND_LABELS.get(contribution.kind, contribution.kind)
        if contribution.text and contribution.kind != "pengar":
            what += f" ({KIND_LABELS.get(contribution.kind, contribution.kind)})"
        rows.append(
            (
                Cell((Run(field_text(contribution.partner)),)),
                Cell((Run(what),)),
                Cell((Run(_item_amount(contribution, amount)),), "right"),
            )
        )
    rows.append((_bold(f"Summa {COFINANCING_LABEL.lower()}"), Cell(), _sum_cell(totals.cofinancing)))
    amount_width = DETAILED_AMOUNT_WIDTH_PT
    partner_width = (model.text_width - amount_width) * 0.4
    model.items.append(_label(COFINANCING_LABEL))
    widths = (partner_width, model.text_width - amount_width - partner_width, amount_width)
    model.items.append(Table(widths, tuple(rows), kind="budget-cofinancing"))
