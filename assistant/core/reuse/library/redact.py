"""What keeps a library file shareable: e-mail addresses, phone numbers and people's names out of
the reusable text, and amounts and year ranges written the Swedish way."""

from __future__ import annotations

import re

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

NAME = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
# "Susanne Ellkvist, Försäkringskassan": a person named with their organisation, in running text.
PERSON_WITH_ORG_RE = re.compile(
    rf"\b({NAME} {NAME})(?=, ?[A-ZÅÄÖa-zåäö]*(?:kassan|förmedlingen|förvaltningen|stad|kommun|region|Region|Skåne))"
)
NOT_PEOPLE = (
    "Region",
    "Malmö",
    "Staffanstorp",
    "Burlöv",
    "Lund",
    "Komvux",
    "Psykiatri",
    "Arbetsmarknad",
    "Samordningsförbundet",
)
ORGANISATION_WORDS = (
    "Malmö",
    "Stad",
    "Region",
    "Arbetsförmedlingen",
    "Försäkringskassan",
    "Kommun",
    "Staffanstorps",
)


def redact(text: str) -> str:
    """E-mail addresses and phone numbers replaced by markers; dates and amounts left alone."""
    text = EMAIL_RE.sub("[e-post]", text)

    def phone(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = re.sub(r"\D", "", found)
        if DATE_LIKE_RE.match(found) or len(digits) < 8:
            return found
        return "[telefon]"

    return PHONE_RE.sub(phone, text)


def typeset(text: str) -> str:
    """Amount groups with no-break spaces, year ranges with an en dash (Swedish typography)."""
    text = OPEN_RANGE_RE.sub(" – ", GROUP_RE.sub("\u00a0", text))
    return RANGE_RE.sub("\\1–\\2", text)


def people_in(text: str) -> list[str]:
    """Names of people in a contact section: "Förnamn Efternamn" pairs (kept out of passages)."""
    names = re.findall(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:[ -][A-ZÅÄÖ][a-zåäöé]+){1,2})\b", text)
    people = {n for n in names if not any(o.lower() in n.lower() for o in ORGANISATION_WORDS)}
    return sorted(people, key=len, reverse=True)


def without_people(text: str, people: list[str]) -> str:
    """Names of people out of reusable text: the contact list's names, a name before an organisation,
    and the first cell of a table row that held a phone number or e-mail address."""
    for name in people:
        text = re.sub(rf"\b{re.escape(name)}\b", "[namn]", text)
    text = PERSON_WITH_ORG_RE.sub(lambda m: m.group(0) if m.group(1).startswith(NOT_PEOPLE) else "[namn]", text)
    lines = []
    for line in text.split("\n"):
        cells = line.split("\t")
        if (
            len(cells) > 1
            and ("[e-post]" in line or "[telefon]" in line)
            and re.fullmatch(rf"{NAME}(?: {NAME}){{1,2}}", cells[0].strip())
        ):
            cells[0] = "[namn]"
        lines.append("\t".join(cells))
    return "\n".join(lines)
