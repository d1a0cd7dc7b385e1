"""Reading PDF files: the text of every page, lines wrapped at the page width."""

from __future__ import annotations

import logging
from pathlib import Path

from assistant.core.errors import DocumentError
from assistant.core.sources.blocks import Document
from assistant.core.sources.text import clean_text

MAX_PDF_PAGES = 500


def read_pdf(path: Path) -> Document:
    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a core dependency
        raise DocumentError("PDF-stöd saknas (pypdf)", "PDF support missing (pypdf)", where=path) from None
    # pypdf logs repairs ("EOF marker not found") to stderr; the error that matters is raised.
    logging.getLogger("pypdf").addHandler(logging.NullHandler())
    logging.getLogger("pypdf").propagate = False
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise DocumentError("PDF-filen är lösenordsskyddad", "the PDF is password protected", where=path)
            except DocumentError:
                raise
            except Exception:
                raise DocumentError(
                    "PDF-filen är lösenordsskyddad", "the PDF is password protected", where=path
                ) from None
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(
                f"PDF-filen har för många sidor (max {MAX_PDF_PAGES})",
                f"the PDF has too many pages (max {MAX_PDF_PAGES})",
                where=path,
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise DocumentError(
            f"är en trasig PDF-fil ({type(exc).__name__})", f"is a corrupt PDF file ({type(exc).__name__})", where=path
        ) from None
    text = "\n\n\n".join(pages)
    if not text.strip():
        raise DocumentError(
            "PDF-filen innehåller ingen text (inskannad bild?)",
            "the PDF contains no text (a scanned image?)",
            where=path,
        )
    return Document(path, clean_text(text, wrapped=True), "pdf")
