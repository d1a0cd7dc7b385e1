"""The line naming where a suggested passage comes from."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.tui.widgets.suggestions.suggestion_list import source_line


def test_a_local_passage_names_its_application_organisation_and_year():
    local = SimpleNamespace(source={"title": "FRAM", "organisation": "Malmö stad", "year": 2021})
    assert source_line(local) == "FRAM (Malmö stad, 2021)"


def test_a_shared_passage_also_says_whose_it_is_and_how_it_went():
    source = {
        "title": "PAS",
        "organisation": "Staffanstorps kommun",
        "year": 2020,
        "owner": "lund",
        "status": "beviljad",
    }
    assert source_line(SimpleNamespace(source=source)) == "PAS (Staffanstorps kommun, 2020; delad av lund, beviljad)"
    bare = SimpleNamespace(source={"title": "PAS", "owner": "lund", "status": ""})
    assert source_line(bare) == "PAS (delad av lund)"
