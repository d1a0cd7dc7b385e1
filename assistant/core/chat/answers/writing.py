"""What the funder wants under a heading, and how to shorten the text: from the form's own
guidance and check settings, and from the draft's paragraphs, sentences and LIX."""

from __future__ import annotations

import re

from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.context import Asked, bullets, numbered, quote
from assistant.core.checks.lix import lix
from assistant.core.i18n import Text, format_number
from assistant.core.model.drafts import word_count
from assistant.core.model.forms import Heading

LONG_SENTENCE = 35  # words; a sentence longer than this is hard to follow
LIX_MIN_WORDS = 40  # as the readability check: fewer words give no fair LIX
PARAGRAPHS = 3
SENTENCES = 5
PARAGRAPH_RE = re.compile(r"\n\s*\n")
# What the writer asked about first: "vilka meningar är för långa?" is answered with the sentences.
ASKED_FIRST = (
    (re.compile(r"\b(?:mening|sentence)", re.IGNORECASE), 1),
    (re.compile(r"\b(?:lix|läsbar|lättläs|svårläs|readab)", re.IGNORECASE), 2),
)
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”“(])|\n+")


def guidance(asked: Asked) -> Answer:
    """The form's guidance for the heading, its limits, and how far the draft has come there."""
    key = asked.section or asked.current
    heading = asked.form.heading(key) if key else None
    if heading is None:
        return _which_heading(asked)
    lines = [
        Text(
            f"{asked.link(heading.key)} – det här vill {asked.form.funder} ha:",
            f"{asked.link(heading.key)} – what {asked.form.funder} wants here:",
        ).render(asked.lang),
        "> "
        + (heading.guidance.strip() or str(Text("(formuläret ger ingen vägledning)", "(the form gives no guidance)"))),
    ]
    if asked.lang == "en" and heading.guidance:
        lines.append("*(The form's own words, in Swedish.)*")
    rules = _limits(asked, heading)
    if rules:
        lines.append(bullets(rules))
    lines.append(_progress(asked, heading))
    if not asked.section:
        lines.append(
            str(
                Text(
                    "*(Du nämnde ingen rubrik, så det gäller den du står i.)*",
                    "*(You named no heading, so this is the one you are in.)*",
                )
            )
        )
    return asked.done("\n\n".join(lines), section=heading.key)


def _which_heading(asked: Asked) -> Answer:
    names = ", ".join(asked.link(h.key) for h in asked.form.headings)
    return asked.done(
        str(
            Text(
                f"Vilken rubrik menar du? Skriv till exempel ”vad vill förbundet ha under målgrupp?”. Rubrikerna: {names}.",
                f"Which heading do you mean? Try “what should I write under target group?”. The headings: {names}.",
            )
        )
    )


def _limits(asked: Asked, heading: Heading) -> list[str]:
    """The form's rules that concern this heading, each with its figure."""
    form, out = asked.form, []
    out.append(
        str(Text("Rubriken krävs.", "The heading is required."))
        if heading.required
        else str(Text("Rubriken är frivillig.", "The heading is optional."))
    )
    summary = form.check_settings("summary")
    if summary and summary.get("section") == heading.key and isinstance(summary.get("max_words"), int):
        most = summary["max_words"]
        out.append(
            str(
                Text(
                    f"Inled med en kort sammanfattning: första stycket högst **{most} ord**.",
                    f"Open with a short summary: the first paragraph at most **{most} words**.",
                )
            )
        )
    gender = form.check_settings("gender")
    if gender and heading.key in gender.get("sections", []):
        out.append(str(Text("Redovisa kvinnor och män var för sig.", "Give women and men separately.")))
    if heading.kind == "tidsplan":
        out.append(str(Text("Ange **startdatum** och **slutdatum**.", "Give a **start date** and an **end date**.")))
    if heading.kind == "budget":
        out.append(_budget_rules(asked))
    if heading.own_page:
        out.append(str(Text("Står på en egen sida.", "Goes on a page of its own.")))
    if form.page.max_pages and heading.key in form.page.uncounted:
        out.append(str(Text("Räknas inte in i sidgränsen.", "Does not count towards the page limit.")))
    elif form.page.max_pages:
        out.append(
            str(
                Text(
                    f"Hela ansökan får vara högst **{form.page.max_pages} sidor**.",
                    f"The whole application may be at most **{form.page.max_pages} pages**.",
                )
            )
        )
    return out


def _budget_rules(asked: Asked) -> str:
    rules = asked.form.budget
    categories = ", ".join(rules.categories)
    cap = rules.cap
    capped = (
        Text(f" Tak: {format_number(cap)} kr.", f" Cap: {format_number(cap)} kr.") if cap is not None else Text("", "")
    )
    per_year = Text(" per år", " per year") if rules.per_year else Text("", "")
    return str(
        Text(
            f"Kategorier{per_year.sv}: {categories}.{capped.sv}",
            f"Categories{per_year.en}: {categories}.{capped.en}",
        )
    )


def _progress(asked: Asked, heading: Heading) -> str:
    words = word_count(asked.draft.text(heading.key))
    if not words:
        return str(Text("Du har inte skrivit något här än.", "You have not written anything here yet."))
    return str(Text(f"Du har skrivit {words} ord här.", f"You have written {words} words here."))


def shorten(asked: Asked) -> Answer:
    """The longest paragraphs, the sentences over LONG_SENTENCE words and LIX per heading."""
    keys = [asked.section] if asked.section else [k for k in asked.section_keys() if _is_text(asked, k)]
    texts = [(k, asked.text_of(k)) for k in keys if k and asked.text_of(k).strip()]
    if not texts:
        return asked.done(str(Text("Det finns ingen text att korta än.", "There is no text to shorten yet.")))
    parts = [_paragraphs(asked, texts), _sentences(asked, texts), _lix(asked, texts)]
    first = next((n for pattern, n in ASKED_FIRST if pattern.search(asked.route.text)), 0)
    parts.insert(0, parts.pop(first))
    tip = Text(
        "Tips: dela långa meningar, stryk upprepningar och ord som *för att kunna*, *i syfte att*; en punktlista är ofta kortare än ett stycke.",
        "Tip: split long sentences, cut repetition and padding; a bullet list is often shorter than a paragraph.",
    )
    if asked.form.page.max_pages and asked.estimate.over_limit:
        over = asked.estimate.pages - asked.form.page.max_pages
        parts.insert(
            0,
            str(
                Text(
                    f"Ansökan ligger {format_number(round(over, 1), decimals=1)} sidor över gränsen.",
                    f"The application is {format_number(round(over, 1), decimals=1)} pages over the limit.",
                )
            ),
        )
    return asked.done("\n\n".join([p for p in parts if p] + [str(tip)]))


def _is_text(asked: Asked, key: str) -> bool:
    heading = asked.form.heading(key)
    return heading is None or heading.kind in ("text", "tidsplan")


def _paragraphs(asked: Asked, texts: list[tuple[str, str]]) -> str:
    found = [(word_count(p), key, p) for key, text in texts for p in PARAGRAPH_RE.split(text) if p.strip()]
    found.sort(key=lambda item: -item[0])
    lines = [
        f"{asked.link(key)}, " + Text(f"{words} ord", f"{words} words").render(asked.lang) + f": ”{quote(p, 80)}”"
        for words, key, p in found[:PARAGRAPHS]
    ]
    return str(Text("**Längsta stycken:**", "**Longest paragraphs:**")) + "\n\n" + numbered(lines)


def _sentences(asked: Asked, texts: list[tuple[str, str]]) -> str:
    long = [
        (word_count(s), key, s) for key, text in texts for s in SENTENCE_RE.split(text) if word_count(s) > LONG_SENTENCE
    ]
    if not long:
        return str(
            Text(
                f"Ingen mening är längre än {LONG_SENTENCE} ord.",
                f"No sentence is longer than {LONG_SENTENCE} words.",
            )
        )
    long.sort(key=lambda item: -item[0])
    lines = [
        f"{asked.link(key)}, " + Text(f"{words} ord", f"{words} words").render(asked.lang) + f": ”{quote(s, 80)}”"
        for words, key, s in long[:SENTENCES]
    ]
    head = Text(
        f"**Meningar över {LONG_SENTENCE} ord** ({len(long)}):",
        f"**Sentences over {LONG_SENTENCE} words** ({len(long)}):",
    )
    return f"{head}\n\n" + numbered(lines)


def _lix(asked: Asked, texts: list[tuple[str, str]]) -> str:
    scored = [(lix(text), key) for key, text in texts]
    scored = [(score, key) for score, key in scored if score.words >= LIX_MIN_WORDS]
    if not scored:
        return str(Text("För lite text för ett rättvist LIX.", "Too little text for a fair LIX."))
    scored.sort(key=lambda item: -item[0].value)
    lines = [
        f"{asked.link(key)}: {score.value:.0f} ({score.band_en if asked.lang == 'en' else score.band})"
        for score, key in scored
    ]
    head = Text(
        "**LIX per rubrik** (under 40 lätt, över 50 svår):", "**LIX per heading** (under 40 easy, over 50 hard):"
    )
    return f"{head}\n\n" + bullets(lines)
