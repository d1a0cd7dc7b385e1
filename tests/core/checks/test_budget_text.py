"""What the text says about the budget, against the table: totals and shares, errors naming both."""

from __future__ import annotations

from assistant.core.checks import run_checks
from tests.core.checks.test_checks import PARA, clean_draft


def found(draft, code):
    return [f for f in run_checks(draft).findings if f.code == code]


def test_a_total_in_the_text_that_differs_from_the_table_is_an_error_naming_both_places():
    d = clean_draft()
    d.sections["presentation"] = PARA + " Projektet har en total kostnad på 1 500 000 kr."
    [wrong] = found(d, "budget.text_amount")
    assert wrong.severity == "fel" and wrong.section == "presentation"
    assert "1 500 000 kr" in wrong.message.replace("\u00a0", " ")
    assert "Presentation" in wrong.message  # the place in the text
    assert "sammanställd budget, Summa kostnader" in wrong.message  # the place in the table
    assert "1 400 000" in wrong.message.replace("\u00a0", " ")
    assert "compiled budget, Summa kostnader" in wrong.text("en")


def test_a_share_of_the_budget_named_for_a_category_is_compared_with_the_table():
    d = clean_draft()  # Personal is 1 200 000 of 1 400 000: 85,7 %
    d.sections["organisering"] = PARA + " Personalkostnaderna utgör 86 % av budgeten."
    assert found(d, "budget.text_share") == []
    d.sections["organisering"] = PARA + " Personalkostnaderna utgör 60 procent av den totala budgeten."
    [wrong] = found(d, "budget.text_share")
    assert wrong.severity == "fel" and wrong.section == "organisering"
    assert "Personal är 86\u00a0% av budgeten" in wrong.message
    assert "1\u00a0200\u00a0000\u00a0kr av 1\u00a0400\u00a0000\u00a0kr" in wrong.message
    assert "Personal is 86% of the budget" in wrong.text("en")


def test_a_share_with_decimals_is_held_to_its_decimals_and_other_shares_are_left_alone():
    d = clean_draft()
    d.sections["organisering"] = PARA + " Personal står för 85,7 % av kostnaderna."
    assert found(d, "budget.text_share") == []
    d.sections["organisering"] = PARA + " Personal står för 80,5 % av kostnaderna."
    assert "80,5 %" in found(d, "budget.text_share")[0].message
    d.sections["malgrupp"] = PARA + " 40 % av deltagarna är kvinnor, och 60 % av budgeten är inget annat."
    d.sections["organisering"] = PARA
    assert found(d, "budget.text_share") == []  # no category named: nothing to compare
