"""Reading a funder's blank application form (.docx, .pdf, .txt) into a `FormOutline`: its title
and preamble, the numbered headings in order with their printed titles, the instruction under
each heading as its guidance, the page limit and what does not count, the signature block, the
budget table's categories and years, and the contact table.

A Word file's headings are its heading styles (or outline levels); in a PDF or a text file they
are the numbered lines ("3.1. Tidsplan", "B) Målgrupp", "Del 2: Budget"), Markdown headings and
the signature heading. Nothing here executes the text; the readers bound the sizes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.model.forms import Form
from assistant.core.model.forms.outline import FormOutline, OutlineHeading
from assistant.core.sources import blank_parts as parts
from assistant.core.sources.blank_keys import KIND_OF_KEY, guess_key, label
from assistant.core.sources.blocks import Block
from assistant.core.sources.documents import read_document

NUMBER_RE = re.compile(
    r"^(?P<number>(?:(?:Del|Avsnitt|Fråga|Punkt)\s+)?(?:\d{1,2}(?:\.\d{1,2})*\.?|\d{1,2}\)|[A-ZÅÄÖ](?:\.\d{1,2})+\.?"
    r"|[A-ZÅÄÖ][.)]|[IVX]{1,4}\.))(?:\s*[:–-])?\s+(?P<title>\S.*)$"
)
DATE_LINE_RE = re.compile(
    r"^(?:Startdatum|Slutdatum|Projektstart|Projektslut)\s*:\s*(?:[–-]|\d{4}-\d\d-\d\d)?\s*", re.I
)
# Where a PDF's line joins a heading or a signature line to the next ("Underskrift Ort och datum: ___").
SIGN_SPLIT_RE = re.compile(r"\s+(?=(?:Ort och datum|Datum och ort|Namnteckning|Namnförtydligande)\b)")
# A PDF's signature heading run on into the instruction under it ("Underskrift av ansvariga Ansvariga …").
SIGN_HEADING_RE = re.compile(r"^((?:Underskrift(?:er)?|Signatur(?:er)?)(?: av [a-zåäö]+)?)\s+(?=[A-ZÅÄÖ])")
PAGE_NUMBER_RE = re.compile(r"^(?:\d{1,3}|sida \d{1,3}(?: av \d{1,3})?)$", re.I)
OPTIONAL_RE = re.compile(
    r"\(frivillig|\(valfri|\(om relevant|\bom\b.{0,40}\bär aktuellt|om (?:det är )?aktuellt|vid behov", re.I
)
FUNDER_RE = re.compile(r"Samordningsförbundet(?:\s+(?:FINSAM\s+)?(?:i\s+)?[A-ZÅÄÖ][\w-]*(?:-[A-ZÅÄÖ][\w-]*)*)+")
MAX_HEADING = 120  # a longer unstyled line is text, not a heading
SHORT_OVER = 45  # a longer title gets a short label for the outline


@dataclass
class _Section:
    head: Block
    blocks: list[Block] = field(default_factory=list)


def read_blank_form(path: Path, form_id: str, known: list[Form]) -> FormOutline:
    """What the blank form at `path` says; `known` forms lend the keys of headings they share."""
    blocks = read_document(Path(path), keep_generated=True).blocks
    styled = any(b.kind == "heading" and b.level >= 1 for b in blocks)
    if not styled:
        blocks = _unjoined(blocks)
    outline = FormOutline(form_id=form_id, source_name=Path(path).name)
    before: list[Block] = []
    sections: list[_Section] = []
    for block in blocks:
        if block.kind == "title" and not outline.title and not sections:
            outline.title = parts.plain(block.text)
        elif _is_heading(block, styled):
            sections.append(_Section(block))
        else:
            (sections[-1].blocks if sections else before).append(block)
    if not outline.title and not styled and before and _title_like(before[0]):
        outline.title = parts.plain(before.pop(0).text)
    _preamble(outline, before)
    taken = {h.key for h in outline.headings}
    for section in sections:
        outline.headings.append(_heading(outline, section, known, taken))
    _levels(outline.headings)
    _limits(outline)
    _names(outline)
    return outline


def _is_heading(block: Block, styled: bool) -> bool:
    text = parts.plain(block.text)
    if styled:
        return block.kind == "heading" and block.level >= 1
    if block.kind == "heading":
        return not parts.TABLE_LABEL_RE.match(text)
    if block.kind == "row" or len(text) > MAX_HEADING:
        return False
    m = NUMBER_RE.match(text)
    if m and m.group("title")[0].isupper() and not text.endswith((".", ",")):
        return True
    return bool(re.match(r"^(?:underskrift|signatur)", text, re.I)) and len(text) < 60 and not text.endswith(".")


def _unjoined(blocks: list[Block]) -> list[Block]:
    """A PDF's or a text's blocks with page numbers dropped and signature lines split apart."""
    out: list[Block] = []
    for block in blocks:
        text = parts.plain(block.text)
        if PAGE_NUMBER_RE.match(text):
            continue
        if block.kind == "row":
            out.append(block)
            continue
        pieces = [p for piece in SIGN_SPLIT_RE.split(text) for p in SIGN_HEADING_RE.split(piece, maxsplit=1) if p]
        out += [block] if len(pieces) == 1 else [Block(piece, "para") for piece in pieces if piece.strip()]
    return out


def _title_like(block: Block) -> bool:
    text = parts.plain(block.text)
    return block.kind == "para" and len(text) < 100 and not text.endswith(".") and not NUMBER_RE.match(text)


def _preamble(outline: FormOutline, blocks: list[Block]) -> None:
    """The text before the first heading; a contact table there gets its own heading first."""
    texts, tables = _split(blocks)
    outline.preamble = "\n\n".join(texts)
    for rows in tables:
        found = parts.contact_table(rows)
        if found and not outline.contact_columns:
            outline.contact_columns, outline.contact_fields = found
            contacts = OutlineHeading("Kontaktuppgifter", key="kontaktuppgifter", key_sure=False, kind="contacts")
            outline.headings.append(contacts)


def _split(blocks: list[Block]) -> tuple[list[str], list[list[list[str]]]]:
    """A section's paragraphs (plain text) and its tables (rows of cells)."""
    texts: list[str] = []
    tables: list[list[list[str]]] = []
    previous_row = False
    for block in blocks:
        if block.kind == "row":
            cells = [parts.plain(c) for c in block.text.split("\t")]
            if previous_row:
                tables[-1].append(cells)
            else:
                tables.append([cells])
            previous_row = True
            continue
        previous_row = False
        text = parts.plain(block.text)
        if text:
            texts.append(text)
    return texts, tables


def _heading(outline: FormOutline, section: _Section, known: list[Form], taken: set[str]) -> OutlineHeading:
    text = parts.plain(section.head.text)
    m = NUMBER_RE.match(text)
    number, title = (m.group("number"), m.group("title").strip()) if m else ("", text)
    if number.endswith(")") or re.match(r"^(?:Del|Avsnitt|Fråga|Punkt)\s", number):
        depth = 1
    else:
        depth = len([s for s in number.rstrip(".").split(".") if s]) or 1
    heading = OutlineHeading(title=title, number=number, level=section.head.level or depth)
    heading.key, heading.key_sure, heading.kind = _key_and_kind(title, known, taken, outline)
    taken.add(heading.key)
    texts, tables = _split(section.blocks)
    texts = _tables_and_markers(outline, heading, texts, tables)
    if heading.kind == "signature":
        block = parts.signature(texts)
        outline.signature_lines, outline.signatories = block.lines, block.signatories
        texts = block.rest
    heading.guidance = " ".join(texts)
    if not heading.guidance and label(title) != title:
        question = title[len(label(title)) + 1 :].strip()
        if len(question) > 3:
            heading.guidance, heading.guidance_from_title = question[0].upper() + question[1:], True
    heading.required = not OPTIONAL_RE.search(title)
    heading.short = _short(title)
    return heading


def _key_and_kind(title: str, known: list[Form], taken: set[str], outline: FormOutline) -> tuple[str, bool, str]:
    key, sure = guess_key(title, known, taken)
    kind = KIND_OF_KEY.get(key, "text")
    if sure:
        heading = next((h for form in known if (h := form.heading(key)) is not None), None)
        kind = heading.kind if heading is not None else kind
    if kind != "text" and outline.key_of_kind(kind) is not None:
        kind = "text"  # one heading of each special kind
    return key, sure, kind


def _tables_and_markers(
    outline: FormOutline, heading: OutlineHeading, texts: list[str], tables: list[list[list[str]]]
) -> list[str]:
    """The section's text without what the export writes from data (dates, table labels); its
    tables read as the budget or the contact table, which also give the heading its kind."""
    kept = []
    for text in texts:
        if DATE_LINE_RE.match(text):  # the dates the export writes under the Tidsplan heading
            heading.kind = heading.kind if outline.key_of_kind("tidsplan") else "tidsplan"
            while m := DATE_LINE_RE.match(text):
                text = text[m.end() :]
        if parts.TABLE_LABEL_RE.match(text):
            outline.budget_detailed |= text.lower().startswith("detaljerad")
        elif text:
            kept.append(text)
    for rows in tables:
        budget = parts.budget_table(rows)
        contacts = parts.contact_table(rows)
        if budget is not None:
            outline.budget_detailed |= budget.detailed or "detaljerad" in heading.title.lower()
            if budget.categories and not outline.budget_categories:
                outline.budget_categories, outline.budget_years = budget.categories, budget.years
                outline.budget_total_column = budget.total_column
            if outline.key_of_kind("budget") in (None, heading.key):
                heading.kind = "budget"
        elif contacts is not None and not outline.contact_columns:
            outline.contact_columns, outline.contact_fields = contacts
            if outline.key_of_kind("contacts") in (None, heading.key):
                heading.kind = "contacts"
        else:
            kept.extend(" ".join(c for c in row if c) for row in rows)  # a table of instructions
    return [t for t in kept if t]


def _short(title: str) -> str:
    if m := re.match(r"^(.{3,}?)\s*\([^()]*\)$", title):
        return m.group(1)
    if len(title) > SHORT_OVER and label(title) != title and len(label(title)) <= SHORT_OVER:
        return label(title)
    return ""


def _levels(headings: list[OutlineHeading]) -> None:
    """Levels from 1 (a form whose top headings are Heading 2 starts at 1 too), at most 3."""
    if not headings:
        return
    top = min(h.level for h in headings)
    for h in headings:
        h.level = max(1, min(3, h.level - top + 1))


def _limits(outline: FormOutline) -> None:
    texts = [outline.preamble, *(f"{h.title}. {h.guidance}" for h in outline.headings)]
    corpus = " ".join(t for t in texts if t)
    outline.max_pages, outline.page_quote = parts.page_limit(corpus)
    names = {h.key: _words(h) for h in outline.headings}
    outline.uncounted, outline.uncounted_quote = parts.uncounted(corpus, names)


def _words(heading: OutlineHeading) -> list[str]:
    """Words that name a heading in a sentence ("underskriftssidan" names Underskrift)."""
    words = [w for w in re.findall(r"\w{5,}", label(heading.title).lower())[:1]]
    if heading.kind == "signature":
        words += ["underskrift", "signatur"]
    return words


def _names(outline: FormOutline) -> None:
    for text in (outline.title, *outline.preamble.split("\n")):
        if m := FUNDER_RE.search(text):
            outline.funder = m.group(0)
            break
    title = outline.title.rstrip(":").strip()
    if len(title.split()) >= 2:
        outline.name = title
