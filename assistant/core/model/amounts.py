"""Amounts the Swedish way, always as Decimal.

Parsing accepts what people type and what PDF conversions leave: `1 373 334`, `1 373 334 kr`,
`1\u00a0373\u00a0334`, `1,4 mkr`, `8 000 tkr`, `1 360.380~(1,4 mkr)`, `-50 000`, `1 209 124 kronor`.
Formatting follows CLDR's Swedish locale through Babel (non-breaking group spaces, decimal comma).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal

from assistant.core.errors import UserError

MAX_AMOUNT = Decimal("1e12")  # above a thousand billion kronor a cell is surely a typo

_SPACES = "\u00a0\u202f\u2009\u2007 \t"
_UNITS = {
    "mkr": Decimal(1_000_000),
    "msek": Decimal(1_000_000),
    "miljoner": Decimal(1_000_000),
    "milj": Decimal(1_000_000),
    "mnkr": Decimal(1_000_000),
    "tkr": Decimal(1000),
    "ksek": Decimal(1000),
    "tusen": Decimal(1000),
    "kr": Decimal(1),
    "kronor": Decimal(1),
    "sek": Decimal(1),
    ":-": Decimal(1),
    "kr.": Decimal(1),
}
_UNIT_RE = re.compile(r"(mkr|msek|miljoner|milj\.?|mnkr|tkr|ksek|tusen|kronor|kr\.?|sek|:-)$", re.I)
_NUMBER_RE = re.compile(r"^[+\-]?\d[\d\s.,]*$")


class AmountError(UserError):
    """A cell or text that should be an amount but is not."""


def parse_amount(text: str | None, *, where: str | None = None) -> Decimal | None:
    """Parse a Swedish amount into Decimal kronor; None for an empty cell.

    Raises AmountError naming `where` (e.g. "budget, Personal, år 2021") when it is not an amount.
    """
    if text is None:
        return None
    raw = str(text)
    s = raw.strip().strip(_SPACES)
    if not s or s in ("-", "–", "—"):
        return None
    # PDF debris: "1 360.380~(1,4 mkr)" – the approximate part after ~ or ( is a comment.
    s = re.split(r"[~(≈]", s, maxsplit=1)[0].strip()
    s = s.replace("\u2212", "-").replace("–", "-")
    factor = Decimal(1)
    for _ in range(2):
        m = _UNIT_RE.search(s.lower())
        if not m:
            break
        factor = _UNITS.get(m.group(1).rstrip(".").lower(), _UNITS.get(m.group(1).lower(), Decimal(1)))
        s = s[: m.start()].strip()
    value = _parse_number(s)
    # The cell as shown in a one-line error: no line breaks or terminal control codes from it.
    shown = " ".join("".join(ch if ch.isprintable() else " " for ch in raw).split())[:40]
    if value is None:
        raise AmountError(
            f"”{shown}” är inget belopp",
            f"“{shown}” is not an amount",
            where=where,
            hint_sv="skriv t.ex. 1 373 334, 1 373 334 kr, 1,4 mkr eller 8 000 tkr",
            hint_en="write e.g. 1 373 334, 1 373 334 kr, 1,4 mkr or 8 000 tkr",
        )
    value *= factor
    if abs(value) >= MAX_AMOUNT:
        raise AmountError(
            f"beloppet {shown} är orimligt stort",
            f"the amount {shown} is absurdly large",
            where=where,
            hint_sv="kontrollera antalet siffror",
            hint_en="check the number of digits",
        )
    return canonical(value)


def amount_or_none(text: str | None) -> Decimal | None:
    """The amount, or None when the text is empty or not an amount (for a caller that reports
    bad cells elsewhere, e.g. through Budget.totals())."""
    try:
        return parse_amount(text)
    except AmountError:
        return None


def canonical(value: Decimal) -> Decimal:
    """1400000 rather than 1.4E+6; 0.5 rather than 0.50."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _parse_number(s: str) -> Decimal | None:
    if not s or not _NUMBER_RE.match(s):
        return None
    sign = ""
    if s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:].strip()
    s = "".join(ch for ch in s if ch not in _SPACES)
    if "," in s and "." in s:
        # "1.234,50" (dot groups, comma decimals) – the Swedish/European convention.
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:  # "1,234.50" – English convention
            s = s.replace(",", "")
    elif "," in s:
        # One comma is the Swedish decimal comma; several are English group marks.
        s = s.replace(",", "") if s.count(",") > 1 else s.replace(",", ".")
    elif "." in s:
        parts = s.split(".")
        # "1.360.380" or "1 360.380": dots separating groups of three digits are group marks.
        if len(parts) > 2 or (len(parts[-1]) == 3 and parts[0] != "0"):
            s = "".join(parts)
    if not re.fullmatch(r"\d+(\.\d+)?", s):
        return None
    try:
        return Decimal(sign + s)
    except InvalidOperation:
        return None


def format_amount(value: Decimal | int | None, *, unit: str = "", decimals: bool = False) -> str:
    """`1 373 334` with non-breaking group spaces (Swedish CLDR), optionally followed by a unit."""
    if value is None:
        return ""
    value = Decimal(value)
    pattern = "#,##0.##" if decimals or value != value.to_integral() else "#,##0"
    text = format_decimal(value, format=pattern, locale="sv_SE").replace("\u2212", "-")
    return f"{text}\u00a0{unit}" if unit else text


def format_kr(value: Decimal | int | None) -> str:
    return format_amount(value, unit="kr")


def format_mkr(value: Decimal | int) -> str:
    """`1,4 mkr`: millions with one decimal, as people say it."""
    millions = (Decimal(value) / Decimal(1_000_000)).quantize(Decimal("0.1"))
    return format_decimal(millions, format="#,##0.0", locale="sv_SE") + "\u00a0mkr"


def format_tkr(value: Decimal | int) -> str:
    """`8 000 tkr`: thousands."""
    thousands = (Decimal(value) / Decimal(1000)).quantize(Decimal("1"))
    return format_decimal(thousands, format="#,##0", locale="sv_SE") + "\u00a0tkr"


# Amounts in running text: "Total kostnad 3 200 000 kr", "äskar 728 000 kr", "1,4 mkr", "8 000 tkr".
AMOUNT_IN_TEXT_RE = re.compile(
    r"(?<![\d,.])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(\d+))?\s*(mkr|tkr|kronor|kr|miljoner kronor)\b",
    re.I,
)


def amounts_in_text(text: str) -> list[tuple[Decimal, int, int]]:
    """Every amount with a unit in running text, as (value, start, end)."""
    found = []
    for m in AMOUNT_IN_TEXT_RE.finditer(text):
        try:
            value = parse_amount(m.group(0))
        except AmountError:
            continue
        if value is not None:
            found.append((value, m.start(), m.end()))
    return found
