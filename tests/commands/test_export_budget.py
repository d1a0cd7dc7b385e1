"""`ansokan export DRAFT --budget-xlsx BUDGET.xlsx`, in a real process: the spreadsheet beside the
.docx, held to the export's path rules."""

from __future__ import annotations

import openpyxl

from assistant.core.document.budget_xlsx import COMPILED_SHEET
from assistant.usecases.drafts import demo_copy
from tests.conftest import run_cli


def test_export_writes_the_budget_spreadsheet_and_refuses_a_bad_name_in_one_line(tmp_path):
    demo = demo_copy(tmp_path / "drafts")
    out = tmp_path / "ut" / "budget.xlsx"
    done = run_cli("export", str(demo), "--budget-xlsx", str(out))
    assert done.returncode == 0, done.stderr
    assert f"{out} (budgeten)" in done.stdout
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [COMPILED_SHEET, "2027", "2028"]
    assert book[COMPILED_SHEET]["D6"].value == "=SUM(D2:D5)"
    for bad, why in (("budget.csv", ".xlsx"), (str(demo), ".xlsx"), (str(tmp_path), "katalog")):
        refused = run_cli("export", str(demo), "--budget-xlsx", bad, "-o", str(tmp_path / "x.docx"))
        assert refused.returncode == 2, refused.stderr
        assert refused.stderr.count("\n") == 1 and why in refused.stderr and "Traceback" not in refused.stderr
        assert not (tmp_path / "x.docx").exists()  # refused before anything is written
