"""`ansokan new --from` then `check`: the source's own organisations are asked about until the
writer confirms them (issue 14 item 1), national agencies and the draft's partners never."""

from __future__ import annotations

import json
import re

import pytest

from tests.commands.test_new import LUND, _new_from_000
from tests.conftest import SOURCES, run_cli

NATIONAL = ("Arbetsförmedlingen", "Försäkringskassan", "Region Skåne", "FINSAM", "Finsam")


def organisations(path, lang="sv") -> list[tuple[str, str, str]]:
    """(section, organisation, id) of each organisation the check asks about."""
    word = "organisationen ”" if lang == "sv" else "the organisation “"
    findings = json.loads(run_cli("--lang", lang, "check", str(path), "--json").stdout)["findings"]
    asked = [f for f in findings if f["code"] == "carried" and word in f["message"]]
    quoted = [re.search(r"[”“]([^”“]+)[”“] (?:kommer från|comes from)", f["message"]).group(1) for f in asked]
    return [(f["section"], name, f["id"]) for f, name in zip(asked, quoted, strict=True)]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_malmo_units_are_asked_about_and_one_confirmation_answers_a_name_everywhere(tmp_path, lang):
    path = _new_from_000(tmp_path, lang)  # Lunds kommun, Lund, from Malmö stad's application
    asked = organisations(path, lang)
    names = {name for _, name, _ in asked}
    assert {"Komvux Södervärn", "Lärvux", "Sociala resursnämnden"} <= names
    assert "Arbetsmarknad, gymnasie- och vuxenutbildningsnämnden" in names
    assert not names & set(NATIONAL) and not [n for n in names if n.startswith("Lund")]
    result = json.loads(run_cli("--lang", lang, "check", str(path), "--json").stdout)
    hints = [f["hint"] for f in result["findings"] if f["code"] == "carried" and f["id"] == asked[0][2]]
    assert ("skriv er egen organisation" if lang == "sv" else "write your own organisation") in hints[0]

    larvux = [fact_id for _, name, fact_id in asked if name == "Lärvux"]
    assert len(larvux) > 2  # in the contact block and in the sections that follow
    confirmed = run_cli("--lang", lang, "check", str(path), "--confirm", larvux[1])
    assert confirmed.returncode in (0, 1) and "Traceback" not in confirmed.stderr
    after = organisations(path, lang)
    assert "Lärvux" not in {name for _, name, _ in after}  # confirmed in every section
    assert len(after) == len(asked) - len(larvux)


def test_an_organisation_the_writer_names_as_a_partner_is_not_asked_about(tmp_path):
    source = SOURCES / "001_4b5533777013640f.txt"
    plain, partner = tmp_path / "a.md", tmp_path / "b.md"
    run_cli("new", "--form", "finsam-malmo", "--from", str(source), *LUND, str(plain))
    signatory = "Eva Nowak, förvaltningschef, Funktionsstödsförvaltningen"
    run_cli("new", "--form", "finsam-malmo", "--from", str(source), *LUND, "--signatory", signatory, str(partner))
    assert "funktionsstödsförvaltningen" in {name.lower() for _, name, _ in organisations(plain)}
    assert "funktionsstödsförvaltningen" not in {name.lower() for _, name, _ in organisations(partner)}


def test_no_source_asks_about_a_national_agency_or_the_draft_s_own_organisation(tmp_path):
    for source in sorted(SOURCES.glob("00*.txt")):
        path = tmp_path / f"{source.stem}.md"
        run_cli("new", "--form", "finsam-malmo", "--from", str(source), *LUND, str(path))
        names = {name for _, name, _ in organisations(path)}
        assert not names & set(NATIONAL), source.name
        assert not [n for n in names if n.lower().startswith("lund")], source.name
