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


def test_acceptance_the_demo_budget_from_staff_formulas_and_partner_contributions(tmp_path):
    """Issue 15: the demo's budget as a project leader reasons it, every total checked by hand."""
    from assistant.core.model.budget import Contribution
    from assistant.core.model.drafts import load_draft, save_draft
    from assistant.core.storage import paths

    draft = load_draft(paths.demo_draft())
    budget = draft.budget
    budget.compiled = {}
    budget.items = [
        BudgetItem(
            "Personal",
            "Handläggare, kommunen, 1,0 tjänst inkl. PO",
            per_year={
                2027: "1,0 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO",  # 456 000 + 143 275,20 = 599 275,20
                2028: "1,0 tjänst × 39 000 kr/mån × 12 mån + 31,42 % PO",  # 468 000 + 147 045,60 = 615 045,60
            },
        ),
        BudgetItem(
            "Personal",
            "Arbetsterapeut, 0,3 tjänst",
            per_year={2027: "0,3 tjänst × 36 500 kr/mån × 12 mån + 31,42 % PO", 2028: ""},  # 131 400 + 41 285,88
        ),
        BudgetItem("Externa tjänster", "Handledning", per_year={2027: "1 200 kr/tim × 40 tim", 2028: "48 000"}),
        BudgetItem("Övriga kostnader", "Resor och material", total="70 000 kr"),
    ]
    budget.cofinancing = [
        Contribution(
            "Försäkringskassan",
            "0,5 tjänst handläggare",
            "arbetstid",
            per_year={2027: "0,5 tjänst × 42 000 kr/mån × 12 mån", 2028: "0,5 tjänst × 42 000 kr/mån × 12 mån"},
        ),
        Contribution("Arbetsförmedlingen", "lokaler för gruppträffar", "lokaler", total="24 000 kr"),
    ]
    path = tmp_path / "demo.md"
    save_draft(draft, path)
    totals = load_draft(path).budget.totals()  # through the file: formulas are kept as written

    d = Decimal
    assert totals.detailed_year(2027).value == d(599275) + d(172686) + d(48000)
    assert totals.detailed_year(2028).value == d(615046) + d(48000)
    assert totals.detailed_row("Personal").value == d(599275) + d(615046) + d(172686)
    assert totals.detailed_row("Externa tjänster").value == d(96000)
    assert totals.detailed.value == d(599275 + 172686 + 48000 + 615046 + 48000 + 70000)
    # the partners' part: 0,5 × 42 000 × 12 = 252 000 a year, plus 24 000 in premises; never the funder's
    assert list(totals.cofinancing_partners) == ["Försäkringskassan", "Arbetsförmedlingen"]
    assert totals.cofinancing_partners["Försäkringskassan"].value == d(504000)
    assert totals.cofinancing_partners["Arbetsförmedlingen"].value == d(24000)
    assert list(totals.cofinancing_years) == [2027, 2028]
    assert totals.cofinancing_years[2027].value == d(252000)
    assert totals.cofinancing.value == d(528000)
    assert totals.grand.value == 0  # the compiled table was emptied: partners' money never lands there
    assert not totals.bad


def test_a_contribution_of_an_unknown_kind_is_refused_naming_the_line(tmp_path):
    from assistant.core.errors import DraftError
    from assistant.core.model.drafts import load_draft, new_draft, save_draft
    from assistant.core.model.forms import load_form

    path = tmp_path / "u.md"
    save_draft(new_draft(load_form("finsam-malmo")), path)
    text = path.read_text(encoding="utf-8")
    front_end = text.index("+++", 3)
    table = '[[budget.cofinancing]]\npartner = "Region Skåne"\nkind = "gåva"\ntotal = "10 000"\n'
    path.write_text(text[:front_end] + table + text[front_end:], encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        load_draft(path)
    assert "gåva" in caught.value.message("sv") and "arbetstid" in caught.value.message("sv")
    assert caught.value.where and caught.value.where.startswith(str(path))


def test_overhead_is_a_share_of_the_categories_it_names_year_by_year():
    budget = Budget(years=[2027, 2028], categories=["Personal", "Externa tjänster", "Övriga kostnader"])
    budget.items = [
        BudgetItem(
            "Personal", "Projektledare", per_year={2027: "400 000", 2028: "0,5 tjänst × 40 000 kr/mån × 12 mån"}
        ),
        BudgetItem("Externa tjänster", "Handledning", total="50 000"),
        BudgetItem("Övriga kostnader", "Overhead", per_year={2027: "10 % av Personal", 2028: "12,5 % av Personal"}),
        BudgetItem("Övriga kostnader", "Reserv", total="2 % av Personal och Externa tjänster"),
    ]
    totals = budget.totals()
    overhead, reserve = totals.items[2], totals.items[3]
    assert overhead.value == Decimal(40000) + Decimal(30000)  # 10 % of 400 000; 12,5 % of 240 000
    assert reserve.value == (Decimal("0.02") * (400000 + 240000 + 50000)).quantize(Decimal(1))
    assert totals.detailed_row("Övriga kostnader").value == Decimal(70000) + Decimal(13800)
    assert totals.detailed.value == Decimal(400000 + 240000 + 50000 + 70000 + 13800)
    assert not totals.bad


def test_a_share_of_a_category_that_does_not_exist_is_a_bad_cell_naming_it():
    budget = Budget(years=[2027], categories=["Personal"])
    budget.items = [
        BudgetItem("Personal", "Lön", total="100 000"),
        BudgetItem("Personal", "Overhead", per_year={2027: "10 % av Persona"}),
    ]
    [error] = budget.totals().bad
    assert "”Persona”" in error.message("sv") and error.where.endswith("år 2027")
