"""The recovery journal: every edit survives a kill, a save forgets only what it wrote, and what a
killed run left is offered back on the next open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.storage import journal as journal_module
from assistant.core.storage.failures import WriteError
from assistant.core.storage.journal import Journal, journal_path, recover
from tests.conftest import ROOT


def _draft(tmp_path: Path) -> Path:
    return save_draft(new_draft(load_form("finsam-malmo"), title="Journal"), tmp_path / "utkast.md")


def test_the_newest_text_of_each_section_is_recovered(tmp_path):
    path = _draft(tmp_path)
    journal = Journal.for_draft(path)
    journal.record("bakgrund", "Första")
    journal.record("mal", "Mål")
    journal.record("bakgrund", "Första och andra")
    found = recover(path)
    assert found is not None and found.sections == {"bakgrund": "Första och andra", "mal": "Mål"}
    assert found.differs_from(load_draft(path).sections) == ["bakgrund", "mal"]


def test_a_save_forgets_what_it_wrote_and_keeps_what_came_after(tmp_path):
    path = _draft(tmp_path)
    journal = Journal.for_draft(path)
    saved_at = journal.record("bakgrund", "Sparad")
    journal.record("mal", "Skriven under sparandet")
    journal.saved(saved_at)
    assert recover(path).sections == {"mal": "Skriven under sparandet"}
    journal.saved()
    assert recover(path) is None and not journal_path(path).exists()


def test_a_kill_loses_no_edit_and_a_torn_last_line_is_skipped(tmp_path):
    path = _draft(tmp_path)
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; sys.path.insert(0, sys.argv[1])\n"
            "from assistant.core.storage.journal import Journal\n"
            "j = Journal.for_draft(sys.argv[2])\n"
            "for i in range(200): j.record('bakgrund', f'version {i}')\n"
            "print('ready', flush=True); time.sleep(60)",
            str(ROOT),
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with journal_path(path).open("ab") as handle:
        handle.write(b'{"v": 1, "seq": 999, "key": "bakgrund", "te')  # cut short by a power cut
    found = recover(path)
    assert found is not None and found.sections == {"bakgrund": "version 199"}


def test_a_new_run_continues_the_old_journal_until_it_is_saved_or_discarded(tmp_path):
    path = _draft(tmp_path)
    old = Journal.for_draft(path)
    for i in range(5):
        old.record("bakgrund", f"gammal {i}")
    new = Journal.for_draft(path)  # the next open, before the writer answered about recovering
    new.record("mal", "ny")
    assert recover(path).sections == {"bakgrund": "gammal 4", "mal": "ny"}
    new.record("bakgrund", "nyare")
    assert recover(path).sections["bakgrund"] == "nyare"
    new.discard()
    assert recover(path) is None


def test_one_journal_per_real_file_and_none_beside_the_draft(tmp_path):
    path = _draft(tmp_path)
    link = tmp_path / "lank.md"
    link.symlink_to(path)
    assert journal_path(link) == journal_path(path)
    assert journal_path(tmp_path / "annat.md") != journal_path(path)
    Journal.for_draft(link).record("bakgrund", "via länken")
    assert recover(path).sections == {"bakgrund": "via länken"}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".utkast.md.lock", "lank.md", "utkast.md"])


def test_a_journal_too_large_is_compacted_to_the_newest_text(tmp_path, monkeypatch):
    monkeypatch.setattr(journal_module, "MAX_JOURNAL_BYTES", 5_000)
    path = _draft(tmp_path)
    journal = Journal.for_draft(path)
    for i in range(200):
        journal.record("bakgrund", f"text {i} " * 10)
    assert journal_path(path).stat().st_size < 10_000
    assert recover(path).sections == {"bakgrund": "text 199 " * 10}


def test_garbage_in_the_journal_is_no_error(tmp_path):
    path = _draft(tmp_path)
    target = journal_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b'\x00\xff inte json\n[1, 2]\n{"v": 2, "key": "x"}\n')
    assert recover(path) is None


def test_a_journal_that_cannot_be_written_is_a_write_error_naming_the_journal(tmp_path, monkeypatch):
    path = _draft(tmp_path)
    (tmp_path / "state").write_text("en fil, ingen katalog", encoding="utf-8")
    monkeypatch.setenv("ANSOKAN_STATE", str(tmp_path / "state"))
    with pytest.raises(WriteError, match="återställningsjournalen") as caught:
        Journal.for_draft(path).record("bakgrund", "x")
    assert caught.value.what == "journal"


def test_saving_as_another_file_moves_the_unsaved_edits_to_that_files_journal(tmp_path):
    path = _draft(tmp_path)
    journal = Journal.for_draft(path)
    assert journal.last == 0
    saved_at = journal.record("bakgrund", "Sparad som")
    journal.record("mal", "Skrivet efter kopian")
    assert journal.last == saved_at + 1
    other = tmp_path / "annan" / "kopia.md"
    moved = journal.saved_as(saved_at, other)  # the save-as wrote the first edit, not the one after it
    assert recover(path) is None, "the old file's journal is gone"
    assert moved.path == journal_path(other)
    found = recover(other)
    assert found is not None and found.sections == {"mal": "Skrivet efter kopian"}
