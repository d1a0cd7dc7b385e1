"""`ansokan check --confirm ID`: figures carried over from another application are asked about
until the writer confirms them or writes their own (issue 14, carried-over facts)."""

from __future__ import annotations

import json
import re

import pytest

from tests.commands.test_new import _new_from_000
from tests.conftest import run_cli


def figure(found: dict) -> str:
    """The carried figure a finding quotes: ”30 personer” kommer från … / “30 personer” comes from …"""
    return re.search(r"[”“]([^”“]+)” (?:kommer från|comes from)", found["message"]).group(1).replace("\xa0", " ")


def carried(path, lang="sv") -> list[dict]:
    result = run_cli("--lang", lang, "check", str(path), "--json")
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == "carried"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_acceptance_figures_from_the_source_are_warnings_with_their_origin_until_confirmed(tmp_path, lang):
    path = _new_from_000(tmp_path, lang)
    found = carried(path, lang)
    quoted = {figure(f) for f in found}
    assert {"1100 personer", "30 personer"} <= quoted  # participant counts
    assert "38,33 %" in quoted and "3 200 000 kr" in quoted  # a percentage, an amount
    assert all(f["severity"] == "varning" and "Malmö stad" in f["message"] and f["id"] for f in found)
    assert {f["section"] for f in found} >= {"malgrupp"}

    first = found[0]
    confirmed = run_cli("--lang", lang, "check", str(path), "--confirm", first["id"], "--json")
    assert first["id"] in confirmed.stderr and json.loads(confirmed.stdout)  # stdout stays JSON
    after = carried(path, lang)
    assert first["id"] not in {f["id"] for f in after} and len(after) == len(found) - 1


def test_writing_ones_own_figure_answers_the_question(tmp_path):
    path = _new_from_000(tmp_path, "sv")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ca 30 personer", "ca 45 personer"), encoding="utf-8")
    assert "30 personer" not in {figure(f) for f in carried(path)}


def test_an_unknown_id_is_one_line_naming_the_open_ids_and_nothing_is_saved(tmp_path):
    path = _new_from_000(tmp_path, "sv")
    before = path.read_bytes()
    result = run_cli("check", str(path), "--confirm", "fzzzzzz")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "fzzzzzz" in result.stderr
    assert carried(path)[0]["id"] in result.stderr
    assert path.read_bytes() == before


def test_a_taken_passage_brings_its_figures_along_as_carried(tmp_path):
    from assistant.core.model.drafts import new_draft
    from assistant.core.model.forms import load_form
    from assistant.core.reuse.suggest import Suggestion
    from assistant.usecases.checks import check_application
    from assistant.usecases.suggestions import record_take

    draft = new_draft(load_form("finsam-malmo"), title="Unga i Lund", municipality="Lund")
    passage = "Insatsen når 60 deltagare per år, och 40 % av dem går vidare till arbete."
    draft.set_text("mal", passage)
    source = {"id": "finsam-001", "title": "Make it: work", "organisation": "Malmö stad", "year": 2019}
    suggestion = Suggestion(text=passage, score=1.0, section="mal", heading="Mål", source=source)
    record_take(draft, suggestion, "mal")
    asked = [f for f in check_application(draft).findings if f.code == "carried"]
    assert [f.ref for f in asked] == [fact.id for fact in draft.carried]
    assert any("”60 deltagare”" in f.message and "Make it: work" in f.message for f in asked)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_acceptance_people_from_the_source_are_asked_about_and_the_writer_s_own_places_are_not(tmp_path, lang):
    path = _new_from_000(tmp_path, lang)  # Lunds kommun, Lund, from Malmö stad's application
    found = carried(path, lang)
    names = [f for f in found if re.search(r": (?:namnet|orten|the name|the place) ", f["message"])]
    assert {figure(f) for f in names} >= {"Lena Oxelgren", "Aino Lindell"}  # the source's contact block
    assert not [f for f in found if re.search(r"[”“]Lund", f["message"])]  # the writer's own municipality
    hint = ("skriv rätt namn" if lang == "sv" else "write the right name") in names[0]["hint"]
    assert hint and all("Malmö stad" in f["message"] for f in names)

    result = run_cli("--lang", lang, "check", str(path), "--json")
    markers = [f["message"] for f in json.loads(result.stdout)["findings"] if f["code"] == "marker"]
    assert not [m for m in markers if re.search(r"⟦[^⟧]*(Malmö|Lund|stad|kommun)[^⟧]*⟧", m)]  # issue 19 point 2

    lena = next(f for f in names if figure(f) == "Lena Oxelgren")
    run_cli("check", str(path), "--confirm", lena["id"])
    assert lena["id"] not in {f["id"] for f in carried(path, lang)}


def test_a_taken_passage_brings_the_places_it_names_along_but_not_the_draft_s_own():
    from assistant.core.model.drafts import new_draft
    from assistant.core.model.forms import load_form
    from assistant.core.reuse.suggest import Suggestion
    from assistant.usecases.checks import check_application
    from assistant.usecases.suggestions import record_take

    draft = new_draft(load_form("finsam-malmo"), title="Unga i Lund", organisation="Lunds kommun", municipality="Lund")
    passage = "Samordnare i Malmö och Lunds kommun träffar deltagarna i Trelleborg varje vecka."
    draft.set_text("organisering", passage)
    source = {"id": "finsam-003", "title": "FRAM", "organisation": "Malmö stad", "municipality": "Malmö", "year": 2021}
    suggestion = Suggestion(text=passage, score=1.0, section="organisering", heading="Organisering", source=source)
    record_take(draft, suggestion, "organisering")
    asked = [f.message for f in check_application(draft).findings if f.code == "carried"]
    assert any("orten ”Malmö” kommer från FRAM" in m for m in asked)
    assert any("orten ”Trelleborg”" in m for m in asked)
    assert not any("”Lund" in m for m in asked)
