"""The document body as WordprocessingML: paragraphs, runs and tables of the model.

The body is written as one XML string and parsed once: building it element by element
through python-docx costs a second for a long application, this a few milliseconds.
"""

from __future__ import annotations

import itertools
import re

from docx.document import Document
from lxml import etree

from assistant.core.document.model import CELL_MARGIN_PT, CELL_PAD_PT, DocumentModel, Para, Table
from assistant.core.document.numbering import Numbering
from assistant.core.document.wordml import W_NS, escape_text, qn
from assistant.core.model.docx_names import GENERATED_TABLE
from assistant.core.model.markers import MARK_OPEN, find_markers
from assistant.core.model.markup import Run, xml_safe

_BREAKS = re.compile(r"(\t|\r\n|\n|\r)")
HIGHLIGHT = '<w:highlight w:val="yellow"/>'  # a ⟦…⟧ marker left for the writer: a reviewer must see it


def write_body(document: Document, model: DocumentModel, numbering: Numbering) -> None:
    """Append the model's paragraphs and tables to the body, before its section properties."""
    cell_style = numbering.style_ids["Tabelltext"]
    generated_cell_style = numbering.style_ids[GENERATED_TABLE]
    table_style = numbering.style_ids.get("Table Grid", "TableGrid")
    xml = [f'<w:body xmlns:w="{W_NS}">']
    for item in model.items:
        if isinstance(item, Table):
            style = cell_style if item.kind == "text" else generated_cell_style
            xml.append(_table_xml(item, style, table_style))
        else:
            xml.append(_para_xml(item, numbering))
    xml.append("</w:body>")
    parsed = etree.fromstring("".join(xml).encode("utf-8"))
    body = document.element.body
    end = body.find(qn("sectPr"))
    for child in list(parsed):
        if end is not None:
            end.addprevious(child)
        else:
            body.append(child)


def _twips(points: float) -> int:
    return round(points * 20)


def _runs_xml(runs: tuple[Run, ...]) -> str:
    out = []
    for text, bold, italic, marked in _marked_pieces(runs):
        # rPr children in the schema's order: b, i, highlight.
        props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + (HIGHLIGHT if marked else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        content = []
        for piece in _BREAKS.split(text):
            if piece == "\t":
                content.append("<w:tab/>")
            elif piece in ("\n", "\r", "\r\n"):
                content.append("<w:br/>")
            elif piece:
                content.append(f'<w:t xml:space="preserve">{escape_text(piece)}</w:t>')
        if content:
            out.append(f"<w:r>{rpr}{''.join(content)}</w:r>")
    return "".join(out)


def _marked_pieces(runs: tuple[Run, ...]) -> list[tuple[str, bool, bool, bool]]:
    """(text, bold, italic, inside a ⟦…⟧ marker) pieces of the runs, split where a marker starts
    or ends, so that a reviewer sees every marker highlighted even when it spans runs."""
    texts = [xml_safe(run.text) for run in runs]
    whole = "".join(texts)
    spans = [(m.start, m.end) for m in find_markers(whole)] if MARK_OPEN in whole else []
    if not spans:
        return [(text, run.bold, run.italic, False) for run, text in zip(runs, texts, strict=True)]
    cuts = sorted({i for span in spans for i in span})
    pieces = []
    start = 0
    for run, text in zip(runs, texts, strict=True):
        end = start + len(text)
        points = [start, *(c for c in cuts if start < c < end), end]
        for a, b in itertools.pairwise(points):
            marked = any(s <= a and b <= e for s, e in spans)
            pieces.append((whole[a:b], run.bold, run.italic, marked))
        start = end
    return pieces


def _para_xml(para: Para, numbering: Numbering) -> str:
    # pPr children in the schema's order: pStyle, keepNext, pageBreakBefore, numPr, spacing, jc.
    props = []
    style_id = numbering.style_ids.get(para.style)
    if style_id and para.style != "Normal":
        props.append(f'<w:pStyle w:val="{style_id}"/>')
    if para.keep_next is not None:
        props.append(f'<w:keepNext w:val="{1 if para.keep_next else 0}"/>')
    if para.page_break_before:
        props.append("<w:pageBreakBefore/>")
    if para.list_id:
        num_id = numbering.num_id(para.style, para.list_id)
        if num_id:
            props.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    spacing = ""
    if para.before is not None:
        spacing += f' w:before="{_twips(para.before)}"'
    if para.after is not None:
        spacing += f' w:after="{_twips(para.after)}"'
    if spacing:
        props.append(f"<w:spacing{spacing}/>")
    if para.align != "left":
        props.append(f'<w:jc w:val="{para.align}"/>')
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{_runs_xml(para.runs)}</w:p>"


def _table_xml(table: Table, style_id: str, table_style_id: str) -> str:
    """A grid table with fixed column widths and rows that never split; amounts right-aligned.

    No repeated header rows (tblHeader): LibreOffice 7.4 drops the rows after a page break in
    some tables that repeat their header (seen on a split budget table).
    """
    widths = [_twips(w) for w in table.widths]
    margins = "".join(
        f'<w:{side} w:w="{_twips(value)}" w:type="dxa"/>'
        for side, value in (
            ("top", CELL_PAD_PT),
            ("left", CELL_MARGIN_PT),
            ("bottom", CELL_PAD_PT),
            ("right", CELL_MARGIN_PT),
        )
    )
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{table_style_id}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="left"/><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    for r, row in enumerate(table.rows):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        # keepNext keeps a row on the page of the next one (Word and LibreOffice): every row but
        # the last of a budget table keeps it on one page.
        keep = "<w:keepNext/>" if r < table.kept_rows - 1 else ""
        for c, (cell, width) in enumerate(zip(row, widths, strict=False)):
            # A page break before the table is its first paragraph's (Word and LibreOffice).
            brk = "<w:pageBreakBefore/>" if table.page_break_before and r == 0 and c == 0 else ""
            jc = f'<w:jc w:val="{cell.align}"/>' if cell.align != "left" else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}{brk}{jc}</w:pPr>{_runs_xml(cell.runs)}</w:p>'
                "</w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)
