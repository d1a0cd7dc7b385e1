"""Reading Word files (.docx): paragraphs with their styles, tables as rows, the export's own data.

python-docx is imported lazily: it is slow to import and only needed here.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import DocumentError
from assistant.core.sources.blocks import Block, Document
from assistant.core.sources.text import BULLET_RE, classify, clean_line, join_broken

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

MAX_UNZIPPED = 200_000_000
# The text of a 100-page Word document is a few MB of XML; 190 MB of it took minutes to read.
MAX_DOCUMENT_XML = 40_000_000

# Style names the export gives what it writes itself (see export.py); the writer's text never has them.
GENERATED_STYLES = ("Ansökan genererad", "Ansökan tabell")
EXTRA_HEADING_STYLE = "Ansökan extra rubrik"
DATA_NAMESPACE = "urn:ansokan:draft:1"
MAX_DATA_BYTES = 5_000_000


def check_zip(path: Path) -> None:
    """Refuse a .docx that is not a zip, unpacks to gigabytes or has no Word text in it."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            names = {i.filename for i in infos}
            text_size = sum(i.file_size for i in infos if i.filename == "word/document.xml")
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"är en trasig .docx-fil ({exc})", f"is a corrupt .docx file ({exc})", where=path) from None
    if total > MAX_UNZIPPED or len(infos) > 5000:
        raise DocumentError(
            "packar upp till orimligt mycket data (möjlig zip-bomb); vägrar läsa den",
            "unpacks to an absurd amount of data (possible zip bomb); refusing to read it",
            where=path,
        )
    if text_size > MAX_DOCUMENT_XML:
        raise DocumentError(
            f"dokumentets text är orimligt stor ({text_size // 1_000_000} MB XML, max "
            f"{MAX_DOCUMENT_XML // 1_000_000} MB); vägrar läsa den",
            f"the document's text is absurdly large ({text_size // 1_000_000} MB of XML, max "
            f"{MAX_DOCUMENT_XML // 1_000_000} MB); refusing to read it",
            where=path,
        )
    if "word/document.xml" not in names:
        raise DocumentError(
            "saknar word/document.xml och är inget Word-dokument",
            "has no word/document.xml and is not a Word document",
            where=path,
        )


def read_docx(path: Path) -> Document:
    check_zip(path)
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on malformed XML
        raise DocumentError(
            f"kan inte läsa Word-dokumentet ({type(exc).__name__})",
            f"cannot read the Word document ({type(exc).__name__})",
            where=path,
        ) from None
    blocks: list[Block] = []
    warnings: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            block = _paragraph_block(Paragraph(child, document))
            if block:
                blocks.append(block)
        elif child.tag == qn("w:tbl"):
            blocks.extend(_table_rows(Table(child, document)))
    if document.part.package is not None:
        rels = [r for r in document.part.rels.values() if r.is_external]
        if rels:
            warnings.append(f"{len(rels)} externa referenser ignorerades")
    return Document(path, join_broken(blocks), "docx", warnings, data=_draft_data(document))


def _table_rows(table: Table) -> list[Block]:
    if _generated_table(table):
        return []  # a budget or contact table the export wrote from the draft's data
    rows: list[Block] = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # merged cells repeat
                continue
            previous = cell._tc
            cells.append(" ".join(_cell_markup(p) for p in cell.paragraphs if p.text.strip()))
        if any(cells):
            rows.append(Block(clean_line("\t".join(cells)), "row"))
    return rows


def _style_name(paragraph: Paragraph) -> str:
    try:
        return (paragraph.style.name if paragraph.style is not None else "") or ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _generated_table(table: Table) -> bool:
    try:
        first = table.rows[0].cells[0].paragraphs[0]
    except (IndexError, AttributeError):
        return False
    return _style_name(first) in GENERATED_STYLES


def _draft_data(document: WordDocument) -> str | None:
    """The draft data an Ansökan export embeds (customXml), as TOML text; None for other documents."""
    from lxml import etree

    for rel in document.part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/customXml"):
            continue
        blob = rel.target_part.blob
        if len(blob) > MAX_DATA_BYTES or DATA_NAMESPACE.encode() not in blob[:400]:
            continue
        try:
            root = etree.fromstring(blob, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError:
            return None
        return str(root.text or "")
    return None


def _cell_markup(paragraph: Paragraph) -> str:
    """A table cell's text; a cell bold throughout is a header the export made bold, not markup."""
    text = _runs_markup(paragraph).strip()
    m = re.fullmatch(r"\*\*(\*?[^*]+\*?)\*\*", text)
    return m.group(1) if m else text


def _runs_markup(paragraph: Paragraph) -> str:
    """The paragraph's text with bold and italic runs written as **fet** and *kursiv*."""
    parts = []
    for run in paragraph.runs:
        text = run.text
        if not text:
            continue
        core = text.strip()
        if core and (run.bold or run.italic):
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            mark = "**" if run.bold else "*"
            if run.bold and run.italic:
                mark = "***"
            text = f"{lead}{mark}{core}{mark}{trail}"
        parts.append(text)
    return "".join(parts) if parts else paragraph.text


def _paragraph_block(paragraph: Paragraph) -> Block | None:
    text = clean_line(paragraph.text)
    if not text.strip():
        return None
    style = _style_name(paragraph)
    if style in GENERATED_STYLES:
        return None  # written by the export from the draft's data, which travels separately
    if style == EXTRA_HEADING_STYLE:
        return Block(text.strip(), "heading", 2, styled=True)
    if style.lower() == "title":
        return Block(text.strip(), "title")
    m = re.match(r"(?:Heading|Rubrik)\s*(\d)", style, re.I)
    if m:
        return Block(text.strip(), "heading", int(m.group(1)), styled=True)
    if "list" in style.lower() or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
        kind = "number" if "number" in style.lower() else "bullet"
        return Block(BULLET_RE.sub("", clean_line(_runs_markup(paragraph))).strip(), kind)
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold_line = bool(runs) and all(r.bold for r in runs) and len(text) < 150 and not text.rstrip().endswith(".")
    if bold_line:
        return Block(text.strip(), "heading", 0, styled=True)
    return classify(clean_line(_runs_markup(paragraph)))
