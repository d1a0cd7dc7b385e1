"""What is missing, and how many pages: answered from the checks and the page estimate."""

from __future__ import annotations

from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.context import Asked, decimal, finding_message, numbered
from assistant.core.checks import Finding, Severity
from assistant.core.i18n import Text, format_number
from assistant.core.model.drafts import section_status, word_count
from assistant.core.reuse.adapt import MARKER_RE

THIN_WORDS = 40  # a required text section with fewer words is thin, not done
SHOWN = 8  # items listed; the rest are counted
LONGEST = 3  # sections listed as the longest
TEXT_KINDS = ("text", "tidsplan")


def missing(asked: Asked) -> Answer:
    """What is left, most important first: empty required headings, errors, marks left by an
    adapted suggestion, thin headings, warnings, empty optional headings."""
    items = _todo(asked)
    if not items:
        return asked.done(
            str(
                Text(
                    "**Inget saknas.** Alla rubriker har text och kontrollen hittar inga fel eller varningar.",
                    "**Nothing is missing.** Every heading has text and the check finds no errors or warnings.",
                )
            )
        )
    counts = asked.report.findings
    errors = sum(1 for f in counts if f.severity is Severity.ERROR)
    warnings = sum(1 for f in counts if f.severity is Severity.WARNING)
    counted = [
        Text(f"{n} fel", f"{n} error{'s' if n != 1 else ''}")
        if kind == "error"
        else Text(f"{n} varning{'ar' if n != 1 else ''}", f"{n} warning{'s' if n != 1 else ''}")
        for kind, n in (("error", errors), ("warning", warnings))
        if n  # a kind with none is left out: "(5 fel)", not "(5 fel, 0 varningar)"
    ]
    numbers = f" ({', '.join(c.render(asked.lang) for c in counted)})" if counted else ""
    head = Text(f"**Kvar att göra**{numbers}, viktigast först:", f"**Left to do**{numbers}, most important first:")
    more = len(items) - SHOWN
    tail = Text(f"\n\n… och {more} till (F8 visar allt).", f"\n\n… and {more} more (F8 shows all).")
    return asked.done(f"{head}\n\n{numbered(items[:SHOWN])}" + (str(tail) if more > 0 else ""))


def _todo(asked: Asked) -> list[str]:
    findings = asked.report.findings
    lang = asked.lang
    empty = [f for f in findings if f.code == "sections.missing" and f.section]
    errors = [f for f in findings if f.severity is Severity.ERROR and f not in empty]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    optional = [f for f in findings if f.code == "sections.empty_optional" and f.section]
    items = [
        f"{asked.link(f.section or '')} – {Text('tomt, krävs av formuläret', 'empty, the form requires it').render(lang)}"
        for f in empty
    ]
    items += [_finding_line(asked, f) for f in errors]
    items += _marks(asked)
    items += _thin(asked, {f.section for f in (*empty, *errors)})
    items += [_finding_line(asked, f) for f in warnings]
    items += [
        f"{asked.link(f.section or '')} – {Text('tomt (frivilligt)', 'empty (optional)').render(lang)}"
        for f in optional
    ]
    return items


def _finding_line(asked: Asked, finding: Finding) -> str:
    if finding.section:
        return f"{asked.link(finding.section)} – {finding_message(finding, asked.lang)}"
    return finding.text(asked.lang)


def _marks(asked: Asked) -> list[str]:
    """Names an adapted suggestion left for the writer to fill in: ⟦Malmö stad → ?⟧."""
    out = []
    for key in asked.section_keys():
        marks = MARKER_RE.findall(asked.text_of(key))
        if marks:
            out.append(
                f"{asked.link(key)} – "
                + Text(
                    f"{len(marks)} markering(ar) att anpassa, t.ex. {marks[0]}",
                    f"{len(marks)} mark(s) to adapt, e.g. {marks[0]}",
                ).render(asked.lang)
            )
    return out


def _thin(asked: Asked, listed: set[str | None]) -> list[str]:
    out = []
    for status in section_status(asked.draft, asked.form):
        heading = asked.form.heading(status.key)
        if heading is None or heading.kind not in TEXT_KINDS or status.key in listed or status.empty:
            continue
        if heading.required and status.words < THIN_WORDS:
            out.append(
                f"{asked.link(status.key)} – "
                + Text(f"tunt, bara {status.words} ord", f"thin, only {status.words} words").render(asked.lang)
            )
    return out


def pages(asked: Asked) -> Answer:
    """Pages used against the limit, what is left, and the longest headings."""
    estimate = asked.estimate
    used = decimal(estimate.pages)
    lines = []
    if estimate.limit is None:
        lines.append(
            Text(
                f"Ansökan fyller ungefär **{used} sidor**. Formuläret anger ingen sidgräns.",
                f"The application fills about **{used} pages**. The form sets no page limit.",
            )
        )
    else:
        # The count is body_pages (what LibreOffice lays out, as the page meter says); the
        # fraction only tells how much room the last page still has.
        limit, count = estimate.limit, estimate.body_pages
        lines.append(
            Text(
                f"**{count} av {limit} sidor** (uppskattat; {_uncounted(asked, 'sv')}).",
                f"**{count} of {limit} pages** (estimated; {_uncounted(asked, 'en')}).",
            )
        )
        if estimate.over_limit:
            over = count - limit
            lines.append(Text(f"Du ligger **{over} sidor över** gränsen.", f"You are **{over} pages over** the limit."))
        else:
            room = decimal(max(0.0, limit - estimate.pages))
            lines.append(
                Text(
                    f"Du har **{limit - count} sidor kvar**, ungefär {room} med det som är ledigt på sida {count}.",
                    f"You have **{limit - count} pages left**, about {room} with what is free on page {count}.",
                )
            )
    if estimate.borderline:
        lines.append(
            Text(
                "Nära en sidbrytning: räkna exakt i kontrollen (F8, sedan Ctrl+E) eller med `ansokan check --exact`.",
                "Close to a page break: count exactly in the check (F8, then Ctrl+E) or with `ansokan check --exact`.",
            )
        )
    text = "\n\n".join(str(line) for line in lines)
    longest = _longest(asked)
    if longest:
        text += "\n\n" + str(Text("**Längst:**", "**Longest:**")) + "\n\n" + numbered(longest)
    return asked.done(text)


def _uncounted(asked: Asked, lang: str) -> str:
    names = [asked.name(k) for k in asked.form.page.uncounted]
    if not names:
        return "alla sidor räknas" if lang == "sv" else "every page counts"
    joined = ", ".join(names)
    return f"{joined} räknas inte" if lang == "sv" else f"{joined} not counted"


def _longest(asked: Asked) -> list[str]:
    """The headings with the most text, with their share of the pages (by characters)."""
    sizes = [(key, asked.text_of(key)) for key in asked.section_keys()]
    sizes = [(key, text) for key, text in sizes if text.strip()]
    total = sum(len(text) for _, text in sizes)
    if not total:
        return []
    ranked = sorted(sizes, key=lambda item: -len(item[1]))
    named = asked.section
    if named and named in dict(ranked):
        ranked.sort(key=lambda item: item[0] != named)  # the heading asked about first
    out = []
    for key, text in ranked[:LONGEST]:
        share = asked.estimate.pages * len(text) / total
        words = format_number(word_count(text))
        out.append(
            f"{asked.link(key)} – "
            + Text(f"{words} ord, ≈ {decimal(share)} sidor", f"{words} words, ≈ {decimal(share)} pages").render(
                asked.lang
            )
        )
    return out
