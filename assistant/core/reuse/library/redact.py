"""What keeps a library file shareable: e-mail addresses, phone numbers and people's names out of
the reusable text, and amounts and year ranges written the Swedish way."""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.core.reuse.library.names import find_people, name_spans

# The lookbehind lets a match start only where a run of address characters starts: without it a
# long word with no @ is rescanned from every position (a 20,000-letter line took 1.4 s, 1 MB hours).
EMAIL_RE = re.compile(r"(?<![A-Za-z0-9._%+\-åäöÅÄÖ])[A-Za-z0-9._%+\-åäöÅÄÖ]+@[A-Za-z0-9.\-åäöÅÄÖ]+(?:\.[A-Za-z]{2,})?")
# Swedish phone numbers: 040-34 10 00, 046-287 17 03, 0702 123456, +46 40 123 45 67. Never the
# middle of an amount ("1 300 000"): the leading 0 must not follow a digit group.
PHONE_RE = re.compile(
    r"(?<![\w\-])(?<!\d[ \u00a0])(?:\+46[ -]?\d{1,3}|0\d{1,3})[ -]?\d{1,4}(?:[ -]?\d{2,4}){1,3}(?![\w\-])"
)
# Digit groups of amounts ("1 300 000") and year ranges ("2014-2017"), written the house way:
# no-break spaces between groups (as format_amount does) and an en dash in ranges.
GROUP_RE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
RANGE_RE = re.compile(r"\b((?:19|20)\d{2})-((?:19|20)\d{2})\b")
OPEN_RANGE_RE = re.compile(r"(?<=\d)\s?- (?=(?:19|20)\d{2})")  # "maj 2020- 2022-03-31"
DATE_LIKE_RE = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}")

# Personnummer and samordningsnummer: ÅÅMMDD-NNNN, ÅÅÅÅMMDD-NNNN, "+" for the over-hundreds, or
# twelve digits in a row; the month and day must be a date's (a samordningsnummer's day is + 60).
PERSONNUMMER_RE = re.compile(r"(?<![\w\-+])(?:(?:19|20)?\d{6}[-+]\d{4}|(?:19|20)\d{10})(?![\w\-])")
MARKERS = {"name": "[namn]", "personnummer": "[personnummer]", "email": "[e-post]", "phone": "[telefon]"}
MARKER_RE = re.compile(r"\[(?:namn|personnummer|e-post|telefon)\]")

Span = tuple[int, int, str]  # start, end, kind (a key of MARKERS)


def _is_personnummer(found: str) -> bool:
    digits = re.sub(r"\D", "", found)[-10:]
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and (1 <= day <= 31 or 61 <= day <= 91)


def contact_spans(text: str) -> list[Span]:
    """Personnummer, e-mail addresses and phone numbers of `text`, in order, not overlapping."""
    spans: list[Span] = [
        (*m.span(), "personnummer") for m in PERSONNUMMER_RE.finditer(text) if _is_personnummer(m.group(0))
    ]
    spans += [(*m.span(), "email") for m in EMAIL_RE.finditer(text)]
    for m in PHONE_RE.finditer(text):
        found = m.group(0)
        if not DATE_LIKE_RE.match(found) and len(re.sub(r"\D", "", found)) >= 8:
            spans.append((*m.span(), "phone"))
    return _without_overlaps(spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """The spans in order; one that overlaps an earlier (or longer, at the same start) is dropped."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not out or span[0] >= out[-1][1]:
            out.append(span)
    return out


def apply_spans(text: str, spans: list[Span]) -> str:
    """`text` with each span replaced by its marker; every character outside the spans is kept."""
    pieces, at = [], 0
    for start, end, kind in spans:
        pieces += [text[at:start], MARKERS[kind]]
        at = end
    return "".join([*pieces, text[at:]])


def redaction_spans(text: str, *, known: Iterable[str] = (), keep_names: bool = False) -> list[Span]:
    """What the import takes out of `text`: contact data always, people's names unless `keep_names`
    (`known`: names read elsewhere in the document, e.g. its contact section)."""
    spans = contact_spans(text)
    if not keep_names:
        spans += [(start, end, "name") for start, end in name_spans(text, known)]
    return _without_overlaps(spans)


def scrub(text: str, *, known: Iterable[str] = (), keep_names: bool = False) -> str:
    """`text` as the library stores it: redacted (see redaction_spans); stable, nothing else lost."""
    return apply_spans(text, redaction_spans(text, known=known, keep_names=keep_names))


def redact(text: str) -> str:
    """Personnummer, e-mail addresses and phone numbers replaced by markers; dates, amounts and
    names left alone (the file is written through this, so even a --keep-names library holds none)."""
    return apply_spans(text, contact_spans(text))


def count_markers(text: str) -> dict[str, int]:
    """How many of each marker `text` holds, by kind (only kinds that occur)."""
    counts: dict[str, int] = {}
    by_marker = {v: k for k, v in MARKERS.items()}
    for m in MARKER_RE.finditer(text):
        kind = by_marker[m.group(0)]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def typeset(text: str) -> str:
    """Amount groups with no-break spaces, year ranges with an en dash (Swedish typography)."""
    text = OPEN_RANGE_RE.sub(" – ", GROUP_RE.sub("\u00a0", text))
    return RANGE_RE.sub("\\1–\\2", text)


def people_in(text: str) -> list[str]:
    """Names of people in a contact or signature section (never stored, but their names are looked
    for in the rest of the application)."""
    return find_people(text)
