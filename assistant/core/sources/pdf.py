"""Reading PDF files: the text of every page, lines wrapped at the page width.

An encrypted PDF that anyone may open (an empty user password, whatever the cipher: RC4 or AES)
is read like any other; one that needs a password is refused with a message that says so.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import DocumentError
from assistant.core.sources.blocks import Document
from assistant.core.sources.text import clean_text

if TYPE_CHECKING:
    from pypdf import PdfReader

MAX_PDF_PAGES = 500


def read_pdf(path: Path) -> Document:
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError
    except ImportError:  # pragma: no cover - pypdf is a core dependency
        raise DocumentError("PDF-stöd saknas (pypdf)", "PDF support missing (pypdf)", where=path) from None
    # pypdf logs repairs ("EOF marker not found") to stderr; the error that matters is raised.
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            _open_without_password(reader, path)
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(
                f"PDF-filen har för många sidor (max {MAX_PDF_PAGES})",
                f"the PDF has too many pages (max {MAX_PDF_PAGES})",
                where=path,
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except DependencyError:  # pragma: no cover - cryptography is a core dependency
        raise DocumentError(
            "PDF-filen är krypterad med AES och paketet cryptography saknas; installera om Ansökan",
            "the PDF is AES-encrypted and the cryptography package is missing; reinstall Ansökan",
            where=path,
        ) from None
    except Exception:  # pypdf raises many kinds on a damaged file; their names mean nothing to a writer
        raise DocumentError(
            "är en trasig PDF-fil som inte går att läsa; spara om den från originalet",
            "is a corrupt PDF file that cannot be read; save it again from the original",
            where=path,
        ) from None
    text = "\n\n\n".join(pages)
    if not text.strip():
        raise DocumentError(
            "PDF-filen innehåller ingen text (inskannad bild?)",
            "the PDF contains no text (a scanned image?)",
            where=path,
        )
    return Document(path, clean_text(text, wrapped=True), "pdf")


def _open_without_password(reader: PdfReader, path: Path) -> None:
    """Decrypt with the empty user password, as a PDF viewer does; refuse a file that needs one."""
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("")
    except DependencyError:
        raise
    except Exception:  # an encryption pypdf does not know
        raise DocumentError(
            "PDF-filen är krypterad på ett sätt som inte går att läsa; spara en kopia utan kryptering",
            "the PDF is encrypted in a way that cannot be read; save a copy without encryption",
            where=path,
        ) from None
    if not opened:
        raise DocumentError(
            "PDF-filen kräver ett lösenord för att öppnas; spara en kopia utan lösenord och importera den",
            "the PDF needs a password to open; save a copy without a password and import that",
            where=path,
        )
