"""Drafts for the export and page-estimate tests: generated Swedish-looking ones, the shipped demo,
the four library sources started as drafts, and realistic ones with the features writers use.

Every generator is deterministic (a seeded random), so a failing draft can be made again by name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from assistant.core.model.budget import BudgetItem
from assistant.core.model.drafts import Contact, Draft, ExtraSection, Signatory, load_draft, new_draft
from assistant.core.model.forms import Form, load_form
from tests.conftest import ROOT, SOURCES

SOURCE_FORMS = {"000": "finsam-malmo", "001": "finsam-malmo", "002": "burlov-staffanstorp", "003": "finsam-malmo"}
DEMO = ROOT / "assistant" / "demo"

# Swedish words of applications; their order matters (the seeded drafts pick them by index).
WORDS = """
och att det som en på är av för med till den har de inte om ett men vi kan ska alla deltagare
insatsen projektet samverkan arbetsmarknaden målgruppen kommunen Försäkringskassan
Arbetsförmedlingen samordningsförbundet rehabilitering sysselsättning utbildning stöd
individuellt långsiktigt hållbar förbättrad uppföljning utvärdering metod arbetssätt
genomförande handledare kartläggning aktivitet unga vuxna personer behov hälsa psykisk ohälsa
försörjningsstöd studier praktik arbete möjlighet ansvar styrgrupp projektledare socialtjänsten
regionen vården kvinnor män resultat effekter mål utveckling kompetens erfarenheter
implementering ordinarie verksamhet tillsammans gemensam förutsättningar arbetsgivare motivation
självständighet delaktighet trygghet vardag struktur 2026 2027 15 procent 120 deltagare
arbetsmarknads-insatser Malmö Lund Burlöv Staffanstorp FINSAM-medel e-post och/eller 2026-03-01
https://www.finsamimalmo.se/ansokan/riktlinjer
""".split()  # noqa: SIM905 (a word list is easier to read as text)


def sentence(rng: random.Random, lo: int = 6, hi: int = 22) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"**{words[i]}**"
    if rng.random() < 0.1:
        i = rng.randrange(len(words))
        words[i] = f"*{words[i]}*"
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def _section_text(rng: random.Random, sentences: float) -> str:
    """About `sentences` sentences of paragraphs, lists, subheadings and tables."""
    parts: list[str] = []
    while sentences > 0:
        roll = rng.random()
        if roll < 0.6:
            count = rng.randint(1, 6)
            parts.append(_paragraph(rng, count))
        elif roll < 0.72:
            count = rng.randint(2, 5)
            parts.append(
                "\n".join(f"{'  ' if i and rng.random() < 0.3 else ''}- {sentence(rng, 3, 18)}" for i in range(count))
            )
        elif roll < 0.8:
            count = rng.randint(2, 4) if rng.random() < 0.8 else rng.randint(9, 12)
            parts.append("\n".join(f"{i}. {sentence(rng, 3, 14)}" for i in range(1, count + 1)))
        elif roll < 0.9:
            count = 0.5
            parts.append(f"### {sentence(rng, 2, 5).rstrip('.')}")
        else:
            count = rng.randint(2, 5)
            rows = ["Aktivitet\tBeskrivning\tTidpunkt"]
            for _ in range(count):
                rows.append(f"{sentence(rng, 1, 3)}\t{sentence(rng, 4, 16)}\tKvartal {rng.randint(1, 4)}")
            parts.append("\n".join(rows))
        sentences -= count
    return "\n\n".join(parts)


def styled_form(form: Form, font: str, size: float) -> Form:
    return dataclasses.replace(form, page=dataclasses.replace(form.page, font=font, font_size=size))


def sample_draft(seed: int, form: Form, target_pages: float) -> Draft:
    """A deterministic draft of roughly `target_pages` pages for `form`."""
    rng = random.Random(seed)
    draft = new_draft(
        form,
        title=f"Insats {seed}: {sentence(rng, 2, 5).rstrip('.')}",
        organisation="Malmö stad, Arbetsmarknadsförvaltningen",
    )
    draft.start, draft.end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    draft.contacts = [
        Contact(f"Person {i}", "Projektledare", "Malmö stad", f"040-{seed:03d} {i:02d} 00", f"person{i}@malmo.se")
        for i in range(rng.randint(1, 3))
    ]
    draft.signatories = [Signatory(f"Chef {i}", "Malmö stad") for i in range(form.signature.signatories)]
    text_keys = [h.key for h in form.headings if h.kind != "signature"]
    # About 24 sentences fill a page of Calibri 11 once headings and tables are counted.
    total = max(0.0, (target_pages - 1.0) * 24 * (11 / form.page.font_size) ** 2)
    shares = [rng.random() + 0.2 for _ in text_keys]
    for key, share in zip(text_keys, shares, strict=False):
        draft.sections[key] = _section_text(rng, total * share / sum(shares))
    if target_pages >= 3 and rng.random() < 0.85:
        years = [2026, 2027] if rng.random() < 0.6 else [2026, 2027, 2028]
        for category in form.budget.categories:
            for year in years:
                draft.budget.set_cell(category, year, f"{rng.randint(0, 900) * 1000:,}".replace(",", " "))
        for category in form.budget.categories[: rng.randint(1, len(form.budget.categories))]:
            draft.budget.items.append(
                BudgetItem(category, sentence(rng, 2, 6).rstrip("."), total=str(rng.randint(1, 900) * 1000))
            )
    return draft


def sample_set(count: int = 36) -> list[tuple[str, Form, Draft]]:
    """`count` drafts over both forms, three fonts, 11/12 pt and 1–12 pages."""
    forms = [load_form("finsam-malmo"), load_form("burlov-staffanstorp")]
    out = []
    for i in range(count):
        base = forms[i % 2]
        font = ("Calibri", "Arial", "Times New Roman")[i % 3]
        size = (11.0, 12.0)[(i // 3) % 2]
        form = styled_form(base, font, size)
        target = 1 + (i * 7) % 12
        out.append((f"d{i:02d}", form, sample_draft(1000 + i, form, target)))
    return out


def written_draft(form: Form) -> Draft:
    draft = new_draft(form, title="Steget vidare", organisation="Malmö stad")
    draft.start, draft.end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    draft.contacts = [Contact("Anna Ek", "Projektledare", "Malmö stad", "040-34 10 00", "anna.ek@malmo.se")]
    draft.signatories = [Signatory("Karin Berg", "Malmö stad")]
    for heading in form.headings:
        if heading.kind != "signature":
            draft.sections[heading.key] = (
                f"Text om {heading.label.lower()} med **fet** och *kursiv* stil.\n\n- en punkt\n- två punkter\n\n"
                "1. först\n2. sedan\n\n### Delrubrik\n\nAktivitet\tTid\nStart\tQ1 2026"
            )
    for category in form.budget.categories:
        for year in (2026, 2027):
            draft.budget.set_cell(category, year, "125 000")
    draft.budget.items = [
        BudgetItem(form.budget.categories[0], "Projektledare 100 %", total="1 250 000"),
        BudgetItem(form.budget.categories[0], "Handledare 50 %", total="500 000"),
        BudgetItem(form.budget.categories[-1], "Material", per_year={2026: "1 000", 2027: "2 500"}),
    ]
    return draft


def source_drafts() -> list[tuple[str, Form, Draft]]:
    if not SOURCES.is_dir():
        return []
    from assistant.core.sources.start import draft_from_source

    out = []
    for path in sorted(SOURCES.glob("*.txt")):
        form = load_form(SOURCE_FORMS[path.name[:3]])
        draft, _report = draft_from_source(form, path)
        out.append((f"source-{path.name[:3]}", form, draft))
    return out


def demo_drafts() -> list[tuple[str, Form, Draft]]:
    out = []
    for path in sorted(DEMO.glob("*.md")):
        draft = load_draft(path)
        out.append((f"demo-{path.stem}", draft.form, draft))
    return out


# ---------------------------------------------------------------------------------------------
# Realistic drafts: what writers put in that the generated ones above lack

LONG_TOKENS = (
    "https://www.finsamimalmo.se/ansokan/riktlinjer-for-ansokan-om-medel-2027/bilagor/budgetmall.xlsx",
    "Arbetsmarknadsförvaltningensuppföljningssamordningsansvarig",
    "sara.lindqvist.projektledare@exempel.arbetsmarknadsforvaltningen.trelleborg.se",
    "www.samordningsforbundet-burlov-staffanstorp.se/verksamhet/projekt/pas",
    "Diarienummer:AMF-2026-00123/Dnr-FINSAM-2026-0042",
    "2027–2028",
)
ROLES = ("projektledare", "samverkansansvarig", "ekonomiansvarig", "handläggare", "enhetschef")
PLACES = ("Malmö stad", "2019", "Lärvux", "Södervärn")


def _long_sentence(rng: random.Random) -> str:
    """A sentence with a URL, an e-mail address, a path or a word longer than a table column."""
    return f"{sentence(rng, 4, 14)[:-1]} {rng.choice(LONG_TOKENS)} {sentence(rng, 2, 8).lower()}"


def _emphasis(rng: random.Random) -> str:
    """A sentence with a bold or italic run of several words."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 20))]
    i = rng.randrange(len(words))
    j = min(len(words), i + rng.randint(2, 8))
    mark = rng.choice(("**", "*", "_"))
    words[i], words[j - 1] = mark + words[i], words[j - 1] + mark
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _list(rng: random.Random) -> str:
    if rng.random() < 0.5:
        items = (_long_sentence(rng) if rng.random() < 0.15 else sentence(rng, 3, 30) for _ in range(rng.randint(2, 9)))
        return "\n".join(f"{'  ' if i and rng.random() < 0.3 else ''}- {item}" for i, item in enumerate(items))
    return "\n".join(f"{i}. {sentence(rng, 3, 30)}" for i in range(1, rng.randint(3, 14)))


def _tab_table(rng: random.Random) -> str:
    """A table typed with tabs: mostly short, now and then 20 to 60 rows that cross pages."""
    rows = rng.randint(2, 6) if rng.random() < 0.7 else rng.randint(20, 60)
    columns = rng.randint(2, 5)
    lines = ["\t".join(("Aktivitet", "Beskrivning", "Ansvar", "Tid", "Kostnad")[:columns])]
    for _ in range(rows):
        text = rng.choice(LONG_TOKENS) if rng.random() < 0.2 else sentence(rng, 2, 18)
        cells = (
            sentence(rng, 1, 3),
            text,
            rng.choice(ROLES),
            f"Kv {rng.randint(1, 4)} 2027",
            f"{rng.randint(1, 900)} 000 kr",
        )
        lines.append("\t".join(cells[:columns]))
    return "\n".join(lines)


def _block(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return " ".join(_long_sentence(rng) if rng.random() < 0.5 else sentence(rng) for _ in range(rng.randint(1, 4)))
    if roll < 0.25:
        return " ".join(_emphasis(rng) for _ in range(rng.randint(1, 5)))
    if roll < 0.32:  # ⟦… → ?⟧ markers left by adapting a reused passage
        return " ".join(
            f"{sentence(rng, 4, 14)[:-1]} ⟦{rng.choice(PLACES)} → ?⟧ {sentence(rng, 2, 6).lower()}" for _ in range(2)
        )
    if roll < 0.45:
        return _list(rng)
    if roll < 0.55:
        return _tab_table(rng)
    if roll < 0.62:
        return f"### {sentence(rng, 2, 6).rstrip('.')}\n\n" + _paragraph(rng, rng.randint(1, 4))
    return _paragraph(rng, rng.randint(1, 7))


def _realistic_section(rng: random.Random, sentences: float) -> str:
    parts = []
    while sentences > 0:
        part = _block(rng)
        parts.append(part)
        sentences -= max(1, len(part) // 110)
    return "\n\n".join(parts)


def realistic_draft(seed: int, form: Form, target_pages: float) -> Draft:
    """A draft with contacts tables, budget tables of up to 12 items, long words and URLs, lists,
    bold and italic runs, tab tables (some very long), subheadings, markers and empty sections."""
    rng = random.Random(seed)
    draft = new_draft(
        form, title=f"Projekt {seed}: {sentence(rng, 2, 6).rstrip('.')}", organisation="Trelleborgs kommun"
    )
    draft.start, draft.end = dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    names = ("Sara Lindqvist", "Johan Berg", "Eva Holm", "Karin Ek", "Ali Hassan", "Fatima Berg")
    organisations = ("Trelleborgs kommun, Arbetsmarknadsförvaltningen", "Försäkringskassan", "Region Skåne")
    draft.contacts = [
        Contact(
            rng.choice(names),
            rng.choice(ROLES),
            rng.choice(organisations),
            f"0410-73 {rng.randint(10, 99)} 00",
            rng.choice((LONG_TOKENS[2], "eva.holm@trelleborg.se")),
        )
        for _ in range(rng.randint(0, 8))
    ]
    draft.signatories = [Signatory(f"Chef {i}", "Trelleborgs kommun") for i in range(form.signature.signatories)]
    keys = [h.key for h in form.headings if h.kind != "signature"]
    total = max(0.0, (target_pages - 1.0) * 22 * (11 / form.page.font_size) ** 2)
    shares = [0.0 if rng.random() < 0.1 else rng.random() + 0.2 for _ in keys]  # some sections empty
    for key, share in zip(keys, shares, strict=True):
        draft.sections[key] = _realistic_section(rng, total * share / (sum(shares) or 1)) if share else ""
    years = [2027, 2028] if rng.random() < 0.6 else [2027, 2028, 2029]
    for category in form.budget.categories:
        for year in years:
            if rng.random() < 0.8:
                draft.budget.set_cell(category, year, f"{rng.randint(0, 900) * 1000:,}".replace(",", " "))
    for _ in range(rng.randint(0, 12)):
        text = sentence(rng, 2, 12).rstrip(".")
        draft.budget.items.append(
            BudgetItem(rng.choice(form.budget.categories), text, total=str(rng.randint(1, 900) * 1000))
        )
    if rng.random() < 0.2:
        text = "\n".join(f"- {sentence(rng, 2, 8)}" for _ in range(rng.randint(1, 5)))
        draft.extra.append(ExtraSection("bilagor", "Bilagor", text, after=rng.choice(keys)))
    return draft


def realistic_set(count: int, start: int = 0) -> list[tuple[str, Form, Draft]]:
    """`count` realistic drafts over both forms, three fonts, 11/12 pt and about 1–12 pages."""
    forms = [load_form("finsam-malmo"), load_form("burlov-staffanstorp")]
    out = []
    for i in range(start, start + count):
        form = styled_form(
            forms[i % 2], ("Calibri", "Arial", "Times New Roman")[(i // 2) % 3], (11.0, 12.0)[(i // 6) % 2]
        )
        target = 1 + random.Random(5000 + i).random() * 11
        out.append((f"r{i:03d}", form, realistic_draft(5000 + i, form, target)))
    return out
