"""Word comments in an exported .docx, for sending a draft out for review: each open question of
the writer's (a note on a section, an unresolved ⟦… → ?⟧ marker, a carried-over figure not yet
confirmed) becomes a comment anchored on the very text it is about, under the section it stands
in, by its author.

The comment is added to the finished document with python-docx (which writes comments.xml and
its relationship): the runs holding the text are split so that the comment covers exactly that
text, even across runs of different formatting. A note whose text is no longer there (or that
names none) is anchored on its section's first paragraph, and on the heading of an empty one.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from assistant.core.model.dates import date_value
from assistant.core.model.docx_names import EXTRA_HEADING
from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading


@dataclass(frozen=True)
class ReviewNote:
    section: str  # the form section key the anchored text is in
    anchor: str  # the exact text the comment is on; "": the section's first paragraph
    text: str  # what the comment says
    author: str = ""  # "": the export's author
    date: str = ""  # the day it was written (ISO); "": now


def with_comments(
    data: bytes, notes: Iterable[ReviewNote], form: Form, *, author: str, extra: Mapping[str, str] | None = None
) -> tuple[bytes, int]:
    """The .docx `data` with one comment per note that has a place; returns it and how many.
    `extra`: the writer's own sections, heading as printed -> key."""
    document = docx.Document(io.BytesIO(data))
    by_section = paragraphs_by_section(document, form, extra)
    placed = 0
    for note in notes:
        runs = _anchor_runs(by_section.get(note.section, []), note.anchor)
        if runs:
            name = note.author or author
            comment = document.add_comment(runs, text=note.text, author=name, initials=_initials(name))
            day = _day(note.date)
            if day is not None:
                comment._comment_elm.date = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)
            placed += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split()[:3]).upper() or "A"


def _day(value: str) -> dt.date | None:
    try:
        return date_value(value)
    except ValueError:
        return None


def paragraphs_by_section(
    document: Any, form: Form, extra: Mapping[str, str] | None = None
) -> dict[str, list[Paragraph]]:
    """Each section's paragraphs, its heading first; the writer's own sections (`extra`: heading
    as printed -> key) too."""
    out: dict[str, list[Paragraph]] = {}
    key: str | None = None
    for paragraph in document.paragraphs:
        style = paragraph.style.style_id if paragraph.style is not None else ""
        name = paragraph.style.name if paragraph.style is not None else ""
        if name == EXTRA_HEADING:
            key = (extra or {}).get(paragraph.text.strip())
            if key is not None:
                out.setdefault(key, []).append(paragraph)
        elif style.lower().startswith(("heading", "rubrik")):  # a Swedish Word template: Rubrik1
            key, _score = match_heading(paragraph.text, form)
            if key is not None:
                out.setdefault(key, []).append(paragraph)
        elif key is not None:
            out.setdefault(key, []).append(paragraph)
    return out


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_T = f"{_W}t"
_DELETED = {f"{_W}del", f"{_W}moveFrom"}


def _anchor_runs(paragraphs: list[Paragraph], anchor: str) -> list[Run]:
    """The runs holding exactly `anchor` (split out of the runs it starts and ends in); without
    an anchor, or when it is not found, the first paragraph with text after the heading (else the
    heading). Empty when the section is not in the document."""
    body = paragraphs[1:] if len(paragraphs) > 1 else paragraphs
    if anchor:
        for paragraph in body:
            found = _runs_of(paragraph, anchor)
            if found:
                return found
    for paragraph in [*body, *paragraphs[:1]]:
        runs = [r for r in _text_runs(paragraph) if r.text]
        if runs:
            return runs
    return []


def _text_runs(paragraph: Paragraph) -> list[Run]:
    """The paragraph's runs as it reads, those inside a tracked insertion included, deleted ones not."""
    return [
        Run(r, paragraph) for r in paragraph._p.iter(f"{_W}r") if not any(a.tag in _DELETED for a in r.iterancestors())
    ]


def _runs_of(paragraph: Paragraph, anchor: str) -> list[Run]:
    runs = _text_runs(paragraph)
    texts = [r.text for r in runs]
    start = "".join(texts).find(anchor)
    if start < 0:
        return []
    end = start + len(anchor)
    chosen: list[Run] = []
    offset = 0
    for run, text in zip(runs, texts, strict=True):
        lo, hi = offset, offset + len(text)
        offset = hi
        if hi <= start or lo >= end or not text:
            continue
        chosen.append(_cut(run, max(start, lo) - lo, min(end, hi) - lo))
    return chosen


def _cut(run: Run, lo: int, hi: int) -> Run:
    """The part [lo, hi) of `run` as a run of its own, the rest before and after it in runs of the
    same format; a run that is more than one piece of text is taken whole."""
    text, element = run.text, run._r
    content = [child.tag for child in element if child.tag != f"{_W}rPr"]
    if (lo, hi) == (0, len(text)) or content != [_T]:
        return run
    for piece_text, before in ((text[:lo], True), (text[hi:], False)):
        if not piece_text:
            continue
        piece = copy.deepcopy(element)
        _set_text(piece, piece_text)
        if before:
            element.addprevious(piece)
        else:
            element.addnext(piece)
    _set_text(element, text[lo:hi])
    return Run(element, run._parent)


def _set_text(element: Any, text: str) -> None:
    node = element.find(_T)
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
