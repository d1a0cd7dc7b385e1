"""A reviewed .docx read back: tracked insertions, deletions and moves, and comments with their
author, date, replies and the text they are anchored on, each mapped to the section it stands in.

Reviewers (the head of unit, partners, the förbund's officer) read the exported application in
Word or LibreOffice with track changes on. This reads what they did, so the writer can take each
change into the plain-text draft or leave it; nothing here changes a draft. Formatting changes
(`w:rPrChange`, `w:pPrChange`) change no text: they are counted, not listed.

A move (`w:moveFrom` … `w:moveTo`, their ranges sharing one `w:name`) is two changes with the
same `move`: text leaves one place and stands in another, taken or left as one. LibreOffice 7.4
writes a move as a deletion and an insertion of the same text: such a pair (the only deletion
and the only insertion of that text, at least `MOVED_TEXT` characters) is read as a move too. A tracked change
in a heading is not a change of the draft (the form decides the headings): it is reported in
`Review.headings`, and the section under it stays the one the heading named before the review.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lxml import etree

from assistant.core.errors import DocumentError
from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading
from assistant.core.storage.files import check_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MOVED_TEXT = 20  # a deletion and an insertion of this much identical text are one move
CHANGE_KINDS = {"ins": "insertion", "del": "deletion", "moveTo": "moved_to", "moveFrom": "moved_from"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Change:
    kind: str  # insertion | deletion | moved_to | moved_from
    text: str
    author: str
    date: str
    section: str | None  # the form section key, None before the first heading or when unknown
    heading: str  # the heading it stands under, as the document prints it
    paragraph: int  # the paragraph's number within its section (1 = the first after the heading)
    context: str  # the paragraph as it reads with every change accepted
    before: str = ""  # the paragraph as it read before the review
    offset: int = 0  # where in `before` the change starts
    move: str = ""  # a move's name: both its halves (moved_from, moved_to) carry it
    previous: str = ""  # a new paragraph's: the section's paragraph before it, as it read before ("" = first)
    listed: str = ""  # the paragraph is a list item: "bullet" or "number" ("" = a plain paragraph)


@dataclass(frozen=True)
class HeadingChange:
    """A reviewer's tracked change to a heading: reported, never taken into the draft."""

    kind: str  # deleted | edited | inserted | joined (its paragraph mark deleted: run into the next paragraph)
    before: str  # the heading as it read before the review
    after: str  # as it reads with the change accepted ("" = deleted)
    author: str
    date: str
    section: str | None  # the section the heading names (before the review)


@dataclass
class Comment:
    id: str
    author: str
    date: str
    text: str
    anchor: str  # the text the comment is on
    section: str | None
    heading: str
    replies: list[Comment] = field(default_factory=list)


@dataclass
class Review:
    changes: list[Change] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)  # top-level comments; replies inside
    formatting: int = 0  # formatting changes, not listed
    headings: list[HeadingChange] = field(default_factory=list)  # reported, never applied
    accepted: dict[str, list[str]] = field(default_factory=dict)  # section -> paragraphs, all accepted

    def authors(self) -> list[str]:
        names = [c.author for c in self.changes] + [c.author for c in self.comments]
        return list(dict.fromkeys(n for n in names if n))

    def move_of(self, change: Change) -> list[Change]:
        """The other half (or halves) of the move `change` is part of; [] for any other change."""
        if not change.move:
            return []
        return [c for c in self.changes if c.move == change.move and c is not change]


def read_review(path: Path, form: Form) -> Review:
    """Everything the reviewers did in `path`, mapped onto `form`'s sections."""
    check_zip(path)
    try:
        with zipfile.ZipFile(path) as package:
            body = _xml(package, "word/document.xml")
            comments_xml = _xml(package, "word/comments.xml", optional=True)
            extended = _xml(package, "word/commentsExtended.xml", optional=True)
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError) as exc:
        raise DocumentError(
            f"{path}: kan inte läsas som granskat Word-dokument ({type(exc).__name__})",
            f"{path}: cannot be read as a reviewed Word document ({type(exc).__name__})",
            where=path,
        ) from exc
    if body is None:
        raise DocumentError(f"{path}: saknar word/document.xml", f"{path}: has no word/document.xml", where=path)
    review = Review()
    anchors = _walk(body, form, review)
    _pair_moves(review)
    review.comments = _comments(comments_xml, extended, anchors)
    return review


def _xml(package: zipfile.ZipFile, name: str, *, optional: bool = False) -> Any:
    if optional and name not in package.namelist():
        return None
    return etree.fromstring(package.read(name), parser=_PARSER)


@dataclass
class _Place:
    section: str | None = None
    heading: str = ""
    paragraph: int = 0


def _walk(body: Any, form: Form, review: Review) -> dict[str, tuple[str, _Place]]:
    """Go through the paragraphs in order; returns each comment id's anchored text and place."""
    place = _Place()
    open_ranges: dict[str, list[str]] = {}
    anchors: dict[str, tuple[str, _Place]] = {}
    moves = _move_names(body)
    previous = ""  # the section's last paragraph that stood there before the review
    for paragraph in body.iter(_w("p")):
        if paragraph.getparent() is not None and paragraph.getparent().tag == _w("txbxContent"):
            continue
        before, after = _texts(paragraph)
        review.formatting += sum(1 for _ in paragraph.iter(_w("rPrChange"), _w("pPrChange")))
        if _is_heading(paragraph):
            place = _heading(paragraph, before.strip(), after.strip(), form, place, review)
            if place.paragraph == 0:
                previous = ""
            continue
        if not (before.strip() or after.strip()):
            continue
        place.paragraph += 1
        here = _Place(place.section, place.heading, place.paragraph)
        offsets = _offsets(paragraph)
        for element in paragraph.iter(*(_w(k) for k in CHANGE_KINDS)):
            text = _change_text(element)
            if text.strip():
                review.changes.append(
                    Change(
                        CHANGE_KINDS[etree.QName(element).localname],
                        text,
                        element.get(_w("author"), ""),
                        element.get(_w("date"), ""),
                        here.section,
                        here.heading,
                        here.paragraph,
                        after.strip(),
                        before,
                        offsets.get(element, 0),
                        moves.get(element, ""),
                        "" if before.strip() else previous,
                        _list_kind(paragraph),
                    )
                )
        if before.strip():
            previous = before.strip()
        if after.strip() and here.section:
            review.accepted.setdefault(here.section, []).append(after.strip())
        _anchor_text(paragraph, here, open_ranges, anchors)
    return anchors


def _pair_moves(review: Review) -> None:
    """A deletion and an insertion of the same text (LibreOffice's move) given one move name."""
    same: dict[tuple[str, str], list[int]] = {}
    for n, change in enumerate(review.changes):
        words = " ".join(change.text.split())
        if change.kind in ("deletion", "insertion") and not change.move and len(words) >= MOVED_TEXT:
            same.setdefault((change.kind, words), []).append(n)
    for (kind, words), found in same.items():
        partner = same.get(("insertion", words), []) if kind == "deletion" else []
        if len(found) == 1 and len(partner) == 1:
            name = f"text:{words}"
            for n in (found[0], partner[0]):
                review.changes[n] = replace(review.changes[n], move=name)


def _heading(paragraph: Any, before: str, after: str, form: Form, place: _Place, review: Review) -> _Place:
    """The place a heading starts, by the heading as it read before the review (the draft's), and
    its tracked change, if any, reported. A heading the reviewer inserted starts no section."""
    key, _score = match_heading(before or after, form)
    marks = [m for m in paragraph.iter(_w("ins"), _w("del")) if m.getparent().tag != _w("rPr")]
    mark_deleted = paragraph.find(f"{_w('pPr')}/{_w('rPr')}/{_w('del')}") is not None
    if before != after or mark_deleted:
        kind = "inserted" if not before else "deleted" if not after else "edited" if before != after else "joined"
        first = next(iter(marks), None)
        if first is None:
            first = paragraph.find(f"{_w('pPr')}/{_w('rPr')}/{_w('del')}")
        author = first.get(_w("author"), "") if first is not None else ""
        date = first.get(_w("date"), "") if first is not None else ""
        section = place.section if not before else key
        review.headings.append(HeadingChange(kind, before, after, author, date, section))
        if not before:
            return place  # the text under an inserted heading stays in the section it stood in
    return _Place(key, before or after, 0)


def _move_names(body: Any) -> dict[Any, str]:
    """Each `w:moveFrom`/`w:moveTo` -> the name of the move it belongs to (its range's `w:name`;
    without range markup, the moved text itself, so the two halves still pair)."""
    names: dict[Any, str] = {}
    open_names: dict[str, dict[str, str]] = {"moveFrom": {}, "moveTo": {}}
    tags = {_w(f"{k}{e}"): (k, e) for k in open_names for e in ("RangeStart", "RangeEnd")}
    for node in body.iter(*tags, _w("moveFrom"), _w("moveTo")):
        if node.tag in tags:
            kind, edge = tags[node.tag]
            if edge == "RangeStart":
                open_names[kind][node.get(_w("id"), "")] = node.get(_w("name"), "")
            else:
                open_names[kind].pop(node.get(_w("id"), ""), None)
            continue
        kind = etree.QName(node).localname
        named = [n for n in open_names[kind].values() if n]
        names[node] = named[-1] if named else "text:" + " ".join(_change_text(node).split())
    return names


def _is_heading(paragraph: Any) -> bool:
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    name = (style.get(_w("val"), "") if style is not None else "").lower()
    if name.startswith(("heading", "rubrik", "title")):
        return True
    level = paragraph.find(f"{_w('pPr')}/{_w('outlineLvl')}")
    return level is not None and level.get(_w("val"), "9") not in ("9", "")


def _list_kind(paragraph: Any) -> str:
    """'bullet' or 'number' for a list item (a list style, or numbering of its own), else ''."""
    style = paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")
    name = (style.get(_w("val"), "") if style is not None else "").lower()
    if name.startswith("list") or paragraph.find(f"{_w('pPr')}/{_w('numPr')}") is not None:
        return "number" if "number" in name else "bullet"
    return ""


def _texts(paragraph: Any) -> tuple[str, str]:
    """The paragraph as it read before the review and as it reads with every change accepted."""
    before: list[str] = []
    after: list[str] = []
    for node in paragraph.iter(_w("t"), _w("delText"), _w("tab")):
        inserted = _inside(node, ("ins", "moveTo"))
        deleted = node.tag == _w("delText") or _inside(node, ("del", "moveFrom"))
        piece = "\t" if node.tag == _w("tab") else (node.text or "")
        if not inserted:
            before.append(piece)
        if not deleted:
            after.append(piece)
    return "".join(before), "".join(after)


def _offsets(paragraph: Any) -> dict[Any, int]:
    """Each tracked change in the paragraph -> where it starts in the text as it read before."""
    kinds = {_w(k) for k in CHANGE_KINDS}
    seen: dict[Any, int] = {}
    length = 0
    for node in paragraph.iter(_w("t"), _w("delText"), _w("tab")):
        change = next((a for a in node.iterancestors() if a.tag in kinds), None)
        if change is not None and change not in seen:
            seen[change] = length
        if not _inside(node, ("ins", "moveTo")):
            length += 1 if node.tag == _w("tab") else len(node.text or "")
    return seen


def _inside(node: Any, kinds: tuple[str, ...]) -> bool:
    tags = {_w(k) for k in kinds}
    return any(parent.tag in tags for parent in node.iterancestors())


def _change_text(element: Any) -> str:
    return "".join(n.text or "" for n in element.iter(_w("t"), _w("delText")))


def _anchor_text(
    paragraph: Any, here: _Place, open_ranges: dict[str, list[str]], anchors: dict[str, tuple[str, _Place]]
) -> None:
    """Collect the text between each comment's range start and end (which may span paragraphs)."""
    for node in paragraph.iter(_w("commentRangeStart"), _w("commentRangeEnd"), _w("t"), _w("commentReference")):
        comment_id = node.get(_w("id"), "")
        if node.tag == _w("commentRangeStart"):
            open_ranges[comment_id] = []
            anchors.setdefault(comment_id, ("", here))
        elif node.tag == _w("commentRangeEnd") and comment_id in open_ranges:
            first_place = anchors.get(comment_id, ("", here))[1]
            anchors[comment_id] = ("".join(open_ranges.pop(comment_id)).strip(), first_place)
        elif node.tag == _w("commentReference") and comment_id not in anchors:
            anchors[comment_id] = ("", here)  # a comment on a point, without a range
        elif node.tag == _w("t"):
            for pieces in open_ranges.values():
                pieces.append(node.text or "")


def _comments(comments_xml: Any, extended: Any, anchors: dict[str, tuple[str, _Place]]) -> list[Comment]:
    if comments_xml is None:
        return []
    parents = _reply_parents(extended)
    by_para: dict[str, Comment] = {}
    ordered: list[tuple[Comment, str | None]] = []
    for element in comments_xml.iter(_w("comment")):
        comment_id = element.get(_w("id"), "")
        anchor, place = anchors.get(comment_id, ("", _Place()))
        text = "\n".join("".join(t.text or "" for t in p.iter(_w("t"))) for p in element.iter(_w("p"))).strip()
        comment = Comment(
            comment_id,
            element.get(_w("author"), ""),
            element.get(_w("date"), ""),
            text,
            anchor,
            place.section,
            place.heading,
        )
        para_ids = [p.get(f"{{{W14}}}paraId") for p in element.iter(_w("p")) if p.get(f"{{{W14}}}paraId")]
        for para_id in para_ids:
            by_para[para_id] = comment
        parent = next((parents[p] for p in para_ids if p in parents), None)
        ordered.append((comment, parent))
    top: list[Comment] = []
    for comment, parent in ordered:
        if parent and parent in by_para and by_para[parent] is not comment:
            by_para[parent].replies.append(comment)
        else:
            top.append(comment)
    return top


def _reply_parents(extended: Any) -> dict[str, str]:
    """paraId of a reply's last paragraph -> its parent comment's (commentsExtended.xml, Word 2013+)."""
    if extended is None:
        return {}
    out = {}
    for element in extended.iter(f"{{{W15}}}commentEx"):
        parent = element.get(f"{{{W15}}}paraIdParent")
        if parent:
            out[element.get(f"{{{W15}}}paraId", "")] = parent
    return out


def changes_by_section(review: Review) -> Iterator[tuple[str | None, list[Change], list[Comment]]]:
    """The review's changes and comments grouped by section, in document order."""
    sections = [c.section for c in review.changes] + [c.section for c in review.comments]
    order = list(dict.fromkeys(sections))
    for section in order:
        yield (
            section,
            [c for c in review.changes if c.section == section],
            [c for c in review.comments if c.section == section],
        )
