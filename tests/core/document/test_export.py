"""Export to .docx: real files written with python-docx, read back, and laid out by LibreOffice."""

from __future__ import annotations

import dataclasses
import re
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from assistant.cli import main
from assistant.core.document.budget_tables import SUM_LABEL
from assistant.core.document.export import export_docx
from assistant.core.errors import UserError
from assistant.core.model.amounts import parse_amount
from assistant.core.model.budget import BudgetItem
from assistant.core.model.drafts import Contact, Draft, ExtraSection, save_draft
from assistant.core.model.forms import Form, load_form
from tests.conftest import SOURCES
from tests.core.document.drafts import demo_drafts, source_drafts, written_draft

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# ---------------------------------------------------------------------------------------------
# Drafts to export (tests/core/document/drafts.py)


def acceptance_drafts() -> list[tuple[str, Form, Draft]]:
    written = [
        (f"written-{fid}", load_form(fid), written_draft(load_form(fid)))
        for fid in ("finsam-malmo", "burlov-staffanstorp")
    ]
    form, draft = hostile_draft()
    return demo_drafts() + source_drafts() + written + [("hostile", form, draft)]


# The tests that read the module's exported files and their PDFs, kept on one xdist worker under
# `--dist loadgroup` (a no-op under `--dist load`): each worker that ran one of them exported every
# draft again (0.35 CPU-s) and, for the three LibreOffice tests, converted them all again (2 CPU-s).
SHARES_THE_EXPORT = pytest.mark.xdist_group("document-export")


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> list[tuple[str, Form, Draft, Path]]:
    out = tmp_path_factory.mktemp("export")
    return [
        (name, form, draft, export_docx(draft, out / f"{name}.docx", form=form))
        for name, form, draft in acceptance_drafts()
    ]


@pytest.fixture(scope="module")
def pdfs(exported, tmp_path_factory) -> dict[str, Path]:
    """Every exported file converted to PDF in one LibreOffice run."""
    from assistant.core.document.office import convert_many

    out = tmp_path_factory.mktemp("pdf")
    docs = [path for *_rest, path in exported]
    return {name: pdf for (name, *_rest), pdf in zip(exported, convert_many(docs, out), strict=False)}


# ---------------------------------------------------------------------------------------------
# Reading a .docx back


def headings_of(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]


def table_cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def amount(text: str) -> Decimal:
    return parse_amount(text) or Decimal(0)


def budget_tables(document) -> tuple[list[list[str]] | None, list[list[str]] | None]:
    detailed = compiled = None
    for table in document.tables:
        cells = table_cells(table)
        if cells[0][0] == "Post":
            detailed = cells
        elif cells[0][0] == "Kostnadsslag":
            compiled = cells
    return detailed, compiled


# ---------------------------------------------------------------------------------------------
# Structure


@SHARES_THE_EXPORT
def test_there_are_drafts_to_check(exported):
    names = [name for name, *_ in exported]
    assert any(n.startswith("written-") for n in names)
    if SOURCES.is_dir():
        assert sum(n.startswith("source-") for n in names) == 4


@SHARES_THE_EXPORT
def test_headings_are_the_forms_in_order_with_word_heading_styles(exported):
    for name, form, _draft, path in exported:
        document = docx.Document(str(path))
        assert all(h.level in (1, 2) for h in form.headings)
        expected = [(f"Heading {h.level}", h.display) for h in form.headings]
        assert headings_of(document) == expected, name


@SHARES_THE_EXPORT
def test_compiled_budget_totals_equal_the_sums_of_their_cells(exported):
    checked = 0
    for name, form, draft, path in exported:
        _detailed, compiled = budget_tables(docx.Document(str(path)))
        if not draft.budget.years:
            assert compiled is None
            continue
        assert compiled is not None, name
        header, *rows, sums = compiled
        years = len(draft.budget.years)
        assert header[1 : 1 + years] == [str(y) for y in draft.budget.years]
        assert sums[0] == SUM_LABEL
        if any(c == "?" for row in compiled for c in row):  # a bad cell: the checks report it
            continue
        for row in rows:
            values = [amount(c) for c in row[1 : 1 + years]]
            if form.budget.total_column:
                assert amount(row[-1]) == sum(values), (name, row)
        for column in range(1, len(header)):
            assert amount(sums[column]) == sum(amount(row[column]) for row in rows), (name, header[column])
        checked += 1
    assert checked >= 2


@SHARES_THE_EXPORT
def test_detailed_budget_subtotals_equal_their_items(exported):
    checked = 0
    for name, _form, draft, path in exported:
        detailed, _compiled = budget_tables(docx.Document(str(path)))
        if not draft.budget.items:
            continue
        assert detailed is not None, name
        if any(row[1] == "?" for row in detailed):
            continue
        group: list[Decimal] = []
        subtotals: list[Decimal] = []
        for text, value in detailed[1:-1]:
            if text.startswith("Summa "):
                assert amount(value) == sum(group), (name, text)
                subtotals.append(amount(value))
                group = []
            elif value:
                group.append(amount(value))
        assert amount(detailed[-1][1]) == sum(subtotals), name
        checked += 1
    assert checked >= 1


@SHARES_THE_EXPORT
def test_amounts_are_right_aligned_with_non_breaking_group_spaces(exported):
    _name, _form, _draft, path = next(e for e in exported if e[0] == "written-finsam-malmo")
    _detailed, compiled = budget_tables(docx.Document(str(path)))
    assert compiled[1][1] == "125\u00a0000"
    table = next(t for t in docx.Document(str(path)).tables if t.cell(0, 0).text == "Kostnadsslag")
    assert table.cell(1, 1).paragraphs[0].alignment == 2  # right
    assert table.cell(1, 0).paragraphs[0].alignment is None


def test_without_a_total_column_the_year_sums_stay(tmp_path):
    form = load_form("burlov-staffanstorp")
    assert form.budget.total_column is False
    draft = written_draft(form)
    path = export_docx(draft, tmp_path / "nototal.docx", form=form)
    _detailed, compiled = budget_tables(docx.Document(str(path)))
    assert "Totalt" not in compiled[0]
    assert compiled[-1][0] == SUM_LABEL
    assert amount(compiled[-1][1]) == 125_000 * len(form.budget.categories)


def test_bad_budget_cell_is_shown_as_typed_and_totals_are_not_invented(tmp_path):
    form = load_form("finsam-malmo")
    draft = written_draft(form)
    draft.budget.set_cell("Lokaler", 2027, "ca 40 tusen?")
    draft.budget.items.append(BudgetItem("Lokaler", "Hyra", total="mycket"))
    path = export_docx(draft, tmp_path / "bad.docx", form=form)
    detailed, compiled = budget_tables(docx.Document(str(path)))
    lokaler = next(row for row in compiled if row[0] == "Lokaler")
    assert lokaler[2] == "ca 40 tusen?" and lokaler[-1] == "?"
    assert compiled[-1][2] == "?" and compiled[-1][1] == "500\u00a0000"
    assert ["Hyra", "mycket"] in detailed


@SHARES_THE_EXPORT
def test_contacts_table_for_a_table_form_and_lines_otherwise(exported):
    burlov = next(e for e in exported if e[0] == "written-burlov-staffanstorp")
    document = docx.Document(str(burlov[3]))
    contacts = next(t for t in document.tables if t.cell(0, 0).text == "Namn")
    assert table_cells(contacts) == [
        list(burlov[1].contacts.columns),
        ["Anna Ek", "Malmö stad", "040-34 10 00", "anna.ek@malmo.se"],
    ]
    finsam = next(e for e in exported if e[0] == "written-finsam-malmo")
    texts = [p.text for p in docx.Document(str(finsam[3])).paragraphs]
    assert "Anna Ek, Projektledare, Malmö stad, tel. 040-34 10 00, anna.ek@malmo.se" in texts


@SHARES_THE_EXPORT
def test_body_markup_becomes_lists_runs_subheadings_and_tables(exported):
    _name, form, _draft, path = next(e for e in exported if e[0] == "written-finsam-malmo")
    document = docx.Document(str(path))
    styles = [p.style.name for p in document.paragraphs]
    assert styles.count("List Bullet") == 2 * (len(form.headings) - 1)
    assert styles.count("List Number") == 2 * (len(form.headings) - 1)
    assert styles.count("Heading 3") == len(form.headings) - 1
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold and p.style.name == "Normal"]
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic and p.style.name == "Normal"]
    assert "fet" in bold and "kursiv" in italic
    assert any(table_cells(t) == [["Aktivitet", "Tid"], ["Start", "Q1 2026"]] for t in document.tables)
    # every numbered list restarts at 1: each has its own w:num
    num_ids = {p._p.pPr.numPr.numId.val for p in document.paragraphs if p.style.name == "List Number"}
    assert len(num_ids) == len(form.headings) - 1


@SHARES_THE_EXPORT
def test_tidsplan_dates_and_signature_block(exported):
    _name, form, _draft, path = next(e for e in exported if e[0] == "written-finsam-malmo")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Startdatum: 2026-01-01" in texts and "Slutdatum: 2027-12-31" in texts
    signature_at = texts.index(form.heading("underskrift").display)
    tail = texts[signature_at:]
    assert "Karin Berg, Malmö stad" in tail
    for line in form.signature.lines:  # once per signatory (the form asks for two)
        assert sum(t.startswith(line) for t in tail) == form.signature.signatories


@SHARES_THE_EXPORT
def test_page_setup_fonts_footer_and_properties(exported):
    _name, form, draft, path = next(e for e in exported if e[0] == "written-finsam-malmo")
    document = docx.Document(str(path))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert round(section.left_margin.cm, 2) == form.page.margin_left_cm
    normal = document.styles["Normal"]
    assert normal.font.size.pt == form.page.font_size
    assert normal.paragraph_format.line_spacing == form.page.line_spacing
    assert normal.paragraph_format.space_after.pt == form.page.space_after_pt
    assert normal.paragraph_format.widow_control is True
    assert document.styles["Heading 1"].paragraph_format.keep_with_next is True
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet"):
        fonts = document.styles[name].element.rPr.rFonts
        assert {fonts.get(f"{W}{a}") for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {form.page.font}, name
        assert not any("Theme" in key or "theme" in key for key in fonts.attrib), name
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml
    props = document.core_properties
    assert props.title == "Ansökan: Steget vidare" and props.author == draft.organisation
    assert props.subject == form.name


@SHARES_THE_EXPORT
def test_signature_starts_its_page_with_page_break_before_not_a_break_paragraph(exported):
    for name, form, _draft, path in exported:
        document = docx.Document(str(path))
        signature = next(p for p in document.paragraphs if p.text == form.heading("underskrift").display)
        assert signature.paragraph_format.page_break_before is True, name
        assert 'w:type="page"' not in document.element.body.xml, name


def test_extra_sections_follow_the_section_they_came_after(tmp_path):
    form = load_form("finsam-malmo")
    draft = written_draft(form)
    draft.extra = [
        ExtraSection("annat", "Annat av vikt", "Region Skåne bidrar.", after="budget"),
        ExtraSection("forord", "Förord", "Inledande ord.", after=None),
    ]
    path = export_docx(draft, tmp_path / "extra.docx", form=form)
    paragraphs = [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]
    extra_style = "Ansökan extra rubrik"  # based on Heading 3; its own name lets the import find it
    assert docx.Document(str(path)).styles[extra_style].base_style.name == "Heading 3"
    at = paragraphs.index((extra_style, "Annat av vikt"))
    assert paragraphs[at + 1] == ("Normal", "Region Skåne bidrar.")
    later = [t for s, t in paragraphs[at:] if s in ("Heading 1", "Heading 2")]
    assert later[0] == form.heading("uppfoljning").display
    assert paragraphs.index((extra_style, "Förord")) < paragraphs.index(("Heading 1", "1. Kontaktuppgifter"))


def test_title_template_with_a_missing_field_is_a_clear_error(tmp_path):
    form = dataclasses.replace(load_form("finsam-malmo"), title_template="Ansökan: {{ title }} ({{ diarienummer }})")
    with pytest.raises(UserError) as info:
        export_docx(written_draft(form), tmp_path / "x.docx", form=form)
    assert "diarienummer" in info.value.message("sv")
    assert not (tmp_path / "x.docx").exists()


def test_title_template_cannot_reach_python_internals(tmp_path):
    form = dataclasses.replace(
        load_form("finsam-malmo"), title_template="{{ title.__class__.__mro__[1].__subclasses__() }}"
    )
    with pytest.raises(UserError):
        export_docx(written_draft(form), tmp_path / "x.docx", form=form)


def test_funders_template_gives_header_and_styles(tmp_path):
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = "Samordningsförbundet – logotyp"
    template.add_paragraph("Exempeltext i mallen som inte ska följa med.")
    template.save(str(tmp_path / "mall.docx"))
    base = load_form("finsam-malmo")
    form = dataclasses.replace(base, template="mall.docx", path=tmp_path / "form.toml")
    path = export_docx(written_draft(form), tmp_path / "med-mall.docx", form=form)
    document = docx.Document(str(path))
    assert document.sections[0].header.paragraphs[0].text == "Samordningsförbundet – logotyp"
    assert all("Exempeltext" not in p.text for p in document.paragraphs)
    assert headings_of(document) == [(f"Heading {h.level}", h.display) for h in form.headings]
    missing = dataclasses.replace(form, template="finns-inte.docx")
    with pytest.raises(UserError):
        export_docx(written_draft(missing), tmp_path / "x.docx", form=missing)


def test_export_is_atomic_and_leaves_no_temp_files(tmp_path):
    form = load_form("finsam-malmo")
    target = tmp_path / "ut.docx"
    export_docx(written_draft(form), target, form=form)
    export_docx(written_draft(form), target, form=form)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ut.docx"]
    assert target.stat().st_mode & 0o044  # shareable, not the temp file's 0600


# ---------------------------------------------------------------------------------------------
# Hostile text


HOSTILE = "Tom & Jerry <b>fet?</b> \"citat\" 'enkla' 😀🇸🇪 tab\there vt\x0bnul\x00 \ud800 slut ]]> &amp;"


def hostile_draft() -> tuple[Form, Draft]:
    form = load_form("finsam-malmo")
    draft = written_draft(form)
    draft.title = 'Ansökan <&> \x00"😀"'
    draft.organisation = "Org & <Co>\x0b"
    draft.sections["bakgrund"] = HOSTILE + "\n\n" + HOSTILE.replace("\t", " ")
    draft.contacts.append(Contact("Ö'Brien <x>", "&", "\x00", "", "a&b@c.se"))
    return form, draft


def test_hostile_text_exports_to_a_file_python_docx_reopens(tmp_path):
    form, draft = hostile_draft()
    path = export_docx(draft, tmp_path / "hostile.docx", form=form)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert 'Tom & Jerry <b>fet?</b> "citat"' in text and "😀🇸🇪" in text
    assert "\x00" not in text and "\x0b" not in text
    tables = [table_cells(t) for t in docx.Document(str(path)).tables]
    assert any(
        row[:2] == ["Tom & Jerry <b>fet?</b> \"citat\" 'enkla' 😀🇸🇪 tab", "here vtnul slut ]]> &amp;"]
        for t in tables
        for row in t
    )


@pytest.mark.libreoffice
@needs_soffice
@SHARES_THE_EXPORT
def test_hostile_text_converts_with_libreoffice(pdfs):
    from assistant.core.document.office import pdf_page_texts

    assert "Tom & Jerry" in "".join(pdf_page_texts(pdfs["hostile"]))


# ---------------------------------------------------------------------------------------------
# LibreOffice: the signature page


@pytest.mark.libreoffice
@needs_soffice
@SHARES_THE_EXPORT
def test_signature_heading_is_alone_on_the_last_page(exported, pdfs):
    from pypdf import PdfReader

    from assistant.core.document.office import counted_pages

    for name, form, draft, _path in exported:
        pdf = pdfs[name]
        total, counted = counted_pages(pdf, form.heading("underskrift").display)
        assert counted == total - 1, name
        last = PdfReader(str(pdf)).pages[-1].extract_text()
        allowed = [form.heading("underskrift").display, *form.signature.lines, str(total)]
        allowed += [f"{s.name}, {s.organisation}" for s in draft.signatories]
        leftover = " ".join(last.split())
        for piece in sorted(allowed, key=len, reverse=True):
            leftover = leftover.replace(" ".join(piece.split()), " ")
        leftover = re.sub(r"[_:\s]+", " ", leftover).strip()
        assert leftover == "", (name, leftover)


@pytest.mark.libreoffice
@needs_soffice
@SHARES_THE_EXPORT
def test_estimate_agrees_with_libreoffice_on_the_acceptance_drafts(exported, pdfs):
    from assistant.core.document.layout import estimate_pages
    from assistant.core.document.office import counted_pages

    for name, form, draft, _path in exported:
        _total, counted = counted_pages(pdfs[name], form.heading("underskrift").display)
        assert abs(estimate_pages(draft, form).body_pages - counted) <= 1, name


# ---------------------------------------------------------------------------------------------
# The command


def saved_draft(tmp_path: Path) -> Path:
    form = load_form("finsam-malmo")
    path = tmp_path / "ansokan.md"
    save_draft(written_draft(form), path)
    return path


def test_cli_export_writes_next_to_the_draft_and_prints_pages(tmp_path, capsys):
    draft = saved_draft(tmp_path)
    assert main(["export", str(draft)]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "ansokan.docx").is_file()
    assert f"Skrev {tmp_path / 'ansokan.docx'}" in out and re.search(r"\d+ sid(a|or) \+ underskriftssida", out)


def test_cli_refuses_a_directory_a_symlink_and_a_missing_chain_of_directories(tmp_path, capsys):
    draft = saved_draft(tmp_path)
    assert main(["export", str(draft), "-o", str(tmp_path)]) == 2
    assert "katalog" in capsys.readouterr().err
    elsewhere = tmp_path / "annan.txt"
    elsewhere.write_text("orörd")
    (tmp_path / "ansokan.docx").symlink_to(elsewhere)
    assert main(["export", str(draft)]) == 2
    assert "symbolisk länk" in capsys.readouterr().err
    assert elsewhere.read_text() == "orörd"
    assert main(["export", str(draft), "-o", str(tmp_path / "a" / "b" / "ut.docx")]) == 2
    assert not (tmp_path / "a").exists()
    assert main(["export", str(draft), "-o", str(tmp_path / "ny" / "ut.docx")]) == 0
    assert (tmp_path / "ny" / "ut.docx").is_file()
    assert main(["export", str(draft), "-o", str(draft)]) == 2


def test_cli_pdf_without_libreoffice_says_so_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANSOKAN_SOFFICE", str(tmp_path / "ingen-soffice"))
    draft = saved_draft(tmp_path)
    assert main(["export", str(draft), "--pdf"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("PDF skrevs inte: LibreOffice är inte installerat")
    assert not (tmp_path / "ansokan.pdf").exists()


@pytest.mark.libreoffice
@needs_soffice
def test_cli_pdf_with_libreoffice(tmp_path, capsys):
    draft = saved_draft(tmp_path)
    assert main(["export", str(draft), "--pdf"]) == 0
    out = capsys.readouterr().out
    assert (tmp_path / "ansokan.pdf").is_file() and "enligt LibreOffice" in out


def test_round_trip_through_the_importer_gives_back_the_sections(tmp_path):
    from assistant.core.sources.start import draft_from_source

    for form_id in ("finsam-malmo", "burlov-staffanstorp"):
        form = load_form(form_id)
        draft = written_draft(form)
        draft.sections["bakgrund"] = "Första stycket om **bakgrunden**.\n\nAndra stycket med *kursiv* text."
        path = export_docx(draft, tmp_path / f"{form_id}.docx", form=form)
        back, report = draft_from_source(form, path)
        assert report.missing == [], form_id
        assert {key: report.placed[key] for key in form.keys} == {h.key: h.display for h in form.headings}
        words = re.findall(r"\w+", back.sections["bakgrund"])
        assert words == re.findall(r"\w+", draft.sections["bakgrund"]), form_id


def test_cli_says_how_many_pages_too_many(tmp_path, capsys):
    form = load_form("finsam-malmo")
    draft = written_draft(form)
    draft.sections["bakgrund"] = "\n\n".join(["Ett långt stycke om bakgrunden och behoven i Malmö. " * 12] * 40)
    path = tmp_path / "lang.md"
    save_draft(draft, path)
    assert main(["export", str(path)]) == 0
    out = capsys.readouterr().out
    match = re.search(r"\((\d+) sidor \+ underskriftssida; gräns 7, (\d+) sid(a|or) för mycket\)", out)
    assert match and int(match.group(1)) - 7 == int(match.group(2))
