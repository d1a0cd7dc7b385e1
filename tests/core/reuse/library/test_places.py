"""Places a reused text names (issue 14 item 1: carried-over places)."""

from __future__ import annotations

from assistant.core.reuse.library.places import municipalities, places_named


def test_the_list_holds_sweden_s_290_municipalities():
    listed, ambiguous = municipalities()
    assert len(listed) == 290
    assert {"Malmö", "Lund", "Upplands Väsby", "Östra Göinge", "Malung-Sälen"} <= listed
    assert ambiguous <= listed


def test_a_municipality_is_found_as_written_and_in_the_genitive_once_each():
    text = "Insatsen når 60 deltagare i Malmö. Malmös stadsdelar och Trelleborgs kommun samverkar; i Malmö igen."
    assert places_named(text) == ["Malmö", "Trelleborg"]


def test_a_name_that_is_also_a_word_or_a_surname_needs_a_place_context():
    assert places_named("Vi vill öka kunskapen om Mark och Nora.") == []
    assert places_named("Deltagare från Mora och Lunds kommun.") == ["Mora", "Lund"]
    assert places_named("Kontaktperson: Alva Lund, samordnare", people=["Alva Lund"]) == []


def test_a_known_place_counts_wherever_it_stands_and_compounds_are_not_places():
    assert places_named("Rosengård har en ungdomsmottagning.", known=["Rosengård"]) == ["Rosengård"]
    assert places_named("Malmömodellen och Samordningsförbundet Burlöv-Staffanstorp.") == []
