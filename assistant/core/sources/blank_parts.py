"""The parts of a blank form that are not headings: the page limit and what does not count
("max 7 sidor", "underskriftssidan tillkommer"), the signature lines, the budget table's
categories and years, and the contact table's columns. Each reads plain text or table rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKUP_RE = re.compile(r"\*{1,2}(?=\S)|(?<=\S)\*{1,2}|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_])")
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")
_NUMBERS = {
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "tolv": 12,
    "femton": 15,
    "tjugo": 20,
}
_COUNT = r"(\d{1,3}|" + "|".join(_NUMBERS) + r")"
PAGE_LIMIT_RES = (
    re.compile(
        rf"\b(?:max(?:imalt|imum)?|högst|som mest|inte mer än|inte överstiga|maximum of|at most)\s+{_COUNT}"
        r"\s+(?:st\.?\s+)?(?:A4[- ]?)?(?:sidor|sida|pages?)\b",
        re.I,
    ),
    re.compile(rf"\b{_COUNT}\s+(?:A4[- ]?)?sidor\s+som\s+mest\b", re.I),
)
UNCOUNTED_RE = re.compile(
    r"tillkommer|räknas inte|ingår inte|inte med i|exklusive|oräknad|utöver|not count|excluding", re.I
)
SIGN_RULE_RE = re.compile(r"_{3,}|\.{5,}|…{2,}")
_TRAILING_PAGE_RE = re.compile(r"\s+\d{1,3}$")  # a PDF's page number run on to the last line
SIGN_LABEL_RE = re.compile(r"^(?:ort|datum|namnteckning|namnförtydligande|underskrift|titel|befattning|namn)\b", re.I)
YEAR_RE = re.compile(r"^(?:år\s*\d{1,2}|\d{4}|(?:år\s*)?\d{4}\s*[-–]\s*\d{2,4}|year\s*\d)$", re.I)
TOTAL_RE = re.compile(r"^(?:totalt?|summa\b.*|total|sum)$", re.I)
# The label the export prints over a budget table; a PDF runs the table's cells on after it.
TABLE_LABEL_RE = re.compile(r"^(?:sammanställd|detaljerad)\s+budget(?:$|\s+(?:kostnadsslag|post)\b)", re.I)
CONTACT_WORDS = (
    ("email", re.compile(r"e-?post|e-?mail|mail", re.I)),
    ("phone", re.compile(r"telefon|tel\b|mobil", re.I)),
    ("organisation", re.compile(r"organisation|förvaltning|myndighet|huvudman|arbetsgivare", re.I)),
    ("role", re.compile(r"roll|funktion|befattning|titel", re.I)),
    ("name", re.compile(r"namn|kontaktperson", re.I)),
)


def plain(text: str) -> str:
    """A block's text without the draft markup the readers add (**bold**, *italic*, _italic_)."""
    return " ".join(_MARKUP_RE.sub("", text).split())


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_RE.split(text) if s.strip()]


def page_limit(text: str) -> tuple[int | None, str]:
    """The page limit the text states and the sentence that states it."""
    for sentence in sentences(text):
        for regex in PAGE_LIMIT_RES:
            if m := regex.search(sentence):
                count = m.group(1).lower()
                value = int(count) if count.isdigit() else _NUMBERS[count]
                if value > 0:
                    return value, sentence
    return None, ""


def uncounted(text: str, names: dict[str, list[str]]) -> tuple[list[str], str]:
    """The headings whose pages the text says do not count, by `names` (key -> words of the heading)."""
    keys: list[str] = []
    quotes: list[str] = []
    for sentence in sentences(text):
        lowered = sentence.lower()
        if not UNCOUNTED_RE.search(sentence):
            continue
        found = [key for key, words in names.items() if any(w and w in lowered for w in words)]
        if found and re.search(r"sid|page|blad", lowered):
            keys += [k for k in found if k not in keys]
            quotes.append(sentence)
    return keys, " ".join(quotes)


@dataclass
class SignatureBlock:
    lines: list[str] = field(default_factory=list)  # one signatory's lines
    signatories: int = 0
    rest: list[str] = field(default_factory=list)  # the section's other text: guidance


def signature(texts: list[str]) -> SignatureBlock:
    """The signature lines in a section's texts: "Ort och datum: ____", a rule "____" with its label
    under it, repeated once per signatory."""
    labels: list[str] = []
    rest: list[str] = []
    after_rule = False
    for text in texts:
        label = _TRAILING_PAGE_RE.sub("", SIGN_RULE_RE.sub(" ", text).strip())
        if SIGN_RULE_RE.search(text):
            if label:
                labels.append(label)
            after_rule = not label
            continue
        if after_rule or (SIGN_LABEL_RE.match(text) and len(text) < 60):
            labels.append(label)
        else:
            rest.append(text)
        after_rule = False
    block = SignatureBlock(rest=rest)
    if labels:
        period = _period(labels)
        block.lines, block.signatories = labels[:period], len(labels) // period
    return block


def _period(labels: list[str]) -> int:
    """The length of the block the labels repeat (one signatory's lines)."""
    for size in range(1, len(labels) + 1):
        if len(labels) % size == 0 and labels == labels[:size] * (len(labels) // size):
            return size
    return len(labels)


@dataclass
class BudgetTable:
    categories: list[str]
    years: list[str]
    total_column: bool
    detailed: bool = False


def budget_table(rows: list[list[str]]) -> BudgetTable | None:
    """Categories and years from a budget table: years across (a column per year) or down."""
    if len(rows) < 2:
        return None
    header = [c.strip() for c in rows[0]]
    if len(header) >= 2 and any(YEAR_RE.match(c) for c in header[1:]):
        years = [c for c in header[1:] if YEAR_RE.match(c)]
        categories = [r[0].strip() for r in rows[1:] if r and r[0].strip() and not TOTAL_RE.match(r[0].strip())]
        return BudgetTable(categories, years, any(TOTAL_RE.match(c) for c in header[1:]))
    firsts = [r[0].strip() for r in rows[1:] if r]
    if any(YEAR_RE.match(c) for c in firsts):
        categories = [c for c in header[1:] if c and not TOTAL_RE.match(c)]
        years = [c for c in firsts if YEAR_RE.match(c)]
        return BudgetTable(categories, years, any(TOTAL_RE.match(c) for c in firsts + header[1:]))
    if [c.lower() for c in header[:2]] == ["post", "belopp (kr)"]:
        return BudgetTable([], [], False, detailed=True)  # Ansökan's own detailed table
    return None


def contact_field(column: str) -> str:
    """The contact detail a column holds ("Mailadress" -> "email"), or "" when it is not one."""
    return next((name for name, regex in CONTACT_WORDS if regex.search(column)), "")


def contact_table(rows: list[list[str]]) -> tuple[list[str], list[str]] | None:
    """(columns, fields) of a contact table: its header row, or its first column when the table
    runs down ("Namn | …" on each row)."""
    if not rows:
        return None
    header = [c.strip() for c in rows[0] if c.strip()]
    fields = [contact_field(c) for c in header]
    if len(header) >= 2 and sum(1 for f in fields if f) >= 2:
        return header, fields
    down = [r[0].strip() for r in rows if r and r[0].strip()]
    fields = [contact_field(c) for c in down]
    if len(down) >= 2 and sum(1 for f in fields if f) >= 2 and max(len(r) for r in rows) <= 3:
        return [c.rstrip(":") for c in down], fields
    return None
