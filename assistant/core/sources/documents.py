"""Reading earlier applications (.txt, .md, .docx, .pdf) into clean blocks, and finding their sections.

`read_document` looks at the file's first bytes and hands it to the reader of its kind: plain text
(text.py), Word (word.py) or PDF (pdf.py). Each gives a `Document` of `Block`s (paragraph, bullet,
numbered item, table row, heading candidate); `segment` (segment.py) places the blocks under a
form's headings. The names callers use are all importable from here.
Nothing here executes the text; sizes are bounded.
"""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import DocumentError
from assistant.core.sources.blocks import Block, Document, Segment, blocks_to_text
from assistant.core.sources.pdf import MAX_PDF_PAGES, read_pdf
from assistant.core.sources.segment import segment
from assistant.core.sources.text import MAX_LINE, clean_text, decode_text, numbered_heading
from assistant.core.sources.word import read_docx
from assistant.core.storage.files import check_user_file

__all__ = [
    "MAX_BYTES",
    "MAX_LINE",
    "MAX_PDF_PAGES",
    "SUPPORTED",
    "Block",
    "Document",
    "Segment",
    "blocks_to_text",
    "clean_text",
    "decode_text",
    "numbered_heading",
    "read_document",
    "segment",
]

MAX_BYTES = 20_000_000
SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".pdf")
WORD_SUFFIXES = (".docx", ".docm", ".dotx")


def read_document(path: Path, *, keep_generated: bool = False) -> Document:
    """Read a .txt/.md/.docx/.pdf file into clean blocks. Raises DocumentError with a clear message.
    `keep_generated`: keep what an Ansökan export wrote from the draft's data (see `read_docx`)."""
    path = Path(path)
    size = check_user_file(
        path, DocumentError, max_bytes=MAX_BYTES, kind_sv="ett dokument", kind_en="a document"
    ).st_size
    if size == 0:
        raise DocumentError("filen är tom", "the file is empty", where=path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DocumentError(
            f"kan inte läsa filen: {exc.strerror}", f"cannot read the file: {exc.strerror}", where=path
        ) from None
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return read_pdf(path)
    if head.startswith(b"PK\x03\x04"):
        if suffix not in WORD_SUFFIXES:
            raise DocumentError(
                "är en zip-fil, inte ett dokument (endast .docx stöds)",
                "is a zip file, not a document (only .docx is supported)",
                where=path,
            )
        return read_docx(path, keep_generated=keep_generated)
    _refuse_unreadable(path, suffix, head)
    return Document(path, clean_text(decode_text(path.read_bytes(), path)), "text")


def _refuse_unreadable(path: Path, suffix: str, head: bytes) -> None:
    """A file that is neither PDF nor Word by its bytes must be plain text of a supported kind."""
    if suffix in (".docx", ".pdf"):
        raise DocumentError(
            f"är inte en giltig {suffix}-fil (trasig eller fel filändelse)",
            f"is not a valid {suffix} file (corrupt or wrong extension)",
            where=path,
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            "är ett gammalt Word-dokument (.doc); spara det som .docx först",
            "is an old Word document (.doc); save it as .docx first",
            where=path,
        )
    if suffix and suffix not in SUPPORTED:
        raise DocumentError(
            f"filtypen {suffix} stöds inte (använd .txt, .md, .docx eller .pdf)",
            f"the file type {suffix} is not supported (use .txt, .md, .docx or .pdf)",
            where=path,
        )
