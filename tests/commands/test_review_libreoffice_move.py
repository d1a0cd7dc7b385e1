"""Text moved between sections in LibreOffice itself (issue 17, item 5). LibreOffice 7.4 writes a
move as a deletion and an insertion of the same text, with no move markup: `ansokan review`
pairs them as one move, and accepting it gives the moved text in its new place and not the old.
A heading deleted and one retyped in LibreOffice are reported, never taken in, and the text under
the deleted heading stays in its own section."""

from __future__ import annotations

import json

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.sources.review import read_review
from assistant.core.storage import paths
from tests.conftest import needs_libreoffice, run_cli
from tests.core.sources.libreoffice_review import Delete, Insert, Replace, review_in_libreoffice


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


@needs_libreoffice
def test_a_move_made_in_libreoffice_is_one_move_and_accepting_it_moves_the_text(tmp_path):
    draft = load_draft(paths.demo_draft())
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    moved = _paragraphs(draft.text("bakgrund"))[1]
    target = draft.text("malgrupp").strip()
    work = tmp_path / "lo"
    work.mkdir()
    reviewed = review_in_libreoffice(
        export_docx(draft, tmp_path / "ansokan.docx"),
        tmp_path / "granskad.docx",
        [Delete(moved), Insert(target[-30:], " " + moved)],
        work=work,
    )
    review = read_review(reviewed, draft.form)
    assert [(c.kind, c.section) for c in review.changes] == [("deletion", "bakgrund"), ("insertion", "malgrupp")]
    assert review.move_of(review.changes[0]) == [review.changes[1]]  # no move markup: paired by their text

    listed = run_cli("review", str(draft_path), str(reviewed)).stdout
    assert "→ 3.2. Målgrupp (en flytt med #2)" in listed and "← 2. Bakgrund (en flytt med #1)" in listed, listed
    data = json.loads(run_cli("review", str(draft_path), str(reviewed), "--json").stdout)
    assert data["moves"] == [{"text": moved, "from": "bakgrund", "to": "malgrupp", "changes": [1, 2]}]

    result = run_cli("review", str(draft_path), str(reviewed), "--accept", "1")  # one half takes the move
    assert result.returncode == 0, result.stdout + result.stderr
    saved = load_draft(draft_path)
    assert _paragraphs(saved.text("bakgrund")) == review.accepted["bakgrund"]
    assert moved not in saved.text("bakgrund") and "\n\n\n" not in saved.text("bakgrund")
    assert saved.text("malgrupp").strip() == f"{target} {moved}" == " ".join(review.accepted["malgrupp"])


@needs_libreoffice
def test_headings_deleted_and_retyped_in_libreoffice_are_reported_not_applied(tmp_path):
    draft = load_draft(paths.demo_draft())
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    work = tmp_path / "lo"
    work.mkdir()
    edits = [
        Delete("3.2. Målgrupp"),
        Replace("2. Bakgrund", "2. Bakgrund och behov"),
        Insert("hälften kvinnor och hälften män.", " Fler kvinnor ska nås."),
    ]
    reviewed = review_in_libreoffice(
        export_docx(draft, tmp_path / "ansokan.docx"), tmp_path / "granskad.docx", edits, work=work
    )
    review = read_review(reviewed, draft.form)
    assert [(h.kind, h.section, h.author) for h in review.headings] == [
        ("edited", "bakgrund", "Eva Holm"),
        ("deleted", "malgrupp", "Eva Holm"),
    ]
    assert [(c.kind, c.section) for c in review.changes] == [("insertion", "malgrupp")]
    listed = run_cli("review", str(draft_path), str(reviewed)).stdout
    assert "rubriken ”3.2. Målgrupp” struken" in listed and "ändrad till ”2. Bakgrund och behov”" in listed
    assert listed.splitlines()[-1] == "1 ändring, 0 kommentarer, 2 rubrikändringar (förs inte in)"
    result = run_cli("review", str(draft_path), str(reviewed), "--accept", "alla")
    assert result.returncode == 0, result.stdout + result.stderr
    saved = load_draft(draft_path)
    assert saved.text("malgrupp").endswith("Fler kvinnor ska nås.") and saved.text("tidsplan") == draft.text("tidsplan")
    assert list(saved.sections) == list(draft.sections)
