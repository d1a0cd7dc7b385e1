"""Renaming and deleting a draft through the use cases both faces call."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.usecases.drafts import create_draft, delete_draft, deleted_drafts, rename_draft, restore_draft


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ANSOKAN_STATE", str(tmp_path / "state"))
    path = tmp_path / "ansokan.md"
    create_draft("finsam-malmo", path, title="Prov")
    return path


def test_rename_keeps_the_folder_adds_md_and_refuses_a_taken_or_bad_name(draft: Path) -> None:
    (draft.parent / "annan.md").write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="finns redan"):
        rename_draft(draft, "annan")
    with pytest.raises(UserError, match="utan katalog"):
        rename_draft(draft, "../ut")
    target = rename_draft(draft, "Lund 2027")
    assert target == draft.with_name("Lund 2027.md") and target.is_file() and not draft.exists()


def test_a_deleted_draft_is_listed_and_restored(draft: Path) -> None:
    text = draft.read_text(encoding="utf-8")
    trashed = delete_draft(draft)
    assert not draft.exists() and deleted_drafts() == [trashed]
    assert restore_draft(trashed) == draft and draft.read_text(encoding="utf-8") == text
