"""The budget against the form's own rules: overhead under its cap, amounts rounded as it says."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from assistant.core.checks import run_checks
from assistant.core.model.budget import BudgetItem
from assistant.core.model.forms import load_form
from assistant.core.model.forms.validate import check_form_text
from assistant.core.storage import paths
from tests.core.checks.test_checks import FINSAM, clean_draft


def with_budget_rules(**rules):
    return dataclasses.replace(FINSAM, budget=dataclasses.replace(FINSAM.budget, **rules))


def found(draft, form, code):
    return [f for f in run_checks(draft, form).findings if f.code == code]


def test_overhead_as_a_share_above_the_forms_cap_is_an_error_naming_the_row_and_the_cap():
    form = with_budget_rules(overhead_cap=15.0)
    d = clean_draft(form)
    d.budget.items.append(BudgetItem("Övriga kostnader", "Overhead", total="10 % av Personal"))
    assert found(d, form, "budget.overhead_cap") == []
    d.budget.items[-1].total = "20 % av Personal"
    [over] = found(d, form, "budget.overhead_cap")
    assert over.severity == "fel" and over.section == "budget"
    assert over.message == (
        "detaljerad budget, ”Overhead”: overhead 20\u00a0% av Personal är mer än formulärets tak 15\u00a0%"
    )
    assert "overhead 20% of Personal is more than the form's cap 15%" in over.text("en")


def test_an_overhead_item_with_a_plain_amount_is_measured_against_the_other_items():
    form = with_budget_rules(overhead_cap=12.5)
    d = clean_draft(form)  # the other items: 1 400 000
    d.budget.items.append(BudgetItem("Övriga kostnader", "Administrativa kostnader (OH)", total="210 000"))
    [over] = found(d, form, "budget.overhead_cap")  # 15,0 %
    assert "210\u00a0000\u00a0kr, 15\u00a0% av övriga poster" in over.message and "tak 12,5\u00a0%" in over.message
    d.budget.items[-1].total = "175 000"  # 12,5 %
    assert found(d, form, "budget.overhead_cap") == []
    d.budget.items[-1] = BudgetItem("Övriga kostnader", "Reserv", total="10 % av Personal")  # no overhead
    assert found(d, form, "budget.overhead_cap") == []


def test_without_a_cap_overhead_is_not_limited():
    d = clean_draft()
    d.budget.items.append(BudgetItem("Övriga kostnader", "Overhead", total="40 % av Personal"))
    assert found(d, FINSAM, "budget.overhead_cap") == []


def test_a_form_that_rounds_to_thousands_rounds_formulas_and_warns_about_typed_amounts():
    form = with_budget_rules(rounding="tusental")
    d = clean_draft(form)
    d.budget.rounding = form.budget.rounding_unit
    assert d.budget.rounding == Decimal(1000)
    d.budget.items.append(
        BudgetItem("Personal", "Projektledare", per_year={2026: "0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO"})
    )
    assert d.budget.totals().items[-1].value == Decimal(300_000)  # 299 638,40 to the nearest thousand
    assert found(d, form, "budget.rounding") == []
    d.budget.set_cell("Lokaler", 2026, "40 250")
    [warning] = found(d, form, "budget.rounding")
    assert warning.severity == "varning"
    assert warning.message == (
        "budget, Lokaler, år 2026: 40\u00a0250\u00a0kr är inte avrundat till tusental som formuläret vill"
    )
    assert warning.hint == "skriv 40\u00a0000\u00a0kr"


def test_whole_kronor_is_the_default_and_the_form_file_sets_the_rounding_and_the_cap():
    assert load_form("finsam-malmo").budget.rounding_unit == Decimal(1)
    shipped = (paths.forms_dir() / "finsam-malmo.toml").read_text(encoding="utf-8")
    text = shipped.replace("[budget]\n", '[budget]\nrounding = "tusental"\noverhead_cap = 15\n', 1)
    checked = check_form_text(text)
    assert checked.errors == [] and checked.form is not None
    assert checked.form.budget.rounding_unit == Decimal(1000) and checked.form.budget.overhead_cap == 15
    wrong = check_form_text(text.replace('"tusental"', '"miljoner"').replace("= 15", "= 150"))
    lines = wrong.lines("en")
    assert any("rounding" in line and "krona, hundratal, tusental" in line for line in lines), lines
    assert any("overhead_cap" in line for line in lines), lines
    d = clean_draft()
    d.budget.items.append(BudgetItem("Personal", "Coach", total="0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO"))
    assert d.budget.totals().items[-1].value == Decimal(299_638)
    assert found(d, FINSAM, "budget.rounding") == []
