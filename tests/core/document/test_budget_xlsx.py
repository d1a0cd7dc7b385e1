"""The budget spreadsheet: LibreOffice Calc reads it (headless, to CSV, every sheet) and the
values it computes from the live formulas equal `Budget.totals()`."""

from __future__ import annotations

import csv
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import openpyxl

from assistant.core.document.budget_xlsx import COFINANCING_SHEET, COMPILED_SHEET, budget_xlsx
from assistant.core.document.office import profile_argument, require_soffice, run_guarded
from assistant.core.model.budget import Budget, BudgetItem, Contribution
from assistant.core.storage.workdir import private_workdir
from assistant.usecases.drafts import demo_copy, open_draft
from tests.conftest import needs_libreoffice

# LibreOffice's CSV filter: comma, quote, UTF-8, from line 1, raw values (not as shown), every sheet.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def calc_values(*xlsx: Path) -> list[dict[str, list[list[str]]]]:
    """Each sheet of each file as LibreOffice Calc computes it: sheet name -> rows of cells.
    All files in one LibreOffice run (a start is most of a small file's CPU); their names must differ."""
    with private_workdir() as work:
        env = {**os.environ, "TMPDIR": str(work), "TMP": str(work), "TEMP": str(work)}
        command = [
            require_soffice(),
            profile_argument(work / "profile", require_soffice()),
            "--headless",
            "--norestore",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(work),
            *map(str, xlsx),
        ]
        run_guarded(command, env=env, timeout=180, where=xlsx[0])
        every = []
        for book in xlsx:
            sheets = {}
            for found in work.glob(f"{book.stem}-*.csv"):
                with found.open(encoding="utf-8", newline="") as f:
                    sheets[found.stem.removeprefix(f"{book.stem}-")] = list(csv.reader(f))
            every.append(sheets)
        return every


def row_of(rows: list[list[str]], label: str, start: int = 0) -> list[str]:
    return next(r for r in rows[start:] if r and r[0] == label)


def number(cell: str) -> Decimal:
    """A computed cell; a text cell (an amount that is not one) counts as 0, as in `totals()`."""
    try:
        return Decimal(cell or "0")
    except ArithmeticError:
        return Decimal(0)


def a_budget() -> Budget:
    """A formula, a share, an item with only a period total, a bad cell, co-financing and a
    post whose name looks like a spreadsheet formula."""
    budget = Budget(years=[2027, 2028], categories=["Personal", "Lokaler", "Övriga kostnader"])
    budget.set_cell("Personal", 2027, "0,5 tjänst × 38 000 kr/mån × 12 mån + 31,42 % PO")
    budget.set_cell("Personal", 2028, "230 000")
    budget.set_cell("Lokaler", 2027, "ungefär femtio")
    budget.items = [
        BudgetItem(
            "Personal", "Projektledare", per_year={2027: "0,5 tjänst × 38 000 kr/mån × 12 mån", 2028: "240 000"}
        ),
        BudgetItem("Personal", '=HYPERLINK("http://x","klicka")', per_year={2027: "1 000"}),
        BudgetItem("Lokaler", "Lokalhyra", total="120 000"),
        BudgetItem("Övriga kostnader", "Overhead", per_year={2027: "10 % av Personal", 2028: "10 % av Personal"}),
    ]
    budget.cofinancing = [
        Contribution(
            "Arbetsförmedlingen", "0,2 tjänst handläggare", "arbetstid", per_year={2027: "90 000", 2028: "92 000"}
        ),
        Contribution("Region Skåne", "", "pengar", total="50 000"),
    ]
    return budget


@needs_libreoffice
def test_calc_computes_the_totals_of_the_demo_and_of_a_budget_with_formulas_shares_and_partners(tmp_path):
    demo = open_draft(demo_copy(tmp_path / "drafts")).budget
    budgets = {"demo": demo, "mixed": a_budget()}
    for name, budget in budgets.items():
        (tmp_path / f"{name}.xlsx").write_bytes(budget_xlsx(budget))
    computed = calc_values(*(tmp_path / f"{name}.xlsx" for name in budgets))
    for (name, budget), sheets in zip(budgets.items(), computed, strict=True):
        totals = budget.totals()
        compiled = sheets[COMPILED_SHEET]
        years = sorted({*budget.years, *(y for i in budget.items for y in i.per_year)})
        assert set(sheets) == {COMPILED_SHEET, *map(str, years)} | (
            {COFINANCING_SHEET} if budget.cofinancing else set()
        )
        header = compiled[0]
        assert header == ["Kostnadsslag", *map(str, budget.years), "Totalt"]
        for category in totals.categories:
            row = row_of(compiled, category)
            assert [number(c) for c in row[1:]] == [
                *(totals.cell(category, y).value for y in budget.years),
                totals.rows[category].value,
            ], (name, category)
        sums = row_of(compiled, "Summa kostnader")
        assert [number(c) for c in sums[1:]] == [*(totals.years[y].value for y in budget.years), totals.grand.value]
        detailed_at = compiled.index(row_of(compiled, "Detaljerad budget"))
        detailed = row_of(compiled, "Summa kostnader", detailed_at)
        assert number(detailed[len(years) + 1]) == totals.detailed.value, name
        for index, amount in enumerate(totals.items):
            assert number(compiled[detailed_at + 1 + index][len(years) + 1]) == amount.value, (name, index)
        for year in years:
            assert number(row_of(sheets[str(year)], "Summa kostnader")[2]) == totals.detailed_year(year).value
        if budget.cofinancing:
            partners = sheets[COFINANCING_SHEET]
            assert number(row_of(partners, "Summa medfinansiering")[-1]) == totals.cofinancing.value
    assert totals.grand.value == Decimal(299_638 + 230_000)  # the mixed budget: a bad cell counts as 0
    assert totals.detailed.value == Decimal(228_000 + 240_000 + 1_000 + 120_000 + 46_900)


def test_formulas_are_live_text_stays_text_and_amounts_are_in_swedish_kronor(tmp_path):
    xlsx = tmp_path / "b.xlsx"
    xlsx.write_bytes(budget_xlsx(a_budget()))
    book = openpyxl.load_workbook(xlsx)
    year = book["2027"]
    cells = {c.coordinate: c for row in year.iter_rows() for c in row}
    formulas = [c.value for c in cells.values() if c.data_type == "f"]
    assert "=SUM(C2:C3)" in formulas and any(f.startswith("=ROUND(0.1*SUM(C2,C3)") for f in formulas)
    hyperlink = next(c for c in cells.values() if str(c.value).startswith("=HYPERLINK"))
    assert hyperlink.data_type == "s"
    assert cells["D2"].value.startswith("0,5 tjänst × 38 000 kr/mån × 12 mån = 228\u00a0000 kr")
    assert '"kr"' in cells["C2"].number_format and "#\\ ##0" in cells["C2"].number_format
    compiled = book[COMPILED_SHEET]
    assert compiled["B3"].value == "ungefär femtio"  # not an amount: as typed, and named by `check`
    assert compiled["D2"].value == "=SUM(B2:C2)"


def test_a_budget_without_years_has_no_sum_that_takes_in_its_own_cell(tmp_path):
    budget = Budget(categories=["Personal"])
    budget.items = [BudgetItem("Personal", "Utan belopp")]
    budget.cofinancing = [Contribution("Arbetsförmedlingen", total="5 000")]
    book = openpyxl.load_workbook(io.BytesIO(budget_xlsx(budget)))
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    refs = re.findall(r"([A-Z]+\d+)(?::([A-Z]+\d+))?", cell.value.removeprefix("="))
                    inside = [
                        a == cell.coordinate or (b and _within(cell.coordinate, a, b)) for a, b in refs if a != "SUM"
                    ]
                    assert not any(inside), (sheet.title, cell.coordinate, cell.value)
    assert book[COFINANCING_SHEET]["D2"].value == 5000


def _within(ref: str, first: str, last: str) -> bool:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    (c, r), (c1, r1), (c2, r2) = (coordinate_from_string(x) for x in (ref, first, last))
    col, col1, col2 = (column_index_from_string(x) for x in (c, c1, c2))
    return col1 <= col <= col2 and r1 <= r <= r2
