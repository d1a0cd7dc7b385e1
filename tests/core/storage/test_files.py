"""check_zip: a Word file is refused with one line before python-docx reads any of it."""

from __future__ import annotations

import zipfile

import docx
import pytest

from assistant.core.errors import DocumentError
from assistant.core.storage.files import ZIP_MAX_ENTRIES, check_zip


def _word_file(path):
    document = docx.Document()
    document.add_paragraph("Text")
    document.save(str(path))
    return path


def test_a_real_word_file_passes(tmp_path):
    check_zip(_word_file(tmp_path / "ok.docx"))


def test_a_truncated_file_is_corrupt(tmp_path):
    whole = _word_file(tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DocumentError, match="trasig") as caught:
        check_zip(cut)
    assert caught.value.where == str(cut)


def test_a_zip_without_word_text_is_no_word_document(tmp_path):
    path = tmp_path / "bilder.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("bild.txt", "ingen text")
    with pytest.raises(DocumentError, match=r"word/document\.xml"):
        check_zip(path)


def test_too_many_entries_is_refused_as_a_possible_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
        for i in range(ZIP_MAX_ENTRIES):
            zf.writestr(f"x/{i}", "")
    with pytest.raises(DocumentError, match="zip-bomb"):
        check_zip(path)


def test_a_missing_file_is_said_not_raised_as_oserror(tmp_path):
    with pytest.raises(DocumentError):
        check_zip(tmp_path / "finns-inte.docx")
