"""Hand-built review markup on an exported .docx, for what LibreOffice does not write: a move
between sections (w:moveFrom/w:moveTo with their named ranges), a deleted heading (w:del on its
runs and on its paragraph mark), a tracked edit of a heading's words, a reply under a comment
(commentsExtended.xml). Each edits the document's XML with lxml, as Word itself would write it."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from lxml import etree

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
REVIEWER = {qn("w:author"): "Eva Holm", qn("w:date"): "2027-03-01T10:00:00Z"}


def heading(document, starts: str):
    for p in document.paragraphs:
        if p.style.style_id.startswith("Heading") and p.text.startswith(starts):
            return p
    raise AssertionError(starts)


def _element(tag: str, change_id: int, **extra: str):
    attributes = {qn("w:id"): str(change_id), **{qn(f"w:{k}"): v for k, v in extra.items()}}
    return etree.Element(qn(tag), attributes)


def _wrap_runs(p, tag: str, change_id: int) -> None:
    """Every run of paragraph element `p` inside one tracked `tag` (w:del, w:moveFrom, w:moveTo)."""
    runs = [r for r in p if r.tag == qn("w:r")]
    wrapper = _element(tag, change_id, **_who())
    runs[0].addprevious(wrapper)
    for run in runs:
        wrapper.append(run)
        if tag == "w:del":
            for t in run.iter(qn("w:t")):
                t.tag = qn("w:delText")


def _mark_paragraph(p, tag: str, change_id: int) -> None:
    """The paragraph mark itself tracked (w:pPr/w:rPr/`tag`): the paragraph goes or comes whole."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, qn("w:pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("w:rPr"))
    rpr.append(_element(tag, change_id, **_who()))


def move_paragraph(source, after, name: str = "move1") -> None:
    """Move paragraph `source` (a python-docx Paragraph) to stand after paragraph `after`, as Word
    writes a tracked move: moveFrom with its range where it stood, moveTo with its range where it
    went, both ranges named `name`."""
    moved = copy.deepcopy(source._p)
    p = source._p
    _wrap_runs(p, "w:moveFrom", 101)
    _mark_paragraph(p, "w:moveFrom", 102)
    first = p.find(qn("w:moveFrom"))
    first.addprevious(_element("w:moveFromRangeStart", 100, name=name, **_who()))
    p.append(_element("w:moveFromRangeEnd", 100))
    _wrap_runs(moved, "w:moveTo", 104)
    _mark_paragraph(moved, "w:moveTo", 105)
    moved.find(qn("w:moveTo")).addprevious(_element("w:moveToRangeStart", 103, name=name, **_who()))
    moved.append(_element("w:moveToRangeEnd", 103))
    after._p.addnext(moved)


def _who() -> dict[str, str]:
    return {k.split("}")[1]: v for k, v in REVIEWER.items()}


def delete_heading(paragraph) -> None:
    """A tracked deletion of a whole heading: its runs and its paragraph mark."""
    _wrap_runs(paragraph._p, "w:del", 201)
    _mark_paragraph(paragraph._p, "w:del", 202)


def join_heading(paragraph) -> None:
    """Only the heading's paragraph mark deleted (tracked): Word runs it into the next paragraph."""
    _mark_paragraph(paragraph._p, "w:del", 203)


def insert_heading(before, words: str) -> None:
    """A heading the reviewer added (tracked, runs and paragraph mark) before paragraph `before`,
    in the style of the heading above it."""
    p = copy.deepcopy(before._p)
    for child in [c for c in p if c.tag != qn("w:pPr")]:
        p.remove(child)
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, qn("w:pPr"))
    style = ppr.find(qn("w:pStyle"))
    if style is None:
        style = etree.SubElement(ppr, qn("w:pStyle"))
        ppr.insert(0, style)
    style.set(qn("w:val"), "Heading2")
    run = etree.SubElement(p, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = words
    wrapper = _element("w:ins", 501, **_who())
    run.addprevious(wrapper)
    wrapper.append(run)
    _mark_paragraph(p, "w:ins", 502)
    before._p.addprevious(p)


def insert_words(paragraph, words: str, change_id: int = 301) -> None:
    """`words` added at the end of `paragraph` as a tracked insertion."""
    run = copy.deepcopy(paragraph.runs[-1]._r)
    for t in run.iter(qn("w:t")):
        t.text = words
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    wrapper = _element("w:ins", change_id, **_who())
    wrapper.append(run)
    paragraph._p.append(wrapper)


def add_reply(path: Path, parent_id: str, author: str, date: str, text: str) -> None:
    """A reply under comment `parent_id` in the saved .docx at `path`, as Word 2013+ writes one:
    a comment of its own in comments.xml, tied to its parent by commentsExtended.xml."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    comments = etree.fromstring(parts["word/comments.xml"])
    parent = next(c for c in comments.iter(qn("w:comment")) if c.get(qn("w:id")) == parent_id)
    parent_para = parent.findall(qn("w:p"))[-1]
    parent_para.set(f"{{{W14}}}paraId", "1A2B3C4D")
    reply = etree.SubElement(
        comments,
        qn("w:comment"),
        {qn("w:id"): str(int(parent_id) + 50), qn("w:author"): author, qn("w:date"): date, qn("w:initials"): "SL"},
    )
    p = etree.SubElement(reply, qn("w:p"), {f"{{{W14}}}paraId": "5E6F7A8B"})
    etree.SubElement(etree.SubElement(p, qn("w:r")), qn("w:t")).text = text
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
    extended = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15})
    etree.SubElement(extended, f"{{{W15}}}commentEx", {f"{{{W15}}}paraId": "1A2B3C4D", f"{{{W15}}}done": "0"})
    etree.SubElement(
        extended,
        f"{{{W15}}}commentEx",
        {f"{{{W15}}}paraId": "5E6F7A8B", f"{{{W15}}}paraIdParent": "1A2B3C4D", f"{{{W15}}}done": "0"},
    )
    parts["word/commentsExtended.xml"] = etree.tostring(extended, xml_declaration=True, encoding="UTF-8")
    types = parts["[Content_Types].xml"].decode()
    override = (
        '<Override PartName="/word/commentsExtended.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    relation = (
        '<Relationship Id="rIdReplies" Type="http://schemas.microsoft.com/office/2011/relationships/'
        'commentsExtended" Target="commentsExtended.xml"/>'
    )
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", relation + "</Relationships>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
