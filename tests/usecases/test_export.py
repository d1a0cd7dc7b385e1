"""The export use case holds the rules of docs/data-promises.md for both faces: it writes only
where it was asked, never through a planted link, never over the draft, and atomically."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import docx
import pytest

from assistant.core.errors import UserError
from assistant.core.i18n import set_language
from assistant.usecases.drafts import create_draft, open_draft
from assistant.usecases.export import PageCount, export_application
from tests.conftest import needs_libreoffice


@pytest.fixture
def draft_path(tmp_path) -> Path:
    return create_draft("finsam-malmo", tmp_path / "utkast.md", title="Export").path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_default_target_is_beside_the_draft(draft_path):
    result = export_application(draft_path)
    assert result.docx == draft_path.with_suffix(".docx") and result.pdf is None
    docx.Document(str(result.docx))
    assert result.pages is not None and result.pages.pages >= 1 and not result.pages.exact


def test_an_open_draft_exports_its_unsaved_text(draft_path, tmp_path):
    draft = open_draft(draft_path)
    draft.set_text("bakgrund", "Osparad mening om bakgrunden.")
    result = export_application(draft, tmp_path / "ut.docx")
    assert "Osparad mening" in "\n".join(p.text for p in docx.Document(str(result.docx)).paragraphs)


def test_a_symlinked_default_target_is_refused(draft_path, tmp_path):
    victim = tmp_path / "viktig.conf"
    victim.write_text("orörd\n", encoding="utf-8")
    draft_path.with_suffix(".docx").symlink_to(victim)
    with pytest.raises(UserError, match="symbolisk länk"):
        export_application(draft_path)
    assert victim.read_text(encoding="utf-8") == "orörd\n" and draft_path.with_suffix(".docx").is_symlink()


def test_a_missing_folder_is_made_only_when_asked_and_never_a_chain(draft_path, tmp_path):
    with pytest.raises(UserError, match="katalogen finns inte"):
        export_application(draft_path, tmp_path / "ny" / "ut.docx")
    assert not (tmp_path / "ny").exists()
    with pytest.raises(UserError, match="katalogen finns inte"):
        export_application(draft_path, tmp_path / "a" / "b" / "ut.docx", create_parent=True)
    assert not (tmp_path / "a").exists()
    result = export_application(draft_path, tmp_path / "ny" / "ut.docx", create_parent=True)
    assert result.created_dir == tmp_path / "ny" and result.docx.is_file()


def test_the_draft_is_never_overwritten(draft_path, tmp_path):
    link = tmp_path / "lank.docx"
    link.symlink_to(draft_path)
    odd_names = [tmp_path / "utkast.docx", tmp_path / "ut.pdf"]  # drafts saved under export names
    for odd in odd_names:
        odd.write_bytes(draft_path.read_bytes())
    originals = {p: p.read_bytes() for p in [draft_path, *odd_names]}
    with pytest.raises(UserError, match="skriva över utkastet"):
        export_application(draft_path, link)
    with pytest.raises(UserError, match="skriva över utkastet"):
        export_application(odd_names[0])  # the default target is the draft itself
    with pytest.raises(UserError, match="skriva över utkastet"):
        export_application(odd_names[1], tmp_path / "ut.docx", pdf=True)  # so would the PDF be
    assert {p: p.read_bytes() for p in originals} == originals and not (tmp_path / "ut.docx").exists()


def test_named_output_must_be_a_docx_file(draft_path, tmp_path):
    with pytest.raises(UserError, match=r"\.docx"):
        export_application(draft_path, tmp_path / "ut.txt")
    with pytest.raises(UserError, match="katalog"):
        export_application(draft_path, tmp_path)


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp_file(draft_path, monkeypatch):
    first = export_application(draft_path).docx
    before = first.read_bytes()
    draft = open_draft(draft_path)
    draft.set_text("bakgrund", "Ny text som aldrig når disken.")

    def disk_full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("assistant.core.storage.atomic.os.replace", disk_full)
    with pytest.raises(UserError, match="disken är full"):
        export_application(draft)
    assert first.read_bytes() == before
    assert _leftovers(first.parent) == []


def test_page_phrase_in_both_languages():
    count = PageCount(pages=8, limit=7, uncounted=True)
    try:
        set_language("sv")
        assert count.phrase() == "8 sidor + underskriftssida; gräns 7, 1 sida för mycket"
        set_language("en")
        assert count.phrase() == "8 pages + signature page; limit 7, 1 page too many"
    finally:
        set_language("sv")


@needs_libreoffice
def test_pdf_is_written_atomically_beside_the_docx(draft_path, monkeypatch):
    result = export_application(draft_path, pdf=True)
    assert result.pdf == draft_path.with_suffix(".pdf") and result.pdf.read_bytes().startswith(b"%PDF")
    assert result.pdf_pages is not None and result.pdf_pages.exact and result.pdf_pages.total
    before = result.pdf.read_bytes()
    real_replace = os.replace

    def pdf_fails(src, dst):
        if str(dst).endswith(".pdf"):
            raise OSError(errno.EIO, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr("assistant.core.storage.atomic.os.replace", pdf_fails)
    with pytest.raises(UserError, match="oförändrad"):
        export_application(draft_path, pdf=True)
    assert result.pdf.read_bytes() == before and _leftovers(draft_path.parent) == []


@needs_libreoffice
def test_a_symlinked_pdf_is_refused_before_anything_is_written(draft_path, tmp_path):
    victim = tmp_path / "viktig.pdf"
    victim.write_bytes(b"orord")
    draft_path.with_suffix(".pdf").symlink_to(victim)
    with pytest.raises(UserError, match="symbolisk länk"):
        export_application(draft_path, pdf=True)
    assert victim.read_bytes() == b"orord" and not draft_path.with_suffix(".docx").exists()


def test_the_review_lists_open_errors_and_each_marker_with_its_section(draft_path, tmp_path):
    draft = open_draft(draft_path)
    draft.set_text("bakgrund", "Sedan ⟦2014 → ?⟧ arbetar ⟦Malmö stad → ?⟧ med unga.")
    result = export_application(draft, tmp_path / "ut.docx")
    review = result.review
    assert [(m.section, m.heading, m.text) for m in review.markers] == [
        ("bakgrund", "2. Bakgrund", "⟦2014 → ?⟧"),
        ("bakgrund", "2. Bakgrund", "⟦Malmö stad → ?⟧"),
    ]
    assert review.errors and all(str(f.severity) == "fel" and f.code != "marker" for f in review.errors)
    assert not review.clean and result.docx.is_file()
    assert review.phrase().render("en").endswith("and 2 markers ⟦… → ?⟧")


def test_strict_refuses_while_anything_is_open_and_writes_nothing(draft_path, tmp_path):
    from assistant.usecases.export import ExportRefused

    with pytest.raises(ExportRefused) as caught:
        export_application(draft_path, tmp_path / "ny" / "ut.docx", strict=True, create_parent=True)
    assert caught.value.exit_code == 1 and caught.value.review.errors
    assert "inget skrevs" in caught.value.message("sv") and "nothing was written" in caught.value.message("en")
    assert not (tmp_path / "ny").exists() and not draft_path.with_suffix(".docx").exists()


def test_the_signature_page_names_the_signatories_with_their_titles(tmp_path):
    from assistant.usecases.facts import parse_facts

    facts = parse_facts(signatories=["Anna Berg, förbundschef, Lunds kommun", "Bo Ek, , Region Skåne"])
    path = create_draft("finsam-malmo", tmp_path / "u.md", title="T", facts=facts).path
    text = "\n".join(p.text for p in docx.Document(str(export_application(path).docx)).paragraphs)
    assert "Anna Berg, förbundschef, Lunds kommun" in text and "Bo Ek, Region Skåne" in text
