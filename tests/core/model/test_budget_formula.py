"""Budget cells as formulas: staff, rate × quantity, lump sums with a surcharge, in Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.core.model.amounts import AmountError
from assistant.core.model.budget import Budget, BudgetItem
from assistant.core.model.budget_formula import cell_amount, evaluate, is_formula


@pytest.mark.parametrize(
    ("text", "exact", "rounded"),
    [
        # 0,5 × 38 000 × 12 = 228 000; PO 31,42 % of it = 71 637,60
        ("0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO", Decimal("299637.60"), Decimal(299638)),
        ("350 kr/tim × 1 700 tim", Decimal(595000), Decimal(595000)),
        ("2 × 25 000 kr + 10 %", Decimal(55000), Decimal(55000)),
        ("12 x 3 tkr", Decimal(36000), Decimal(36000)),
        ("40 tim * 500 kr − 10 %", Decimal(18000), Decimal(18000)),
        ("1,0 tjänst × 41 500 kr/mån × 24 mån × 50 %", Decimal(498000), Decimal(498000)),
        ("100 000 kr + 2 × 15 000 kr", Decimal(130000), Decimal(130000)),
    ],
)
def test_formulas_are_worked_out_in_decimal_and_rounded_to_whole_kronor(text, exact, rounded):
    formula = evaluate(text)
    assert formula.exact == exact and formula.value == rounded
    assert cell_amount(text) == rounded


def test_the_explanation_shows_every_step_in_the_writers_terms():
    shown = evaluate("0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO").explain()
    assert shown.replace("\u00a0", " ") == (
        "0,5 tjänst × 38 000 kr/mån × 12 mån = 228 000; + 31,42 % PO = 71 638; = 299 638 kr"
    )
    assert evaluate("350 kr/tim × 1 700 tim").explain().replace("\u00a0", " ") == "350 kr/tim × 1 700 tim = 595 000 kr"


@pytest.mark.parametrize("text", ["1 209 124 kr", "1,4 mkr", "-50 000", "1 360.380~(1,4 mkr)", "8 000 tkr", ""])
def test_plain_amounts_are_not_formulas_and_read_as_before(text):
    assert not is_formula(text)


@pytest.mark.parametrize(
    "text",
    ["5 % PO", "0,5 tjänst × ", "38 000 kr 12 mån", "38 000 × × 12", "__import__('os') × 2", "12 × 3 + "],
)
def test_a_formula_that_cannot_be_worked_out_is_an_amount_error_naming_the_cell(text):
    with pytest.raises(AmountError) as caught:
        cell_amount(text if is_formula(text) else text + " × 1", where="budget, Personal, år 2027")
    assert caught.value.where == "budget, Personal, år 2027"
    assert "formeln" in str(caught.value.message("sv")) or "formel" in caught.value.message("sv")


def test_budget_totals_add_formula_cells_with_plain_ones():
    budget = Budget(years=[2027, 2028], categories=["Personal", "Övrigt"])
    budget.items = [
        BudgetItem(
            "Personal",
            "Projektledare 50 %",
            per_year={
                2027: "0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO",
                2028: "0,5 tjänst × 39 000 kr/mån × 6 mån + 31,42 % PO",
            },
        ),
        BudgetItem("Övrigt", "Resor", total="20 000 kr"),
    ]
    totals = budget.totals()
    # 2028: 0,5 × 39 000 × 6 = 117 000, PO 36 761,40 -> 153 761,40 -> 153 761
    assert totals.detailed_year(2027).value == Decimal(299638)
    assert totals.detailed_year(2028).value == Decimal(153761)
    assert totals.detailed.value == Decimal(299638 + 153761 + 20000)
    assert not totals.bad
