"""The trash keeps a deleted draft and the files that go with it, and gives them back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.core.storage import trash


@pytest.fixture(autouse=True)
def private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANSOKAN_STATE", str(tmp_path / "state"))


def test_a_draft_and_its_companions_go_to_the_trash_and_come_back(tmp_path: Path) -> None:
    draft = tmp_path / "ansokan.md"
    draft.write_text("## 1. Bakgrund\nText\n", encoding="utf-8")
    (tmp_path / "ansokan.md~").write_text("förra", encoding="utf-8")
    (tmp_path / "ansokan.md.samtal.json").write_text("[]", encoding="utf-8")
    (tmp_path / "ansokan.mdx").write_text("not its", encoding="utf-8")

    trashed = trash.move_to_trash(draft)
    assert not draft.exists() and not (tmp_path / "ansokan.md~").exists()
    assert (tmp_path / "ansokan.mdx").exists()  # another file, left alone
    assert trash.trashed_drafts() == [trashed] and trashed.folder.parent == trash.trash_dir()

    assert trash.restore(trashed) == draft.absolute()
    assert draft.read_text(encoding="utf-8") == "## 1. Bakgrund\nText\n"
    assert (tmp_path / "ansokan.md~").read_text(encoding="utf-8") == "förra"
    assert (tmp_path / "ansokan.md.samtal.json").exists()
    assert trash.trashed_drafts() == []


def test_restoring_over_a_new_file_of_the_same_name_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "ansokan.md"
    draft.write_text("gammal", encoding="utf-8")
    trashed = trash.move_to_trash(draft)
    draft.write_text("ny", encoding="utf-8")
    with pytest.raises(UserError, match="finns redan"):
        trash.restore(trashed)
    assert draft.read_text(encoding="utf-8") == "ny"
    assert (trashed.folder / "ansokan.md").read_text(encoding="utf-8") == "gammal"
