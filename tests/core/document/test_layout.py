"""The fast page estimate against LibreOffice, on generated Swedish-looking drafts.

Drafts are generated deterministically (seeded random, a Swedish word list), 1 to 12 pages,
in the fonts and sizes the forms allow; each is exported, all are converted to PDF in one
LibreOffice run, and the body pages LibreOffice makes are compared with the estimate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import shutil

import pytest

from assistant.core.document.fonts import face
from assistant.core.document.layout import PageEstimate, count_lines, estimate_pages, line_height
from assistant.core.model.budget import BudgetItem
from assistant.core.model.drafts import Contact, Draft, Signatory, new_draft
from assistant.core.model.forms import Form, load_form
from assistant.core.model.markup import Run

WORDS = [
    "och",
    "att",
    "det",
    "som",
    "en",
    "på",
    "är",
    "av",
    "för",
    "med",
    "till",
    "den",
    "har",
    "de",
    "inte",
    "om",
    "ett",
    "men",
    "vi",
    "kan",
    "ska",
    "alla",
    "deltagare",
    "insatsen",
    "projektet",
    "samverkan",
    "arbetsmarknaden",
    "målgruppen",
    "kommunen",
    "Försäkringskassan",
    "Arbetsförmedlingen",
    "samordningsförbundet",
    "rehabilitering",
    "sysselsättning",
    "utbildning",
    "stöd",
    "individuellt",
    "långsiktigt",
    "hållbar",
    "förbättrad",
    "uppföljning",
    "utvärdering",
    "metod",
    "arbetssätt",
    "genomförande",
    "handledare",
    "kartläggning",
    "aktivitet",
    "unga",
    "vuxna",
    "personer",
    "behov",
    "hälsa",
    "psykisk",
    "ohälsa",
    "försörjningsstöd",
    "studier",
    "praktik",
    "arbete",
    "möjlighet",
    "ansvar",
    "styrgrupp",
    "projektledare",
    "socialtjänsten",
    "regionen",
    "vården",
    "kvinnor",
    "män",
    "resultat",
    "effekter",
    "mål",
    "utveckling",
    "kompetens",
    "erfarenheter",
    "implementering",
    "ordinarie",
    "verksamhet",
    "tillsammans",
    "gemensam",
    "förutsättningar",
    "arbetsgivare",
    "motivation",
    "självständighet",
    "delaktighet",
    "trygghet",
    "vardag",
    "struktur",
    "2026",
    "2027",
    "15",
    "procent",
    "120",
    "deltagare",
    "arbetsmarknads-insatser",
    "Malmö",
    "Lund",
    "Burlöv",
    "Staffanstorp",
    "FINSAM-medel",
    "e-post",
    "och/eller",
    "2026-03-01",
    "https://www.finsamimalmo.se/ansokan/riktlinjer",
]


def _sentence(rng: random.Random, lo: int = 6, hi: int = 22) -> str:
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
    return " ".join(_sentence(rng) for _ in range(sentences))


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
                "\n".join(f"{'  ' if i and rng.random() < 0.3 else ''}- {_sentence(rng, 3, 18)}" for i in range(count))
            )
        elif roll < 0.8:
            count = rng.randint(2, 4) if rng.random() < 0.8 else rng.randint(9, 12)
            parts.append("\n".join(f"{i}. {_sentence(rng, 3, 14)}" for i in range(1, count + 1)))
        elif roll < 0.9:
            count = 0.5
            parts.append(f"### {_sentence(rng, 2, 5).rstrip('.')}")
        else:
            count = rng.randint(2, 5)
            rows = ["Aktivitet\tBeskrivning\tTidpunkt"]
            for _ in range(count):
                rows.append(f"{_sentence(rng, 1, 3)}\t{_sentence(rng, 4, 16)}\tKvartal {rng.randint(1, 4)}")
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
        title=f"Insats {seed}: {_sentence(rng, 2, 5).rstrip('.')}",
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
                BudgetItem(category, _sentence(rng, 2, 6).rstrip("."), total=str(rng.randint(1, 900) * 1000))
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


# ---------------------------------------------------------------------------------------------
# Unit tests of the pieces (fast, no LibreOffice)


def test_line_heights_follow_the_fonts_own_metrics():
    # shared/notes/page-layout.md: Carlito 11 pt 13.45 / 15.45 pt, Liberation 12 pt 13.80 / 15.85 pt.
    assert line_height("Calibri", 11, 1.0) == pytest.approx(13.45)
    assert line_height("Calibri", 11, 1.15) == pytest.approx(15.45)
    assert line_height("Calibri", 12, 1.15) == pytest.approx(16.80)
    assert line_height("Arial", 12, 1.0) == pytest.approx(13.80)
    assert line_height("Times New Roman", 11, 1.15) == pytest.approx(14.50)


def test_bold_text_is_wider_than_regular():
    assert face("Calibri", bold=True).width("arbetsmarknaden") > face("Calibri").width("arbetsmarknaden")


def test_count_lines_wraps_greedily_at_spaces():
    from assistant.core.document.model import document_styles

    style = document_styles(load_form("finsam-malmo"))["Normal"]
    word = face("Calibri").width("samverkan") * 11
    space = face("Calibri").width(" ") * 11
    runs = (Run(" ".join(["samverkan"] * 10)),)
    per_line = int((400 + space) // (word + space))
    assert count_lines(runs, style, 11, 400) == -(-10 // per_line)
    assert count_lines((Run(""),), style, 11, 400) == 1


def test_estimate_does_not_fail_on_a_title_template_the_export_refuses():
    form = dataclasses.replace(load_form("finsam-malmo"), title_template="{{ okänt_fält }}")
    assert estimate_pages(sample_draft(2, form, 2), form).body_pages >= 1


def test_estimate_grows_with_text_and_reports_the_limit():
    form = load_form("finsam-malmo")
    short = estimate_pages(sample_draft(1, form, 2), form)
    long = estimate_pages(sample_draft(1, form, 9), form)
    assert isinstance(short, PageEstimate)
    assert short.body_pages < long.body_pages
    assert long.limit == 7 and long.over_limit
    assert 0 <= short.last_page_fill <= 1
    assert short.body_pages - 1 < short.pages <= short.body_pages


# ---------------------------------------------------------------------------------------------
# Against LibreOffice


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_estimate_matches_libreoffice_page_count(tmp_path):
    from assistant.core.document.export import export_docx
    from assistant.core.document.office import convert_many, counted_pages, uncounted_heading

    samples = sample_set(36)
    docs = [export_docx(draft, tmp_path / f"{name}.docx", form=form) for name, form, draft in samples]
    pdfs = convert_many(docs, tmp_path)
    results = []
    for (name, form, draft), pdf in zip(samples, pdfs, strict=False):
        _total, counted = counted_pages(pdf, uncounted_heading(form))
        estimate = estimate_pages(draft, form).body_pages
        results.append((name, form.page.font, form.page.font_size, counted, estimate))
    assert {r[3] for r in results} >= {1, 12} or max(r[3] for r in results) >= 10
    exact = sum(1 for r in results if r[3] == r[4])
    worst = max(abs(r[3] - r[4]) for r in results)
    misses = [r for r in results if r[3] != r[4]]
    assert exact / len(results) >= 0.95, misses
    assert worst <= 1, misses


# ---------------------------------------------------------------------------------------------
# The page-break rules on hand-built documents (shared/notes/page-layout.md)


def _model(items):
    from assistant.core.document.model import DocumentModel, document_styles

    form = load_form("finsam-malmo")
    return DocumentModel(form=form, styles=document_styles(form), items=list(items))


def _lines(count: int, text: str = "Rad"):
    from assistant.core.document.model import Para

    return [Para("Normal", (Run(f"{text} {i}"),), after=0.0) for i in range(count)]


def _page_capacity() -> int:
    from assistant.core.document.layout import BODY_SLACK_PT
    from assistant.core.document.model import text_height_pt

    return int((text_height_pt(load_form("finsam-malmo")) + BODY_SLACK_PT) // line_height("Calibri", 11, 1.15))


def test_a_page_holds_as_many_lines_as_fit():
    from assistant.core.document.layout import layout_pages

    full = _page_capacity()
    assert layout_pages(_model(_lines(full)))[0] == 1
    assert layout_pages(_model(_lines(full + 1)))[0] == 2


def test_a_heading_moves_with_the_start_of_its_paragraph():
    from assistant.core.document.layout import layout_pages
    from assistant.core.document.model import Para

    heading = Para("Heading 2", (Run("3.1. Tidsplan"),))
    body = Para("Normal", (Run("Kort stycke."),))
    # room for the heading but not for the heading and the line after it: both go to page 2
    items = [*_lines(_page_capacity() - 2), heading, body]
    pages, used, _total = layout_pages(_model(items))
    assert pages == 2 and used < 60


def test_widow_and_orphan_control_keeps_two_lines_together():
    from assistant.core.document.layout import layout_pages
    from assistant.core.document.model import Para

    long_text = " ".join(["samverkan"] * 60)  # several lines
    para = Para("Normal", (Run(long_text),), after=0.0)
    lh = line_height("Calibri", 11, 1.15)
    for room in (1, 2, 3):
        items = [*_lines(_page_capacity() - room), para]
        pages, used, _ = layout_pages(_model(items))
        n = count_lines(para.runs, _model([]).styles["Normal"], 11, _model([]).text_width)
        on_second = round(used / lh)
        assert pages == 2
        assert on_second >= 2, room  # never one line alone at the top (widow)
        assert n - on_second in (0,) or n - on_second >= 2, room  # nor one line alone at the bottom


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_exact_pages_counts_the_body_without_the_signature_page():
    from assistant.core.document.office import exact_pages

    form = load_form("finsam-malmo")
    draft = sample_draft(5, form, 3)
    total, counted = exact_pages(draft, form)
    assert counted == total - 1
    assert counted == estimate_pages(draft, form).body_pages


def _clear_layout_caches():
    from assistant.core.document import build, fonts, layout

    for cached in (
        fonts.face,
        layout.count_lines,
        layout.line_height,
        layout._runs_line_height,
        build._markup_table_for,
    ):
        cached.cache_clear()
    layout._TABLE_ROWS.clear()


def test_without_font_files_the_estimate_falls_back_to_average_widths(monkeypatch):
    from assistant.core.document import fonts

    samples = sample_set(12)
    with_fonts = [estimate_pages(draft, form).body_pages for _name, form, draft in samples]
    monkeypatch.setattr(fonts, "font_file", lambda *args: None)
    _clear_layout_caches()
    try:
        assert face("Calibri").widths.keys() <= {" ", "\u00a0"}  # really the fallback
        without = [estimate_pages(draft, form).body_pages for _name, form, draft in samples]
    finally:
        monkeypatch.undo()
        _clear_layout_caches()
    assert all(abs(a - b) <= 1 for a, b in zip(with_fonts, without, strict=False))
    assert sum(a == b for a, b in zip(with_fonts, without, strict=False)) >= len(samples) * 3 // 4
