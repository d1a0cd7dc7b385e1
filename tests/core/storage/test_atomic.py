"""Links are followed, not replaced: a draft opened through a symbolic link (kept in a synced
folder) is saved to the file the link points to, its backup and lock beside that file, and the
link stays a link."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core.errors import DraftError, LockedError
from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.storage import locks
from assistant.core.storage.atomic import atomic_write_bytes, backup_path, real_target
from assistant.core.storage.failures import WriteError


@pytest.fixture
def synced(tmp_path: Path) -> tuple[Path, Path]:
    """(link in the working folder, real file in the synced folder)."""
    real_dir, work = tmp_path / "Synkad mapp", tmp_path / "arbete"
    real_dir.mkdir()
    work.mkdir()
    draft = new_draft(load_form("finsam-malmo"), title="Länkad")
    draft.set_text("bakgrund", "Första versionen.")
    real = save_draft(draft, real_dir / "utkast.md")
    link = work / "utkast.md"
    link.symlink_to(real)
    return link, real


def test_saving_through_a_link_writes_the_real_file_and_the_link_stays(synced):
    link, real = synced
    draft = load_draft(link)
    draft.set_text("bakgrund", "Andra versionen, sparad genom länken.")
    assert save_draft(draft) == link
    assert link.is_symlink() and Path(os.readlink(link)) == real
    assert load_draft(real).sections["bakgrund"] == "Andra versionen, sparad genom länken."
    assert backup_path(real).is_file() and "Första versionen." in backup_path(real).read_text(encoding="utf-8")
    # nothing of the save beside the link: no backup, no lock, no temp file
    assert sorted(p.name for p in link.parent.iterdir()) == ["utkast.md"]
    # and the next save (the UI saves again and again) still goes through the link
    draft.set_text("bakgrund", "Tredje.")
    save_draft(draft)
    assert link.is_symlink() and load_draft(real).sections["bakgrund"] == "Tredje."


def test_the_lock_is_taken_beside_the_real_file(synced):
    link, real = synced
    assert locks.lock_path(link) == real.with_name(".utkast.md.lock")
    holder = locks.file_lock(real)  # another process saving the real file
    holder.acquire()
    try:
        with pytest.raises(LockedError, match="sparar samma utkast"):
            with locks.held(link, what="draft", timeout=0.1, busy=("sparar samma utkast", "saving")):
                pass
    finally:
        holder.release()


def test_a_chain_of_relative_links_is_followed_to_its_end(tmp_path):
    real = tmp_path / "a" / "riktig.md"
    real.parent.mkdir()
    real.write_text("gammal\n", encoding="utf-8")
    (tmp_path / "b").mkdir()
    first = tmp_path / "b" / "lank1.md"
    first.symlink_to(Path("..") / "a" / "riktig.md")
    second = tmp_path / "lank2.md"
    second.symlink_to(Path("b") / "lank1.md")
    assert real_target(second) == real.resolve()
    atomic_write_bytes(second, b"ny\n")
    assert real.read_bytes() == b"ny\n" and second.is_symlink() and first.is_symlink()
    assert backup_path(real).read_bytes() == b"gammal\n"


def test_a_link_to_a_file_not_yet_there_creates_it_where_the_link_points(tmp_path):
    link = tmp_path / "utkast.md"
    link.symlink_to(tmp_path / "mal" / "utkast.md")
    (tmp_path / "mal").mkdir()
    draft = new_draft(load_form("finsam-malmo"), title="Ny")
    save_draft(draft, link)
    assert link.is_symlink() and load_draft(tmp_path / "mal" / "utkast.md").title == "Ny"


def test_a_link_loop_is_a_write_error_and_nothing_is_replaced(tmp_path):
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(WriteError, match="pekar på sig själv") as caught:
        atomic_write_bytes(a, b"x", what="draft")
    assert caught.value.errno == errno.ELOOP
    assert a.is_symlink() and b.is_symlink() and sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_a_file_written_by_someone_else_through_the_link_is_still_seen(synced):
    link, real = synced
    draft = load_draft(link)
    real.write_text(real.read_text(encoding="utf-8").replace("Första", "Deras"), encoding="utf-8")
    draft.set_text("bakgrund", "Min text.")
    with pytest.raises(DraftError, match="ändrats av någon annan"):
        save_draft(draft)
    assert "Deras versionen." in real.read_text(encoding="utf-8") and link.is_symlink()


def test_a_temp_file_a_killed_writer_left_goes_with_the_next_write_and_a_live_ones_stays(tmp_path):
    target = tmp_path / "samtal.json"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    killed = tmp_path / f".samtal.json.{dead.pid}.abc123.tmp"
    killed.write_text("halv", encoding="utf-8")
    live = tmp_path / f".samtal.json.{os.getppid()}.def456.tmp"
    live.write_text("skrivs just nu", encoding="utf-8")
    older = tmp_path / ".samtal.json.xyz.tmp"  # an earlier version's name, without a pid: left alone here
    older.write_text("?", encoding="utf-8")
    atomic_write_bytes(target, b"{}", backup=False)
    assert not killed.exists() and live.exists() and older.exists() and target.read_bytes() == b"{}"
