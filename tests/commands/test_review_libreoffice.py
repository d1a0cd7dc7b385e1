"""Acceptance (issue 17): the exported demo reviewed in LibreOffice itself, three tracked changes
and two comments, read back by `ansokan review` on the right sections, and `--accept alla`
gives the draft the reviewed document's text with every change accepted."""

from __future__ import annotations

import json

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.sources.review import read_review
from assistant.core.storage import paths
from tests.conftest import needs_libreoffice, run_cli
from tests.core.sources.libreoffice_review import Delete, Insert, Note, Replace, review_in_libreoffice

EDITS = [
    Insert("180 unga vuxna", " och deras anhöriga"),
    Delete(" och kombineras med en strukturerad introduktion om åtta veckor"),
    Insert("Uppstart och rekrytering av personal", " och lokaler"),
    Note("De första deltagarna börjar i april 2027", "Karin Ek", "Hinner ni rekrytera till dess?"),
    Note("en gemensam plan mellan parterna", "Karin Ek", "Vem äger planen?"),
]


def _paragraphs(text: str) -> list[str]:
    return [p.strip().removeprefix("- ") for p in text.split("\n\n") for p in p.split("\n") if p.strip()]


def _reviewed(tmp_path, edits):
    draft = load_draft(paths.demo_draft())
    draft_path = save_draft(draft, tmp_path / "utkast.md")
    exported = export_docx(draft, tmp_path / "ansokan.docx")
    work = tmp_path / "lo"
    work.mkdir()
    return draft_path, review_in_libreoffice(exported, tmp_path / "granskad.docx", edits, work=work)


@needs_libreoffice
def test_libreoffice_review_is_reported_on_its_sections_and_accepting_gives_its_text(tmp_path):
    draft_path, reviewed = _reviewed(tmp_path, EDITS)
    result = run_cli("--lang", "en", "review", str(draft_path), str(reviewed), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(c["kind"], c["text"], c["author"], c["section"]) for c in data["changes"]] == [
        ("insertion", " och deras anhöriga", "Eva Holm", "bakgrund"),
        ("deletion", " och kombineras med en strukturerad introduktion om åtta veckor", "Eva Holm", "presentation"),
        ("insertion", " och lokaler", "Eva Holm", "tidsplan"),
    ]
    assert sorted((c["author"], c["text"], c["anchor"], c["section"]) for c in data["comments"]) == [
        ("Karin Ek", "Hinner ni rekrytera till dess?", "De första deltagarna börjar i april 2027", "tidsplan"),
        ("Karin Ek", "Vem äger planen?", "en gemensam plan mellan parterna", "bakgrund"),
    ]

    original = load_draft(draft_path)
    accepted = run_cli("review", str(draft_path), str(reviewed), "--accept", "alla")
    assert accepted.returncode == 0, accepted.stderr
    draft = load_draft(draft_path)
    review = read_review(reviewed, draft.form)
    as_exported = read_review(tmp_path / "ansokan.docx", draft.form).accepted  # no changes in it
    for section in ("bakgrund", "presentation", "tidsplan", "malgrupp"):
        # the export adds lines of its own (dates under Tidsplan); all the rest is the draft's text
        added = [p for p in as_exported[section] if p not in _paragraphs(original.text(section))]
        assert [p for p in review.accepted[section] if p not in added] == _paragraphs(draft.text(section)), section


@needs_libreoffice
def test_a_replacement_in_libreoffice_is_a_deletion_and_an_insertion_taken_together(tmp_path):
    draft_path, reviewed = _reviewed(tmp_path, [Replace("ungefär hälften kvinnor", "minst hälften kvinnor")])
    data = json.loads(run_cli("review", str(draft_path), str(reviewed), "--json").stdout)
    assert [(c["kind"], c["text"], c["section"]) for c in data["changes"]] == [
        ("deletion", "ungefär hälften kvinnor", "malgrupp"),
        ("insertion", "minst hälften kvinnor", "malgrupp"),
    ]
    assert run_cli("review", str(draft_path), str(reviewed), "--accept", "alla").returncode == 0
    text = load_draft(draft_path).text("malgrupp")
    assert "minst hälften kvinnor och hälften män" in text and "ungefär" not in text
