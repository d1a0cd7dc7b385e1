"""Reading Word files (.docx): paragraphs with their styles, tables as rows, the export's own data.

What Word writes beyond a plain python-docx document is read too: text in smart tags, fields and
content controls (word_runs.py), headings marked by an outline level, 5,000-style style sheets in
linear time (word_styles.py) and files saved as Strict Open XML (word_strict.py).
python-docx is imported lazily: it is slow to import and only needed here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.core.errors import DocumentError
from assistant.core.model.docx_names import DATA_NAMESPACE, EXTRA_HEADING, GENERATED_STYLES
from assistant.core.sources.blocks import Block, Document
from assistant.core.sources.text import BULLET_RE, classify, clean_line, join_broken
from assistant.core.storage.files import check_zip

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docx.document import Document as WordDocument
    from docx.table import Table

    from assistant.core.sources.word_styles import Styles

# An lxml element of the document's XML (python-docx's oxml classes are lxml elements).
XmlElement = Any

MAX_DATA_BYTES = 5_000_000
# A paragraph with an outline level but longer than this is prose someone marked by mistake.
MAX_OUTLINE_HEADING = 200


def read_docx(path: Path, *, keep_generated: bool = False) -> Document:
    """The Word file's blocks. `keep_generated` keeps what an Ansökan export wrote from a draft's
    data (dates, budget and contact tables, signature lines), which a blank form made from an
    export is read for; an earlier application leaves it out, its data travels separately."""
    check_zip(path)
    from docx.oxml.ns import qn
    from docx.table import Table

    from assistant.core.sources.word_styles import Styles

    document = _open_word(path)
    styles = Styles(_styles_element(document))
    blocks: list[Block] = []
    for child in _body_items(document.element.body):
        if child.tag == qn("w:p"):
            block = _paragraph_block(child, styles, keep_generated=keep_generated)
            if block:
                blocks.append(block)
        else:
            blocks.extend(_table_rows(Table(child, document), styles, keep_generated=keep_generated))
    warnings: list[str] = []
    if document.part.package is not None:
        rels = [r for r in document.part.rels.values() if r.is_external]
        if rels:
            warnings.append(f"{len(rels)} externa referenser ignorerades")
    return Document(path, join_broken(blocks), "docx", warnings, data=_draft_data(document))


def _open_word(path: Path) -> WordDocument:
    import docx

    from assistant.core.sources.word_strict import is_strict, usual_copy

    strict = is_strict(path)
    try:
        return docx.Document(usual_copy(path) if strict else str(path))
    except Exception:  # python-docx raises many kinds on malformed XML; their names mean nothing to a writer
        if strict:
            raise DocumentError(
                "är sparat i formatet Strict Open XML och kunde inte läsas; spara om det som vanligt "
                "Word-dokument (.docx)",
                "is saved as Strict Open XML and could not be read; save it again as an ordinary Word document (.docx)",
                where=path,
            ) from None
        raise DocumentError(
            "kan inte läsa Word-dokumentet: det är trasigt eller inget vanligt Word-dokument",
            "cannot read the Word document: it is damaged or not an ordinary Word document",
            where=path,
        ) from None


def _styles_element(document: WordDocument) -> XmlElement | None:
    try:
        return document.part._styles_part.element
    except Exception:  # no or a broken style part: every paragraph is body text
        return None


def _body_items(container: XmlElement) -> Iterator[XmlElement]:
    """Paragraphs and tables in reading order, also inside block content controls and custom XML."""
    from docx.oxml.ns import qn

    wanted = (qn("w:p"), qn("w:tbl"))
    wrappers = (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"))
    for child in container:
        if child.tag in wanted:
            yield child
        elif child.tag in wrappers:
            yield from _body_items(child)


def _table_rows(table: Table, styles: Styles, *, keep_generated: bool = False) -> list[Block]:
    if not keep_generated and _generated_table(table, styles):
        return []  # a budget or contact table the export wrote from the draft's data
    rows: list[Block] = []
    for row in table.rows:
        cells = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # merged cells repeat
                continue
            previous = cell._tc
            cells.append(" ".join(_cell_markup(p._p) for p in cell.paragraphs if _text_of(p._p).strip()))
        if any(cells):
            rows.append(Block(clean_line("\t".join(cells)), "row"))
    return rows


def _generated_table(table: Table, styles: Styles) -> bool:
    try:
        first = table.rows[0].cells[0].paragraphs[0]
    except (IndexError, AttributeError):
        return False
    return styles.of(first._p).name in GENERATED_STYLES


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


def _text_of(p: XmlElement) -> str:
    from assistant.core.sources.word_runs import pieces, plain

    return plain(pieces(p))


def _cell_markup(p: XmlElement) -> str:
    """A table cell's text; a cell bold throughout is a header the export made bold, not markup."""
    from assistant.core.sources.word_runs import markup, pieces

    text = markup(pieces(p)).strip()
    m = re.fullmatch(r"\*\*(\*?[^*]+\*?)\*\*", text)
    return m.group(1) if m else text


def _paragraph_block(p: XmlElement, styles: Styles, *, keep_generated: bool = False) -> Block | None:
    from assistant.core.sources.word_runs import markup, pieces, plain
    from assistant.core.sources.word_styles import outline_level

    runs = pieces(p)
    text = clean_line(plain(runs))
    if not text.strip():
        return None
    style = styles.of(p)
    if style.name in GENERATED_STYLES and not keep_generated:
        return None  # written by the export from the draft's data, which travels separately
    if style.name == EXTRA_HEADING:
        return Block(text.strip(), "heading", 2, styled=True)
    if style.name.lower() == "title":
        return Block(text.strip(), "title")
    m = re.match(r"(?:Heading|Rubrik)\s*(\d)", style.name, re.I)
    if m:
        # "Heading 0" (some templates' top level) is a top heading like Word's own outline level 0.
        return Block(text.strip(), "heading", max(1, int(m.group(1))), styled=True)
    outline = outline_level(p, style)
    if outline is not None and len(text) <= MAX_OUTLINE_HEADING:
        return Block(text.strip(), "heading", outline + 1, styled=True)
    if "list" in style.name.lower() or _numbered(p):
        kind = "number" if "number" in style.name.lower() else "bullet"
        return Block(BULLET_RE.sub("", clean_line(markup(runs))).strip(), kind)
    shown = [r for r in runs if r.text.strip()]
    if shown and all(r.bold for r in shown) and len(text) < 150 and not text.rstrip().endswith("."):
        return Block(text.strip(), "heading", 0, styled=True)
    return classify(clean_line(markup(runs)))


def _numbered(p: XmlElement) -> bool:
    from docx.oxml.ns import qn

    ppr = p.find(qn("w:pPr"))
    return ppr is not None and ppr.find(qn("w:numPr")) is not None
