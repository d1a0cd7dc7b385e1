"""What the funder's copy carries: every exported .docx embeds the draft's data (customXml) for
`ansokan new --from`, but not what is the team's own: the writer's notes ([[notes]]) and the record
of the reviews taken in ([[reviews]]: reviewers' names, their files' names and hashes)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.model.drafts.notes import new_note
from assistant.core.storage import paths
from assistant.usecases.export import export_application
from assistant.usecases.review_decisions import REVIEWS_KEY
from tests.conftest import run_cli

REVIEW = {
    "file": "granskad-av-karin.docx",
    "sha256": "9f2c" * 16,
    "decisions": [
        {
            "change": 1,
            "decision": "accepted",
            "kind": "insertion",
            "section": "malgrupp",
            "author": "Lena Granström",
            "text": " minst",
            "date": "2026-12-04",
        }
    ],
}


def draft_with_review_and_note(tmp_path: Path) -> Path:
    path = tmp_path / "utkast.md"
    shutil.copyfile(paths.demo_draft(), path)
    draft = load_draft(path)
    draft.meta[REVIEWS_KEY] = [REVIEW]
    draft.meta["egen"] = {"behåll": "ja"}  # another table of the writer's own still travels
    draft.notes.append(new_note("malgrupp", "Kommunen betalar nog inte, fråga Eva", anchor="60 personer"))
    save_draft(draft, path)
    again = load_draft(path)
    assert again.meta[REVIEWS_KEY][0]["file"] == REVIEW["file"] and again.notes  # the draft keeps both
    return path


def embedded(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("customXml/ansokan1.xml").decode("utf-8")


def test_neither_reviews_nor_notes_travel_in_any_export(tmp_path: Path) -> None:
    path = draft_with_review_and_note(tmp_path)
    draft = load_draft(path)
    for name, review in (("vanlig.docx", False), ("granska.docx", True)):
        data = embedded(export_application(draft, tmp_path / name, for_review=review).docx)
        assert "Steget vidare" in data  # the draft's data is there
        for private in ("[[reviews", "Lena Granström", "granskad-av-karin", REVIEW["sha256"], "[[notes]]", "fråga Eva"):
            assert private not in data, (name, private)
        assert "behåll" in data
    assert REVIEWS_KEY in load_draft(path).meta, "exporting does not change the draft"


def test_new_from_the_export_still_gives_the_drafts_data_back(tmp_path: Path) -> None:
    path = draft_with_review_and_note(tmp_path)
    out = tmp_path / "ansokan.docx"
    assert run_cli("export", str(path), "-o", str(out)).returncode == 0
    again = tmp_path / "igen.md"
    result = run_cli("new", "--form", "finsam-malmo", "--from", str(out), str(again))
    assert result.returncode == 0, result.stderr
    before, after = load_draft(path), load_draft(again)
    assert after.sections == before.sections
    for name in ("title", "organisation", "municipality", "start", "end", "contacts", "signatories", "budget"):
        assert getattr(after, name) == getattr(before, name), name
    assert after.meta == {"egen": {"behåll": "ja"}}  # the rest of the meta comes back; not the reviews
    assert after.notes == []
