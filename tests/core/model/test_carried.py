"""Figures carried over from another application: remembered, asked about, confirmed, saved."""

from __future__ import annotations

import datetime as dt

from assistant.core.model.drafts import load_draft, new_draft, save_draft
from assistant.core.model.drafts.carried import CarriedFact, carry_over, confirm, matching, open_facts
from assistant.core.model.forms import load_form

ORIGIN = "Case management (Malmö stad, 2017)"


def test_every_figure_is_remembered_once_with_its_origin():
    carried: list[CarriedFact] = []
    added = carry_over(carried, "malgrupp", "Totalt 1100 personer, varav 40 % unga; 30 personer får stöd.", ORIGIN)
    assert [(f.text, f.kind, f.origin, f.section) for f in added] == [
        ("1100 personer", "count", ORIGIN, "malgrupp"),
        ("40 %", "percent", ORIGIN, "malgrupp"),
        ("30 personer", "count", ORIGIN, "malgrupp"),
    ]
    assert carry_over(carried, "malgrupp", "30 personer får stöd.", ORIGIN) == []  # known already
    assert len(carried) == 3 and len({f.id for f in carried}) == 3
    assert carry_over(carried, "malgrupp", "Årtalet 2017 är inget projektvärde.", ORIGIN) == []


def test_a_figure_the_writer_changed_or_confirmed_is_no_longer_open():
    carried: list[CarriedFact] = []
    carry_over(carried, "malgrupp", "120 deltagare och 40 % kvinnor.", ORIGIN)
    sections = {"malgrupp": "80 deltagare och 40 % kvinnor."}  # the writer wrote their own count
    assert [f.text for f in open_facts(carried, sections)] == ["40 %"]
    percent = next(f for f in carried if f.kind == "percent")
    done = confirm(carried, [percent.id[:5]], today=dt.date(2027, 3, 1))
    assert done == [percent] and percent.confirmed == "2027-03-01"
    assert open_facts(carried, sections) == []
    assert matching(carried, "f") == []  # a prefix of fewer than four characters names nothing


def test_carried_facts_survive_save_and_load(tmp_path):
    draft = new_draft(load_form("finsam-malmo"), title="Unga i arbete")
    draft.sections["malgrupp"] = "Totalt 1100 personer i målgruppen."
    carry_over(draft.carried, "malgrupp", draft.sections["malgrupp"], ORIGIN)
    confirm(draft.carried, [draft.carried[0].id], today=dt.date(2027, 1, 2))
    path = tmp_path / "u.md"
    save_draft(draft, path)
    assert "[[carried]]" in path.read_text(encoding="utf-8")
    again = load_draft(path)
    assert again.carried == draft.carried


def test_a_hand_written_carried_table_without_id_gets_the_id_the_tool_would_give(tmp_path):
    draft = new_draft(load_form("finsam-malmo"))
    draft.sections["malgrupp"] = "Totalt 30 personer."
    path = tmp_path / "u.md"
    save_draft(draft, path)
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("\n", 1)
    table = '\n[[carried]]\nsection = "malgrupp"\ntext = "30 personer"\norigin = "Lund 2019"\n'
    front_end = rest.index("+++")
    path.write_text(head + "\n" + rest[:front_end] + table + rest[front_end:], encoding="utf-8")
    loaded = load_draft(path)
    [fact] = loaded.carried
    assert fact.id.startswith("f") and len(fact.id) == 7
    assert open_facts(loaded.carried, loaded.sections) == [fact]


def test_names_are_remembered_beside_the_figures_and_asked_about_as_whole_words():
    carried: list[CarriedFact] = []
    text = "Projektledare Lena Oxelgren leder 30 personer i Malmö på Komvux Södervärn."
    names = [("person", "Lena Oxelgren"), ("place", "Malmö"), ("organisation", "Komvux Södervärn"), ("year", "2017")]
    added = carry_over(carried, "organisering", text, ORIGIN, names)
    assert [(f.kind, f.text) for f in added] == [  # a kind that is no name is not remembered
        ("count", "30 personer"),
        ("person", "Lena Oxelgren"),
        ("place", "Malmö"),
        ("organisation", "Komvux Södervärn"),
    ]
    assert carry_over(carried, "organisering", text, ORIGIN, names) == []  # known already
    place = next(f for f in carried if f.kind == "place")
    assert open_facts([place], {"organisering": "Malmös stadsdelar"}) == [place]  # with its ending
    assert open_facts([place], {"organisering": "Nya Malmöbor"}) == []  # a compound is not the name
    person = next(f for f in carried if f.kind == "person")
    assert open_facts([person], {"organisering": "Projektledare Helena Oxelgren-Lind"}) == []


def test_confirming_a_name_confirms_it_in_every_section_it_came_into_from_that_origin():
    carried: list[CarriedFact] = []
    for section, text in (("bakgrund", "Lärvux"), ("mal", "lärvux"), ("budget", "Lärvux")):
        carry_over(carried, section, "", ORIGIN, [("organisation", text)])
    units = ("Funktionsstödsförvaltningen", "funktionsstödsförvaltning", "Funktionsstödsnämnden")
    for section, text in zip(("bakgrund", "mal", "budget"), units, strict=True):
        carry_over(carried, section, "", ORIGIN, [("organisation", text)])
    [unit] = confirm(carried, [carried[3].id])[1:]
    assert unit.text == "funktionsstödsförvaltning" and not carried[5].confirmed  # another unit
    carry_over(carried, "mal", "", "FRAM (Malmö stad, 2021)", [("organisation", "Lärvux")])
    carry_over(carried, "mal", "30 personer", ORIGIN)
    done = confirm(carried, [carried[0].id], today=dt.date(2027, 1, 2))
    assert [(f.section, f.text) for f in done] == [("bakgrund", "Lärvux"), ("mal", "lärvux"), ("budget", "Lärvux")]
    assert [f.text for f in carried if not f.confirmed] == ["Funktionsstödsnämnden", "Lärvux", "30 personer"]
