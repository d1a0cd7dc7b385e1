"""The budget against the form's own rules: overhead under its cap (`[budget] overhead_cap`) and
amounts rounded as the form says (`[budget] rounding`).

Overhead is an item that is a share of others ("15 % av Personal") and is named as overhead
(overhead, OH, indirekta, administrativa or gemensamma kostnader, omkostnader), or any item so
named with a plain amount: then its share is of the other items of the period. A reserve
("5 % av Personal" named "Reserv") is no overhead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.model.amounts import AmountError, format_kr, parse_amount
from assistant.core.model.budget import Budget, BudgetItem, BudgetTotals, share_of
from assistant.core.model.budget_formula import is_formula, round_to

OVERHEAD_RE = re.compile(
    r"overhead|\bOH\b|indirekt\w*\s+kostnad|administrativ\w*\s+kostnad|administrationskostnad|"
    r"gemensamma\s+kostnader|omkostnad|\badministration\b",
    re.IGNORECASE,
)


def is_overhead(item: BudgetItem) -> bool:
    return bool(OVERHEAD_RE.search(f"{item.category} {item.text}"))


def check_budget_form(ctx: Context, budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    yield from _overhead(ctx, budget, totals, section)
    yield from _rounding(ctx, budget, section)


def _overhead(ctx: Context, budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    cap = ctx.form.budget.overhead_cap
    if cap is None:
        return
    limit = Decimal(str(cap))
    rest = sum((s.value for i, s in zip(budget.items, totals.items, strict=True) if not is_overhead(i)), Decimal(0))
    for item, amount in zip(budget.items, totals.items, strict=True):
        if not is_overhead(item):
            continue
        shares = [found for v in (item.total, *item.per_year.values()) if v and (found := share_of(v))]
        if shares:
            fraction, names = max(shares, key=lambda found: found[0])
            share = fraction * 100
            of = " och ".join(names)
            what_sv, what_en = f"{_pct(share)} av {of}", f"{_pct(share, en=True)} of {of}"
        elif rest:
            share = (amount.value / rest * 100).quantize(Decimal("0.1"))
            what_sv = f"{format_kr(amount.value)}, {_pct(share)} av övriga poster"
            what_en = f"{format_kr(amount.value)}, {_pct(share, en=True)} of the other items"
        else:
            continue
        if share <= limit:
            continue
        row = f"detaljerad budget, ”{item.text[:50]}”"
        row_en = f"detailed budget, “{item.text[:50]}”"
        yield finding(
            Severity.ERROR,
            "budget.overhead_cap",
            section,
            f"{row}: overhead {what_sv} är mer än formulärets tak {_pct(limit)}",
            f"{row_en}: overhead {what_en} is more than the form's cap {_pct(limit, en=True)}",
            f"sänk overheaden till högst {_pct(limit)}",
            f"lower the overhead to at most {_pct(limit, en=True)}",
        )


def _pct(value: Decimal, *, en: bool = False) -> str:
    """15 -> "15 %", 12.5 -> "12,5 %" ("12.5%" in English)."""
    shown = format(value.normalize(), "f")
    return shown + "%" if en else shown.replace(".", ",") + "\u00a0%"


_ROUNDING_WORDS = {Decimal(100): ("hundratal", "hundreds"), Decimal(1000): ("tusental", "thousands")}


def _rounding(ctx: Context, budget: Budget, section: str | None) -> Iterator[Finding]:
    """A typed amount that is not rounded as the form wants (formulas and shares are rounded for the writer)."""
    unit = budget.rounding
    if unit == 1:
        return
    words_sv, words_en = _ROUNDING_WORDS.get(unit, (format_kr(unit), format_kr(unit)))
    for where, text in _typed_cells(budget):
        try:
            value = parse_amount(text)
        except AmountError:
            continue  # reported as a bad cell
        if value is None or value % unit == 0:
            continue
        rounded = format_kr(round_to(value, unit))
        yield finding(
            Severity.WARNING,
            "budget.rounding",
            section,
            f"{where}: {format_kr(value)} är inte avrundat till {words_sv} som formuläret vill",
            f"{where}: {format_kr(value)} is not rounded to {words_en} as the form wants",
            f"skriv {rounded}",
            f"write {rounded}",
        )
        return  # one is enough to show what the form wants; the others are alike


def _typed_cells(budget: Budget) -> Iterator[tuple[str, str]]:
    for category in budget.categories:
        for year in budget.years:
            text = budget.cell(category, year)
            if text.strip() and not is_formula(text):
                yield f"budget, {category}, år {year}", text
    for item in budget.items:
        for label, text in [("totalt", item.total), *((f"år {y}", v) for y, v in item.per_year.items())]:
            if text.strip() and not is_formula(text) and share_of(text) is None:
                yield f"detaljerad budget, ”{item.text[:40]}”, {label}", text
