"""The budget tables in the exported .docx, read back with python-docx: co-financing apart."""

from __future__ import annotations

import docx

from assistant.core.document.export import export_docx
from assistant.core.model.budget import Contribution
from assistant.core.model.drafts import load_draft
from assistant.core.storage import paths


def _tables_after(document, label: str):
    body = document.element.body
    found = False
    for child in body.iterchildren():
        if child.tag.endswith("}p") and docx.text.paragraph.Paragraph(child, document).text.strip() == label:
            found = True
        elif found and child.tag.endswith("}tbl"):
            return docx.table.Table(child, document)
    return None


def test_partner_contributions_are_their_own_table_and_not_in_the_funders_sums(tmp_path):
    draft = load_draft(paths.demo_draft())
    before = draft.budget.totals().grand.value
    draft.budget.cofinancing = [
        Contribution(
            "Försäkringskassan",
            "0,5 tjänst handläggare",
            "arbetstid",
            per_year={2027: "0,5 tjänst × 42 000 kr/mån × 12 mån", 2028: "252 000"},
        ),
        Contribution("Region Skåne", "", "pengar", total="50 000 kr"),
    ]
    out = export_docx(draft, tmp_path / "a.docx")
    document = docx.Document(str(out))
    table = _tables_after(document, "Medfinansiering")
    assert table is not None
    rows = [[c.text.replace("\u00a0", " ") for c in row.cells] for row in table.rows]
    assert rows == [
        ["Partner", "Insats", "Belopp (kr)"],
        ["Försäkringskassan", "0,5 tjänst handläggare (arbetstid)", "504 000"],
        ["Region Skåne", "pengar", "50 000"],
        ["Summa medfinansiering", "", "554 000"],
    ]
    compiled = _tables_after(document, "Sammanställd budget")
    grand = compiled.rows[-1].cells[-1].text.replace("\u00a0", " ")
    assert grand == f"{int(before):,}".replace(",", " ")  # the funder's total is unchanged
