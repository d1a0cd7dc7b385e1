"""Comments read back with their replies (issue 17, item 2): author, date, and each reply under
the comment it answers, as Word 2013+ ties them (commentsExtended.xml's paraIdParent)."""

from __future__ import annotations

import docx

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.sources.review import read_review
from assistant.core.storage import paths
from tests.conftest import run_cli
from tests.core.sources.review_ooxml import add_reply
from tests.core.sources.test_review import paragraph_under


def _reviewed(tmp_path):
    draft = load_draft(paths.demo_draft())
    document = docx.Document(str(export_docx(draft, tmp_path / "ansokan.docx")))
    target = paragraph_under(document, "3.2. Målgrupp", 1)
    comment = document.add_comment(target.runs, text="Hur många av dem är kvinnor?", author="Karin Ek", initials="KE")
    path = tmp_path / "granskad.docx"
    document.save(str(path))
    add_reply(path, str(comment.comment_id), "Sara Lindqvist", "2027-03-02T09:30:00Z", "Ungefär hälften, se stycket.")
    return draft, path


def test_a_reply_is_read_under_its_comment_with_author_and_date(tmp_path):
    draft, path = _reviewed(tmp_path)
    [comment] = read_review(path, draft.form).comments
    assert (comment.author, comment.text, comment.section) == ("Karin Ek", "Hur många av dem är kvinnor?", "malgrupp")
    assert comment.date
    [reply] = comment.replies
    assert (reply.author, reply.date, reply.text) == (
        "Sara Lindqvist",
        "2027-03-02T09:30:00Z",
        "Ungefär hälften, se stycket.",
    )
    assert reply.replies == []


def test_review_prints_the_reply_under_its_comment(tmp_path):
    draft, path = _reviewed(tmp_path)
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    lines = run_cli("review", str(draft_path), str(path)).stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if "Karin Ek: Hur många av dem är kvinnor?" in line)
    assert lines[at + 1].strip() == "↳ Sara Lindqvist: Ungefär hälften, se stycket."
    assert lines[-1] == "0 ändringar, 1 kommentar"
