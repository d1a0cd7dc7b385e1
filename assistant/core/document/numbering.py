"""List numbering in the exported file: bullets in the body font, and one restartable numbering
(a fresh w:num) for each numbered list of the model."""

from __future__ import annotations

from docx.document import Document
from lxml import etree

from assistant.core.document.wordml import qn, set_fonts
from assistant.core.model.forms import Form

LIST_STYLES = ("List Bullet", "List Bullet 2", "List Number", "List Number 2")
BULLET_STYLES = ("List Bullet", "List Bullet 2")


class Numbering:
    """Bullets drawn in the body font (not Symbol) and one restartable numbering per list.

    Also the document's style ids by style name, which the body writer needs for pStyle.
    """

    def __init__(self, document: Document, form: Form) -> None:
        self.style_ids: dict[str, str] = {s.name: s.style_id for s in document.styles if s.name is not None}
        self.by_list: dict[int, int] = {}
        self.part = document.part.numbering_part.element
        abstract_of_num = {
            num.get(qn("numId")): num.find(qn("abstractNumId")).get(qn("val"))
            for num in self.part.findall(qn("num"))
            if num.find(qn("abstractNumId")) is not None
        }
        self.abstract_for_style: dict[str, str] = {}
        for style_name in LIST_STYLES:
            if style_name not in self.style_ids:
                continue
            num_id = document.styles[style_name].element.find(f"{qn('pPr')}/{qn('numPr')}/{qn('numId')}")
            if num_id is not None:
                self.abstract_for_style[style_name] = abstract_of_num.get(num_id.get(qn("val")), "")
        self._plain_bullets(form.page.font)

    def _plain_bullets(self, font: str) -> None:
        for style_name in BULLET_STYLES:
            abstract_id = self.abstract_for_style.get(style_name)
            for abstract in self.part.findall(qn("abstractNum")):
                if abstract.get(qn("abstractNumId")) != abstract_id:
                    continue
                level = abstract.find(qn("lvl"))
                text = level.find(qn("lvlText"))
                if text is not None:
                    text.set(qn("val"), "•")
                rpr = level.find(qn("rPr"))
                if rpr is not None:
                    set_fonts(rpr, font)

    def num_id(self, style: str, list_id: int) -> str | None:
        """A fresh w:num (restarting at 1) for each numbered list."""
        if list_id in self.by_list:
            return str(self.by_list[list_id])
        abstract = self.abstract_for_style.get(style)
        if not abstract:
            return None
        ids = [int(n.get(qn("numId"))) for n in self.part.findall(qn("num"))]
        new_id = max(ids, default=0) + 1
        num = etree.SubElement(self.part, qn("num"))
        num.set(qn("numId"), str(new_id))
        etree.SubElement(num, qn("abstractNumId")).set(qn("val"), abstract)
        override = etree.SubElement(num, qn("lvlOverride"))
        override.set(qn("ilvl"), "0")
        etree.SubElement(override, qn("startOverride")).set(qn("val"), "1")
        self.by_list[list_id] = new_id
        return str(new_id)
