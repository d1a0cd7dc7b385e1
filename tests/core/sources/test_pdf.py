"""Encrypted PDFs: one anyone may open (empty user password; RC4 or AES) is read, one that needs
a password is refused with a message that says exactly that, in Swedish and English."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from assistant.core.errors import DocumentError
from assistant.core.sources.documents import read_document
from tests.conftest import run_cli
from tests.hardening.payloads import pdf_bytes

LINES = [
    "2. Bakgrund",
    "Unga vuxna i Malmö behöver samordnat stöd för att nå arbete.",
    "4. Mål",
    "Minst 40 procent av deltagarna går vidare till arbete eller studier.",
]
OPEN_TO_ANYONE = ("RC4-128", "AES-128", "AES-256")
NEEDS_PASSWORD = {"sv": "kräver ett lösenord", "en": "needs a password"}


def _encrypted(path: Path, algorithm: str, user_password: str = "") -> Path:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(LINES))))
    writer.encrypt(user_password=user_password, owner_password="ägarens", algorithm=algorithm)
    with path.open("wb") as handle:
        writer.write(handle)
    assert PdfReader(str(path)).is_encrypted
    return path


@pytest.mark.parametrize("algorithm", OPEN_TO_ANYONE)
def test_a_pdf_anyone_may_open_is_read(tmp_path: Path, algorithm: str) -> None:
    doc = read_document(_encrypted(tmp_path / "krypterad.pdf", algorithm))
    text = "\n".join(b.text for b in doc.blocks)
    assert "samordnat stöd" in text and "40 procent" in text


@pytest.mark.parametrize("algorithm", ("RC4-128", "AES-256"))
def test_a_pdf_that_needs_a_password_says_so(tmp_path: Path, algorithm: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(_encrypted(tmp_path / "las.pdf", algorithm, user_password="hemligt"))
    assert NEEDS_PASSWORD["sv"] in caught.value.sv and NEEDS_PASSWORD["en"] in caught.value.en


@pytest.mark.parametrize("algorithm", OPEN_TO_ANYONE)
def test_library_import_and_new_from_read_an_open_encrypted_pdf(tmp_path: Path, algorithm: str) -> None:
    source = _encrypted(tmp_path / "krypterad.pdf", algorithm)
    lib = tmp_path / "lib"
    done = run_cli("--library", str(lib), "library", "import", "--form", "finsam-malmo", str(source))
    assert done.returncode == 0, done.stderr
    assert "samordnat stöd" in "".join(p.read_text(encoding="utf-8") for p in lib.glob("*.md"))
    draft = tmp_path / "utkast.md"
    done = run_cli("new", "--form", "finsam-malmo", "--from", str(source), str(draft))
    assert done.returncode == 0, done.stderr
    assert "40 procent av deltagarna" in draft.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ("sv", "en"))
def test_a_locked_pdf_through_the_commands_is_one_line_naming_the_password(tmp_path: Path, lang: str) -> None:
    source = _encrypted(tmp_path / "las.pdf", "AES-256", user_password="hemligt")
    for argv in (
        ["--library", str(tmp_path / "lib"), "library", "import", str(source)],
        ["new", "--form", "finsam-malmo", "--from", str(source), str(tmp_path / "utkast.md")],
    ):
        done = run_cli("--lang", lang, *argv)
        assert done.returncode in (1, 2), done.stderr  # import: 1 when a file of several failed
        assert "Traceback" not in done.stderr
        line = next(line for line in done.stderr.splitlines() if line.startswith("ansokan: "))
        assert NEEDS_PASSWORD[lang] in line
        assert "Error" not in line and "(" not in line.split(":", 2)[-1]
    assert not (tmp_path / "utkast.md").exists()


def test_a_damaged_pdf_is_refused_without_a_class_name(tmp_path: Path) -> None:
    path = tmp_path / "trasig.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "Error" not in caught.value.sv + caught.value.en
