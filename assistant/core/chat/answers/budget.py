"""The budget's status: totals per year and in all, per category, the detailed budget against
the compiled one, the check's findings on it, and the form's cap."""

from __future__ import annotations

from decimal import Decimal

from assistant.core.chat.analysis import analyse
from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.context import Asked, bullets
from assistant.core.checks import Severity
from assistant.core.i18n import Text, format_number
from assistant.core.model.budget import BudgetTotals, Sum
from assistant.core.model.forms import Heading


def kr(value: Decimal | Sum) -> str:
    """An amount in the current language; a sum that counted a bad cell as 0 is marked '*'."""
    if isinstance(value, Sum):
        return kr(value.value) + ("" if value.complete else " *")
    return f"{format_number(value)}\u00a0kr"


def budget(asked: Asked) -> Answer:
    draft = asked.draft
    heading = next((h for h in asked.form.headings if h.kind == "budget"), None)
    link = asked.link(heading.key) if heading else str(Text("Budgeten", "The budget"))
    if draft.budget.is_empty():
        return asked.done(
            str(
                Text(
                    f"{link} är tom än så länge. Öppna budgeten med F7 och fyll i belopp per år och kategori.",
                    f"{link} is empty so far. Open the budget with F7 and fill in amounts per year and category.",
                )
            ),
            section=heading.key if heading else None,
        )
    totals = draft.budget.totals()
    parts = [
        _asked_cells(asked, totals),
        _totals(asked, link, totals),
        _detailed(totals),
        _findings(asked),
        _cap(asked, totals),
    ]
    if not totals.grand.complete or not totals.detailed.complete:
        parts.append(
            str(
                Text(
                    "\\* en cell som inte är ett belopp räknas som 0.", "\\* a cell that is not an amount counts as 0."
                )
            )
        )
    return asked.done("\n\n".join(p for p in parts if p), section=_key(heading))


def _key(heading: Heading | None) -> str | None:
    return heading.key if heading else None


def _asked_cells(asked: Asked, totals: BudgetTotals) -> str:
    """A category or a year the question names, answered first: "Personal 2027: 1 150 000 kr"."""
    analysis = analyse(asked.route.text)
    words = {t.folded for t in analysis.tokens} | {t.stem for t in analysis.tokens}
    named = [c for c in totals.categories if _named(c, words, asked)]
    years = [y for y in totals.years if str(y) in words]
    if named and years:
        return bullets(f"**{c} {y}: {kr(totals.cell(c, y))}**" for c in named for y in years)
    if named:
        return bullets(f"**{c}: {kr(totals.rows[c])}**" for c in named)
    if years:
        return bullets(f"**{y}: {kr(totals.years[y])}**" for y in years)
    return ""


def _named(category: str, words: set[str], asked: Asked) -> bool:
    from assistant.core.chat.text import fold, stem_folded

    names = [category] + [alias for alias, target in asked.form.budget.category_aliases.items() if target == category]
    return any(fold(n) in words or stem_folded(fold(n)) in words for n in names)


def _totals(asked: Asked, link: str, totals: BudgetTotals) -> str:
    if not totals.has_compiled:
        return ""
    years = [f"{y}: {kr(s)}" for y, s in totals.years.items()]
    rows = [f"{c}: {kr(s)}" for c, s in totals.rows.items() if s.value or not s.complete]
    return (
        Text(f"{link}: totalt **{kr(totals.grand)}**", f"{link}: **{kr(totals.grand)}** in all").render(asked.lang)
        + "\n\n"
        + str(Text("Per år:", "Per year:"))
        + "\n\n"
        + bullets(years)
        + "\n\n"
        + str(Text("Per kategori:", "Per category:"))
        + "\n\n"
        + bullets(rows)
    )


def _detailed(totals: BudgetTotals) -> str:
    if not totals.items:
        return ""
    detailed = kr(totals.detailed)
    if not totals.has_compiled:
        return str(
            Text(f"Den detaljerade budgeten: totalt **{detailed}**.", f"The detailed budget: **{detailed}** in all.")
        )
    difference = totals.difference()
    if difference == 0:
        return str(
            Text(
                f"Den detaljerade budgeten ({detailed}) stämmer med den sammanställda.",
                f"The detailed budget ({detailed}) agrees with the compiled one.",
            )
        )
    return str(
        Text(
            f"Den detaljerade budgeten ({detailed}) skiljer sig från den sammanställda med **{kr(abs(difference))}**.",
            f"The detailed budget ({detailed}) differs from the compiled one by **{kr(abs(difference))}**.",
        )
    )


def _findings(asked: Asked) -> str:
    found = [f for f in asked.report.findings if f.code.startswith("budget") and f.severity is not Severity.INFO]
    if not found:
        return str(Text("Kontrollen hittar inga fel i budgeten.", "The check finds no errors in the budget."))
    lines = [f"{f.severity.label.render(asked.lang)}: {f.text(asked.lang)}" for f in found]
    return str(Text("**Att rätta:**", "**To correct:**")) + "\n\n" + bullets(lines)


def _cap(asked: Asked, totals: BudgetTotals) -> str:
    cap = asked.form.budget.cap
    if cap is None:
        return str(Text("Formuläret anger inget tak för budgeten.", "The form sets no cap on the budget."))
    total = totals.grand.value if totals.has_compiled else totals.detailed.value
    if total > cap:
        return str(
            Text(
                f"Formulärets tak är {kr(cap)}: du ligger **{kr(total - cap)} över**.",
                f"The form's cap is {kr(cap)}: you are **{kr(total - cap)} over**.",
            )
        )
    return str(
        Text(
            f"Formulärets tak är {kr(cap)}: {kr(cap - total)} kvar.",
            f"The form's cap is {kr(cap)}: {kr(cap - total)} left.",
        )
    )
