"""Writing the model as .docx bytes with python-docx: the form's template (or a blank document),
the page setup, a footer with the page number, the styles, the body, the core properties and
the draft's own data as a customXml part."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.shared import Cm
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant.core.document.body import write_body
from assistant.core.document.model import DocumentModel
from assistant.core.document.numbering import Numbering
from assistant.core.document.styles import setup_styles
from assistant.core.document.wordml import escape_text, qn
from assistant.core.errors import UserError
from assistant.core.model.docx_names import DATA_NAMESPACE
from assistant.core.model.drafts import Draft, front_matter_text
from assistant.core.model.forms import Form
from assistant.core.model.markup import xml_safe
from assistant.core.storage.files import check_zip

RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
# Front-matter tables the embedded draft data leaves out (usecases.review_decisions.REVIEWS_KEY).
PRIVATE_META = ("reviews",)
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CORE_PROPERTY_MAX = 255  # characters Word keeps of a title, author or subject


def render_docx(model: DocumentModel, draft: Draft) -> bytes:
    """The model as .docx bytes (python-docx), formatted from the form's page setup."""
    form = model.form
    template = _template_path(form)
    document = _open_template(template) if template else docx.Document()
    if template:
        _clear_body(document)
    setup_styles(document, model)
    _setup_page(document, form, keep_footer=bool(template))
    numbering = Numbering(document, form)
    write_body(document, model, numbering)
    _core_properties(document, model, draft)
    _embed_draft_data(document, draft)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _template_path(form: Form) -> Path | None:
    if not form.template:
        return None
    base = form.path.parent if form.path else Path.cwd()
    path = (base / form.template).resolve()
    if not path.is_file():
        raise UserError(
            f"formulärets mall `{form.template}` finns inte",
            f"the form's template `{form.template}` does not exist",
            where=path,
            hint_sv="rätta `template` i formuläret",
            hint_en="fix `template` in the form",
        )
    return path


def _open_template(path: Path) -> Document:
    """The form's Word template, refused clearly when it is not a .docx (or unpacks to gigabytes)."""
    try:
        check_zip(path)
        return docx.Document(str(path))
    except UserError as exc:
        raise UserError(
            f"formulärets mall går inte att använda: {exc.sv}",
            f"the form's template cannot be used: {exc.en}",
            where=path,
        ) from None
    except Exception as exc:  # python-docx raises many kinds on a file that is not a Word package
        raise UserError(
            f"formulärets mall är ingen Word-fil (.docx) ({type(exc).__name__})",
            f"the form's template is not a Word file (.docx) ({type(exc).__name__})",
            where=path,
            hint_sv="rätta `template` i formuläret",
            hint_en="fix `template` in the form",
        ) from None


def _clear_body(document: Document) -> None:
    """Keep the template's styles, header, footer and page setup; drop its sample text."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("sectPr"):
            body.remove(child)


def _setup_page(document: Document, form: Form, *, keep_footer: bool) -> None:
    """The form's page size and margins on every section; a centred page number in the footer
    unless the template brings a footer of its own."""
    page = form.page
    for section in document.sections:
        section.page_width, section.page_height = Cm(page.width_cm), Cm(page.height_cm)
        section.top_margin, section.bottom_margin = Cm(page.margin_top_cm), Cm(page.margin_bottom_cm)
        section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)
        footer = section.footer
        if keep_footer and any(p.text.strip() for p in footer.paragraphs):
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field, so every page shows its number."""

    def fld(kind: str) -> None:
        run = paragraph.add_run()
        element = etree.SubElement(run._r, qn("fldChar"))
        element.set(qn("fldCharType"), kind)

    fld("begin")
    instr = etree.SubElement(paragraph.add_run()._r, qn("instrText"))
    instr.set(XML_SPACE, "preserve")
    instr.text = " PAGE "
    fld("separate")
    paragraph.add_run("1")
    fld("end")


def _embed_draft_data(document: Document, draft: Draft) -> None:
    """The draft's own data (dates, contacts, budget, sources) as a customXml part, so that
    `ansokan new --from` on the exported file gives the draft back; Word keeps customXml parts."""
    # Not the writer's notes, nor the record of the reviews taken in ([[reviews]]: the reviewers'
    # names, their files' names and hashes): they are the team's, not for whoever receives the
    # file, and nothing reads them back from it (`new --from` makes a new draft; a review is
    # matched to its version by the reviewed file's own hash, not by this data).
    meta = {key: value for key, value in draft.meta.items() if key not in PRIVATE_META}
    body = xml_safe(front_matter_text(dataclasses.replace(draft, notes=[], meta=meta)))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ansokan xmlns="{DATA_NAMESPACE}">{escape_text(body)}</ansokan>'
    )
    part = Part(PackURI("/customXml/ansokan1.xml"), "application/xml", xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT_CUSTOM_XML)


def _core_properties(document: Document, model: DocumentModel, draft: Draft) -> None:
    props = document.core_properties
    props.title = (model.title or draft.title)[:CORE_PROPERTY_MAX]
    props.author = xml_safe(draft.organisation)[:CORE_PROPERTY_MAX]
    props.subject = model.form.name[:CORE_PROPERTY_MAX]
    props.language = "sv-SE"
