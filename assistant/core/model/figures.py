"""The figures a text states about its project: amounts, percentages, counts of people, staff and
time, and years. Reused text carries such figures over from another project ("120 deltagare",
"40 %", "2,5 tjänster"), where they are most likely wrong: `reuse` remembers them and `checks`
asks the writer about each one, both with this one finder."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.model.amounts import amounts_in_text

# A number as Swedish text writes it: 120, 1 200 (any space as thousands separator), 2,5.
_NUMBER = r"(?<![\w,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|(?<![\w,.])\d+(?:,\d+)?"
_PERCENT_RE = re.compile(rf"(?:{_NUMBER})\s?(?:%|procent\b)", re.IGNORECASE)
# What the field counts: people, staff, time, places. Up to two words between ("120 unika
# deltagare", "30 nya unga vuxna") so an adjective does not hide the count.
_COUNTED = (
    "deltagare|personer|person|individer|ungdomar|kvinnor|män|barn|elever|familjer|hushåll|"
    "unga vuxna|unga|brukare|klienter|sökande|invandrare|nyanlända|arbetsgivare|företag|kommuner|parter|"
    "tjänster|tjänst|heltidstjänster|heltidstjänst|halvtidstjänster|årsarbetare|årsarbetskrafter|"
    "handläggare|coacher|coach|medarbetare|projektsamordning|projektsamordnare|projektledare|samordnare|"
    "arbetskonsulenter|arbetskonsulent|cm|case managers|case manager|anställda|anställningar|praktikplatser|platser|ärenden|"
    "timmar|tim|veckor|månader|mån|dagar|år|träffar|tillfällen|utbildningar|workshops"
)
_COUNT_RE = re.compile(
    rf"(?:{_NUMBER})(?:\s+[a-zåäöé\-]+){{0,2}}?\s+(?:{_COUNTED})(?![\wåäö])",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"(?<![\d\-/.,])((?:19|20)\d\d)(?![\d,]|-\d)")  # not the year of a date


@dataclass(frozen=True)
class Figure:
    """One figure in a text: where it stands, as written, and what it counts."""

    start: int
    end: int
    text: str
    kind: str  # amount | percent | count | year


def figures_in(text: str, *, years: bool = True) -> list[Figure]:
    """Every figure in `text`, in order, each spot read once: an amount or a percentage before a
    count ("1,4 mkr per år" is an amount, not a count of years), the longest reading first among
    the rest ("1 200 000 kr" is one amount, not a count and a year)."""
    amounts = [Figure(start, end, text[start:end], "amount") for _value, start, end in amounts_in_text(text)]
    amounts += [Figure(m.start(), m.end(), m.group(0), "percent") for m in _PERCENT_RE.finditer(text)]
    rest = [Figure(m.start(), m.end(), m.group(0), "count") for m in _COUNT_RE.finditer(text)]
    if years:
        rest += [Figure(m.start(), m.end(), m.group(1), "year") for m in YEAR_RE.finditer(text)]
    chosen = _longest_first(amounts, [])
    return sorted(_longest_first(rest, chosen), key=lambda f: f.start)


def _longest_first(found: list[Figure], chosen: list[Figure]) -> list[Figure]:
    """`chosen` and those of `found`, longest first, that overlap nothing chosen before them."""
    chosen = list(chosen)
    for figure in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(figure.end <= c.start or figure.start >= c.end for c in chosen):
            chosen.append(figure)
    return chosen
