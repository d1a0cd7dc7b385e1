"""Reading a funder's blank form into a form file: blank forms made from the shipped forms'
.docx exports (and their PDF), one written in LibreOffice with other numbering and a contact
table, and a plain text one. The result passes `forms check` once its TODO lines are filled."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from assistant.core.document.export import export_docx
from assistant.core.document.office import profile_argument
from assistant.core.model.drafts import new_draft
from assistant.core.model.forms import Form, check_form_text, load_form
from assistant.core.model.forms.form_writer import form_toml
from assistant.core.model.forms.outline import FormOutline
from assistant.core.sources.blank_form import read_blank_form
from tests.conftest import ROOT, needs_libreoffice

BLANKS = ROOT / "tests" / "fixtures" / "blank-forms"
KNOWN = ["finsam-malmo", "burlov-staffanstorp"]


def known() -> list[Form]:
    return [load_form(form_id) for form_id in KNOWN]


def blank_from_export(form_id: str, directory: Path) -> Path:
    """The shipped form exported as an empty application: each heading with its instruction
    under it, an empty budget grid for two years, the signature page."""
    form = load_form(form_id)
    draft = new_draft(form)
    for heading in form.headings:
        draft.sections[heading.key] = heading.guidance
    for category in form.budget.categories:
        for year in (2026, 2027):
            draft.budget.set_cell(category, year, "")
    return export_docx(draft, directory / f"blankett-{form_id}.docx", form=form)


def fill_todos(text: str) -> str:
    """What the writer does: fill in each required `# TODO key = …` line and uncomment it."""
    text = re.sub(r'(?m)^# TODO (name|funder|guidance) = ""', r'\1 = "Ifylld text."', text)
    return re.sub(r"(?m)^# TODO max_words = 0", "max_words = 150", text)


def headings_of(form_or_outline: Form | FormOutline) -> list[tuple[str, str, int, str, str]]:
    return [(h.number, h.title, h.level, h.kind, h.key) for h in form_or_outline.headings]


def test_a_blank_form_from_the_finsam_export_gives_the_shipped_form(tmp_path):
    outline = read_blank_form(blank_from_export("finsam-malmo", tmp_path), "mitt-forbund", known())
    shipped = load_form("finsam-malmo")
    assert headings_of(outline) == headings_of(shipped)
    assert (outline.max_pages, outline.uncounted) == (7, ["underskrift"])
    assert "max 7 sidor" in outline.page_quote and "Underskriftssidan tillkommer" in outline.uncounted_quote
    assert tuple(outline.signature_lines) == shipped.signature.lines
    assert outline.signatories == shipped.signature.signatories == 2
    assert tuple(outline.budget_categories) == shipped.budget.categories
    assert (outline.budget_years, outline.budget_total_column) == (["2026", "2027"], True)
    written = check_form_text(fill_todos(form_toml(outline)), tmp_path / "mitt-forbund.toml")
    assert not written.errors, written.lines("en")
    form = written.form
    assert form is not None
    assert [h.display for h in form.headings] == [h.display for h in shipped.headings]
    assert [h.guidance for h in form.headings[:-1]] == [h.guidance for h in shipped.headings[:-1]]
    assert (form.page.max_pages, form.page.uncounted) == (shipped.page.max_pages, shipped.page.uncounted)
    assert form.signature == dataclass_replace(shipped.signature, source=form.signature.source)
    assert form.heading("underskrift").own_page and form.title_template == shipped.title_template


def dataclass_replace(value, **changes):
    import dataclasses

    return dataclasses.replace(value, **changes)


def test_a_blank_form_from_the_burlov_export_keeps_its_contact_table_and_cost_rows(tmp_path):
    outline = read_blank_form(blank_from_export("burlov-staffanstorp", tmp_path), "burlov-kopia", known())
    shipped = load_form("burlov-staffanstorp")
    assert [(h.title, h.kind, h.key) for h in outline.headings] == [(h.title, h.kind, h.key) for h in shipped.headings]
    assert tuple(outline.contact_columns) == shipped.contacts.columns
    assert tuple(outline.contact_fields) == shipped.contacts.fields
    assert tuple(outline.budget_categories) == shipped.budget.categories and not outline.budget_total_column
    assert outline.funder == shipped.funder and outline.max_pages is None
    assert outline.signatories == 1 and tuple(outline.signature_lines) == shipped.signature.lines
    assert not outline.heading("implementering").required
    written = check_form_text(fill_todos(form_toml(outline)), tmp_path / "burlov-kopia.toml")
    assert not written.errors, written.lines("en")


def test_a_libreoffice_form_with_letters_for_numbers_and_a_contact_table_down(tmp_path):
    outline = read_blank_form(BLANKS / "sodra-vatterbygden.docx", "sodra-vatterbygden", known())
    _assert_sodra_vatterbygden(outline)
    text = form_toml(outline)
    unfilled = check_form_text(text, tmp_path / "sodra-vatterbygden.toml")
    todo_lines = {i for i, line in enumerate(text.splitlines(), start=1) if line.startswith("# TODO ")}
    assert unfilled.errors and {p.line for p in unfilled.errors} <= todo_lines, unfilled.lines("en")
    filled = check_form_text(fill_todos(text), tmp_path / "sodra-vatterbygden.toml")
    assert not filled.errors, filled.lines("en")


def _assert_sodra_vatterbygden(outline: FormOutline) -> None:
    assert outline.title == "Ansökan om samverkansmedel från Samordningsförbundet Södra Vätterbygden"
    assert outline.funder == "Samordningsförbundet Södra Vätterbygden"
    assert headings_of(outline) == [
        ("A.", "Sökande organisation och kontaktperson", 1, "contacts", "kontaktuppgifter"),
        ("B.", "Projektets syfte och mål", 1, "text", "mal"),
        ("B.1", "Målgrupp och deltagare", 2, "text", "malgrupp"),
        ("B.2", "Genomförande", 2, "text", "aktiviteter"),
        ("C.", "Projektperiod", 1, "tidsplan", "tidsplan"),
        ("D.", "Kostnader", 1, "budget", "budget"),
        ("E.", "Uppföljning (frivillig)", 1, "text", "uppfoljning"),
        ("F.", "Underskrift", 1, "signature", "underskrift"),
    ]
    # Guessed from words (the form file says so), but "Underskrift" is a heading Burlöv's form has too.
    assert [h.key for h in outline.headings if h.key_sure] == ["underskrift"]
    assert not outline.heading("uppfoljning").required
    assert outline.heading("budget").guidance == "Fyll i kostnaderna per projektår."
    assert (outline.max_pages, outline.uncounted) == (5, ["underskrift"])
    assert outline.contact_columns == ["Organisation", "Kontaktperson", "Telefon", "E-post"]
    assert outline.contact_fields == ["organisation", "name", "phone", "email"]
    assert (outline.budget_categories, outline.budget_years) == (["Personal", "Lokaler", "Övrigt"], ["År 1", "År 2"])
    assert outline.signature_lines == ["Datum och ort", "Namnteckning", "Namnförtydligande"]
    assert outline.signatories == 1
    assert outline.heading("underskrift").guidance.startswith("Ansökan skrivs under av behörig företrädare")


def _soffice(source: Path, to: str, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice
    profile = outdir / "profile"
    subprocess.run(
        [
            soffice,
            profile_argument(profile, soffice),
            "--headless",
            "--norestore",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return outdir / f"{source.stem}.{to}"


@needs_libreoffice
def test_the_libreoffice_fixture_is_what_libreoffice_makes_of_its_source(tmp_path):
    converted = _soffice(BLANKS / "sodra-vatterbygden.fodt", "docx", tmp_path)
    _assert_sodra_vatterbygden(read_blank_form(converted, "sodra-vatterbygden", known()))


@needs_libreoffice
def test_a_pdf_of_the_blank_form_gives_the_same_headings_limit_and_signature(tmp_path):
    pdf = _soffice(blank_from_export("finsam-malmo", tmp_path), "pdf", tmp_path)
    outline = read_blank_form(pdf, "fran-pdf", known())
    shipped = load_form("finsam-malmo")
    assert [(h.number, h.title, h.key) for h in outline.headings] == [
        (h.number, h.title, h.key) for h in shipped.headings
    ]
    assert (outline.max_pages, outline.uncounted) == (7, ["underskrift"])
    assert (tuple(outline.signature_lines), outline.signatories) == (shipped.signature.lines, 2)
    written = check_form_text(fill_todos(form_toml(outline)), tmp_path / "fran-pdf.toml")
    assert not written.errors, written.lines("en")


TEXT_BLANK = """Ansökan om projektmedel

Samordningsförbundet Exempelbygd tar emot ansökningar löpande. Ansökan får vara högst sex sidor. \
Underskriftssidan räknas inte in i sidorna.

1. Kontaktuppgifter
Ange projektägare och kontaktperson.

2. Bakgrund
Beskriv behovet.

2.1 Målgrupp
Vilka deltagare vänder ni er till?

3. Budget
Kostnadsslag\t2026\t2027\tTotalt
Personal\t0\t0\t0
Lokaler\t0\t0\t0
Summa kostnader\t0\t0\t0

Underskrift
Ort och datum: ______________
______________
Namnteckning
"""


def test_a_plain_text_blank_form(tmp_path):
    path = tmp_path / "blankett.txt"
    path.write_text(TEXT_BLANK, encoding="utf-8")
    outline = read_blank_form(path, "exempelbygd", [])
    assert outline.title == "Ansökan om projektmedel" and outline.funder == "Samordningsförbundet Exempelbygd"
    assert [(h.number, h.title, h.level, h.kind) for h in outline.headings] == [
        ("1.", "Kontaktuppgifter", 1, "contacts"),
        ("2.", "Bakgrund", 1, "text"),
        ("2.1", "Målgrupp", 2, "text"),
        ("3.", "Budget", 1, "budget"),
        ("", "Underskrift", 1, "signature"),
    ]
    assert (outline.max_pages, outline.uncounted) == (6, ["underskrift"])
    assert outline.budget_categories == ["Personal", "Lokaler"] and outline.budget_total_column
    assert outline.signature_lines == ["Ort och datum:", "Namnteckning"]
    written = check_form_text(fill_todos(form_toml(outline)), tmp_path / "exempelbygd.toml")
    assert not written.errors and not written.warnings, written.lines("en")


def test_what_the_reader_cannot_decide_is_a_todo_line_that_forms_check_names(tmp_path):
    path = tmp_path / "tunn.txt"
    path.write_text("1. Bakgrund\n\n2. Syfte\n", encoding="utf-8")
    text = form_toml(read_blank_form(path, "tunn", []))
    lines = text.splitlines()
    check = check_form_text(text, tmp_path / "tunn.toml")
    named = {lines[p.line - 1].split("=")[0] for p in check.errors if p.line}
    assert named == {"# TODO name ", "# TODO funder ", "# TODO guidance "}, check.lines("en")
    assert any(line.startswith("# TODO title_template = ") for line in lines)
    assert any(line.startswith("# TODO max_pages = ") for line in lines)
    filled = fill_todos(text).replace('# TODO title_template = "Ansökan: {{ title }}"', 'title_template = "X"')
    assert not check_form_text(filled, tmp_path / "tunn.toml").errors


def test_the_form_files_text_survives_quotes_backslashes_and_triple_quotes(tmp_path):
    path = tmp_path / "knepig.txt"
    path.write_text(
        'Blankett "special"\n\nIngress med \\ och """ och \'\'\'.\n\n1. Bakgrund "citat"\nSkriv \\n inte.\n',
        encoding="utf-8",
    )
    outline = read_blank_form(path, "knepig", [])
    form = check_form_text(fill_todos(form_toml(outline)), tmp_path / "knepig.toml").form
    assert form is not None
    assert form.preamble == "Ingress med \\ och \"\"\" och '''."
    assert form.headings[0].title == 'Bakgrund "citat"' and form.headings[0].guidance == "Skriv \\n inte."
