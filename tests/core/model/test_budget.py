"""Budget.totals(): the one place a budget is summed, the same for the checks, export and screen."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.core.model.amounts import AmountError
from assistant.core.model.budget import Budget, BudgetItem, Sum


def _budget() -> Budget:
    budget = Budget(categories=["Personal", "Lokaler"])
    budget.set_cell("Personal", 2026, "1 000 000")
    budget.set_cell("Personal", 2027, "500 000")
    budget.set_cell("Lokaler", 2026, "12a")  # not an amount
    budget.set_cell("Lokaler", 2027, "50 000")
    budget.items += [
        BudgetItem("Personal", "Projektledare", per_year={2026: "600 000", 2027: "500 000"}),
        BudgetItem("Personal", "Handläggare", total="400 000"),
        BudgetItem("Lokaler", "Hyra", total="XX kr"),
        BudgetItem("Resor", "Resor", per_year={2028: "10 000"}),  # a category the table lacks
    ]
    return budget


def test_a_bad_cell_counts_as_zero_and_marks_every_sum_that_adds_it():
    totals = _budget().totals()
    assert totals.rows["Personal"] == Sum(Decimal(1_500_000))
    assert totals.rows["Lokaler"].value == 50_000 and not totals.rows["Lokaler"].complete
    assert totals.years[2026].value == 1_000_000 and not totals.years[2026].complete
    assert totals.years[2027] == Sum(Decimal(550_000))
    assert totals.grand.value == 1_550_000 and not totals.grand.complete
    assert totals.has_compiled


def test_detailed_sums_by_category_and_year_and_against_the_table():
    totals = _budget().totals()
    assert [s.value for s in totals.items] == [1_100_000, 400_000, 0, 10_000]
    assert not totals.items[2].complete
    assert totals.detailed_row("Personal") == Sum(Decimal(1_500_000))
    assert totals.detailed_row("Resor").value == 10_000 and totals.detailed_row("Saknas") == Sum()
    assert totals.detailed.value == 1_510_000 and not totals.detailed.complete
    assert totals.detailed_year(2026).value == 600_000 and totals.detailed_year(2028).value == 10_000
    assert totals.detailed_year(2027, "Personal").value == 500_000
    assert totals.difference("Personal") == 0 and totals.difference() == -40_000


def test_bad_cells_are_listed_once_each_naming_its_cell():
    messages = [e.message("sv") for e in _budget().totals().bad]
    assert len(messages) == 2
    assert messages[0].startswith("budget, Lokaler, år 2026:")
    assert messages[1].startswith("detaljerad budget, ”Hyra”")


def test_strict_totals_raise_the_bad_cell_and_give_the_value_otherwise():
    budget = _budget()
    assert budget.row_total("Personal") == 1_500_000
    assert budget.detailed_total("Personal") == 1_500_000
    with pytest.raises(AmountError, match="Lokaler, år 2026"):
        budget.grand_total()
    with pytest.raises(AmountError, match="Hyra"):
        budget.detailed_total()


def test_an_empty_budget_sums_to_zero():
    totals = Budget().totals()
    assert totals.grand == totals.detailed == Sum() and not totals.has_compiled and totals.bad == ()
