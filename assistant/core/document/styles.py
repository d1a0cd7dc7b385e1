"""The Word styles of the exported file: every style the model uses, with explicit fonts and
spacing (a template's own formatting and theme fonts are replaced), and the footer's style."""

from __future__ import annotations

from typing import cast

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle

from assistant.core.document.model import DocumentModel
from assistant.core.document.wordml import Element, qn, set_fonts
from assistant.core.model.docx_names import EXTRA_HEADING

HEADING_COLOR = (0x1F, 0x38, 0x64)
FOOTER_SIZE_PT = 9


def setup_styles(document: Document, model: DocumentModel) -> None:
    """Give every style of the model its resolved values, and Swedish as the document language."""
    body_font = model.styles["Normal"].font
    _document_defaults(document, body_font)
    for key, spec in model.styles.items():
        style = paragraph_style(document, spec.word_name)
        _strip(style.element, keep=("outlineLvl", "numPr"))
        font = style.font
        font.name = spec.font
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        set_fonts(style.element.get_or_add_rPr(), spec.font)
        if key == EXTRA_HEADING:
            style.base_style = document.styles["Heading 3"]  # in the navigation pane like the others
        if key.startswith(("Heading", "Title")) or key == EXTRA_HEADING:
            font.color.rgb = RGBColor(*HEADING_COLOR)
        pf = style.paragraph_format
        pf.space_before = Pt(spec.before)
        pf.space_after = Pt(spec.after)
        pf.line_spacing = spec.line_spacing
        pf.widow_control = True
        pf.keep_with_next = spec.keep_next
        if spec.keep_next:
            pf.keep_together = True
        if spec.indent and not key.startswith("List"):
            pf.left_indent = Pt(spec.indent)
    footer = paragraph_style(document, "Footer")
    footer.font.size = Pt(FOOTER_SIZE_PT)
    footer.font.name = body_font
    set_fonts(footer.element.get_or_add_rPr(), body_font)


def paragraph_style(document: Document, name: str) -> ParagraphStyle:
    """The document's paragraph style `name`, added (based on Normal) when the template lacks it."""
    try:
        style = document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
    return cast(ParagraphStyle, style)  # the styles the export names are paragraph styles


def _document_defaults(document: Document, font: str) -> None:
    defaults = document.styles.element.find(qn("docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('rPrDefault')}/{qn('rPr')}")
    if rpr is None:
        return
    set_fonts(rpr, font)
    lang = rpr.find(qn("lang"))
    if lang is not None:
        lang.set(qn("val"), "sv-SE")


def _strip(style_element: Element, keep: tuple[str, ...]) -> None:
    """Remove a template style's own formatting except the elements named in `keep`."""
    for container in ("pPr", "rPr"):
        props = style_element.find(qn(container))
        if props is None:
            continue
        for child in list(props):
            if child.tag.split("}")[1] not in keep:
                props.remove(child)
