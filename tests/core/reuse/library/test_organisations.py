"""Organisations a reused text names (issue 14 item 1: carried-over organisations): the source's
own units and schools are found, what every project shares is not."""

from __future__ import annotations

from assistant.core.reuse.library.organisations import contact_organisations, counties, organisations_named


def test_units_are_found_with_the_words_of_their_name_and_once_each_whatever_the_case():
    text = (
        "Dessutom har Arbetsmarknad, gymnasie- och vuxenutbildningsnämnden och Sociala resursnämnden "
        "uppdrag. Stödet från funktionsstödsförvaltningen och Funktionsstödsförvaltningens handledare; "
        "Vård- och omsorgsförvaltningen deltar."
    )
    assert organisations_named(text) == [
        "Arbetsmarknad, gymnasie- och vuxenutbildningsnämnden",
        "Sociala resursnämnden",
        "funktionsstödsförvaltningen",
        "Vård- och omsorgsförvaltningen",
    ]


def test_a_body_before_a_unit_is_not_part_of_its_name_and_counting_words_are_left_out():
    text = "Försäkringskassan, arbetsmarknads- och socialförvaltningen samt Samtliga stadsdelsförvaltningar."
    assert organisations_named(text) == ["arbetsmarknads- och socialförvaltningen"]
    assert organisations_named("Berörda vuxenutbildningsförvaltningen.") == ["vuxenutbildningsförvaltningen"]


def test_schools_and_houses_of_their_own_are_found_but_bare_words_every_municipality_has_are_not():
    text = "Komvux Södervärn och Södervärnsskolan, Växthuset. Komvux och socialförvaltningen, Skolan, Förvaltningen."
    assert organisations_named(text) == ["Komvux Södervärn", "Södervärnsskolan", "Växthuset"]


def test_national_agencies_are_never_asked_about():
    text = "Arbetsförmedlingen, Försäkringskassan och Socialstyrelsen; Statens folkhälsoinstitut."
    assert organisations_named(text, known=["Arbetsförmedlingen", "Statens folkhälsoinstitut"]) == []


def test_a_region_is_asked_about_only_outside_its_own_county():
    text = "Region Skåne och Region Skånes psykiatri samverkar."
    assert organisations_named(text, home="Lund") == []
    assert organisations_named(text, home="Uppsala") == ["Region Skåne"]
    assert organisations_named(text) == []  # no municipality: nothing to compare with
    assert "Lund" in counties()["Skåne län"] and "Uppsala" in counties()["Uppsala län"]


def test_a_known_organisation_counts_wherever_it_stands_and_people_and_places_are_left_to_their_own():
    text = "Lärvux har resurscentrum. Lärvux uppdrag. Komvux Malmö Södervärn och Anna Lärvux."
    assert organisations_named(text, known=["Lärvux"], avoid=["Malmö", "Anna Lärvux"]) == ["Lärvux"]


def test_a_contact_block_names_its_organisations_on_lines_of_their_own():
    block = (
        "Malmö stad\nKomvux Södervärn/Lärvux\n\nLena Oxelgren, rektor\nProjektägare\nSamverkansparter\n"
        "Funktionsstödsförvaltningen, Malmö stad\nUlla-Carin Öhrstrand, ulla@malmo.se, 0734-322880\nAF\n"
    )
    assert contact_organisations(block) == ["Komvux Södervärn", "Lärvux", "Funktionsstödsförvaltningen"]
