"""Adapting reused passages: the draft's own names and years in, the rest marked, nothing executed."""

from __future__ import annotations

import datetime as dt
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.model.drafts import ExtraSection, new_draft, parse_draft, save_draft, to_text
from assistant.core.model.forms import load_form
from assistant.core.reuse.adapt import MARKER_RE, adapt, adapt_draft, record_source
from assistant.core.reuse.library import Entry
from tests.conftest import run_cli

FRAM = Entry(
    id="finsam-malmo-2021-fram",
    title="FRAM",
    organisation="Malmö stad",
    municipality="Malmö",
    year=2021,
    start=dt.date(2021, 1, 1),
    end=dt.date(2023, 12, 31),
    projects=["FRAM", "Aktivitetscenter"],
)


def _draft(**values):
    draft = new_draft(
        load_form("finsam-malmo"),
        title=values.get("title", "Lunds ungdomsspår"),
        organisation=values.get("organisation", "Lunds kommun"),
        municipality=values.get("municipality", "Lund"),
    )
    draft.start, draft.end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    return draft


def _passage(text: str) -> dict:
    return {
        "text": text,
        "source": {"id": FRAM.id, "title": FRAM.title, "organisation": FRAM.organisation, "year": FRAM.year},
        "passage_id": f"{FRAM.id}#bakgrund-3",
    }


def test_names_and_the_period_are_replaced_by_the_drafts_own():
    text = (
        "Malmö stads arbetsmarknadsavdelning driver FRAM i Malmö från 2021-01-01 till 2023-12-31. "
        "Uppstarten sker i början av 2021."
    )
    adapted = adapt(_passage(text), _draft(), entry=FRAM)
    assert adapted.text == (
        "Lunds kommuns arbetsmarknadsavdelning driver Lunds ungdomsspår i Lund från 2026-01-01 "
        "till 2027-12-31. Uppstarten sker i början av 2026."
    )
    assert {(r.kind, r.old, r.new) for r in adapted.replacements} >= {
        ("organisation", "Malmö stads", "Lunds kommuns"),
        ("project", "FRAM", "Lunds ungdomsspår"),
        ("municipality", "Malmö", "Lund"),
        ("date", "2021-01-01", "2026-01-01"),
        ("year", "2021", "2026"),
    }
    assert adapted.unresolved == []


def test_what_cannot_be_known_is_marked_for_the_writer():
    text = (
        "Aktivitetscenter har sedan 2013 tagit emot deltagare. Styrgrupp: [namn], Försäkringskassan. "
        "Malmö stad bidrar med 8 000 tkr per år."
    )
    adapted = adapt(_passage(text), _draft(), entry=FRAM)
    marks = MARKER_RE.findall(adapted.text)
    assert "⟦Aktivitetscenter → ?⟧" in marks and "⟦2013 → ?⟧" in marks and "⟦namn → ?⟧" in marks
    assert any("8" in m and "tkr" in m for m in marks)
    assert {m.kind for m in adapted.unresolved} == {"project", "year", "person", "amount"}
    assert "Lunds kommun bidrar" in adapted.text


def test_an_empty_draft_field_marks_instead_of_blanking():
    adapted = adapt(_passage("Malmö stad leder arbetet."), _draft(organisation=""), entry=FRAM)
    assert adapted.text == "⟦Malmö stad → ?⟧ leder arbetet."


def test_template_syntax_in_a_passage_comes_out_literally():
    text = (
        "Se {{ config }} och {{ ''.__class__.__mro__ }} samt {% include '/etc/passwd' %} "
        "och {{ 7*7 }} i Malmö stad. {# kommentar #}"
    )
    adapted = adapt(_passage(text), _draft(), entry=FRAM)
    assert adapted.text == text.replace("Malmö stad", "Lunds kommun")
    assert "root:" not in adapted.text and "49" not in adapted.text


def test_template_syntax_in_the_drafts_own_values_is_not_evaluated():
    adapted = adapt(
        _passage("Malmö stad leder FRAM."), _draft(organisation="{{ 7*7 }}", title="{% raw %}x"), entry=FRAM
    )
    assert adapted.text == "{{ 7*7 }} leder {% raw %}x."


def test_adapt_finds_the_entry_in_the_library_by_the_suggestions_id():
    from assistant.core.reuse.suggest import suggest

    found = suggest("Malmö stad delfinansierar projektet ur ordinarie budget", form_id="finsam-malmo", section="budget")
    assert found and found[0].source["id"] == "finsam-malmo-2021-fram"
    adapted = adapt(found[0], _draft())
    assert "Lunds kommun" in adapted.text and "Malmö stad" not in adapted.text


def test_record_source_remembers_origin_and_what_was_changed_and_survives_saving(tmp_path):
    draft = _draft()
    text = "Malmö stad har sedan 2013 drivit Aktivitetscenter i Malmö."
    adapted = adapt(_passage(text), draft, entry=FRAM)
    draft.set_text("bakgrund", adapted.text)
    record = record_source(draft, _passage(text), "bakgrund", adapted)
    assert record["id"] == FRAM.id and record["passage_id"].endswith("#bakgrund-3")
    assert record["section"] == "bakgrund" and record["title"] == "FRAM" and record["year"] == 2021
    assert "Malmö stad" in record["replaced"] and "Aktivitetscenter" in record["names"]
    assert "2013" in record["years"] and "2013" in record["unresolved"]
    path = save_draft(draft, tmp_path / "utkast.md")
    again = parse_draft(path.read_text(encoding="utf-8"))
    assert again.sources == draft.sources


def test_the_checks_flag_a_source_name_left_in_the_text():
    from assistant.core.checks import run_checks

    draft = _draft()
    text = "Malmö stad har lång erfarenhet av samverkan med Försäkringskassan kring målgruppen."
    draft.set_text("bakgrund", text)  # taken as it was, not adapted
    record_source(draft, _passage(text), "bakgrund", None)
    messages = [str(getattr(f, "message", "")) for f in run_checks(draft).findings]
    assert any("Malmö stad" in m and "återanvänd" in m for m in messages)


def test_cli_adapt_shows_the_adapted_text(tmp_path):
    draft = _draft()
    path = save_draft(draft, tmp_path / "utkast.md")
    result = run_cli(
        "suggest",
        "--form",
        "finsam-malmo",
        "--section",
        "budget",
        "--text",
        "Malmö stad delfinansierar projektet ur ordinarie budget",
        "--adapt",
        str(path),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)[0]
    assert "Lunds kommun" in first["adapted"]["text"] and "Malmö stad" in first["text"]
    assert any(r["old"] == "Malmö stad" for r in first["adapted"]["replacements"])
    plain = run_cli(
        "suggest",
        "--form",
        "finsam-malmo",
        "--section",
        "budget",
        "--text",
        "Malmö stad delfinansierar projektet ur ordinarie budget",
        "--adapt",
        str(path),
    )
    assert "Lunds kommun" in plain.stdout and ("Utbytt" in plain.stdout)
    assert to_text(draft) == path.read_text(encoding="utf-8")  # showing never changes the draft


def _unmark(text: str) -> str:
    text = re.sub(r"⟦(namn|e-post|telefon) → \?⟧", r"[\1]", text)  # the library's redaction marks
    return re.sub(r"⟦(.*?) → \?⟧", r"\1", text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("{}%#abc Malmö stad2021-01 8000kr[namn]\n")), max_size=120))
def test_property_passage_text_is_copied_never_rendered(text):
    """Whatever the passage holds, with nothing to replace the result is the text itself with
    marks around the source's own words: no template syntax is ever evaluated or dropped."""
    empty = {
        "title": "",
        "organisation": "",
        "municipality": "",
        "start": "",
        "end": "",
        "start_year": "",
        "end_year": "",
        "contact": "",
    }
    adapted = adapt({"text": text, "source": {"id": FRAM.id}}, empty, entry=FRAM)
    assert _unmark(adapted.text) == text
    assert adapted.replacements == []


# ---------------------------------------------------------------------------------------------
# A whole draft started from an earlier application (2017–2019 in Malmö, now 2027–2028 in Lund)

MALMO_2017 = Entry(
    id="källa",
    title="",
    organisation="Komvux Malmö",
    municipality="Malmö",
    start=dt.date(2017, 3, 1),
    end=dt.date(2019, 2, 28),
)


def _lund(**values):
    draft = _draft(title="", **values)
    draft.start, draft.end = dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    return draft


def test_the_municipality_is_inflected_as_the_sentence_needs():
    text = "Malmö stads förvaltning driver arbetet i Malmö tillsammans med Malmö stad och Malmös skolor."
    adapted = adapt({"text": text}, _lund(), entry=MALMO_2017)
    assert adapted.text == (
        "Lunds kommuns förvaltning driver arbetet i Lund tillsammans med Lunds kommun och Lunds skolor."
    )
    assert adapted.unresolved == []


def test_the_municipalitys_body_is_marked_when_the_organisation_is_not_it():
    adapted = adapt({"text": "Malmö stad bidrar."}, _lund(organisation="Samordningsförbundet Lund"), entry=MALMO_2017)
    assert adapted.text == "⟦Malmö stad → ?⟧ bidrar."


def test_years_of_the_source_period_move_with_the_period_and_a_year_beyond_it_is_marked():
    text = "Start 2017-03-01, slut 2019-02-28. Under 2017 och 2018 byggs arbetet upp; 2019 utvärderas det. Sedan 2014."
    adapted = adapt({"text": text}, _lund(), entry=MALMO_2017)
    assert adapted.text == (
        "Start 2027-01-01, slut 2028-12-31. Under 2027 och 2028 byggs arbetet upp; ⟦2019 → ?⟧ utvärderas det. "
        "Sedan ⟦2014 → ?⟧."
    )
    assert {str(m) for m in adapted.unresolved} == {"2019", "2014"}


def test_a_date_inside_the_period_moves_and_one_that_lands_outside_is_marked():
    text = "Styrgruppen möts 2017-09-15 och 2019-01-20."
    adapted = adapt({"text": text}, _lund(), entry=MALMO_2017)
    assert adapted.text == "Styrgruppen möts 2027-09-15 och ⟦2019-01-20 → ?⟧."


def test_a_compound_takes_the_new_name_and_what_the_inhabitants_are_called_is_marked():
    text = "Malmömodellen och alla malmöbor, men Malmös skolor blir Lunds."
    adapted = adapt({"text": text}, _lund(), entry=MALMO_2017)
    assert adapted.text == "Lund-modellen och alla ⟦malmöbor → ?⟧, men Lunds skolor blir Lunds."
    assert adapt({"text": "Malmömodellen"}, _lund(municipality=""), entry=MALMO_2017).text == "⟦Malmömodellen → ?⟧"


def test_with_the_same_period_and_place_nothing_is_marked():
    draft = _draft(title="", organisation="Komvux Malmö", municipality="Malmö")
    draft.start, draft.end = MALMO_2017.start, MALMO_2017.end
    text = "Komvux Malmö arbetar i Malmö stad 2017, 2018 och 2019."
    assert adapt({"text": text}, draft, entry=MALMO_2017).text == text


def test_adapt_draft_rewrites_every_section_and_moves_the_budget_years():
    draft = _lund()
    draft.set_text("bakgrund", "I Malmö finns 1100 unga med aktivitetsersättning (2017).")
    draft.extra.append(ExtraSection("egen", "Eget avsnitt", "Komvux Malmö leder."))
    draft.budget.years = [2017, 2018, 2019]
    draft.budget.compiled = {"Personal": {2017: "100", 2018: "200", 2019: "50"}}
    draft.budget.stated.years = {2017: "100"}
    results = adapt_draft(draft, MALMO_2017)
    assert draft.text("bakgrund") == "I Lund finns 1100 unga med aktivitetsersättning (2027)."
    assert draft.extra[-1].text == "Lunds kommun leder."
    assert set(results) == {"bakgrund", "egen"}
    assert draft.budget.years == [2027, 2028, 2029]
    assert draft.budget.compiled == {"Personal": {2027: "100", 2028: "200", 2029: "50"}}
    assert draft.budget.stated.years == {2027: "100"}
