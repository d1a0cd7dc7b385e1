"""A form that names the funder's own Word file (`template = "…docx"`): the export is written into
it, keeping its header, footer and styles; and a form's preamble is printed as text, never as a
heading of the application."""

from __future__ import annotations

import os
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from assistant.core.storage.paths import forms_dir
from tests.conftest import run_cli

HEADER_TEXT = "Samordningsförbundet Exempelbygd – Dnr ______"
CUSTOM_STYLE = "Förbundets faktaruta"


def _funders_template(path: Path, *, footer: str = "") -> Path:
    """A funder's own .docx: a header with text, a style of its own, sample text to be dropped."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER_TEXT
    if footer:
        section.footer.paragraphs[0].text = footer
    style = document.styles.add_style(CUSTOM_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.font.name, style.font.size = "Georgia", Pt(9)
    document.add_paragraph("Skriv här. Ta bort den här texten.")
    document.save(str(path))
    return path


def _form_with(form_id: str, template: str | None, preamble: str | None = None) -> Path:
    forms = Path(os.environ["ANSOKAN_FORMS"])
    forms.mkdir(parents=True, exist_ok=True)
    text = (forms_dir() / "finsam-malmo.toml").read_text(encoding="utf-8")
    text = text.replace('id = "finsam-malmo"', f'id = "{form_id}"')
    if template:
        text = text.replace('title_template = "', f'template = "{template}"\ntitle_template = "', 1)
    if preamble:
        text = text.replace('preamble = """\n', f'preamble = """\n{preamble}\n\n', 1)
    path = forms / f"{form_id}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _export(form_id: str, tmp_path: Path) -> docx.document.Document:
    draft = tmp_path / "utkast.md"
    assert run_cli("new", "--form", form_id, "--title", "Vägen in", str(draft)).returncode == 0
    out = tmp_path / "ut.docx"
    result = run_cli("export", str(draft), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return docx.Document(str(out))


def test_the_export_is_written_into_the_funders_template(tmp_path):
    form = _form_with("med-mall", "mallar/exempelbygd.docx")
    (form.parent / "mallar").mkdir()
    _funders_template(form.parent / "mallar" / "exempelbygd.docx")
    assert run_cli("forms", "check", str(form)).returncode == 0
    document = _export("med-mall", tmp_path)
    section = document.sections[0]
    assert section.header.paragraphs[0].text == HEADER_TEXT
    assert CUSTOM_STYLE in [s.name for s in document.styles]
    texts = [p.text for p in document.paragraphs]
    assert "Skriv här. Ta bort den här texten." not in texts
    assert texts[0] == "Ansökan: Vägen in" and "1. Kontaktuppgifter" in texts
    assert round(section.left_margin.cm, 1) == 2.5  # the form's [page] still decides the margins
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml  # the template has no footer text: the page number is added


def test_a_footer_of_the_templates_own_is_kept(tmp_path):
    form = _form_with("med-sidfot", "mall.docx")
    _funders_template(form.parent / "mall.docx", footer="Blankett version 3")
    document = _export("med-sidfot", tmp_path)
    assert document.sections[0].footer.paragraphs[0].text == "Blankett version 3"


def test_a_missing_template_is_named_by_forms_check(tmp_path):
    form = _form_with("utan-mall", "finns-inte.docx")
    result = run_cli("--lang", "en", "forms", "check", str(form))
    assert result.returncode == 1
    assert f"{form}:" in result.stderr and "finns-inte.docx" in result.stderr


def test_a_project_title_in_the_preamble_is_printed_as_text_not_as_a_heading(tmp_path):
    _form_with("med-ingress", None, preamble="### Projektets namn: ________")
    document = _export("med-ingress", tmp_path)
    line = next(p for p in document.paragraphs if "Projektets namn" in p.text)
    assert line.style.name == "Normal" and line.text == "Projektets namn: ________"
    assert all(run.italic for run in line.runs if run.text.strip())
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "1. Kontaktuppgifter"
