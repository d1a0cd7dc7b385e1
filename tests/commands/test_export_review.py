"""Acceptance (issue 17): `ansokan export --review` on a draft with two notes and an unconfirmed
figure gives a .docx whose comments.xml holds three comments, each anchored (commentRangeStart …
commentRangeEnd) on the right text, by the right author; LibreOffice converts it to PDF."""

from __future__ import annotations

import zipfile

from lxml import etree

from assistant.core.document.office import convert_to_pdf, pdf_page_count
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.model.drafts.carried import carry_over
from assistant.core.storage.paths import demo_draft
from tests.conftest import needs_libreoffice, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIRST_OF_BAKGRUND = "I Trelleborg står omkring 180 unga vuxna"


def comments_in(docx):
    """(author, date, comment text, the document text between its range start and end), by id."""
    with zipfile.ZipFile(docx) as package:
        comments = etree.fromstring(package.read("word/comments.xml"))
        body = etree.fromstring(package.read("word/document.xml"))
    ranges: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for node in body.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
        if node.tag == f"{W}commentRangeStart":
            open_ids.add(node.get(f"{W}id"))
            ranges[node.get(f"{W}id")] = []
        elif node.tag == f"{W}commentRangeEnd":
            open_ids.discard(node.get(f"{W}id"))
        else:
            for comment_id in open_ids:
                ranges[comment_id].append(node.text or "")
    return [
        (
            c.get(f"{W}author"),
            c.get(f"{W}date", "")[:10],
            "".join(t.text or "" for t in c.iter(f"{W}t")),
            "".join(ranges[c.get(f"{W}id")]),
        )
        for c in comments.iter(f"{W}comment")
    ]


def _draft_with_two_notes_and_a_carried_figure(tmp_path):
    draft = load_draft(demo_draft())
    carry_over(draft.carried, "mal", "40 %", "Fram (Malmö stad, 2021)")
    path = save_draft(draft, tmp_path / "utkast.md")
    for args in (
        ("malgrupp", "Stämmer siffran med Arbetsförmedlingens?", "--anchor", "60 personer"),
        ("bakgrund", "Har vi en källa till 180?", "--author", "Eva Holm"),
    ):
        added = run_cli("note", str(path), *args)
        assert added.returncode == 0, added.stderr
    return path


@needs_libreoffice
def test_export_review_puts_two_notes_and_an_unconfirmed_figure_as_three_anchored_comments(tmp_path):
    path = _draft_with_two_notes_and_a_carried_figure(tmp_path)
    exported = run_cli("export", str(path), "--review", "-o", str(tmp_path / "granska.docx"))
    assert exported.returncode == 0, exported.stderr

    got = comments_in(tmp_path / "granska.docx")
    assert len(got) == 3
    today = load_draft(path).notes[0].date
    bakgrund, malgrupp, mal = got  # in the form's order
    assert bakgrund[:3] == ("Eva Holm", today, "Har vi en källa till 180?")
    assert bakgrund[3].startswith(FIRST_OF_BAKGRUND) and bakgrund[3].endswith("närmare arbetsmarknaden.")
    assert malgrupp == ("Sara Lindqvist", today, "Stämmer siffran med Arbetsförmedlingens?", "60 personer")
    assert mal[0] == "Sara Lindqvist" and mal[3] == "40 %" and "Fram (Malmö stad, 2021)" in mal[2]

    pdf = convert_to_pdf(tmp_path / "granska.docx", tmp_path / "pdf")
    assert pdf_page_count(pdf) >= 2


def test_a_resolved_note_is_not_a_comment_and_a_note_whose_text_is_gone_sits_on_the_first_paragraph(tmp_path):
    path = _draft_with_two_notes_and_a_carried_figure(tmp_path)
    draft = load_draft(path)
    draft.notes[1].resolved = True
    draft.set_text("malgrupp", draft.text("malgrupp").replace("60 personer", "70 personer"))
    save_draft(draft, path)
    assert run_cli("export", str(path), "--review", "-o", str(tmp_path / "g.docx")).returncode == 0
    got = comments_in(tmp_path / "g.docx")
    assert [(text, anchor[:24]) for _author, _day, text, anchor in got] == [
        ("Stämmer siffran med Arbetsförmedlingens?", "Målgruppen är unga vuxna"),
        (got[1][2], "40 %"),
    ]


def test_a_review_copy_named_by_default_never_overwrites_the_funders_copy(tmp_path):
    path = _draft_with_two_notes_and_a_carried_figure(tmp_path)
    assert run_cli("export", str(path)).returncode == 0
    funders = (tmp_path / "utkast.docx").read_bytes()
    reviewed = run_cli("export", str(path), "--review")
    assert reviewed.returncode == 0, reviewed.stderr
    assert "utkast-granskning.docx" in reviewed.stdout
    assert (tmp_path / "utkast.docx").read_bytes() == funders  # its private questions stay out of it
    assert len(comments_in(tmp_path / "utkast-granskning.docx")) == 3
    english = run_cli("--lang", "en", "export", str(path), "--review", "--since", "1")
    assert english.returncode == 0 and (tmp_path / "utkast-for-review.docx").exists()
