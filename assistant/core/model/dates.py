"""Dates as Swedish applications write them: 2021-01-01, 1 april 2020, 31 dec 2022, 191210."""

from __future__ import annotations

import datetime as dt
import re

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
ISO_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
WORDS_RE = re.compile(r"\b(\d{1,2})\s+([a-zåäö]{3,9})\.?\s+(\d{4})\b", re.I)
START_RE = re.compile(r"start(?:datum)?\s*[:;]?\s*\**\s*([^*,\n]+)", re.I)
END_RE = re.compile(r"slut(?:datum)?\s*[:;]?\s*\**\s*([^*,\n]+)", re.I)


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`, or None. Invalid dates (2020-02-30) give None."""
    text = text.replace("*", " ")
    m = ISO_RE.search(text)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    m = WORDS_RE.search(text)
    if m and m.group(2).lower() in MONTHS:
        try:
            return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        except ValueError:
            return None
    return None


def find_period(text: str) -> tuple[dt.date | None, dt.date | None]:
    """Start and end dates from a Tidsplan text ("Startdatum: 1 april 2020 … Slutdatum: …")."""
    start = end = None
    m = START_RE.search(text)
    if m:
        start = parse_date(m.group(1))
    m = END_RE.search(text)
    if m:
        end = parse_date(m.group(1))
    return start, end


def format_date_sv(value: dt.date) -> str:
    names = [
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
    return f"{value.day} {names[value.month - 1]} {value.year}"
