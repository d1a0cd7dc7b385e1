"""Budget checks on the text: every total and share of the budget the text states is compared with
the table, and a mismatch is an error naming both places (the section and the table's row)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.model.amounts import amount_or_none, amounts_in_text, format_kr
from assistant.core.model.budget import Budget, BudgetTotals

# Words that make an amount in running text a statement about the budget's total.
TOTAL_WORDS_RE = re.compile(
    r"\b(?:total\w*|sammanlag\w*|summa\w*|äskar|äskas|äskade|söker|sökta|ansöker\s+om|ansökt\s+om|"
    r"budget\s+på|budgeten\s+(?:är|uppgår)|kostnadsram\w*|omslutning\w*|uppgår\s+till)\b",
    re.I,
)
APPROX_RE = re.compile(r"\b(?:ca|cirka|drygt|knappt|ungefär|omkring|runt|nästan)\b\.?", re.I)
_SENTENCE_END = re.compile(r"[.!?\n](?=\s|$)")


# ---------------------------------------------------------------------------------------------
# Amounts in the text that claim to be a total


def _known_totals(budget: Budget, sums: BudgetTotals) -> set[Decimal]:
    totals = {sums.grand.value, sums.detailed.value}
    totals |= {sums.rows[c].value for c in budget.categories if c in sums.rows}
    totals |= {sums.detailed_row(c).value for c in budget.categories}
    totals |= {sums.years[y].value for y in budget.years if y in sums.years}
    stated = [budget.stated.grand, *budget.stated.rows.values(), *budget.stated.years.values()]
    stated += [v for subtotals in budget.stated.subtotals.values() for v in subtotals.values()]
    totals |= {v for v in map(amount_or_none, stated) if v is not None}
    return {t for t in totals if t}


def _tolerance(value: Decimal, spot: str, before: str) -> Decimal:
    """How close a rounded amount must be: "1,4 mkr" means 1 350 000–1 449 999."""
    unit = spot.lower()
    tolerance = Decimal(0)
    if "mkr" in unit or "miljon" in unit:
        decimals = len(m.group(1)) if (m := re.search(r",(\d+)", spot)) else 0
        tolerance = Decimal(1_000_000) / (10**decimals) / 2
    elif "tkr" in unit:
        tolerance = Decimal(500)
    if APPROX_RE.search(before):
        tolerance = max(tolerance, value * Decimal("0.05"))
    return tolerance


def reference_total(totals: BudgetTotals) -> Decimal:
    """The budget's total: the compiled table's when it is filled in, else the items'."""
    return totals.grand.value if totals.has_compiled else totals.detailed.value


def check_budget_text(ctx: Context, budget: Budget, sums: BudgetTotals) -> Iterator[Finding]:
    """Amounts and shares the text states about the budget, against the table."""
    yield from _text_amounts(ctx, budget, sums)
    yield from _text_shares(ctx, budget, sums)


def _text_amounts(ctx: Context, budget: Budget, sums: BudgetTotals) -> Iterator[Finding]:
    totals = _known_totals(budget, sums)
    if not totals:
        return
    reference = reference_total(sums)
    for key, text in ctx.texts():
        for value, start, end in amounts_in_text(text):
            before = _sentence_before(text, start)
            if not TOTAL_WORDS_RE.search(before):
                continue
            spot = text[start:end]
            tolerance = _tolerance(value, spot, before)
            if any(abs(value - t) <= tolerance for t in totals):
                continue
            quote = " ".join((before[-40:] + spot).split())
            label = ctx.heading_label(key)
            table_sv, table_en = _reference_place(sums)
            yield finding(
                Severity.ERROR,
                "budget.text_amount",
                key,
                f"texten säger ”{quote}” (”{label}”) men budgeten summerar till {format_kr(reference)} ({table_sv})",
                f"the text says “{quote}” (“{label}”) but the budget adds up to {format_kr(reference)} ({table_en})",
                "ändra beloppet i texten så att det stämmer med budgettabellen",
                "change the amount in the text to match the budget table",
            )


# The label of the total row in the exported budget tables (document/budget_tables.py), so the
# writer finds the figure where the finding says it is.
SUM_LABEL = "Summa kostnader"


def _reference_place(sums: BudgetTotals) -> tuple[str, str]:
    """Where in the budget the reference total stands, in the words of the exported tables."""
    if sums.has_compiled:
        return f"sammanställd budget, {SUM_LABEL}", f"compiled budget, {SUM_LABEL}"
    return f"detaljerad budget, {SUM_LABEL}", f"detailed budget, {SUM_LABEL}"


# "60 % av budgeten går till personal", "personalkostnaderna utgör 60 procent av kostnaderna"
SHARE_RE = re.compile(
    r"(?<![\d,])(\d{1,3}(?:,\d+)?)\s?(?:%|procent)\s+av\s+(?:den\s+)?(?:totala\s+|sökta\s+)?"
    r"(?:budget\w*|kostnad\w*|projektets\s+kostnader|totalen)",
    re.IGNORECASE,
)


def _text_shares(ctx: Context, budget: Budget, sums: BudgetTotals) -> Iterator[Finding]:
    """A share of the budget the text names for a category, against the table's share."""
    reference = reference_total(sums)
    if not reference:
        return
    for key, text in ctx.texts():
        for m in SHARE_RE.finditer(text):
            sentence = _sentence_around(text, m.start(), m.end())
            category = next((c for c in budget.categories if _names_category(sentence, c)), None)
            if category is None:
                continue
            part = sums.rows[category].value if sums.has_compiled and category in sums.rows else None
            part = part if part is not None else sums.detailed_row(category).value
            stated = Decimal(m.group(1).replace(",", "."))
            actual = part / reference * 100
            decimals = len(m.group(1).split(",")[1]) if "," in m.group(1) else 0
            if abs(actual - stated) <= Decimal("0.5") / (10**decimals) + Decimal("0.5"):
                continue
            shown_sv, shown_en = _percent(actual, decimals)
            label = ctx.heading_label(key)
            quote = " ".join(sentence.split())[:90]
            yield finding(
                Severity.ERROR,
                "budget.text_share",
                key,
                f"texten säger ”{quote}” (”{label}”) men {category} är {shown_sv} av budgeten "
                f"({format_kr(part)} av {format_kr(reference)})",
                f"the text says “{quote}” (“{label}”) but {category} is {shown_en} of the budget "
                f"({format_kr(part)} of {format_kr(reference)})",
                "ändra andelen i texten eller budgeten så att de stämmer",
                "change the share in the text or the budget so they agree",
            )


def _names_category(sentence: str, category: str) -> bool:
    """Whether a sentence speaks of a category: "Personal" in "personalkostnaderna", "Lokaler" in "lokalerna"."""
    stem = category.lower().split()[0][:6]
    return len(stem) >= 4 and stem in sentence.lower()


def _percent(value: Decimal, decimals: int) -> tuple[str, str]:
    """The table's share with as many decimals as the text wrote: ("63 %", "63%"), ("62,5 %", "62.5%")."""
    shown = str(value.quantize(Decimal(1).scaleb(-decimals)))
    return shown.replace(".", ",") + "\u00a0%", shown + "%"


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE_END.finditer(text, end)), len(text))
    return text[left:right]


def _sentence_before(text: str, start: int) -> str:
    """The words before an amount in its own sentence, up to 80 characters, no other amount."""
    window = text[max(0, start - 80) : start]
    ends = list(_SENTENCE_END.finditer(window))
    if ends:
        window = window[ends[-1].end() :]
    digits = list(re.finditer(r"\d[\d  ]*(?:,\d+)?\s*(?:kr|kronor|mkr|tkr)\b", window, re.I))
    if digits:
        window = window[digits[-1].end() :]
    return window
