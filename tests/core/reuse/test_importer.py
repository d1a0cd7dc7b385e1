"""Importing the same application twice is recognised by what it says (a content hash), not by
its file name: the library says which entry has it instead of making a numbered copy, unless
asked to import it again."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from assistant.core.reuse.library import content_hash, import_files, importer, load_entry, remove_entry, to_text
from assistant.core.storage.failures import WriteError
from tests.conftest import SOURCES, run_cli

SOURCE = SOURCES / "000_18e62940bd9f888a.txt"
OTHER = SOURCES / "001_4b5533777013640f.txt"


def _entries(lib: Path) -> list[str]:
    return sorted(p.name for p in lib.glob("*.md"))


def test_the_same_file_twice_is_named_as_already_there_and_no_copy_is_made(tmp_path):
    lib = tmp_path / "lib"
    first = import_files([SOURCE], lib).imported[0]
    again = import_files([SOURCE], lib)
    assert again.imported == [] and again.failed == []
    ((path, held),) = again.duplicates
    assert path == SOURCE and held.id == first.id and held.path == first.path
    assert _entries(lib) == [f"{first.id}.md"]


def test_another_name_another_spacing_or_another_format_is_still_the_same_application(tmp_path):
    lib = tmp_path / "lib"
    first = import_files([SOURCE], lib).imported[0]
    text = SOURCE.read_text(encoding="utf-8")
    renamed = tmp_path / "kopia med annat namn.txt"
    renamed.write_text(text, encoding="utf-8")
    rewrapped = tmp_path / "omradad.md"
    rewrapped.write_text(text.replace(". ", ".  ").replace("\n", "\r\n"), encoding="utf-8")
    result = import_files([renamed, rewrapped], lib)
    assert [held.id for _path, held in result.duplicates] == [first.id, first.id] and result.imported == []


def test_a_changed_sentence_is_a_new_application(tmp_path):
    lib = tmp_path / "lib"
    first = import_files([SOURCE], lib).imported[0]
    changed = tmp_path / "andrad.txt"
    text = SOURCE.read_text(encoding="utf-8")
    stored = [line for s in first.sections for line in s.text.split("\n") if len(line.split()) > 8]
    line = next(line for line in stored if line in text)  # a line the entry keeps, as the source has it
    changed.write_text(text.replace(line, line + " En mening till om uppföljningen.", 1), encoding="utf-8")
    result = import_files([changed], lib)
    assert len(result.imported) == 1 and result.duplicates == []


def test_again_makes_the_numbered_copy_and_one_command_twice_imports_once(tmp_path):
    lib = tmp_path / "lib"
    once = import_files([SOURCE, SOURCE, OTHER], lib)
    assert len(once.imported) == 2 and [p for p, _ in once.duplicates] == [SOURCE]
    copy = import_files([SOURCE], lib, again=True).imported[0]
    assert copy.id.endswith("-2") and len(_entries(lib)) == 3


def test_an_entry_written_earlier_hashes_as_the_same_application(tmp_path):
    """Entries carry no hash: it is computed from what the file says, so old libraries work too."""
    lib = tmp_path / "lib"
    entry = import_files([SOURCE], lib).imported[0]
    assert entry.path is not None
    read_back = load_entry(entry.path)
    assert content_hash(read_back) == content_hash(entry)
    assert "hash" not in to_text(entry).split("+++")[1]


def test_the_built_in_library_does_not_count(tmp_path):
    """The built-in applications come from these sources; a writer may still import one as their own."""
    result = import_files([SOURCES / "003_d09aa5a5bf39ca34.txt"], tmp_path / "lib")
    assert len(result.imported) == 1 and result.duplicates == []


def test_the_cli_says_which_entry_has_it_and_again_imports_it(tmp_path):
    lib = tmp_path / "lib"
    assert run_cli("--library", str(lib), "library", "import", str(SOURCE)).returncode == 0
    (entry_file,) = lib.glob("*.md")
    second = run_cli("--library", str(lib), "library", "import", str(SOURCE))
    assert second.returncode == 0, second.stderr
    assert f"finns redan i biblioteket som {entry_file.stem}" in second.stdout and "--again" in second.stdout
    english = run_cli("--lang", "en", "--library", str(lib), "library", "import", str(SOURCE))
    assert f"already in the library as {entry_file.stem}" in english.stdout
    assert len(list(lib.glob("*.md"))) == 1
    third = run_cli("--library", str(lib), "library", "import", "--again", str(SOURCE))
    assert third.returncode == 0 and len(list(lib.glob("*.md"))) == 2


def test_removing_from_a_library_that_cannot_be_written_is_one_clear_error(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    entry = import_files([SOURCE], lib).imported[0]

    def read_only(self, missing_ok=False):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "unlink", read_only)
    with pytest.raises(WriteError, match="kan inte ta bort biblioteksposten: filsystemet är skrivskyddat"):
        remove_entry(entry.id, lib)
    monkeypatch.undo()
    assert entry.path is not None and entry.path.exists()


def test_a_source_that_cannot_be_read_is_not_called_a_library_that_cannot_be_written(tmp_path, monkeypatch):
    draft = tmp_path / "utkast.md"
    draft.write_text("+++\nform = 'finsam-malmo'\n+++\n", encoding="utf-8")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(importer, "open", denied, raising=False)
    ((path, reason),) = import_files([draft], tmp_path / "lib").failed
    assert path == draft and "kan inte läsa filen: Permission denied" in reason and "bibliotek" not in reason
