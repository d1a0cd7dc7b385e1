"""export --review: the writer's open questions as Word comments on the text they are about."""

from __future__ import annotations

import shutil

import pytest

from assistant.core.document.office import convert_to_pdf, pdf_page_count
from assistant.core.model.drafts import load_draft
from assistant.core.model.drafts.carried import carry_over
from assistant.core.sources.review import read_review
from assistant.core.storage import paths
from assistant.usecases.export import export_application
from tests.core.sources.libreoffice_review import resaved_by_libreoffice


def test_markers_and_unconfirmed_figures_become_comments_anchored_on_their_text(tmp_path):
    draft = load_draft(paths.demo_draft())
    draft.set_text("malgrupp", draft.text("malgrupp") + "\n\nI ⟦Malmö stad → ?⟧ finns 120 deltagare i målgruppen.")
    carry_over(draft.carried, "malgrupp", "120 deltagare", "Case management (Malmö stad, 2017)")
    result = export_application(draft, tmp_path / "granska.docx", for_review=True)

    review = read_review(result.docx, draft.form)  # read back the way a reviewed file is read
    got = [(c.section, c.anchor, c.author) for c in review.comments]
    writer = draft.contacts[0].name
    assert got == [("malgrupp", "⟦Malmö stad → ?⟧", writer), ("malgrupp", "120 deltagare", writer)]
    assert "Case management" in review.comments[1].text
    assert review.changes == []
    # the text around the anchors is whole: the split runs read as the paragraph did
    assert "I ⟦Malmö stad → ?⟧ finns 120 deltagare i målgruppen." in review.accepted["malgrupp"]


def test_an_export_not_for_review_has_no_comments(tmp_path):
    draft = load_draft(paths.demo_draft())
    draft.set_text("malgrupp", "I ⟦Malmö stad → ?⟧ finns deltagare.")
    result = export_application(draft, tmp_path / "vanlig.docx")
    assert read_review(result.docx, draft.form).comments == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_review_copy_and_keeps_its_comments(tmp_path):
    draft = load_draft(paths.demo_draft())
    draft.set_text("bakgrund", draft.text("bakgrund") + "\n\nSedan ⟦2016 → ?⟧ arbetar 30 personer med detta.")
    carry_over(draft.carried, "bakgrund", "30 personer", "Fram (Malmö stad, 2021)")
    result = export_application(draft, tmp_path / "granska.docx", for_review=True)
    pdf = convert_to_pdf(result.docx, tmp_path / "pdf")
    assert pdf_page_count(pdf) >= 2
    # LibreOffice's own .docx of it (what a reviewer saving in LibreOffice sends back) still has both
    again = read_review(resaved_by_libreoffice(result.docx, tmp_path / "lo"), draft.form)
    assert [(c.section, c.anchor) for c in again.comments] == [("bakgrund", "⟦2016 → ?⟧"), ("bakgrund", "30 personer")]


def test_the_writers_notes_do_not_travel_in_the_exported_files_data(tmp_path):
    """The .docx keeps the draft's data for `new --from`, but not the notes: questions for the team,
    not for the funder who receives the file (a review copy has the open ones as comments)."""
    import zipfile

    from assistant.core.model.drafts.notes import new_note

    draft = load_draft(paths.demo_draft())
    draft.notes.append(new_note("malgrupp", "Kommunen betalar nog inte, fråga Eva", anchor="60 personer"))
    for name, review in (("vanlig.docx", False), ("granska.docx", True)):
        result = export_application(draft, tmp_path / name, for_review=review)
        with zipfile.ZipFile(result.docx) as package:
            data = package.read("customXml/ansokan1.xml").decode("utf-8")
        assert "Steget vidare" in data and "[[notes]]" not in data and "fråga Eva" not in data
    assert [c.text for c in read_review(tmp_path / "granska.docx", draft.form).comments] == [
        "Kommunen betalar nog inte, fråga Eva"
    ]
