"""The shared library on a real PostgreSQL server: schema, entries, search, clear errors."""

from __future__ import annotations

import pytest

from assistant.core.errors import UserError
from assistant.core.reuse.library.entries import Entry, Section, passages
from assistant.core.reuse.shared import SCHEMA_VERSION, SharedLibrary
from assistant.core.reuse.shared.store import shown_url


def application(entry_id: str = "lund-2019-steget", text: str = "") -> Entry:
    return Entry(
        id=entry_id,
        title="Steget vidare",
        organisation="Lunds kommun",
        municipality="Lund",
        year=2019,
        projects=["Steget"],
        sections=[
            Section("bakgrund", "2. Bakgrund", "Unga vuxna med aktivitetsersättning står långt från arbetsmarknaden."),
            Section(
                "samverkan",
                "3.6 Samverkan",
                text
                or "Samverkan med Arbetsförmedlingen och psykiatrin sker i ett gemensamt team.\n\n"
                "Arbetsmarknadsinsatser planeras tillsammans med deltagaren.",
            ),
        ],
    )


@pytest.fixture
def library(pg_url):
    with SharedLibrary(pg_url) as shared:
        shared.init()
        yield shared


def test_init_applies_every_migration_once_and_check_accepts_the_result(pg_url):
    with SharedLibrary(pg_url) as shared:
        with pytest.raises(UserError) as caught:
            shared.check()
        assert "library init" in (caught.value.hint_en or "") and "schemaversion 0" in caught.value.sv
        assert shared.init() == list(range(1, SCHEMA_VERSION + 1))
        assert shared.init() == []  # up to date: nothing applied again
        assert shared.version() == SCHEMA_VERSION
        shared.check()


def test_an_entry_comes_back_as_it_was_stored_with_its_passages(library):
    entry = application()
    stored = library.add(entry, organisation="lund")
    assert stored.created and stored.passages == len(passages(entry)) == 3
    back = library.entry(entry.id)
    assert (back.title, back.organisation, back.municipality, back.year, back.projects) == (
        "Steget vidare",
        "Lunds kommun",
        "Lund",
        2019,
        ["Steget"],
    )
    assert [(s.key, s.heading, s.text) for s in back.sections] == [(s.key, s.heading, s.text) for s in entry.sections]
    assert [e.id for e in library.entries()] == [entry.id]


def test_the_same_application_imported_twice_is_one_entry_of_each_organisation(library):
    first = library.add(application("a"), organisation="lund")
    again = library.add(application("b"), organisation="lund")  # same text, another file name
    assert first.created and not again.created and again.id == "a"
    other = library.add(application("a"), organisation="malmo")  # another organisation's own copy
    assert other.created and other.id == "malmo-a" and other.organisation == "malmo"
    assert [e.id for e in library.entries()] == ["a", "malmo-a"]


def test_removing_an_entry_removes_its_passages_and_an_unknown_id_is_a_clear_error(library):
    library.add(application(), organisation="lund")
    library.remove("lund-2019-steget")
    assert library.entries() == [] and library.candidates("samverkan arbetsförmedlingen") == []
    with pytest.raises(UserError) as caught:
        library.remove("finns-inte")
    assert "finns-inte" in caught.value.sv and "library list" in caught.value.en


def test_search_finds_word_stems_and_compounds_and_typos_by_trigrams(library):
    library.add(application(), organisation="lund")
    by_stem = library.candidates("samverka med arbetsförmedlingen")
    assert by_stem[0].passage_id == "lund-2019-steget#samverkan-1"
    by_trigram = library.candidates("arbetsmarknadsinsats")  # one compound, not a stem of any word
    assert "lund-2019-steget#samverkan-2" in [c.passage_id for c in by_trigram]
    typo = library.candidates("aktivitetsersätning")
    assert typo and typo[0].passage_id == "lund-2019-steget#bakgrund-1"
    assert library.candidates("'; DROP TABLE passages; --") == [] or library.entries()  # text is data
    assert [e.id for e in library.entries()] == ["lund-2019-steget"]


def test_found_gives_the_matching_ids_unranked_those_by_the_programs_terms_first_up_to_the_limit(library):
    stored = library.add(application(), organisation="lund")
    everything = {f"{stored.id}#bakgrund-1", f"{stored.id}#samverkan-1", f"{stored.id}#samverkan-2"}
    assert library.found([["samverkan"]], limit=100) == {f"{stored.id}#samverkan-1"}
    assert library.found([["samverkan"], ["långt"], ["planer"]], limit=100) == everything
    assert library.found([["samverk", "arbetsförmedl"]], limit=100) == {f"{stored.id}#samverkan-1"}  # both
    assert len(library.found([["samverkan"], ["långt"], ["planer"]], limit=2)) == 2
    assert f"{stored.id}#samverkan-2" in library.found([["arbetsmarknadsinsats"]], limit=100)  # by trigrams
    assert library.found([["'; DROP TABLE passages; --"]], limit=100) == set()  # no such term: dropped
    # "marknad" is no stem of either passage, only a part of their compounds, which the caller names
    assert library.found(
        [["marknad"]], limit=100, compounds={"marknad": ["arbetsmarknad", "arbetsmarknadsinsats"]}
    ) == {
        f"{stored.id}#bakgrund-1",
        f"{stored.id}#samverkan-2",
    }


def test_a_server_that_cannot_be_reached_is_one_line_without_the_password():
    url = "postgresql://writer:hemligt@/ansokan?host=/nonexistent-socket-dir&connect_timeout=1"
    with SharedLibrary(url) as shared, pytest.raises(UserError) as caught:
        shared.version()
    assert "hemligt" not in caught.value.sv and "hemligt" not in caught.value.en
    assert caught.value.sv.startswith("kan inte nå det delade biblioteket")
    assert shown_url(url).startswith("postgresql://writer:…@/ansokan")
