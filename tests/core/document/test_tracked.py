"""Tracked changes since a version (core/document/tracked.py): whatever the edit — words in a
formatted paragraph, list items, a paragraph before the first, a section emptied or newly
written — accepting every change gives the new document's text and rejecting every change the
old one's, as the review reader sees them."""

from __future__ import annotations

import copy
import datetime as dt
import zipfile

import pytest
from lxml import etree

from assistant.core.document.export import Since, export_docx, export_review_docx
from assistant.core.model.drafts import load_draft
from assistant.core.sources.review import read_review
from assistant.core.storage.paths import demo_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def rejected_copy(docx, out):
    """The file with every tracked change rejected: insertions dropped, deletions kept as text."""
    with zipfile.ZipFile(docx) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = etree.fromstring(parts["word/document.xml"])
    for inserted in list(body.iter(f"{W}ins")):
        inserted.getparent().remove(inserted)
    for deleted in list(body.iter(f"{W}del")):
        for text in deleted.iter(f"{W}delText"):
            text.tag = f"{W}t"
        for child in list(deleted):
            deleted.addprevious(child)
        deleted.getparent().remove(deleted)
    parts["word/document.xml"] = etree.tostring(body)
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out


EDITS = {
    "bold word": (
        "Första stycket.\n\nAndra stycket med **fet** text här.",
        "Första stycket.\n\nAndra stycket med **tjock** text här.",
    ),
    "list items": ("Inledning.\n\n- punkt ett\n- punkt två", "Inledning.\n\n- punkt ett\n- punkt tre\n- punkt fyra"),
    "before the first": ("Första stycket.", "Ett nytt första.\n\nFörsta stycket."),
    "emptied": ("Ett stycke.\n\nEtt till.", ""),
    "newly written": ("", "Nu finns *text* här.\n\nOch ett stycke till."),
    "rewritten wholly": (
        "Vi arbetar med unga vuxna i kommunen.",
        "Projektet riktar sig till föräldrar på landsbygden.",
    ),
    "rewritten and moved": ("A b c d.\n\nE f g h.\n\nI j k l.", "I j k l.\n\nA b x d.\n\nNy."),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_accepting_all_gives_the_new_text_and_rejecting_all_the_old(tmp_path, name):
    old_text, new_text = EDITS[name]
    old = load_draft(demo_draft())
    old.set_text("bakgrund", old_text)
    new = copy.deepcopy(old)
    new.set_text("bakgrund", new_text)
    form = new.form
    export_docx(old, tmp_path / "old.docx")
    export_docx(new, tmp_path / "new.docx")
    marked = export_review_docx(new, tmp_path / "marked.docx", author="Sara Lindqvist", since=Since(old, ("bakgrund",)))
    assert marked.changes > 0

    review = read_review(marked.path, form)
    assert review.accepted.get("bakgrund") == read_review(tmp_path / "new.docx", form).accepted.get("bakgrund")
    rejected = read_review(rejected_copy(marked.path, tmp_path / "rejected.docx"), form)
    assert rejected.accepted.get("bakgrund") == read_review(tmp_path / "old.docx", form).accepted.get("bakgrund")
    assert {c.section for c in review.changes} == {"bakgrund"}
    assert {c.author for c in review.changes} == {"Sara Lindqvist"}
    assert all(dt.datetime.fromisoformat(c.date).year >= 2026 for c in review.changes)


def test_deleted_words_keep_their_formatting(tmp_path):
    old = load_draft(demo_draft())
    old.set_text("bakgrund", "Med **fet** text.")
    new = copy.deepcopy(old)
    new.set_text("bakgrund", "Med text.")
    done = export_review_docx(new, tmp_path / "m.docx", author="A", since=Since(old, ("bakgrund",)))
    with zipfile.ZipFile(done.path) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    deleted = [d for d in body.iter(f"{W}del") if "".join(t.text for t in d.iter(f"{W}delText")).strip()]
    assert len(deleted) == 1 and deleted[0].find(f"{W}r/{W}rPr/{W}b") is not None


def test_only_the_named_sections_are_marked(tmp_path):
    old = load_draft(demo_draft())
    new = copy.deepcopy(old)
    new.set_text("malgrupp", new.text("malgrupp") + "\n\nEtt tillägg.")
    new.set_text("bakgrund", new.text("bakgrund") + "\n\nInte med.")
    done = export_review_docx(new, tmp_path / "m.docx", author="A", since=Since(old, ("malgrupp",)))
    assert [(c.kind, c.section, c.text) for c in read_review(done.path, new.form).changes] == [
        ("insertion", "malgrupp", "Ett tillägg.")
    ]


def test_the_writers_own_sections_get_their_notes_and_their_changes(tmp_path):
    from assistant.core.model.drafts import ExtraSection
    from assistant.core.model.drafts.notes import new_note
    from assistant.usecases.export import review_export, review_notes

    old = load_draft(demo_draft())
    old.extra.append(ExtraSection("annat", "Annat av vikt", "Kommunen bidrar med lokaler.", after="bakgrund"))
    new = copy.deepcopy(old)
    new.extra[0].text = "Kommunen bidrar med lokaler och personal."
    new.notes.append(new_note("annat", "Hur många tjänster?", anchor="personal"))
    done = export_review_docx(
        new,
        tmp_path / "m.docx",
        comments=review_notes(new, review_export(new)),
        author="A",
        since=Since(old, ("annat",)),
    )
    review = read_review(done.path, new.form)
    # the reader puts text under an own heading with the form section before it; what counts is the text
    assert [(c.kind, c.text) for c in review.changes] == [("insertion", " och personal")]
    assert [(c.anchor, c.text) for c in review.comments] == [("personal", "Hur många tjänster?")]


def test_a_paragraph_rewritten_wholly_is_deleted_and_inserted_whole_not_word_by_word(tmp_path):
    old = load_draft(demo_draft())
    old.set_text("bakgrund", "Ett.\n\nVi arbetar med unga vuxna i kommunen.")
    new = copy.deepcopy(old)
    new.set_text("bakgrund", "Ett.\n\nProjektet riktar sig till föräldrar på landsbygden.")
    done = export_review_docx(new, tmp_path / "m.docx", author="A", since=Since(old, ("bakgrund",)))
    assert [(c.kind, c.text) for c in read_review(done.path, new.form).changes] == [
        ("deletion", "Vi arbetar med unga vuxna i kommunen."),
        ("insertion", "Projektet riktar sig till föräldrar på landsbygden."),
    ]
