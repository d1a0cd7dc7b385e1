"""`ansokan new --from` on the four real approved applications: every section in place, no text lost."""

from __future__ import annotations

import json
import re

import pytest

from assistant.core.model.drafts import load_draft
from assistant.core.model.forms import load_form
from tests.conftest import run_cli, source_files

SOURCES = source_files()
pytestmark = pytest.mark.skipif(not SOURCES, reason="shared/library-sources is not beside the repo")

# Headings each source really has (by reading it), by the form's canonical keys.
EXPECTED_KEYS = {
    "000": [
        "kontaktuppgifter",
        "bakgrund",
        "presentation",
        "tidsplan",
        "malgrupp",
        "mal",
        "organisering",
        "implementering",
        "budget",
        "uppfoljning",
    ],
    "001": [
        "kontaktuppgifter",
        "bakgrund",
        "presentation",
        "tidsplan",
        "malgrupp",
        "mal",
        "organisering",
        "aktiviteter",
        "implementering",
        "budget",
        "uppfoljning",
    ],
    "002": [
        "projektnamn",
        "kontaktuppgifter",
        "bakgrund",
        "presentation",
        "syfte",
        "mal",
        "malgrupp",
        "aktiviteter",
        "organisering",
        "budget",
        "tidsplan",
        "uppfoljning",
        "implementering",
        "forankring",
    ],
    "003": [
        "kontaktuppgifter",
        "bakgrund",
        "presentation",
        "tidsplan",
        "malgrupp",
        "mal",
        "organisering",
        "aktiviteter",
        "implementering",
        "budget",
        "uppfoljning",
    ],
}
PERIODS = {
    "000": ("2017-03-01", "2019-02-28"),
    "001": ("2020-04-01", "2022-03-31"),
    "002": ("2020-06-01", "2022-12-31"),
    "003": ("2021-01-01", "2023-12-31"),
}
# Table labels and units: the form's printed table, not the applicant's words.
TABLE_WORDS = {
    "totalt",
    "summa",
    "år",
    "kr",
    "kronor",
    "omfattning",
    "sammanställd",
    "budget",
    "detaljerad",
    "resurser",
    "kostnader",
    "mkr",
    "tkr",
}


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+", text)}


def _form_words(form) -> set[str]:
    words = set(TABLE_WORDS)
    for h in form.headings:
        words |= _words(h.display) | _words(" ".join(h.aliases))
    words |= _words(form.preamble) | _words(" ".join(form.signature.lines)) | _words(form.title_template)
    words |= _words(" ".join(form.budget.categories))
    words |= {"ansökan", "riktlinjer", "för"}
    return words


@pytest.mark.parametrize("source,form_id", SOURCES, ids=[p.name[:3] for p, _ in SOURCES])
def test_every_heading_is_placed_and_non_empty(tmp_path, source, form_id):
    out = tmp_path / "x.md"
    made = run_cli("new", "--form", form_id, "--from", str(source), str(out))
    assert made.returncode == 0, made.stderr
    status = run_cli("status", str(out), "--json")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    words = {s["key"]: s["words"] for s in data["sections"]}
    for key in EXPECTED_KEYS[source.name[:3]]:
        assert words[key] > 0, f"{key} is empty after import"


@pytest.mark.parametrize("source,form_id", SOURCES, ids=[p.name[:3] for p, _ in SOURCES])
def test_no_text_of_the_source_is_lost(tmp_path, source, form_id):
    out = tmp_path / "x.md"
    assert run_cli("new", "--form", form_id, "--from", str(source), str(out)).returncode == 0
    draft_words = _words(out.read_text(encoding="utf-8"))
    source_words = _words(re.sub(r"<[^>]+>", " ", source.read_text(encoding="utf-8")))
    lost = source_words - draft_words - _form_words(load_form(form_id))
    assert not lost, f"words of the source missing from the draft: {sorted(lost)[:30]}"


@pytest.mark.parametrize("source,form_id", SOURCES, ids=[p.name[:3] for p, _ in SOURCES])
def test_period_and_title_are_read(tmp_path, source, form_id):
    out = tmp_path / "x.md"
    assert run_cli("new", "--form", form_id, "--from", str(source), str(out)).returncode == 0
    draft = load_draft(out)
    start, end = PERIODS[source.name[:3]]
    assert (str(draft.start), str(draft.end)) == (start, end)
    if source.name.startswith(("001", "002", "003")):
        assert draft.title


def test_contact_table_becomes_contacts(tmp_path):
    source = next(p for p, f in SOURCES if p.name.startswith("002"))
    out = tmp_path / "x.md"
    assert run_cli("new", "--form", "burlov-staffanstorp", "--from", str(source), str(out)).returncode == 0
    draft = load_draft(out)
    assert [c.name for c in draft.contacts] == ["Annette Christiansson"]
    assert draft.contacts[0].organisation == "Arbetsmarknadsförvaltningen"
    assert "Staffanstorps kommun" in draft.organisation


def test_refuses_to_overwrite(tmp_path):
    out = tmp_path / "x.md"
    out.write_text("mitt viktiga utkast", encoding="utf-8")
    source, form_id = SOURCES[0]
    result = run_cli("new", "--form", form_id, "--from", str(source), str(out))
    assert result.returncode == 2
    assert "finns redan" in result.stderr
    assert out.read_text(encoding="utf-8") == "mitt viktiga utkast"


@pytest.mark.parametrize("source,form_id", SOURCES, ids=[p.name[:3] for p, _ in SOURCES])
def test_export_leaves_out_the_unplaced_text(tmp_path, source, form_id):
    """What the source had outside the form's headings (dates, version lines) stays in the draft
    for the writer, but is not printed at the top of the application."""
    import docx

    out = tmp_path / "x.md"
    assert run_cli("new", "--form", form_id, "--from", str(source), str(out)).returncode == 0
    exported = run_cli("export", str(out), "-o", str(tmp_path / "x.docx"))
    assert exported.returncode == 0, exported.stderr
    document = docx.Document(str(tmp_path / "x.docx"))
    printed = "\n".join(p.text for p in document.paragraphs)
    assert "Oplacerad text" not in printed
    if source.name.startswith("002"):
        assert "Version nr: 5" in out.read_text(encoding="utf-8")  # kept in the draft …
        assert "Version nr" not in printed  # … and not exported


SMALL_SOURCE = """{title}

Version 2, 2021-03-04

1. Kontaktuppgifter

Malmö stad, arbetsmarknadsförvaltningen.

2. Bakgrund

Unga vuxna behöver samordnat stöd.

3.1 Tidsplan

{period}

Budget i kronor (detaljerad samt sammanställd)

{budget}

4. Metoder för uppföljning och utvärdering

Vi följer upp varje halvår.
"""
PIPE_BUDGET = """| Kostnad | 2021 | 2022 | Totalt |
|---|---:|---:|---:|
| Personal | 100 000 | 120 000 | 220 000 |
| Lokaler | 10 000 | 10 000 | 20 000 |
| Totalt | 110 000 | 130 000 | 240 000 |"""
HTML_BUDGET = (
    "<table><tr><th>Kostnad</th><th>2021</th><th>2022</th><th>Totalt</th></tr>"
    "<tr><td>Personal</td><td>100 000</td><td>120 000</td><td>220 000</td></tr>"
    "<tr><td>Lokaler</td><td>10 000</td><td>10 000</td><td>20 000</td></tr></table>"
)
TAB_BUDGET = "Kostnad\t2021\t2022\tTotalt\nPersonal\t100 000\t120 000\t220 000\nLokaler\t10 000\t10 000\t20 000"


def _start(tmp_path, name="kalla.md", **values):
    from assistant.core.sources.start import draft_from_source

    fields = {"title": "# Projekt Nya vägar", "period": "Startdatum: 1 mars 2021", "budget": TAB_BUDGET}
    source = tmp_path / name
    source.write_text(SMALL_SOURCE.format(**{**fields, **values}), encoding="utf-8")
    return draft_from_source(load_form("finsam-malmo"), source)


@pytest.mark.parametrize("table", [PIPE_BUDGET, HTML_BUDGET, TAB_BUDGET], ids=["pipe", "html", "tab"])
def test_pipe_html_and_tab_tables_are_read_as_the_budget(tmp_path, table):
    draft, _report = _start(tmp_path, budget=table)
    assert draft.budget.years == [2021, 2022]
    assert draft.budget.cell("Personal", 2022) == "120 000"
    assert draft.budget.cell("Lokaler", 2021) == "10 000"
    assert "|" not in draft.sections["budget"] and "<t" not in draft.sections["budget"]


@pytest.mark.parametrize(
    "period,start,end",
    [
        ("Startdatum: mars 2021\nSlutdatum: februari 2023", "2021-03-01", "2023-02-28"),
        ("Projektet pågår från april 2020 till mars 2022.", "2020-04-01", "2022-03-31"),
        ("Projektperiod: 1 juni 2020 – dec 2022", "2020-06-01", "2022-12-31"),
    ],
)
def test_month_and_year_dates_give_the_period(tmp_path, period, start, end):
    draft, _report = _start(tmp_path, period=period)
    assert (str(draft.start), str(draft.end)) == (start, end)


def test_a_markdown_title_becomes_the_drafts_title(tmp_path):
    draft, report = _start(tmp_path)
    assert draft.title == "Projekt Nya vägar"
    assert all("projekttitel" not in note.sv for note in report.notes)
    unplaced = next(extra for extra in draft.extra if extra.unplaced)
    assert "Version 2" in unplaced.text and "Nya vägar" not in unplaced.text


def test_a_word_title_becomes_the_drafts_title(tmp_path):
    from assistant.core.sources.start import draft_from_source
    from tests.core.sources import wild_docx

    source = wild_docx.write(
        tmp_path / "kalla.docx",
        wild_docx.build([("Vägen vidare", "Title"), ("2. Bakgrund", "Heading 1"), ("Unga vuxna behöver stöd.", None)]),
    )
    draft, _report = draft_from_source(load_form("finsam-malmo"), source)
    assert draft.title == "Vägen vidare"
    assert draft.sections["bakgrund"] == "Unga vuxna behöver stöd."


def test_the_notes_are_in_both_languages(tmp_path):
    draft, report = _start(tmp_path, title="Ingen rubrik här, bara text som inleder.")
    assert not draft.title
    assert [note.sv.split(";")[0] for note in report.notes] == [
        "ingen projekttitel hittades i källan",
        "texten under ”Oplacerad text (från källan)” kommer inte med i exporten",
    ]
    assert report.notes[1].en.startswith("the text under “Oplacerad text (från källan)” is left out of the export")
    english = run_cli(
        "--lang", "en", "new", "--form", "finsam-malmo", "--from", str(tmp_path / "kalla.md"), str(tmp_path / "u.md")
    )
    assert "no project title was found in the source" in english.stdout
    assert "left out of the export" in english.stdout
