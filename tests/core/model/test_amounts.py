"""Swedish amounts: what people type and what PDF conversions leave, always as Decimal."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.core.model.amounts import (
    MAX_AMOUNT,
    AmountError,
    amounts_in_text,
    format_amount,
    format_kr,
    format_mkr,
    format_tkr,
    parse_amount,
)
from assistant.core.model.budget import Budget, BudgetItem


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 373 334", 1373334),
        ("1 373 334 kr", 1373334),
        ("1\u00a0373\u00a0334", 1373334),  # NBSP group separators (Word, Babel)
        ("1\u202f373\u202f334 kr", 1373334),  # narrow NBSP
        ("1,4 mkr", 1400000),
        ("8 000 tkr", 8000000),
        ("1 360.380~(1,4 mkr)", 1360380),  # PDF debris in source 000: dot as group mark, comment after ~
        ("1\u00a0194\u00a0480 ~(1,2 mkr)", 1194480),
        ("1 209 124 kronor", 1209124),
        ("-50 000", -50000),
        ("\u221250 000 kr", -50000),  # a real minus sign
        ("0,5", Decimal("0.5")),
        ("300 000:-", 300000),
    ],
)
def test_parses_swedish_amounts(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "   ", "-", "–", None])
def test_empty_cell_is_none(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["=SUM(A1:A3)", "12a", "kr", "ca femtio", "1e20", "12.5%", "1 2 3 kr x"])
def test_not_an_amount_names_the_cell(text):
    with pytest.raises(AmountError) as info:
        parse_amount(text, where="budget, Personal, år 2021")
    message = info.value.message("sv")
    assert message.startswith("budget, Personal, år 2021: ")
    assert "inget belopp" in message
    assert "budget, Personal, år 2021" in info.value.message("en")


def test_absurd_amount_is_an_error():
    with pytest.raises(AmountError) as info:
        parse_amount("99 999 999 999 999", where="budget, Lokaler, år 2020")
    assert "orimligt stort" in info.value.message("sv")
    assert parse_amount("999 999 999 999") == MAX_AMOUNT - 1


def test_formats_with_swedish_groups():
    assert format_amount(Decimal(1373334)) == "1\u00a0373\u00a0334"
    assert format_kr(Decimal(300000)) == "300\u00a0000\u00a0kr"
    assert format_mkr(Decimal(1360380)) == "1,4\u00a0mkr"
    assert format_tkr(Decimal(8000000)) == "8\u00a0000\u00a0tkr"
    assert format_amount(Decimal("-0.5")) == "-0,5"


@given(
    st.decimals(min_value=-MAX_AMOUNT + 1, max_value=MAX_AMOUNT - 1, places=2, allow_nan=False, allow_infinity=False)
)
def test_parse_format_parse_is_identity(value):
    text = format_amount(value)
    assert parse_amount(text) == value
    assert parse_amount(format_kr(value)) == value


@given(st.integers(min_value=0, max_value=10**11))
def test_whole_kronor_survive_formatting_with_unit(value):
    assert parse_amount(format_amount(value, unit="kr")) == value


def test_amounts_in_running_text():
    text = "Total kostnad 3\u00a0200 000 kr, varav 1,4 mkr personal. Malmö bidrar med 8 000 tkr/år."
    values = [v for v, _, _ in amounts_in_text(text)]
    assert values == [Decimal(3200000), Decimal(1400000), Decimal(8000000)]


def test_budget_bad_cells_name_each_cell():
    budget = Budget(categories=["Personal"])
    budget.set_cell("Personal", 2021, "12a")
    budget.set_cell("Personal", 2022, "=SUM(A1:A3)")
    budget.items.append(BudgetItem(category="Personal", text="Projektledare", total="XX kr"))
    messages = [e.message("sv") for e in budget.bad_cells()]
    assert messages[0].startswith("budget, Personal, år 2021:")
    assert messages[1].startswith("budget, Personal, år 2022:")
    assert messages[2].startswith("detaljerad budget, ”Projektledare”")
    assert len(messages) == 3
