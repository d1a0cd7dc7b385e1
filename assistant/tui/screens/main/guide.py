"""What the assistant says in the conversation: a heading introduced, a section remarked on.

Plain functions from the form and the draft to Markdown, so the screen only decides when.
"""

from __future__ import annotations

from typing import Any

from assistant.core.model.drafts import Draft, word_count
from assistant.core.model.forms import Form, Heading
from assistant.tui.i18n import lang, tr
from assistant.tui.widgets.suggestions.suggestion_list import source_line

CONTACT_FIELDS = ("name", "role", "organisation", "phone", "email")


def introduction(heading: Heading, form: Form, draft: Draft) -> str:
    lines = [f"### {heading.display}", "", heading.guidance or ""]
    advice = tips(heading, form)
    if advice:
        lines += ["", tr("**Ett bra svar:**", "**A good answer:**"), *[f"- {tip}" for tip in advice]]
    if heading.kind == "contacts" and draft.contacts:
        lines += ["", contacts_table(draft)]
    if heading.kind == "tidsplan" and (draft.start or draft.end):
        lines += [
            "",
            tr(
                f"Projektperiod: {draft.start or '?'} – {draft.end or '?'}",
                f"Project period: {draft.start or '?'} – {draft.end or '?'}",
            ),
        ]
    if not heading.required:
        lines += ["", tr("*Rubriken är frivillig.*", "*This heading is optional.*")]
    return "\n".join(lines)


def tips(heading: Heading, form: Form) -> list[str]:
    """What the form's own rules ask of this heading (from its checks), as advice."""
    advice: list[str] = []
    summary = form.check_settings("summary")
    if summary and summary.get("section") == heading.key and summary.get("max_words"):
        advice.append(
            tr(
                f"börjar med en sammanfattning på högst {summary['max_words']} ord",
                f"opens with a summary of at most {summary['max_words']} words",
            )
        )
    gender = form.check_settings("gender")
    if gender and heading.key in gender.get("sections", []):
        advice.append(tr("redovisar kvinnor och män var för sig", "reports women and men separately"))
    if heading.kind == "tidsplan":
        advice.append(
            tr(
                "anger startdatum och slutdatum – skriv `/period 2026-01-01 2027-12-31`",
                "gives a start and an end date – type `/period 2026-01-01 2027-12-31`",
            )
        )
    if heading.kind == "budget":
        advice.append(
            tr(
                "har en detaljerad och en sammanställd budget – tryck F7 eller skriv /budget",
                "has a detailed and a compiled budget – press F7 or type /budget",
            )
        )
    if heading.kind == "contacts":
        advice.append(
            tr(
                "ger namn, roll, telefon och e-post för varje kontaktperson – "
                "`/kontakt namn; roll; organisation; telefon; e-post`",
                "gives name, role, phone and e-mail for every contact – "
                "`/contact name; role; organisation; phone; e-mail`",
            )
        )
    if form.check_settings("placeholders"):
        advice.append(
            tr("innehåller inga platshållare som TODO eller XX", "contains no placeholders such as TODO or XX")
        )
    return advice


def contacts_table(draft: Draft) -> str:
    if not draft.contacts:
        return tr(
            "Inga kontaktpersoner ännu. Lägg till med `/kontakt namn; roll; organisation; telefon; e-post`.",
            "No contacts yet. Add one with `/contact name; role; organisation; phone; e-mail`.",
        )
    head = tr(
        "| # | Namn | Roll | Organisation | Telefon | E-post |",
        "| # | Name | Role | Organisation | Phone | E-mail |",
    )
    rows = [head, "|---|---|---|---|---|---|"]
    for i, c in enumerate(draft.contacts, 1):
        cells = [_cell(value) for value in (c.name, c.role, c.organisation, c.phone, c.email)]
        rows.append(f"| {i} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def import_summary(report: Any) -> str:
    """What the import from an earlier application placed, missed and could not read."""
    lines = [
        tr(
            f"Jag läste in den tidigare ansökan: {len(report.placed)} rubriker hittade sin plats.",
            f"I read the earlier application: {len(report.placed)} headings found their place.",
        )
    ]
    for label_sv, label_en, items in (
        ("Saknas i källan", "Missing from the source", report.missing),
        (
            "Text jag inte kunde placera (sparad som extra avsnitt)",
            "Text I could not place (kept as extra sections)",
            report.unplaced,
        ),
        ("Budget som inte gick att läsa", "Budget that could not be read", report.budget),
        ("Att tänka på", "Notes", report.notes),
    ):
        if items:
            lines += ["", f"**{tr(label_sv, label_en)}:**", *[f"- {item}" for item in items]]
    return "\n".join(lines)


def section_remarks(heading: Heading, text: str, findings: list[Any] | None, problem: str | None) -> str:
    """The answer when the writer leaves a section: its length and what the checks noticed.

    `findings` None with `problem` set: the checks could not run (the problem says why)."""
    words = word_count(text)
    lines = [tr(f"{words} ord i **{heading.display}**.", f"{words} words in **{heading.display}**.")]
    if findings is None:
        lines += ["", problem or ""]
    elif findings:
        lines += ["", tr("Det här la jag märke till:", "This is what I noticed:")]
        for f in findings:
            hint = f.hint_text(lang())
            lines.append(f"- **{f.severity.label}**: {f.text(lang())}" + (f" – {hint}" if hint else ""))
    else:
        lines += ["", tr("Inga anmärkningar på avsnittet.", "No remarks on this section.")]
    return "\n".join(lines)


def unresolved_names(draft: Draft, key: str) -> set[str]:
    """Names from taken suggestions that adapt could not replace and that are still in the text."""
    text = draft.text(key)
    names: set[str] = set()
    for source in draft.sources:
        if source.get("section") != key:
            continue
        for name in source.get("unresolved", []) or []:
            if isinstance(name, str) and name and name in text:
                names.add(name)
    return names


def _cell(text: str) -> str:
    """A value safe inside a Markdown table cell."""
    return (text or "–").replace("|", "/").replace("\n", " ")


def suggestions_found(results: list[Any] | None) -> str:
    """The answer to a search asked for in the command line: the three best, or that there are none."""
    if not results:
        return tr("Jag hittade inga förslag i biblioteket.", "I found no suggestions in the library.")
    lines = [
        tr(
            "Förslag ur tidigare beviljade ansökningar (F2 infoga, F5 visa, F6 anpassa):",
            "Suggestions from earlier approved applications (F2 insert, F5 show, F6 adapt):",
        )
    ]
    lines += [f"- **{s.score:.0f}** {source_line(s)}" for s in results[:3]]
    return "\n".join(lines)
