"""The app on a read-only file system, in a real terminal: typing there shows the warning and
"Spara som" instead of a crash, and the typed text is saved elsewhere (issue 18, point 1).

The draft's folder is made read-only by a private bind mount (root and unshare, as the corpus
does): chmod does not stop root, a read-only mount does, and it is what a user meets on a
write-protected stick or a network share mounted read-only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from tests.hardening.corpus_classes import _no_read_only_mount, _read_only
from tests.hardening.terminal import HAS_TMUX, Terminal


@pytest.mark.skipif(not HAS_TMUX, reason="tmux is not installed")
@pytest.mark.skipif(bool(_no_read_only_mount()), reason=_no_read_only_mount() or "read-only mount")
def test_typing_on_a_read_only_mount_warns_and_saves_elsewhere(tmp_path: Path) -> None:
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    draft = new_draft(load_form("finsam-malmo"), title="Skrivskyddat prov")
    path = save_draft(draft, folder / "utkast.md")
    before = path.read_bytes()
    key = draft.form.headings[0].key
    drafts = Path(os.environ["ANSOKAN_DRAFTS"])  # the private drafts folder (tests/tui/conftest.py)
    terminal = Terminal("read-only")
    try:
        terminal.start(["open", str(path)], prefix=_read_only(str(folder)))
        terminal.wait_for("Skrivskyddat prov")
        terminal.wait_for("ord ·")
        terminal.type("Text som inte får försvinna.")
        terminal.keys("C-s")
        shown = terminal.wait_for("Inte sparat")
        assert "skrivskyddat" in shown and "Spara som" in shown
        terminal.keys("F12")
        terminal.wait_for("Ny fil (.md)")
        terminal.keys("Enter")  # the proposed place: the drafts folder, same name
        terminal.wait_for("Sparat som")
        shown = terminal.screen()
        assert "Traceback" not in shown and "Inte sparat" not in shown
    finally:
        terminal.close()
    saved = load_draft(drafts / "utkast.md")
    assert saved.text(key) == "Text som inte får försvinna."
    assert path.read_bytes() == before, "the read-only file is as it was"
