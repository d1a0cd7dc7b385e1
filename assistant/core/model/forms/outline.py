"""What a funder's blank form says, as read from its Word, PDF or text file (`sources.blank_form`),
before it becomes a form file (`form_writer`): the headings in order with their printed titles
and instructions, the page limit, the signature block, the budget table and the contact table.
Anything the reader could not decide stays empty, and the form file gets a TODO line for it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class OutlineHeading:
    title: str
    number: str = ""
    level: int = 1
    key: str = ""
    key_sure: bool = True  # False: guessed from a word of the title; the writer should look
    kind: str = "text"
    guidance: str = ""
    guidance_from_title: bool = False  # the printed question after the label, no text under it
    short: str = ""
    required: bool = True


@dataclass
class FormOutline:
    form_id: str
    source_name: str  # the blank form's file name
    title: str = ""  # the form's printed title
    name: str = ""
    funder: str = ""
    preamble: str = ""
    headings: list[OutlineHeading] = field(default_factory=list)
    max_pages: int | None = None
    page_quote: str = ""  # the sentence that gives the limit: "… bestå av max 7 sidor."
    uncounted: list[str] = field(default_factory=list)  # heading keys
    uncounted_quote: str = ""
    signature_lines: list[str] = field(default_factory=list)
    signatories: int = 0
    budget_categories: list[str] = field(default_factory=list)
    budget_years: list[str] = field(default_factory=list)  # the table's year columns as printed
    budget_total_column: bool = False
    budget_detailed: bool = False
    contact_columns: list[str] = field(default_factory=list)
    contact_fields: list[str] = field(default_factory=list)  # "" where the column is not known

    def heading(self, key: str) -> OutlineHeading | None:
        return next((h for h in self.headings if h.key == key), None)

    def key_of_kind(self, kind: str) -> str | None:
        return next((h.key for h in self.headings if h.kind == kind), None)
