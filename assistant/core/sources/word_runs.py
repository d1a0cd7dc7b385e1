"""The text of a Word paragraph as Word shows it, with bold and italic runs marked.

python-docx reads only the runs directly in a paragraph (and in hyperlinks), so text that Word
wraps in other inline elements was lost: smart tags (places, names), simple fields
(cross-references), content controls (a filled-in template), tracked insertions. Here every
such container is entered; complex fields keep their result (what Word shows) and drop their
instruction (`CITATION …`, `REF …`); deleted text and text boxes stay out, as python-docx had it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

# Inline elements whose runs are part of the paragraph's text.
_CONTAINERS = frozenset(
    qn(tag)
    for tag in (
        "w:hyperlink",
        "w:smartTag",
        "w:fldSimple",
        "w:sdt",
        "w:sdtContent",
        "w:ins",
        "w:moveTo",
        "w:customXml",
        "w:dir",
        "w:bdo",
    )
)
_RUN = qn("w:r")
_FIELD_CHAR = qn("w:fldChar")
_FIELD_TYPE = qn("w:fldCharType")
_CHARS = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_TEXT = qn("w:t")
_ON_OFF_FALSE = ("0", "false", "off")
# A complex field nested deeper than this is damage, not a document: its text is read as it is.
MAX_FIELD_DEPTH = 20


@dataclass
class Piece:
    """A run's text and its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def pieces(paragraph: Any) -> list[Piece]:
    """The runs of a `w:p` element (or a python-docx Paragraph) in reading order."""
    element = getattr(paragraph, "_p", paragraph)
    out: list[Piece] = []
    fields: list[bool] = []  # one entry per open complex field: True while in its result part
    for run in _runs(element):
        text: list[str] = []
        for child in run:
            tag = child.tag
            if tag == _FIELD_CHAR:
                _field_char(fields, child.get(_FIELD_TYPE))
            elif fields and not all(fields):
                continue  # inside a field's instruction: `CITATION Fin20 \l 1053`
            elif tag == _TEXT:
                text.append(child.text or "")
            elif tag in _CHARS:
                text.append(_CHARS[tag])
        if text:
            out.append(Piece("".join(text), _flag(run, "w:b"), _flag(run, "w:i")))
    return out


def _field_char(fields: list[bool], kind: str | None) -> None:
    if kind == "begin" and len(fields) < MAX_FIELD_DEPTH:
        fields.append(False)
    elif kind == "separate" and fields:
        fields[-1] = True
    elif kind == "end" and fields:
        fields.pop()


def _runs(element: Any) -> Iterator[Any]:
    for child in element:
        if child.tag == _RUN:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _runs(child)


def _flag(run: Any, tag: str) -> bool:
    """A run's direct bold or italic (`<w:b/>`, `<w:b w:val="true"/>`), as python-docx reads it."""
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        return False
    flag = rpr.find(qn(tag))
    if flag is None:
        return False
    return (flag.get(qn("w:val")) or "true").lower() not in _ON_OFF_FALSE


def plain(runs: list[Piece]) -> str:
    return "".join(piece.text for piece in runs)


def markup(runs: list[Piece]) -> str:
    """The text with bold and italic runs written as **fet** and *kursiv*."""
    parts = []
    for piece in runs:
        text = piece.text
        core = text.strip()
        if core and (piece.bold or piece.italic):
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
            mark = "***" if piece.bold and piece.italic else "**" if piece.bold else "*"
            text = f"{lead}{mark}{core}{mark}{trail}"
        parts.append(text)
    return "".join(parts)
