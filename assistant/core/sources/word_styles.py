"""Paragraph styles of a Word document, read once: name and outline level per style id.

python-docx finds a paragraph's style by scanning the whole style list, and for a paragraph
without a style of its own it scans for the default: a document with 5,000 styles took 10–15 s
to read. Here the style part is read once into a dict, so each paragraph costs one look-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn
from docx.styles import BabelFish

# Word's outline levels are 0–8; 9 is body text.
BODY_LEVEL = 9
# A basedOn chain longer than this is a loop or damage: stop following it.
MAX_BASED_ON = 50


@dataclass(frozen=True)
class StyleInfo:
    name: str = ""
    outline: int | None = None  # 0 = Word's top heading level; None = body text


class Styles:
    """The paragraph styles of one document, by style id."""

    def __init__(self, styles_element: Any | None) -> None:
        self._raw: dict[str, tuple[str, int | None, str | None]] = {}
        self._resolved: dict[str, StyleInfo] = {}
        self._default_id: str | None = None
        if styles_element is not None:
            self._read(styles_element)

    def _read(self, root: Any) -> None:
        for style in root.iterchildren(qn("w:style")):
            if (style.get(qn("w:type")) or "paragraph") != "paragraph":
                continue
            style_id = style.get(qn("w:styleId")) or ""
            if style_id in self._raw:
                continue  # Word uses the first of two styles with one id
            self._raw[style_id] = (_child_val(style, "w:name") or "", _outline(style), _child_val(style, "w:basedOn"))
            if self._default_id is None and (style.get(qn("w:default")) or "").lower() in ("1", "true", "on"):
                self._default_id = style_id

    def of(self, paragraph: Any) -> StyleInfo:
        """The style of a `w:p` element: its own, else the document's default paragraph style."""
        element = getattr(paragraph, "_p", paragraph)
        ppr = element.find(qn("w:pPr"))
        style_id = _child_val(ppr, "w:pStyle") if ppr is not None else None
        if style_id not in self._raw:
            style_id = self._default_id
        return self._info(style_id) if style_id is not None else StyleInfo()

    def _info(self, style_id: str) -> StyleInfo:
        if style_id not in self._resolved:
            name, _, _ = self._raw[style_id]
            self._resolved[style_id] = StyleInfo(BabelFish.internal2ui(name), self._outline_of(style_id))
        return self._resolved[style_id]

    def _outline_of(self, style_id: str) -> int | None:
        """The outline level a style sets or inherits through basedOn."""
        current: str | None = style_id
        for _ in range(MAX_BASED_ON):
            if current is None or current not in self._raw:
                return None
            _, outline, based_on = self._raw[current]
            if outline is not None:
                return outline if 0 <= outline < BODY_LEVEL else None
            current = based_on
        return None


def outline_level(paragraph: Any, style: StyleInfo) -> int | None:
    """The paragraph's outline level (Word's "Level 1" is 0): its own, else its style's; None for body text."""
    element = getattr(paragraph, "_p", paragraph)
    ppr = element.find(qn("w:pPr"))
    own = _outline(ppr) if ppr is not None else None
    level = own if own is not None else style.outline
    return level if level is not None and 0 <= level < BODY_LEVEL else None


def _outline(element: Any) -> int | None:
    ppr = element if element.tag == qn("w:pPr") else element.find(qn("w:pPr"))
    value = _child_val(ppr, "w:outlineLvl") if ppr is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _child_val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))
