"""Writing fails (file-size limit or quota, missing directory): one clear line, the old file intact.

RLIMIT_FSIZE makes every write past a few kB fail with EFBIG in the child process, the way a
full disk (ENOSPC) or a used-up quota on a network home directory (EDQUOT) does.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.hardening.payloads import good_draft_text, real_source_text


def _limited_write_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))


def _ansokan(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        preexec_fn=_limited_write_size,
        capture_output=True,
        text=True,
        timeout=60,
        # No bytecode from a size-limited process: a module it compiles (a fresh clone, an edited
        # file) would be cached cut off at the limit, and every later import of it would fail with
        # "marshal data too short" (seen in the shared pycache of `make test`).
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
    )


def _one_clear_line(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ansokan: "), result.stderr


def test_a_write_that_hits_the_size_limit_leaves_the_old_draft_and_no_temp_file(tmp_path):
    source = tmp_path / "kalla.txt"
    source.write_text(real_source_text(), encoding="utf-8")
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text()[:3000], encoding="utf-8")  # small enough to have been written
    before = draft.read_bytes()
    result = _ansokan("new", "--force", "--form", "finsam-malmo", "--from", str(source), str(draft))
    _one_clear_line(result)
    assert "disken är full" in result.stderr
    assert draft.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_an_export_that_cannot_be_written_leaves_nothing_behind(tmp_path):
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text(), encoding="utf-8")
    out = tmp_path / "ut.docx"
    result = _ansokan("export", str(draft), "-o", str(out))
    _one_clear_line(result)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ---------------------------------------------------------------------------------------------
# A read-only file system, for real: a private mount namespace where the folder is bound read-only.
# Root ignores permissions but not a read-only mount. Where `unshare` may not mount (no root, a
# locked-down container) the tests skip; tests/core/storage/test_failures.py injects EROFS instead.

READ_ONLY = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" "$1" && shift && exec "$@"'


def _can_mount_read_only(folder: Path) -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", READ_ONLY, "sh", str(folder), "true"],
        capture_output=True,
        timeout=30,
    )
    return probe.returncode == 0


def _ansokan_read_only(folder: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = ["unshare", "-m", "--propagation", "private", "sh", "-c", READ_ONLY, "sh", str(folder)]
    return subprocess.run(
        [*command, sys.executable, "-m", "assistant", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


@pytest.fixture
def read_only(tmp_path: Path) -> Path:
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    if not _can_mount_read_only(folder):
        pytest.skip("no read-only bind mount here (needs root and unshare)")
    return folder


def test_new_on_a_read_only_file_system_names_the_draft_and_keeps_it(read_only):
    draft = read_only / "utkast.md"
    draft.write_text(good_draft_text(), encoding="utf-8")
    before = draft.read_bytes()
    result = _ansokan_read_only(read_only, "new", "--force", "--form", "finsam-malmo", "--title", "X", str(draft))
    _one_clear_line(result)
    assert "kan inte skriva utkastet: låsfilen .utkast.md.lock kan inte skapas (filsystemet är skrivskyddat)" in (
        result.stderr
    )
    assert draft.read_bytes() == before and sorted(p.name for p in read_only.iterdir()) == ["utkast.md"]


def test_an_export_to_a_read_only_file_system_names_the_docx_not_the_draft(read_only, tmp_path):
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text(), encoding="utf-8")
    result = _ansokan_read_only(read_only, "--lang", "en", "export", str(draft), "-o", str(read_only / "ut.docx"))
    _one_clear_line(result)
    assert "cannot write the .docx file: the file system is read-only; nothing was written" in result.stderr
    assert "draft" not in result.stderr.split(":", 2)[-1] and not list(read_only.iterdir())


def test_an_import_into_a_read_only_library_names_the_library_entry(read_only, tmp_path):
    source = tmp_path / "kalla.txt"
    source.write_text(real_source_text(), encoding="utf-8")
    result = _ansokan_read_only(read_only, "--library", str(read_only), "library", "import", str(source))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "kan inte skriva biblioteksposten: låsfilen .import.lock kan inte skapas (filsystemet är skrivskyddat)" in (
        result.stderr
    )
    assert not list(read_only.iterdir())


# ---------------------------------------------------------------------------------------------
# Faults root can make for real: a folder where the lock file goes, a path through a file, a name
# too long for the lock file beside it. Each is one line naming the draft, exit 2, nothing written.
# No file-size limit is needed for these, so the command runs in this process (run_cli).


def test_a_folder_where_the_lock_file_goes_is_one_line_not_a_traceback(tmp_path):
    draft = tmp_path / "utkast.md"
    draft.write_text(good_draft_text(), encoding="utf-8")
    (tmp_path / ".utkast.md.lock").mkdir()
    before = draft.read_bytes()
    result = run_cli("new", "--force", "--form", "finsam-malmo", "--title", "X", str(draft))
    _one_clear_line(result)
    assert "kan inte skriva utkastet: låsfilen .utkast.md.lock kan inte skapas (det finns en katalog" in result.stderr
    assert draft.read_bytes() == before


def test_a_name_whose_lock_file_would_be_too_long_is_one_line(tmp_path):
    draft = tmp_path / ("a" * 248 + ".md")  # fits; ".<name>.lock" does not
    result = run_cli("new", "--form", "finsam-malmo", "--title", "X", str(draft))
    _one_clear_line(result)
    assert not draft.exists() and not list(tmp_path.iterdir())


def test_removing_an_entry_from_a_read_only_library_is_one_line_and_it_stays(read_only, tmp_path):
    from assistant.core.reuse.library import import_files

    source = tmp_path / "kalla.txt"
    source.write_text(real_source_text(), encoding="utf-8")
    entry = import_files([source], read_only).imported[0]
    result = _ansokan_read_only(read_only, "--library", str(read_only), "library", "remove", entry.id)
    _one_clear_line(result)
    assert "kan inte ta bort biblioteksposten: filsystemet är skrivskyddat" in result.stderr
    assert entry.path is not None and entry.path.exists()
