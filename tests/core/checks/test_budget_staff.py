"""Staff counts and years in the text against the budget: errors naming the text and the row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.core.checks import run_checks
from assistant.core.checks.budget_staff import item_staff, staff_in_text
from assistant.core.model.budget import BudgetItem
from tests.core.checks.test_checks import PARA, clean_draft


@pytest.mark.parametrize(
    ("text", "posts"),
    [
        ("en halvtidstjänst som handläggare", ["0.5"]),
        ("två heltidstjänster", ["2"]),
        ("2,5 heltidstjänster fördelade på 4 medarbetare", ["2.5"]),
        ("0,5 tjänst", ["0.5"]),
        ("1,5 tjänster", ["1.5"]),
        ("en och en halv tjänst", ["1.5"]),
        ("en halv tjänst", ["0.5"]),
        ("50 % tjänst", ["0.5"]),
        ("en 75-procentig tjänst", ["0.75"]),
        ("Handläggare: 1 tjänst (50%)", ["0.5"]),
        ("3 årsarbetare", ["3"]),
        ("tre halvtidstjänster", ["1.5"]),
        ("vi köper en tjänst av Samhall", []),  # a service, not a post
        ("Externa tjänster", []),
    ],
)
def test_staff_is_read_the_swedish_way(text, posts):
    assert [v for v, _s, _e in staff_in_text(text)] == [Decimal(p) for p in posts]


def test_an_items_post_comes_from_its_formula_its_quantity_or_its_text():
    formula = BudgetItem(
        "Personal", "Projektledare", per_year={2027: "0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO"}
    )
    assert item_staff(formula) == {Decimal("0.5")}
    assert item_staff(BudgetItem("Personal", "Coach", total="400 000", quantity="0,8 tjänst")) == {Decimal("0.8")}
    assert item_staff(BudgetItem("Personal", "Handläggare, Försäkringskassan, 0,5 tjänst", total="1")) == {
        Decimal("0.5")
    }
    assert item_staff(BudgetItem("Lokaler", "Hyra", total="40 000")) == frozenset()


def staffed():
    d = clean_draft()
    d.budget.items = [
        BudgetItem("Personal", "Handläggare, kommunen, 1,0 tjänst inkl. PO", total="800 000"),
        BudgetItem("Personal", "Handläggare, Försäkringskassan, 0,5 tjänst", total="400 000"),
        *[i for i in d.budget.items if i.category != "Personal"],
    ]
    return d


def staff_findings(d):
    return [f for f in run_checks(d).findings if f.code == "budget.text_staff"]


def test_a_post_the_text_gives_one_item_is_compared_with_that_item():
    d = staffed()
    d.sections["organisering"] = PARA + " Försäkringskassan bidrar med en halvtidstjänst som handläggare."
    assert staff_findings(d) == []
    d.sections["organisering"] = PARA + " Försäkringskassan bidrar med en heltidstjänst som handläggare."
    [wrong] = staff_findings(d)
    assert wrong.severity == "fel" and wrong.section == "organisering"
    assert "en heltidstjänst som handläggare" in wrong.message and "”Organisering”" in wrong.message
    assert "budgeten har 0,5 tjänst (detaljerad budget, ”Handläggare, Försäkringskassan, 0,5 tjänst”)" in wrong.message
    assert "the budget has 0.5 posts" in wrong.text("en")


def test_the_projects_staff_in_all_is_compared_with_the_sum_of_the_items():
    d = staffed()
    d.sections["organisering"] = PARA + " Projektet bemannas med sammanlagt 1,5 tjänster."
    assert staff_findings(d) == []
    d.sections["organisering"] = PARA + " Projektet bemannas med två heltidstjänster."
    [wrong] = staff_findings(d)
    assert "budgeten har 1,5 tjänst (detaljerad budget, Personal)" in wrong.message


def test_a_post_the_sentence_does_not_tie_to_an_item_or_the_whole_is_left_alone():
    d = staffed()
    d.sections["bakgrund"] = PARA + " I ett tidigare projekt fanns två heltidstjänster."
    assert staff_findings(d) == []


def test_a_year_the_text_gives_an_amount_that_the_budget_lacks_is_an_error():
    d = clean_draft()  # budget years 2026 and 2027
    d.sections["presentation"] = PARA + " För 2027 budgeteras 700 000 kr."
    assert [f for f in run_checks(d).findings if f.code == "budget.text_year"] == []
    d.sections["presentation"] = PARA + " För 2028 budgeteras 700 000 kr till personal."
    [wrong] = [f for f in run_checks(d).findings if f.code == "budget.text_year"]
    assert wrong.severity == "fel" and wrong.section == "presentation"
    assert "budgeten har inget år 2028 (budgetens år: 2026–2027)" in wrong.message
    d.sections["presentation"] = PARA + " År 2015 startade kommunen en liknande insats."
    assert [f for f in run_checks(d).findings if f.code == "budget.text_year"] == []
