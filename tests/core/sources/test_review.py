"""A reviewed .docx read back: tracked changes and comments, each on its section (issue 17)."""

from __future__ import annotations

import copy

import docx
import pytest
from docx.oxml.ns import qn

from assistant.core.document.export import export_docx
from assistant.core.errors import DocumentError
from assistant.core.model.drafts import load_draft
from assistant.core.sources.review import changes_by_section, read_review
from assistant.core.storage import paths

AUTHOR = {qn("w:author"): "Eva Holm", qn("w:date"): "2027-03-01T10:00:00Z"}


def _mark(tag: str, run, change_id: int):
    """Wrap `run` in a tracked change (w:ins or w:del) by the reviewer."""
    wrapper = run._r.makeelement(qn(tag), {qn("w:id"): str(change_id), **AUTHOR})
    run._r.addprevious(wrapper)
    wrapper.append(run._r)
    if tag == "w:del":
        for t in wrapper.iter(qn("w:t")):
            t.tag = qn("w:delText")
    return wrapper


def _inserted_run(paragraph, text: str, change_id: int):
    new_run = copy.deepcopy(paragraph.runs[-1]._r)
    for t in new_run.iter(qn("w:t")):
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    paragraph._p.append(new_run)
    return _mark("w:ins", paragraph.runs[-1], change_id)


def paragraph_under(document, heading: str, n: int = 1):
    seen = None
    for p in document.paragraphs:
        if p.style.style_id.startswith("Heading"):
            seen = p.text.startswith(heading)
            count = 0
        elif seen and p.text.strip():
            count += 1
            if count == n:
                return p
    raise AssertionError(heading)


@pytest.fixture
def reviewed(tmp_path):
    draft = load_draft(paths.demo_draft())
    out = export_docx(draft, tmp_path / "ansokan.docx")
    document = docx.Document(str(out))
    first = paragraph_under(document, "2. Bakgrund", 1)
    _inserted_run(first, " och deras anhöriga", 1)
    second = paragraph_under(document, "2. Bakgrund", 2)
    _mark("w:del", second.runs[0], 2)
    target = paragraph_under(document, "3.2. Målgrupp", 1)
    document.add_comment(target.runs, text="Hur många av dem är kvinnor?", author="Karin Ek", initials="KE")
    document.save(str(tmp_path / "granskad.docx"))
    return draft, tmp_path / "granskad.docx"


def test_tracked_changes_and_comments_are_read_with_author_and_section(reviewed):
    draft, path = reviewed
    review = read_review(path, draft.form)
    assert [(c.kind, c.text, c.author, c.section, c.paragraph) for c in review.changes] == [
        ("insertion", " och deras anhöriga", "Eva Holm", "bakgrund", 1),
        ("deletion", second_text_first_run(draft, path), "Eva Holm", "bakgrund", 2),
    ]
    [comment] = review.comments
    assert (comment.author, comment.text, comment.section) == ("Karin Ek", "Hur många av dem är kvinnor?", "malgrupp")
    assert comment.anchor and comment.anchor in draft.text("malgrupp")
    assert review.authors() == ["Eva Holm", "Karin Ek"]
    assert [s for s, _changes, _comments in changes_by_section(review)] == ["bakgrund", "malgrupp"]


def second_text_first_run(draft, path) -> str:
    document = docx.Document(str(path))
    deleted = document.element.body.find(f".//{qn('w:del')}")
    return "".join(t.text for t in deleted.iter(qn("w:delText")))


def test_accepting_every_change_gives_the_reviewed_text_per_section(reviewed):
    draft, path = reviewed
    review = read_review(path, draft.form)
    bakgrund = review.accepted["bakgrund"]
    assert bakgrund[0].endswith("och deras anhöriga")
    deleted = second_text_first_run(draft, path)
    assert not bakgrund[1].startswith(deleted)


def test_a_file_that_is_not_a_word_document_is_one_clear_error(tmp_path):
    bad = tmp_path / "granskad.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(DocumentError):
        read_review(bad, load_draft(paths.demo_draft()).form)
