"""The private work folder: removed after the work, and a killed run's folder removed by the next."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.core.storage import workdir
from assistant.core.storage.workdir import PREFIX, private_workdir, remove_stale


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_folder_is_private_and_gone_after_the_work_even_on_an_error(tmp_path):
    with pytest.raises(RuntimeError), private_workdir(tmp_path) as work:
        assert work.parent == tmp_path and work.name.startswith(f"{PREFIX}{os.getpid()}-")
        assert work.stat().st_mode & 0o777 == 0o700
        (work / "ansokan.docx").write_bytes(b"privat")
        raise RuntimeError("avbruten")
    assert list(tmp_path.iterdir()) == []


def test_a_killed_runs_folder_is_removed_by_the_next_and_a_live_ones_kept(tmp_path):
    dead = tmp_path / f"{PREFIX}{_dead_pid()}-abc"
    (dead / "profile").mkdir(parents=True)
    (dead / "ansokan.docx").write_bytes(b"privat")
    alive = tmp_path / f"{PREFIX}{os.getppid()}-def"
    alive.mkdir()
    other = tmp_path / "annat-program-123"
    other.mkdir()
    with private_workdir(tmp_path):
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])


def test_a_folder_older_than_any_work_is_stale_whatever_its_pid(tmp_path):
    old = tmp_path / f"{PREFIX}{os.getppid()}-gammal"
    old.mkdir()
    legacy_new, legacy_old = tmp_path / "ansokan-lo-ny", tmp_path / "ansokan-pdf-gammal"
    legacy_new.mkdir()
    legacy_old.mkdir()
    hour_ago = time.time() - workdir.MAX_AGE_S - 10
    os.utime(old, (hour_ago, hour_ago))
    os.utime(legacy_old, (hour_ago, hour_ago))
    assert sorted(remove_stale(tmp_path)) == sorted([old, legacy_old])
    assert legacy_new.exists()  # an earlier version may be using it right now


def test_a_planted_link_is_never_followed(tmp_path):
    victim = tmp_path / "hemma"
    victim.mkdir()
    (victim / "viktig.txt").write_text("orörd", encoding="utf-8")
    root = tmp_path / "tmp"
    root.mkdir()
    link = root / f"{PREFIX}{_dead_pid()}-lank"
    link.symlink_to(victim, target_is_directory=True)
    remove_stale(root)
    assert (victim / "viktig.txt").read_text(encoding="utf-8") == "orörd" and link.is_symlink()


def test_a_missing_temp_folder_is_no_error(tmp_path):
    assert remove_stale(tmp_path / "saknas") == []


def test_pid_alive():
    assert workdir.pid_alive(os.getpid()) and workdir.pid_alive(os.getppid())
    assert not workdir.pid_alive(_dead_pid()) and not workdir.pid_alive(0)


def test_the_default_root_follows_tmpdir(tmp_path, monkeypatch):
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    with private_workdir() as work:
        assert Path(work).parent == tmp_path
