"""`ansokan review` on hand-built OOXML LibreOffice does not write (issue 17, item 5): a paragraph
moved between sections, a deleted heading, an edited heading while the draft changed meanwhile."""

from __future__ import annotations

import json

import docx
import pytest

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.sources.review import read_review
from assistant.core.storage import paths
from tests.conftest import run_cli
from tests.core.sources.review_ooxml import (
    delete_heading,
    heading,
    insert_heading,
    insert_words,
    join_heading,
    move_paragraph,
)
from tests.core.sources.test_review import paragraph_under


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _exported(tmp_path):
    draft = load_draft(paths.demo_draft())
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    out = export_docx(draft, tmp_path / "ansokan.docx")
    return draft, draft_path, docx.Document(str(out))


@pytest.fixture
def moved(tmp_path):
    """Bakgrund's second paragraph moved to stand after Målgrupp's first."""
    draft, draft_path, document = _exported(tmp_path)
    source = paragraph_under(document, "2. Bakgrund", 2)
    text = source.text
    move_paragraph(source, paragraph_under(document, "3.2. Målgrupp", 1))
    document.save(str(tmp_path / "granskad.docx"))
    return draft, draft_path, tmp_path / "granskad.docx", text


def test_a_move_between_sections_is_read_as_one_move(moved):
    draft, _draft_path, path, text = moved
    review = read_review(path, draft.form)
    assert [(c.kind, c.text, c.section) for c in review.changes] == [
        ("moved_from", text, "bakgrund"),
        ("moved_to", text, "malgrupp"),
    ]
    away, here = review.changes
    assert away.move == here.move == "move1" and review.move_of(away) == [here]
    assert text not in " ".join(review.accepted["bakgrund"]) and review.accepted["malgrupp"][1] == text


def test_review_reports_the_move_from_section_to_section(moved):
    _draft, draft_path, path, text = moved
    shown = run_cli("review", str(draft_path), str(path))
    assert shown.returncode == 0, shown.stderr
    away = next(line for line in shown.stdout.splitlines() if "#1" in line)
    assert "flyttat härifrån" in away and "→ 3.2. Målgrupp" in away and "en flytt med #2" in away, away
    data = json.loads(run_cli("--lang", "en", "review", str(draft_path), str(path), "--json").stdout)
    assert data["moves"] == [{"text": text, "from": "bakgrund", "to": "malgrupp", "changes": [1, 2]}]
    english = run_cli("--lang", "en", "review", str(draft_path), str(path)).stdout
    assert "one move with #2" in english


@pytest.mark.parametrize("number", ["1", "2"])
def test_accepting_either_half_takes_the_whole_move(moved, number):
    draft, draft_path, path, text = moved
    result = run_cli("review", str(draft_path), str(path), "--accept", number)
    assert result.returncode == 0, result.stdout + result.stderr
    saved = load_draft(draft_path)
    assert text not in saved.text("bakgrund")
    assert _paragraphs(saved.text("bakgrund")) == [p for p in _paragraphs(draft.text("bakgrund")) if p != text]
    assert _paragraphs(saved.text("malgrupp")) == [*_paragraphs(draft.text("malgrupp")), text]
    assert "\n\n\n" not in saved.text("bakgrund")


def test_rejecting_the_move_leaves_both_sections_as_they_were(moved):
    draft, draft_path, path, _text = moved
    result = run_cli("review", str(draft_path), str(path), "--accept", "alla", "--reject", "2")
    assert result.returncode == 0, result.stderr
    assert "0 ändringar infördes" in result.stdout and "2 avvisade" in result.stdout
    saved = load_draft(draft_path)
    assert saved.text("bakgrund") == draft.text("bakgrund") and saved.text("malgrupp") == draft.text("malgrupp")


@pytest.fixture
def heading_deleted(tmp_path):
    """The heading 3.2 Målgrupp deleted (tracked), and words added to its paragraph."""
    draft, draft_path, document = _exported(tmp_path)
    under = paragraph_under(document, "3.2. Målgrupp", 1)
    delete_heading(heading(document, "3.2. Målgrupp"))
    insert_words(under, " Fler kvinnor ska nås.")
    document.save(str(tmp_path / "granskad.docx"))
    return draft, draft_path, tmp_path / "granskad.docx"


def test_text_under_a_deleted_heading_stays_in_its_own_section(heading_deleted):
    draft, _draft_path, path = heading_deleted
    review = read_review(path, draft.form)
    [change] = review.changes
    assert (change.kind, change.section, change.paragraph) == ("insertion", "malgrupp", 1)
    [deleted] = review.headings
    assert (deleted.kind, deleted.section, deleted.after, deleted.author) == ("deleted", "malgrupp", "", "Eva Holm")
    assert deleted.before.startswith("3.2") and "Målgrupp" in deleted.before
    assert not any("Målgruppen är" in p for p in review.accepted["tidsplan"])


def test_a_deleted_heading_is_reported_and_never_applied(heading_deleted):
    draft, draft_path, path = heading_deleted
    shown = run_cli("review", str(draft_path), str(path))
    assert "rubriken ”3.2. Målgrupp” struken" in shown.stdout, shown.stdout
    assert "rubrikerna bestäms av formuläret" in shown.stdout
    assert shown.stdout.splitlines()[-1] == "1 ändring, 0 kommentarer, 1 rubrikändring (förs inte in)"
    english = run_cli("--lang", "en", "review", str(draft_path), str(path)).stdout
    assert "the form decides the headings, not taken into the draft" in english
    assert english.splitlines()[-1].endswith("1 heading change (not taken in)")
    data = json.loads(run_cli("review", str(draft_path), str(path), "--json").stdout)
    assert [(h["kind"], h["section"]) for h in data["headings"]] == [("deleted", "malgrupp")]
    result = run_cli("review", str(draft_path), str(path), "--accept", "alla")
    assert result.returncode == 0, result.stderr
    saved = load_draft(draft_path)
    assert list(saved.sections) == list(draft.sections)
    assert saved.text("malgrupp").endswith("Fler kvinnor ska nås.") and saved.text("tidsplan") == draft.text("tidsplan")


def test_an_edited_heading_and_a_draft_edited_meanwhile(tmp_path):
    """The reviewer renamed Bakgrund's heading and added words in two of its paragraphs; the
    writer meanwhile edited the first paragraph and rewrote the third. The first insertion lands
    by its context, the second where it was, the third is named as not placeable."""
    draft, draft_path, document = _exported(tmp_path)
    insert_words(heading(document, "2. Bakgrund"), " och behov", 401)
    insert_words(paragraph_under(document, "2. Bakgrund", 1), " Ingen samordnar dem i dag.", 402)
    insert_words(paragraph_under(document, "2. Bakgrund", 2), " Det visar även SCB.", 403)
    insert_words(paragraph_under(document, "2. Bakgrund", 3), " Planen saknas.", 404)
    document.save(str(tmp_path / "granskad.docx"))
    first, second, _third = _paragraphs(draft.text("bakgrund"))
    edited = first.replace("Trelleborg", "Trelleborgs kommun", 1)
    draft.set_text("bakgrund", "\n\n".join([edited, second, "Ett helt nytt stycke om planen."]))
    save_draft(draft, draft_path)

    review = read_review(tmp_path / "granskad.docx", draft.form)
    assert [(c.section, c.paragraph) for c in review.changes] == [("bakgrund", 1), ("bakgrund", 2), ("bakgrund", 3)]
    [renamed] = review.headings
    assert (renamed.kind, renamed.section, renamed.after) == ("edited", "bakgrund", "2. Bakgrund och behov")

    result = run_cli("--lang", "en", "review", str(draft_path), str(tmp_path / "granskad.docx"), "--accept", "all")
    assert result.returncode == 1, result.stderr
    assert "its place is gone, not taken: ”Planen saknas.” (bakgrund)" in result.stdout
    assert "2 changes taken" in result.stdout
    assert _paragraphs(load_draft(draft_path).text("bakgrund")) == [
        edited + " Ingen samordnar dem i dag.",
        second + " Det visar även SCB.",
        "Ett helt nytt stycke om planen.",
    ]


def test_a_heading_the_reviewer_added_starts_no_section(tmp_path):
    """A new heading ('Risker') before Bakgrund's second paragraph: reported, and the paragraphs
    under it still belong to Bakgrund, numbered as before."""
    draft, draft_path, document = _exported(tmp_path)
    second = paragraph_under(document, "2. Bakgrund", 2)
    insert_heading(second, "Risker")
    insert_words(second, " Det visar även SCB.")
    document.save(str(tmp_path / "granskad.docx"))
    review = read_review(tmp_path / "granskad.docx", draft.form)
    [added] = review.headings
    assert (added.kind, added.before, added.after, added.section) == ("inserted", "", "Risker", "bakgrund")
    [change] = review.changes
    assert (change.section, change.paragraph) == ("bakgrund", 2)
    shown = run_cli("--lang", "en", "review", str(draft_path), str(tmp_path / "granskad.docx")).stdout
    assert "new heading ”Risker” – Eva Holm: the form decides the headings, not taken into the draft" in shown
    result = run_cli("review", str(draft_path), str(tmp_path / "granskad.docx"), "--accept", "alla")
    assert result.returncode == 0, result.stderr
    saved = load_draft(draft_path)
    assert "Risker" not in saved.text("bakgrund") and "Det visar även SCB." in saved.text("bakgrund")


def test_a_heading_run_into_the_paragraph_after_it_is_reported_and_the_sections_stay(tmp_path):
    """Only the heading's paragraph mark deleted (Word runs the heading into the next paragraph)."""
    draft, draft_path, document = _exported(tmp_path)
    under = paragraph_under(document, "3.2. Målgrupp", 1)
    join_heading(heading(document, "3.2. Målgrupp"))
    insert_words(under, " Fler kvinnor ska nås.")
    document.save(str(tmp_path / "granskad.docx"))
    review = read_review(tmp_path / "granskad.docx", draft.form)
    assert [(h.kind, h.section) for h in review.headings] == [("joined", "malgrupp")]
    assert [(c.section, c.paragraph) for c in review.changes] == [("malgrupp", 1)]
    shown = run_cli("review", str(draft_path), str(tmp_path / "granskad.docx")).stdout
    assert "rubriken ”3.2. Målgrupp” ihopslagen med stycket efter – Eva Holm" in shown
