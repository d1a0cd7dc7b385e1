"""Dates as Swedish applications write them: 2021-01-01, 1 april 2020, 31 dec 2022, mars 2027.

The one place that reads a date: from running text (`parse_date`, `find_period`), from a typed
field or a date a pattern found (`iso_date`) and from a TOML value (`date_value`). A month
without a day ("mars 2027", "2027-03") is read only where the caller asks for it, as its first
or last day: a check must not take "börjar i april 2027" for a start date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

MONTHS = {
    "jan": 1,
    "januari": 1,
    "feb": 2,
    "februari": 2,
    "mar": 3,
    "mars": 3,
    "apr": 4,
    "april": 4,
    "maj": 5,
    "jun": 6,
    "juni": 6,
    "jul": 7,
    "juli": 7,
    "aug": 8,
    "augusti": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
MONTH_NAMES_SV = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
WORDS_RE = re.compile(r"\b(\d{1,2})\s+([a-zåäö]{3,9})\.?\s+(\d{4})\b", re.I)
MONTH_WORDS_RE = re.compile(r"\b([a-zåäö]{3,9})\.?\s+((?:19|20)\d\d)\b", re.I)  # "mars 2027"
MONTH_ISO_RE = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})\b(?!-\d)")  # "2027-03"
_ANY_DATE = r"(?:\d{4}-\d{1,2}-\d{1,2}|(?:\d{1,2}\s+)?[a-zåäö]{3,9}\.?\s+(?:19|20)\d\d)"
# "mars 2021 – februari 2023", "från 1 april 2020 till 31 mars 2022": a period without Start/Slut labels.
RANGE_RE = re.compile(rf"({_ANY_DATE})\s*(?:–|—|-|till(?:\s+och\s+med)?|t\.\s?o\.\s?m\.?)\s*({_ANY_DATE})", re.I)
START_RE = re.compile(r"start(?:datum)?\s*[:;]?\s*\**\s*([^*,\n]+)", re.I)
END_RE = re.compile(r"slut(?:datum)?\s*[:;]?\s*\**\s*([^*,\n]+)", re.I)

Day = Literal["first", "last"]


def parse_date(text: str, *, month: Day | None = None) -> dt.date | None:
    """The first date in `text`, or None. Invalid dates (2020-02-30) give None.

    With `month`, a month without a day ("mars 2027", "2027-03") counts too, as its first or its
    last day; a whole date in the text still comes first.
    """
    text = text.replace("*", " ")
    m = ISO_RE.search(text)
    if m:
        return _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = WORDS_RE.search(text)
    if m and m.group(2).lower() in MONTHS:
        return _date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    if month is None:
        return None
    for m in MONTH_WORDS_RE.finditer(text):
        if m.group(1).lower() in MONTHS:
            return _month_day(int(m.group(2)), MONTHS[m.group(1).lower()], month)
    m = MONTH_ISO_RE.search(text)
    return _month_day(int(m.group(1)), int(m.group(2)), month) if m else None


def find_period(text: str, *, months: bool = False) -> tuple[dt.date | None, dt.date | None]:
    """Start and end dates from a Tidsplan text ("Startdatum: 1 april 2020 … Slutdatum: …").

    With `months`, "Startdatum: mars 2021" is the first of March and "Slutdatum: februari 2023"
    the last of February, and a text without those labels may give the period as a range
    ("mars 2021 – februari 2023", "från 1 april 2020 till 31 mars 2022").
    """
    first: Day | None = "first" if months else None
    last: Day | None = "last" if months else None
    start = end = None
    m = START_RE.search(text)
    if m:
        start = parse_date(m.group(1), month=first)
    m = END_RE.search(text)
    if m:
        end = parse_date(m.group(1), month=last)
    if months and start is None and end is None:
        m = RANGE_RE.search(text)
        if m:
            start, end = parse_date(m.group(1), month="first"), parse_date(m.group(2), month="last")
    return start, end


def iso_date(text: str) -> dt.date | None:
    """A text that is one ISO date ("2027-03-01", blanks around allowed), else None."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def date_value(value: object) -> dt.date | None:
    """A TOML value as a date: a date, a datetime's day or an ISO text; None when absent or "".

    Raises ValueError for anything else, so the caller can name the key that holds it.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    found = iso_date(value) if isinstance(value, str) else None
    if found is None:
        raise ValueError(f"not a date: {value!r}")
    return found


def format_date_sv(value: dt.date) -> str:
    return f"{value.day} {MONTH_NAMES_SV[value.month - 1]} {value.year}"


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_day(year: int, month: int, day: Day) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1 if day == "first" else calendar.monthrange(year, month)[1])
