"""A write that cannot happen is one WriteError naming what was written, and nothing is lost.

Each errno class a save can meet, made real where root can make it (a folder where the lock
file goes, a path through a file, a name too long, a missing folder) and injected where it
cannot (a full disk, a used-up quota, a read-only file system, no permission: root ignores
permissions, and the read-only mount is tested in tests/hardening/test_write_faults.py).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from assistant.core.errors import LockedError, UserError
from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.forms import load_form
from assistant.core.storage import locks
from assistant.core.storage.atomic import atomic_write_bytes, atomic_write_text
from assistant.core.storage.failures import WriteError, write_error

INJECTED = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "kvoten är slut",
    errno.EFBIG: "disken är full",
    errno.EROFS: "skrivskyddat",
    errno.EACCES: "behörighet",
    errno.EPERM: "behörighet",
    errno.EIO: "input/output error",
}


def _draft(path: Path, text: str = "Första versionen.") -> Path:
    draft = new_draft(load_form("finsam-malmo"), title="Fel vid skrivning")
    draft.set_text("bakgrund", text)
    return save_draft(draft, path)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".lnk")))


@pytest.mark.parametrize("code", sorted(INJECTED))
def test_a_failing_rename_is_a_write_error_naming_the_draft_and_the_old_text_stays(tmp_path, monkeypatch, code):
    path = _draft(tmp_path / "utkast.md")
    before = path.read_bytes()
    draft = load_draft(path)
    draft.set_text("bakgrund", "Text som inte når disken.")

    def fails(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("assistant.core.storage.atomic.os.replace", fails)
    with pytest.raises(WriteError) as caught:
        save_draft(draft)
    error = caught.value
    assert error.what == "draft" and error.errno == code and error.path == path
    message = error.message("sv")
    assert message.startswith(f"{path}: kan inte skriva utkastet: ")
    assert INJECTED[code] in message.lower() and "utkastet på disken är oförändrat" in message
    assert "the draft on disk is unchanged" in error.message("en")
    assert path.read_bytes() == before and _leftovers(tmp_path) == []
    assert draft.sections["bakgrund"] == "Text som inte når disken."  # still in memory, to retry


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT])
def test_a_lock_file_that_cannot_be_created_is_a_write_error_not_an_os_error(tmp_path, monkeypatch, code):
    path = _draft(tmp_path / "utkast.md")
    before = path.read_bytes()
    real_open = os.open

    def refuse_locks(name, flags, *args, **kwargs):
        if str(name).endswith(".lock"):
            raise OSError(code, os.strerror(code), str(name))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_locks)
    draft = load_draft(path)
    draft.set_text("bakgrund", "Ny text.")
    with pytest.raises(WriteError) as caught:
        save_draft(draft)
    assert caught.value.what == "draft" and caught.value.errno == code
    assert "utkastet" in caught.value.message("sv") and not isinstance(caught.value, LockedError)
    assert path.read_bytes() == before


def test_a_folder_where_the_lock_file_goes(tmp_path):
    path = _draft(tmp_path / "utkast.md")
    (tmp_path / ".utkast.md.lock").unlink(missing_ok=True)
    (tmp_path / ".utkast.md.lock").mkdir()
    draft = load_draft(path)
    draft.set_text("bakgrund", "Ny text.")
    with pytest.raises(WriteError, match=r"utkastet: låsfilen \.utkast\.md\.lock kan inte skapas") as caught:
        save_draft(draft)
    assert caught.value.errno == errno.EISDIR
    assert load_draft(path).sections["bakgrund"] == "Första versionen."


def test_a_path_through_a_file_and_a_missing_folder_create_nothing(tmp_path):
    (tmp_path / "fil").write_text("jag är en fil", encoding="utf-8")
    draft = new_draft(load_form("finsam-malmo"), title="X")
    with pytest.raises(WriteError, match="är en fil, inte en katalog") as through_file:
        save_draft(draft, tmp_path / "fil" / "utkast.md")
    assert through_file.value.errno == errno.ENOTDIR
    with pytest.raises(WriteError, match="katalogen finns inte") as missing:
        save_draft(draft, tmp_path / "saknas" / "djupare" / "utkast.md")
    assert missing.value.errno == errno.ENOENT
    # filelock would have made the folders for its lock file: a chain nobody asked for
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fil"]


def test_a_name_too_long_for_the_lock_file_is_a_clear_error(tmp_path):
    # 250 bytes fit the file system's 255, but `.<name>.lock` does not
    path = tmp_path / ("å" * 123 + ".md")
    draft = new_draft(load_form("finsam-malmo"), title="X")
    with pytest.raises(WriteError, match="för långt") as caught:
        save_draft(draft, path)
    assert caught.value.errno == errno.ENAMETOOLONG and not path.exists()


def test_another_process_holding_the_lock_is_a_locked_error_naming_what_is_written(tmp_path):
    path = _draft(tmp_path / "utkast.md")
    holder = locks.file_lock(path)
    holder.acquire()
    try:
        with pytest.raises(LockedError, match="skriver utkastet just nu"), locks.held(path, what="draft", timeout=0.1):
            pass
        with pytest.raises(LockedError) as caught, locks.held(path, what="entry", timeout=0.1):
            pass
        assert "another ansokan process is writing the library entry" in caught.value.message("en")
    finally:
        holder.release()
    assert not isinstance(LockedError("x"), WriteError)  # the UI retries both, but says different things


def test_errors_inside_the_lock_pass_through_and_the_lock_is_released(tmp_path):
    path = tmp_path / "x.md"
    with pytest.raises(KeyError), locks.held(path, what="draft"):
        raise KeyError("inne")
    with locks.held(path, what="draft", timeout=0.1):  # free again
        pass


@pytest.mark.parametrize(
    ("name", "what", "sv", "en"),
    [
        ("ut.docx", None, "kan inte skriva .docx-filen", "cannot write the .docx file"),
        ("ut.pdf", None, "kan inte skriva PDF-filen", "cannot write the PDF"),
        ("post.md", "entry", "kan inte skriva biblioteksposten", "cannot write the library entry"),
        ("inst.json", "settings", "kan inte skriva inställningarna", "cannot write the settings"),
        ("x.bin", None, "kan inte skriva filen", "cannot write the file"),
    ],
)
def test_the_message_names_what_was_being_written(tmp_path, monkeypatch, name, what, sv, en):
    target = tmp_path / name
    target.write_bytes(b"gammal")

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("assistant.core.storage.atomic.os.replace", full)
    with pytest.raises(WriteError) as caught:
        atomic_write_bytes(target, b"ny", backup=False, what=what)
    assert sv in caught.value.message("sv") and en in caught.value.message("en")
    assert "utkastet" not in caught.value.message("sv") and "draft" not in caught.value.message("en")
    assert target.read_bytes() == b"gammal" and _leftovers(tmp_path) == []


def test_a_file_that_did_not_exist_says_nothing_was_written(tmp_path):
    with pytest.raises(WriteError, match="inget har skrivits"):
        atomic_write_text(tmp_path / "saknas" / "ut.docx", "x")


def test_a_write_error_is_a_user_error_with_one_line_and_exit_code_2(tmp_path):
    error = write_error(OSError(errno.EROFS, "Read-only file system"), tmp_path / "ut.docx")
    assert isinstance(error, UserError) and error.exit_code == 2
    assert "\n" not in error.message("sv") and "\n" not in error.message("en")
    assert "spara på ett annat ställe" in error.message("sv")


def test_an_unknown_errno_still_says_what_and_why(tmp_path):
    error = write_error(OSError(errno.EIO, "Input/output error"), tmp_path / "utkast.md", what="draft", existed=True)
    assert error.message("sv") == f"{tmp_path / 'utkast.md'}: kan inte skriva utkastet: input/output error; " + (
        "utkastet på disken är oförändrat"
    )
