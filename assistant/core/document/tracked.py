"""What changed since a version sent before, as Word's tracked changes (`export --review --since`):
the reviewer sees the new text with each insertion (`w:ins`) and deletion (`w:del`, the old text
as `w:delText`) marked, by the writer and dated, and can accept or reject them in Word or
LibreOffice like any other revision.

Both versions are rendered by the same code, so the comparison is between the documents as they
print: per changed section, paragraphs are matched in order (difflib); a paragraph rewritten in
place gets its changed words marked inside it, a paragraph added is inserted whole (its
paragraph mark too), and one removed comes back as a deleted copy of the old paragraph where it
stood. Accepting every change gives the new document's text, rejecting every change the old's.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

from assistant.core.document.comments import paragraphs_by_section
from assistant.core.document.wordml import qn
from assistant.core.model.forms import Form

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
_WORDS = re.compile(r"\w+")


@dataclass
class _Marks:
    """Who and when, and the revision ids (unique in the document)."""

    author: str
    date: str
    ids: Iterator[int]

    def element(self, tag: str) -> Any:
        node = etree.Element(qn(tag))
        node.set(qn("id"), str(next(self.ids)))
        node.set(qn("author"), self.author)
        node.set(qn("date"), self.date)
        return node


def with_tracked_changes(
    data: bytes,
    old_data: bytes,
    form: Form,
    sections: Iterable[str],
    *,
    author: str,
    when: dt.datetime,
    extra: Mapping[str, str] | None = None,
) -> tuple[bytes, int]:
    """The .docx `data` with what changed in `sections` since the document `old_data` marked as
    tracked changes by `author` at `when`; returns it and how many changes it marked. `extra`:
    the writer's own sections in either version, heading as printed -> key."""
    document = docx.Document(io.BytesIO(data))
    old = paragraphs_by_section(docx.Document(io.BytesIO(old_data)), form, extra)
    new = paragraphs_by_section(document, form, extra)
    marks = _Marks(author, when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), itertools.count(_first_id(document)))
    known_lists = {n.get(qn("numId")) for n in document.part.numbering_part.element.findall(qn("num"))}
    count = 0
    for key in sections:
        if key in new:
            count += _mark_section(old.get(key, [])[1:], new[key], marks, known_lists)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), count


def _first_id(document: Any) -> int:
    """A revision id above every annotation id the body has, and clear of the comments' (0, 1, …)
    that may be added after."""
    ids = [int(v) for v in document.element.body.xpath("//@w:id") if v.isdigit()]
    return max([9000, *(i + 1 for i in ids)])


def _mark_section(before: list[Paragraph], section: list[Paragraph], marks: _Marks, known_lists: set[Any]) -> int:
    """Mark the changes from `before` (the old body paragraphs) to `section` (heading first)."""
    heading, after = section[0], section[1:]
    old_texts, new_texts = [p.text for p in before], [p.text for p in after]
    count = 0
    matcher = difflib.SequenceMatcher(a=old_texts, b=new_texts, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "replace" and a2 - a1 == b2 - b1:
            for old_p, new_p in zip(before[a1:a2], after[b1:b2], strict=True):
                if _similar(old_p.text, new_p.text):
                    count += _mark_words(old_p, new_p, marks)
                else:  # rewritten: the old paragraph deleted, the new one inserted, not a word salad
                    new_p._p.addprevious(_deleted_copy(old_p, marks, known_lists))
                    count += 1 + _insert_whole(new_p, marks)
            continue
        for new_p in after[b1:b2]:
            count += _insert_whole(new_p, marks)
        place = (after[b1 - 1] if b1 else heading)._p
        for old_p in before[a1:a2]:
            deleted = _deleted_copy(old_p, marks, known_lists)
            place.addnext(deleted)
            place = deleted
            count += 1
    return count


def _similar(old: str, new: str) -> bool:
    """Enough words kept that marking the changed ones reads better than the two paragraphs whole."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)  # spaces and commas would make any two alike
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio() >= 0.5


def _insert_whole(paragraph: Paragraph, marks: _Marks) -> int:
    count = _wrap(list(paragraph._p.iter(qn("r"))), "ins", marks)
    _mark_paragraph(paragraph._p, marks.element("ins"))
    return count


def _mark_words(old_p: Paragraph, new_p: Paragraph, marks: _Marks) -> int:
    """The words that differ between two versions of one paragraph, marked inside the new one."""
    old_text, new_text = old_p.text, new_p.text
    a, b = _TOKENS.findall(old_text), _TOKENS.findall(new_text)
    a_at = [0, *itertools.accumulate(len(t) for t in a)]
    b_at = [0, *itertools.accumulate(len(t) for t in b)]
    ops = [
        (a_at[a1], a_at[a2], b_at[b1], b_at[b2])
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
        if op != "equal"
    ]
    runs = _split_runs(new_p, {p for _i1, _i2, j1, j2 in ops for p in (j1, j2)})
    count = 0
    for i1, i2, j1, j2 in ops:
        count += _wrap([run._r for run, start, end in runs if start >= j1 and end <= j2 and end > start], "ins", marks)
        if i2 > i1:
            deleted = marks.element("del")
            for piece in _pieces(old_p, i1, i2):
                deleted.append(piece)
            following = next((run._r for run, start, end in runs if start >= j1 and end > start), None)
            if following is not None:
                _outer(following).addprevious(deleted)
            elif runs:
                _outer(runs[-1][0]._r).addnext(deleted)
            else:
                new_p._p.append(deleted)
            count += 1
    return count


def _split_runs(paragraph: Paragraph, cuts: set[int]) -> list[tuple[Run, int, int]]:
    """The paragraph's runs with where each starts and ends, cut so that every position in `cuts`
    is a run boundary (a run that is more than one piece of text is not cut)."""
    out = []
    at = 0
    for element in list(paragraph._p.iter(qn("r"))):
        run = Run(element, paragraph)
        text = run.text
        inner = sorted(c - at for c in cuts if at < c < at + len(text))
        if inner and _plain(element):
            bounds = [0, *inner, len(text)]
            for lo, hi in itertools.pairwise(bounds):
                piece = copy.deepcopy(element)
                _set_text(piece, text[lo:hi])
                element.addprevious(piece)
                out.append((Run(piece, paragraph), at + lo, at + hi))
            element.getparent().remove(element)
        else:
            out.append((run, at, at + len(text)))
        at += len(text)
    return out


def _pieces(old_p: Paragraph, lo: int, hi: int) -> list[Any]:
    """Copies of the old paragraph's runs for its text [lo, hi), as deleted runs (w:delText)."""
    pieces = []
    at = 0
    for element in old_p._p.iter(qn("r")):
        text = Run(element, old_p).text
        start, end = max(lo, at), min(hi, at + len(text))
        if start < end:
            piece = copy.deepcopy(element)
            if _plain(piece):
                _set_text(piece, text[start - at : end - at])
            pieces.append(_as_deleted(piece))
        at += len(text)
    return pieces


def _deleted_copy(old_p: Paragraph, marks: _Marks, known_lists: set[Any]) -> Any:
    """A copy of the old paragraph, its runs and its mark deleted."""
    element = copy.deepcopy(old_p._p)
    number = element.find(f"{qn('pPr')}/{qn('numPr')}")
    list_id = element.find(f"{qn('pPr')}/{qn('numPr')}/{qn('numId')}")
    if list_id is not None and list_id.get(qn("val")) not in known_lists:
        number.getparent().remove(number)  # a list the new document does not have
    runs = [_as_deleted(run) for run in element.iter(qn("r"))]
    _wrap(runs, "del", marks)
    _mark_paragraph(element, marks.element("del"))
    return element


def _mark_paragraph(p: Any, mark: Any) -> None:
    """The paragraph mark itself inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
    ppr = p.find(qn("pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, qn("pPr"))
        p.insert(0, ppr)
    rpr = ppr.find(qn("rPr"))
    if rpr is None:
        rpr = etree.SubElement(ppr, qn("rPr"))
        later = [c for c in ppr if c.tag in (qn("sectPr"), qn("pPrChange"))]
        if later:
            later[0].addprevious(rpr)
    rpr.insert(0, mark)


def _as_deleted(run: Any) -> Any:
    for text in run.iter(qn("t")):
        text.tag = qn("delText")
    return run


def _wrap(runs: list[Any], tag: str, marks: _Marks) -> int:
    """Each stretch of runs that stand side by side in one `w:ins` (or `w:del`): one revision for
    a reviewer, not one per formatted piece. Returns how many."""
    groups: list[list[Any]] = []
    for run in runs:
        if groups and groups[-1][-1].getnext() is run:
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        wrapper = marks.element(tag)
        group[0].addprevious(wrapper)
        wrapper.extend(group)
    return len(groups)


def _outer(run: Any) -> Any:
    parent = run.getparent()
    return parent if parent is not None and parent.tag == qn("ins") else run


def _plain(run: Any) -> bool:
    return [child.tag for child in run if child.tag != qn("rPr")] == [qn("t")]


def _set_text(run: Any, text: str) -> None:
    node = run.find(qn("t"))
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
