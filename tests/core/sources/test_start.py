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
