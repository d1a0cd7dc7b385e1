"""Word comments in an exported .docx, for sending a draft out for review: each open question of
the writer's (an unresolved ⟦… → ?⟧ marker, a carried-over figure not yet confirmed) becomes a
comment anchored on the very text it is about, under the section it stands in, by the writer.

The comment is added to the finished document with python-docx (which writes comments.xml and
its relationship): a run holding the text is split so that the comment covers exactly that text.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import docx
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading


@dataclass(frozen=True)
class ReviewNote:
    section: str  # the form section key the anchored text is in
    anchor: str  # the exact text the comment is on
    text: str  # what the comment says


def with_comments(data: bytes, notes: Iterable[ReviewNote], form: Form, *, author: str) -> tuple[bytes, int]:
    """The .docx `data` with one comment per note whose text was found; returns it and how many."""
    document = docx.Document(io.BytesIO(data))
    by_section = _paragraphs_by_section(document, form)
    initials = "".join(part[0] for part in author.split()[:3]).upper() or "A"
    placed = 0
    for note in notes:
        run = _anchor_run(by_section.get(note.section, []), note.anchor)
        if run is not None:
            document.add_comment(run, text=note.text, author=author, initials=initials)
            placed += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), placed


def _paragraphs_by_section(document: Any, form: Form) -> dict[str, list[Paragraph]]:
    out: dict[str, list[Paragraph]] = {}
    key: str | None = None
    for paragraph in document.paragraphs:
        style = paragraph.style.style_id if paragraph.style is not None else ""
        if style.startswith("Heading"):
            key, _score = match_heading(paragraph.text, form)
        elif key is not None:
            out.setdefault(key, []).append(paragraph)
    return out


def _anchor_run(paragraphs: list[Paragraph], anchor: str) -> Run | None:
    """A run holding exactly `anchor`, split out of the run it stands in; None when not found."""
    for paragraph in paragraphs:
        for run in paragraph.runs:
            if anchor not in run.text:
                continue
            if run.text == anchor or len(run._r.findall(_T)) != 1:
                return run
            return _split(run, anchor)
    return None


_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


def _split(run: Run, anchor: str) -> Run:
    """Cut `run` into the text before, `anchor` and the text after, each a run of the same format."""
    before, _, after = run.text.partition(anchor)
    element = run._r
    for text, where in ((before, "before"), (after, "after")):
        if not text:
            continue
        piece = copy.deepcopy(element)
        _set_text(piece, text)
        if where == "before":
            element.addprevious(piece)
        else:
            element.addnext(piece)
    _set_text(element, anchor)
    return Run(element, run._parent)


def _set_text(element: Any, text: str) -> None:
    node = element.find(_T)
    node.text = text
    node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
