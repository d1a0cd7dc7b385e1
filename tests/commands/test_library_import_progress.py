"""`library import` says so before a file large enough to keep the writer waiting (reading and
redacting takes about a second a megabyte, with nothing to see meanwhile), and not before a file
it refuses."""

from __future__ import annotations

import pytest

from assistant.commands import library
from assistant.core.i18n import language, set_language
from assistant.core.reuse.library import importer


def test_the_importer_tells_of_a_slow_file_before_reading_it_and_not_of_one_it_refuses(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "SLOW_IMPORT_BYTES", 1_000)
    big, small, huge = tmp_path / "stor.txt", tmp_path / "liten.txt", tmp_path / "huge.txt"
    big.write_text("Bakgrund\n\n" + "Insatsen ger stöd till unga vuxna. " * 60, encoding="utf-8")
    small.write_text("Bakgrund\n\nInsatsen ger stöd till unga vuxna.", encoding="utf-8")
    with open(huge, "wb") as handle:  # sparse: over the limit on paper, nothing on disk
        handle.truncate(importer.MAX_IMPORT_BYTES + 1)
    told: list[tuple[str, int]] = []
    importer.import_files([small, huge, big], tmp_path / "lib", slow=lambda p, size: told.append((p.name, size)))
    assert told == [("stor.txt", big.stat().st_size)]


@pytest.mark.parametrize(
    ("lang", "said"), [("sv", "Läser stor.txt (21 MB) och tar bort"), ("en", "Reading stor.txt (21 MB)")]
)
def test_the_line_on_stderr_in_both_languages(tmp_path, capsys, lang, said):
    was = language()
    set_language(lang)
    try:
        library._say_slow(tmp_path / "stor.txt", 20_600_000)
    finally:
        set_language(was)
    err = capsys.readouterr().err
    assert err.startswith(said) and err.count("\n") == 1
