"""Starting a draft: empty, or from an earlier application (.txt, .md, .docx, .pdf).

The source's text is placed under the form's headings by matching headings fuzzily; text under
headings the form does not know is kept in extra sections, and text before the first heading
(dates, version lines) in the unplaced section, which the export leaves out until the writer
moves what they want into a section. Everything is reported. Nothing of the source's body is
dropped, except the form's own printed text (its preamble, title line and signature block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.i18n import Text
from assistant.core.model.budget import Budget
from assistant.core.model.dates import find_period
from assistant.core.model.drafts import Contact, Draft, ExtraSection, Signatory, new_draft, normalise_text
from assistant.core.model.drafts.draft import UNPLACED_KEY
from assistant.core.model.forms import Form
from assistant.core.model.headings import normalise_heading
from assistant.core.sources.blocks import Block, Segment, blocks_to_text
from assistant.core.sources.documents import read_document
from assistant.core.sources.segment import segment

UNPLACED_HEADING = "Oplacerad text (från källan)"
NO_TITLE = Text(
    "ingen projekttitel hittades i källan; ange den med --title",
    "no project title was found in the source; give it with --title",
)
UNPLACED_NOT_EXPORTED = Text(
    f"texten under ”{UNPLACED_HEADING}” kommer inte med i exporten; flytta det du vill ha kvar till ett avsnitt",
    f"the text under “{UNPLACED_HEADING}” is left out of the export; move what you want to keep into a section",
)
_ORG_RE = re.compile(r"\b([A-ZÅÄÖ][\wåäö-]+ (?:stad|kommun)|Region [A-ZÅÄÖ][\wåäö]+)\b")


@dataclass
class StartReport:
    """What happened when a draft was started from a source: shown to the user."""

    placed: dict[str, str] = field(default_factory=dict)  # key -> heading as printed in the source
    missing: list[str] = field(default_factory=list)  # form headings the source lacks
    unplaced: list[str] = field(default_factory=list)  # headings of text kept in extra sections
    budget: list[str] = field(default_factory=list)  # what the budget reader could not read
    notes: list[Text] = field(default_factory=list)  # in both languages: str(note) is the current one


def draft_from_source(form: Form, source: Path) -> tuple[Draft, StartReport]:
    doc = read_document(Path(source))
    segments = segment(doc, form)
    draft = new_draft(form)
    draft.signatories = []
    report = StartReport()
    exported = _exported_data(doc.data, source) if doc.data is not None else None
    for seg in segments:
        if seg.key is None:
            _take_prelude(draft, form, seg, report)
        elif seg.known and form.heading(seg.key):
            _take_section(draft, form, seg, report)
        else:
            draft.extra.append(ExtraSection(seg.key, seg.heading, seg.text, after=_last_key(draft, form)))
            report.unplaced.append(seg.heading)
    if exported is not None:
        _take_exported(draft, exported)
    if not draft.signatories:
        draft.signatories = [Signatory() for _ in range(max(1, form.signature.signatories))]
    report.missing = [h.display for h in form.headings if h.key not in report.placed]
    if not draft.title:
        report.notes.append(NO_TITLE)
    if any(extra.unplaced for extra in draft.extra):
        report.notes.append(UNPLACED_NOT_EXPORTED)
    return draft, report


def _exported_data(data: str, source: Path) -> Draft | None:
    """The draft data an Ansökan export embedded in the .docx (dates, contacts, budget, sources)."""
    from assistant.core.errors import UserError
    from assistant.core.model.drafts import parse_draft

    try:
        return parse_draft(f"+++\n{data}\n+++\n", source)
    except UserError:
        return None  # damaged or from a newer version: fall back to reading the text alone


def _take_exported(draft: Draft, exported: Draft) -> None:
    """What the export wrote from the draft's data comes back from that data, not from its print."""
    for name in (
        "title",
        "organisation",
        "municipality",
        "start",
        "end",
        "contacts",
        "signatories",
        "budget",
        "sources",
        "meta",
    ):
        setattr(draft, name, getattr(exported, name))


def _last_key(draft: Draft, form: Form) -> str | None:
    filled = [h.key for h in form.headings if draft.sections.get(h.key)]
    return filled[-1] if filled else None


def _take_prelude(draft: Draft, form: Form, seg: Segment, report: StartReport) -> None:
    """Text before the first heading: the title line is the form's; the source's title is the
    draft's; the rest is kept."""
    keep: list[Block] = []
    printed_title = normalise_heading(form.title_template.split("{{")[0])
    for block in seg.blocks:
        m = re.match(r"^\s*Ansökan\s*:\s*(.*)$", block.text)
        if m:
            draft.title = draft.title or m.group(1).strip()
            continue
        if "{{" not in form.title_template and normalise_heading(block.text) == printed_title:
            continue
        if block.kind == "title" and not draft.title and normalise_heading(block.text) != printed_title:
            draft.title = block.text.strip()  # a Word "Title" paragraph, a Markdown "# " first line
            continue
        keep.append(block)
    if keep:
        draft.extra.append(ExtraSection(UNPLACED_KEY, UNPLACED_HEADING, blocks_to_text(keep), after=None))
        report.unplaced.append(UNPLACED_HEADING)


def _take_section(draft: Draft, form: Form, seg: Segment, report: StartReport) -> None:
    heading = form.heading(seg.key) if seg.key is not None else None
    if heading is None:
        return
    blocks = list(seg.blocks)
    if heading.kind == "contacts":
        blocks = _take_contacts(draft, form, blocks)
    elif heading.kind == "signature":
        blocks = _take_signature(draft, form, blocks)
    elif heading.kind == "budget":
        blocks = _take_budget(draft, form, blocks, report)
    text = normalise_text(blocks_to_text(blocks))
    if heading.kind == "tidsplan":
        start, end = find_period(text, months=True)
        draft.start = draft.start or start
        draft.end = draft.end or end
    if heading.key == "projektnamn" and text and not draft.title:
        draft.title = text.split("\n")[0].strip()
    draft.sections[heading.key] = text
    report.placed[heading.key] = seg.heading


def _take_contacts(draft: Draft, form: Form, blocks: list[Block]) -> list[Block]:
    """Contact tables become the draft's contacts; the organisation is remembered."""
    rest: list[Block] = []
    columns: list[str] | None = None
    for block in blocks:
        if block.is_row and form.contacts is not None:
            cells = block.text.split("\t")
            lowered = [normalise_heading(c) for c in cells]
            if columns is None and any(c in ("namn", "kontaktpersoner", "kontaktperson") for c in lowered):
                columns = lowered
                continue
            if columns is not None:
                draft.contacts.append(_contact(columns, cells))
                continue
        rest.append(block)
    text = " ".join(b.text for b in rest)
    m = _ORG_RE.search(text)
    if rest and form.contacts is not None and not draft.organisation:
        draft.organisation = rest[0].text.strip()
    elif m and not draft.organisation:
        draft.organisation = m.group(1)
    if m and not draft.municipality:
        draft.municipality = re.sub(r"\s+(stad|kommun)$", "", m.group(1)).replace("Region ", "Region ")
        if draft.municipality.endswith("s") and "kommun" in m.group(1):
            draft.municipality = draft.municipality[:-1]  # "Staffanstorps kommun" -> Staffanstorp
    return rest


def _contact(columns: list[str], cells: list[str]) -> Contact:
    contact = Contact()
    for name, value in zip(columns, cells, strict=False):
        value = value.strip()
        if name.startswith(("namn", "kontaktperson")):
            contact.name = value
        elif name.startswith("organisation"):
            contact.organisation = value
        elif name.startswith("telefon"):
            contact.phone = value
        elif name.startswith(("mail", "e-post", "epost")):
            contact.email = value
        elif value:
            contact.role = (contact.role + " " + value).strip()
    return contact


def _take_signature(draft: Draft, form: Form, blocks: list[Block]) -> list[Block]:
    """The printed signature block is the form's; count how many signatories it had."""
    printed = {normalise_heading(line) for line in form.signature.lines}
    first = normalise_heading(form.signature.lines[0]) if form.signature.lines else ""
    rest = []
    for block in blocks:
        norm = normalise_heading(block.text)
        if norm in printed:
            if norm == first:
                draft.signatories.append(Signatory())
            continue
        rest.append(block)
    return rest


def _take_budget(draft: Draft, form: Form, blocks: list[Block], report: StartReport) -> list[Block]:
    """Read the budget tables and items out of the messy text; keep the prose."""
    try:
        from assistant.core.sources.budget_import import parse_budget_text
    except ImportError:
        return blocks
    raw = blocks_to_text(blocks)
    budget: Budget = parse_budget_text(raw, form)
    budget.rounding = form.budget.rounding_unit
    draft.budget = budget
    report.budget = list(budget.unread)
    item_texts = [normalise_heading(i.text) for i in budget.items if i.text]
    known = _budget_words(budget)
    rest = []
    for block in blocks:
        if block.is_row and not budget.is_empty() and _words_of(block.text) <= known:
            continue  # the table now lives in the budget; the exporter writes it from there
        if (
            item_texts
            and any(t and t in normalise_heading(block.text) for t in item_texts)
            and re.search(r"\d", block.text)
            and _words_of(block.text) <= known
        ):
            continue
        rest.append(block)
    return rest


_TABLE_WORDS = {
    "totalt",
    "total",
    "summa",
    "år",
    "kr",
    "kronor",
    "omfattning",
    "sammanställd",
    "budget",
    "detaljerad",
    "resurser",
    "i",
    "och",
    "kostnader",
    "mkr",
    "tkr",
    "inkl",
}


def _words_of(text: str) -> set[str]:
    """Words and digit groups: a line is only dropped when the budget keeps all of them."""
    return {w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäöéü]+|\d+", text)}


def _budget_words(budget: Budget) -> set[str]:
    words = set(_TABLE_WORDS)
    for category in budget.categories:
        words |= _words_of(category)
    for item in budget.items:
        words |= _words_of(item.text) | _words_of(item.category)
    for category in budget.stated.subtotals:
        words |= _words_of(category)
    for category in budget.stated.rows:
        words |= _words_of(category)
    from assistant.core.model.drafts import budget_to_toml  # the same text the draft file will hold

    words |= _words_of(str(budget_to_toml(budget)))
    return words
