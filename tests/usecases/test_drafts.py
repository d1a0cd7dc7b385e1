"""Creating, starting and reading drafts through the use cases both faces call."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.core.storage import paths
from assistant.usecases.drafts import create_draft, demo_copy, draft_status, open_draft, save_draft, start_from_source


@pytest.fixture
def drafts_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "utkast"
    monkeypatch.setenv("ANSOKAN_DRAFTS", str(home))
    return home


def test_create_then_open_then_status(tmp_path):
    made = create_draft("finsam-malmo", tmp_path / "u.md", title="Unga i arbete")
    assert made.path == tmp_path / "u.md" and made.created_dir is None
    draft = open_draft(made.path)
    assert draft.title == "Unga i arbete"
    status = draft_status(made.path)
    assert status.completion == 0 and all(s.empty for s in status.sections)
    draft.set_text("bakgrund", "Text om bakgrunden.")
    save_draft(draft)
    assert draft_status(draft).sections[1].words == 3


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    target = tmp_path / "u.md"
    target.write_text("mitt\n", encoding="utf-8")
    with pytest.raises(UserError, match="finns redan"):
        create_draft("finsam-malmo", target)
    assert target.read_text(encoding="utf-8") == "mitt\n"
    create_draft("finsam-malmo", target, force=True)
    assert open_draft(target).form_id == "finsam-malmo"


def test_only_the_one_named_missing_folder_is_made_and_only_when_asked(tmp_path):
    with pytest.raises(UserError, match="katalogen finns inte"):
        create_draft("finsam-malmo", tmp_path / "ny" / "u.md")
    assert not (tmp_path / "ny").exists()
    with pytest.raises(UserError, match="katalogen finns inte"):
        create_draft("finsam-malmo", tmp_path / "a" / "b" / "u.md", create_parent=True)
    assert not (tmp_path / "a").exists()
    made = create_draft("finsam-malmo", tmp_path / "ny" / "u.md", create_parent=True)
    assert made.created_dir == tmp_path / "ny" and made.path.is_file()


def test_a_source_that_cannot_be_read_leaves_nothing_behind(tmp_path):
    with pytest.raises(UserError):
        start_from_source("finsam-malmo", tmp_path / "finns-inte.docx", tmp_path / "ny" / "u.md", create_parent=True)
    assert not (tmp_path / "ny").exists()


def test_start_from_source_reports_in_both_languages(tmp_path):
    source = tmp_path / "tidigare.txt"
    source.write_text("Bakgrund\n\nUnga vuxna i Malmö behöver stöd.\n", encoding="utf-8")
    started = start_from_source("finsam-malmo", source, tmp_path / "u.md")
    assert started.path.is_file()
    notes = started.report.notes
    assert notes and all(note.render("en") != note.render("sv") for note in notes)


def test_demo_copy_is_made_once_and_the_shipped_file_is_untouched(drafts_home):
    shipped = paths.demo_draft().read_bytes()
    copy = demo_copy()
    assert copy.parent == drafts_home and copy.read_bytes() == shipped
    copy.write_text(copy.read_text(encoding="utf-8") + "\nmin ändring\n", encoding="utf-8")
    assert demo_copy() == copy and copy.read_text(encoding="utf-8").endswith("min ändring\n")
    assert paths.demo_draft().read_bytes() == shipped
