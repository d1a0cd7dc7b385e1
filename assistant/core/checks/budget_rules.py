"""Budget checks: bad and negative cells, printed totals against real sums, detailed against
compiled, budget years against the Tidsplan, amounts named in the text, the form's cap.

Every total is computed from the cells; the totals an imported document printed (`stated`) are
only compared, so one wrong cell in an old application shows up as one clear finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.checks.budget_form import check_budget_form
from assistant.core.checks.budget_staff import check_budget_staff, check_budget_years
from assistant.core.checks.budget_text import check_budget_text, reference_total
from assistant.core.model.amounts import amount_or_none, format_kr
from assistant.core.model.budget import Budget, BudgetTotals, Sum
from assistant.core.sources.budget_import import DETAILED_GRAND


def check_budget(ctx: Context) -> Iterator[Finding]:
    budget = ctx.draft.budget
    totals = budget.totals()  # a bad cell counts as 0 in every sum; _bad_cells reports it once
    section = ctx.budget_key
    yield from _unread(budget, section)
    yield from _unnamed_contributions(budget, section)
    yield from _bad_cells(totals, section)
    yield from _negative(budget, totals, section)
    yield from _stated_compiled(budget, totals, section)
    yield from _stated_detailed(budget, totals, section)
    yield from _detailed_vs_compiled(budget, totals, section)
    yield from _years_vs_period(ctx, budget, section)
    yield from _completeness(ctx, budget, totals, section)
    yield from _cap(ctx, totals, section)
    yield from check_budget_form(ctx, budget, totals, section)
    yield from check_budget_text(ctx, budget, totals)
    yield from check_budget_staff(ctx, budget)
    yield from check_budget_years(ctx, budget)


@lru_cache(maxsize=4096)
def _val(text: str | None) -> Decimal | None:
    """A printed total's value, None when empty or not an amount (cached: compared many ways)."""
    return amount_or_none(text)


def _kr(value: Decimal) -> str:
    return format_kr(value)


def _diff(a: Decimal, b: Decimal) -> str:
    return format_kr(abs(a - b))


# ---------------------------------------------------------------------------------------------
# Cells


def _unread(budget: Budget, section: str | None) -> Iterator[Finding]:
    """What the importer could not place: the budget may be missing those amounts."""
    for line in budget.unread:
        yield finding(
            Severity.WARNING,
            "budget.unread",
            section,
            f"budget: kunde inte läsas vid importen: {line}",
            f"budget: could not be read on import: {line}",
            "för in beloppet i budgeten för hand och ta sedan bort raden under `unread`",
            "enter the amount in the budget by hand, then remove the line under `unread`",
        )


def _unnamed_contributions(budget: Budget, section: str | None) -> Iterator[Finding]:
    """A contribution whose partner is not written yet (a row just added on the budget screen)."""
    for number, contribution in enumerate(budget.cofinancing, start=1):
        if not contribution.partner.strip():
            yield finding(
                Severity.WARNING,
                "budget.cofinancing_partner",
                section,
                f"budget: medfinansiering {number} saknar partner",
                f"budget: co-financing {number} has no partner",
                "skriv vilken part som bidrar, eller ta bort raden",
                "write which partner contributes, or remove the row",
            )


def _bad_cells(totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    for exc in totals.bad:
        yield finding(
            Severity.ERROR,
            "budget.bad_cell",
            section,
            exc.message("sv"),
            exc.message("en"),
            "skriv beloppet i kronor, t.ex. 1 373 334",
            "write the amount in kronor, e.g. 1 373 334",
        )


def _negative(budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    for c in totals.categories:
        for y in budget.years:
            value = totals.cell(c, y).value
            if value < 0:
                yield finding(
                    Severity.ERROR,
                    "budget.negative",
                    section,
                    f"budget, {c}, år {y}: beloppet är negativt ({_kr(value)})",
                    f"budget, {c}, year {y}: the amount is negative ({_kr(value)})",
                    "en kostnad kan inte vara negativ; ta bort minustecknet",
                    "a cost cannot be negative; remove the minus sign",
                )
    for item, amount in zip(budget.items, totals.items, strict=True):
        value = amount.value
        if value < 0:
            yield finding(
                Severity.ERROR,
                "budget.negative",
                section,
                f"detaljerad budget, ”{item.text[:40]}”: beloppet är negativt ({_kr(value)})",
                f"detailed budget, “{item.text[:40]}”: the amount is negative ({_kr(value)})",
                "en kostnad kan inte vara negativ",
                "a cost cannot be negative",
            )


# ---------------------------------------------------------------------------------------------
# Printed totals against the sums


def _mismatch(
    code: str,
    section: str | None,
    where_sv: str,
    where_en: str,
    printed: Decimal,
    computed: Decimal,
    of_sv: str,
    of_en: str,
) -> Finding:
    return finding(
        Severity.ERROR,
        code,
        section,
        f"{where_sv}: summan anger {_kr(printed)} men {of_sv} summerar till {_kr(computed)} "
        f"(skillnad {_diff(printed, computed)})",
        f"{where_en}: the total says {_kr(printed)} but {of_en} add up to {_kr(computed)} "
        f"(difference {_diff(printed, computed)})",
        "rätta den cell som är fel; exporten skriver de uträknade summorna",
        "correct the wrong cell; the export writes the computed totals",
    )


def _stated_compiled(budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    stated = budget.stated
    for category, text in stated.rows.items():
        printed = _val(text)
        row = totals.rows.get(category, Sum()).value
        if printed is not None and category in budget.categories and printed != row:
            yield _mismatch(
                "budget.row_total",
                section,
                f"budget, {category}, kolumnen Totalt",
                f"budget, {category}, the Total column",
                printed,
                row,
                "åren",
                "the years",
            )
    for year, text in sorted(stated.years.items()):
        printed = _val(text)
        column = totals.years.get(year, Sum()).value
        if printed is not None and printed != column:
            yield _mismatch(
                "budget.year_total",
                section,
                f"budget, år {year}, raden Totalt",
                f"budget, year {year}, the Total row",
                printed,
                column,
                "kategorierna",
                "the categories",
            )
    grand = _val(stated.grand)
    if grand is not None and totals.has_compiled and grand != totals.grand.value:
        yield _mismatch(
            "budget.grand_total",
            section,
            "budget, totalsumman",
            "budget, the grand total",
            grand,
            totals.grand.value,
            "alla celler",
            "all cells",
        )


def _stated_detailed(budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    for category, sums in budget.stated.subtotals.items():
        every = category == DETAILED_GRAND
        if not any(every or i.category == category for i in budget.items):
            continue
        label = "detaljerad budget" + ("" if category == DETAILED_GRAND else f", {category}")
        label_en = "detailed budget" + ("" if category == DETAILED_GRAND else f", {category}")
        for key, text in sums.items():
            printed = _val(text)
            if printed is None:
                continue
            if key == "total":
                computed = (totals.detailed if every else totals.detailed_row(category)).value
                where_sv, where_en = label, label_en
            elif key.isdigit():
                computed = totals.detailed_year(int(key), None if every else category).value
                where_sv, where_en = f"{label}, år {key}", f"{label_en}, year {key}"
            else:
                continue
            if printed != computed:
                yield _mismatch(
                    "budget.subtotal", section, where_sv, where_en, printed, computed, "posterna", "the items"
                )


def _detailed_vs_compiled(budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    if not budget.items or not totals.has_compiled:
        return
    explained = Decimal(0)
    for category in budget.categories:
        detailed, compiled = totals.detailed_row(category).value, totals.rows.get(category, Sum()).value
        if detailed != compiled:
            explained += detailed - compiled
            yield finding(
                Severity.ERROR,
                "budget.detailed_vs_compiled",
                section,
                f"budget, {category}: den detaljerade budgeten summerar till {_kr(detailed)} men den "
                f"sammanställda till {_kr(compiled)} (skillnad {_diff(detailed, compiled)})",
                f"budget, {category}: the detailed budget adds up to {_kr(detailed)} but the compiled one "
                f"to {_kr(compiled)} (difference {_diff(detailed, compiled)})",
                "samma kostnader ska stå i båda; rätta posten eller cellen som är fel",
                "both must show the same costs; correct the wrong item or cell",
            )
        else:
            yield from _detailed_years(budget, totals, category, section)
    detailed, compiled = totals.detailed.value, totals.grand.value
    if detailed - compiled != explained:  # items outside the form's categories
        yield finding(
            Severity.ERROR,
            "budget.detailed_vs_compiled",
            section,
            f"budget: den detaljerade budgeten summerar till {_kr(detailed)} men den sammanställda till "
            f"{_kr(compiled)} (skillnad {_diff(detailed, compiled)})",
            f"budget: the detailed budget adds up to {_kr(detailed)} but the compiled one to {_kr(compiled)} "
            f"(difference {_diff(detailed, compiled)})",
            "samma kostnader ska stå i båda",
            "both must show the same costs",
        )


def _detailed_years(budget: Budget, totals: BudgetTotals, category: str, section: str | None) -> Iterator[Finding]:
    """Same total, but spread over the years differently (only when every item is per year)."""
    items = [i for i in budget.items if i.category == category]
    if not items or any(not i.per_year or i.total.strip() for i in items):
        return
    for year in budget.years:
        detailed = totals.detailed_year(year, category).value
        compiled = totals.cell(category, year).value
        if detailed != compiled:
            yield finding(
                Severity.ERROR,
                "budget.detailed_vs_compiled",
                section,
                f"budget, {category}, år {year}: detaljerat {_kr(detailed)}, sammanställt {_kr(compiled)}",
                f"budget, {category}, year {year}: detailed {_kr(detailed)}, compiled {_kr(compiled)}",
                "fördela kostnaderna på samma år i båda tabellerna",
                "spread the costs over the same years in both tables",
            )


# ---------------------------------------------------------------------------------------------
# Years, completeness, cap


def _years_with_money(budget: Budget) -> set[int]:
    years = {y for y in budget.years if any(budget.cell(c, y).strip() for c in budget.categories)}
    for item in budget.items:
        years |= {y for y, v in item.per_year.items() if v.strip()}
    return years


def _years_vs_period(ctx: Context, budget: Budget, section: str | None) -> Iterator[Finding]:
    start, end = ctx.period
    if not start or not end or end < start or not ctx.form.budget.per_year:
        return
    years = _years_with_money(budget)
    if not years:
        return
    for year in sorted(years):
        if year < start.year or year > end.year:
            yield finding(
                Severity.ERROR,
                "budget.year_outside",
                section,
                f"budget, år {year}: året ligger utanför projektperioden {start} – {end}",
                f"budget, year {year}: the year is outside the project period {start} – {end}",
                "flytta kostnaderna till projektets år eller ändra tidsplanen",
                "move the costs to the project's years or change the Tidsplan",
            )
    for year in range(start.year, end.year + 1):
        if year not in years:
            yield finding(
                Severity.WARNING,
                "budget.year_missing",
                section,
                f"budget: projektet pågår under {year} men budgeten har inga kostnader det året",
                f"budget: the project runs in {year} but the budget has no costs that year",
                f"lägg till en kolumn för år {year}",
                f"add a column for {year}",
            )


def _completeness(ctx: Context, budget: Budget, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    rules = ctx.form.budget
    compiled = totals.has_compiled
    if rules.compiled_required and not compiled:
        yield finding(
            Severity.WARNING,
            "budget.compiled_missing",
            section,
            "budget: den sammanställda budgeten (kategorier × år) saknas",
            "budget: the compiled budget (categories × years) is missing",
            "fyll i beloppen per kategori och år",
            "fill in the amounts per category and year",
        )
    if rules.detailed_required and not budget.items:
        yield finding(
            Severity.WARNING,
            "budget.detailed_missing",
            section,
            "budget: den detaljerade budgeten (poster med belopp) saknas",
            "budget: the detailed budget (items with amounts) is missing",
            "lista posterna, t.ex. ”Projektledare 1,0 tjänst: 1 209 124 kr”",
            "list the items, e.g. “Projektledare 1,0 tjänst: 1 209 124 kr”",
        )
    if not compiled:
        return
    for category in rules.categories:
        if not any(budget.cell(category, y).strip() for y in budget.years):
            yield finding(
                Severity.INFO,
                "budget.empty_row",
                section,
                f"budget, {category}: inga belopp",
                f"budget, {category}: no amounts",
                "lämna tom om insatsen inte har sådana kostnader",
                "leave it empty if the project has no such costs",
            )


def _cap(ctx: Context, totals: BudgetTotals, section: str | None) -> Iterator[Finding]:
    cap = ctx.form.budget.cap
    total = reference_total(totals)
    if cap is not None and total > cap:
        yield finding(
            Severity.ERROR,
            "budget.cap",
            section,
            f"budget: totalt {_kr(total)} är mer än formulärets tak {_kr(cap)}",
            f"budget: the total {_kr(total)} is more than the form's cap {_kr(cap)}",
            "minska budgeten under taket",
            "bring the budget under the cap",
        )
