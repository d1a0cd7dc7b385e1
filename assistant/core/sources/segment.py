"""Placing a document's blocks under a form's headings (or the canonical keys of any form)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading, normalise_heading, slug
from assistant.core.sources.blocks import Block, Document, Segment
from assistant.core.sources.text import numbered_heading


def segment(doc: Document, form: Form | None = None, *, forms: list[Form] | None = None) -> list[Segment]:
    """Place a document's blocks under headings.

    With `form`, headings are aligned to that form's keys (numbering and case ignored, the printed
    question after a label too). Without it, to the canonical keys of any of `forms`. A heading seen
    a second time is body text. Text before the first heading is the first segment (key None).
    """
    candidates = [form] if form else (forms or [])
    segments: list[Segment] = [Segment(None, "")]
    seen: set[str] = set()
    for block in doc.blocks:
        if form is not None and _is_preamble(block.text, form):
            continue
        opened = _open_segment(block, candidates, seen) if _heading_like(block) else None
        if opened is None:
            segments[-1].blocks.append(block)
            continue
        if opened.known:
            seen.add(opened.key or "")
        segments.append(opened)
    return [s for s in segments if s.key is not None or s.blocks]


def _open_segment(block: Block, candidates: list[Form], seen: set[str]) -> Segment | None:
    """The section `block` starts, if it is a heading of one of the forms (or a Word heading)."""
    strict = not (block.styled or numbered_heading(block.text))
    for f in candidates:
        hit = _prefix_heading(block.text, f, seen)
        if hit:
            key, rest = hit
            opened = Segment(key, block.text[: len(block.text) - len(rest)].strip())
            if rest:
                opened.blocks.append(Block(rest, "para"))
            return opened
        # A plain line that is not numbered must match a heading closely:
        # "Aktivitet" as a sub-heading is not the form's "Aktiviteter".
        matched, _score = match_heading(block.text, f, exclude=seen, min_score=93 if strict else 86)
        if matched:
            return Segment(matched, block.text.strip())
    if block.kind == "heading" and block.styled and block.level in (1, 2):
        # A Word heading no form knows: keep it as its own section.
        return Segment(slug(block.text), block.text.strip(), known=False)
    return None


def _heading_like(block: Block) -> bool:
    if block.kind == "row" or (block.kind == "heading" and block.level >= 3):
        return False  # a table row, or a sub-heading inside a section
    if block.kind == "heading":
        return True
    return len(block.text.strip()) <= 220


def _prefix_heading(text: str, form: Form, exclude: set[str]) -> tuple[str, str] | None:
    """A form heading printed at the start of a longer line: "Huvudman: vilken … kontaktperson: Staffanstorps kommun"."""
    # The number is not part of the title: "3. Presentation … sammanfattning)" must not be cut short.
    norm = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", text.strip())
    for heading in form.headings:
        if heading.key in exclude:
            continue
        title = heading.title.strip()
        if len(title) < 12 or len(norm) <= len(title):
            continue
        head = norm[: len(title)]
        if fuzz.ratio(normalise_heading(head), normalise_heading(title)) >= 92:
            return heading.key, norm[len(title) :].strip()
    return None


def _is_preamble(text: str, form: Form | None) -> bool:
    if form is None or not form.preamble:
        return False
    candidate = normalise_heading(text.replace("*", ""))
    if len(candidate) < 20:
        return False
    return any(fuzz.ratio(candidate, normalise_heading(para)) >= 90 for para in re.split(r"\n\s*\n", form.preamble))
