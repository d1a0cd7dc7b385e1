"""The people and places a reused text carries into the draft (issue 14 item 1), the draft's own
facts left out."""

from __future__ import annotations

from assistant.core.model.drafts import new_draft
from assistant.core.model.forms import load_form
from assistant.usecases.carried import carried_names, remember_carried


def lund_draft():
    return new_draft(load_form("finsam-malmo"), title="Unga i Lund", organisation="Lunds kommun", municipality="Lund")


def test_the_draft_s_own_municipality_and_organisation_are_not_asked_about_in_any_form():
    draft = lund_draft()
    text = "Lunds kommuns arbetsmarknadsenhet i Lund och Lunds kommun samverkar med Trelleborgs kommun i Malmö."
    assert carried_names(draft, text) == [("place", "Trelleborg"), ("place", "Malmö")]


def test_people_are_found_and_the_draft_s_own_contacts_are_not():
    from assistant.core.model.drafts import Contact

    draft = lund_draft()
    draft.contacts = [Contact(name="Eva Nowak")]
    text = "Projektledare Lena Oxelgren och samordnare Eva Nowak, båda i Lund."
    assert carried_names(draft, text) == [("person", "Lena Oxelgren")]


def test_a_confirmed_name_is_not_asked_about_again_and_markers_are_left_to_their_own_check():
    draft = lund_draft()
    [fact] = remember_carried(draft, "organisering", "Insatsen finns i Malmö.", "Malmö stad, 2017")
    fact.confirmed = "2027-01-02"
    assert remember_carried(draft, "mal", "Deltagare i Malmö.", "FRAM (Malmö stad, 2021)") == []
    assert carried_names(draft, "Samverkan i ⟦Malmö stads → ?⟧ stadsdelar.") == []


def test_a_contact_block_brings_its_people_but_not_its_phone_numbers_as_figures():
    draft = lund_draft()
    block = "Lena Oxelgren, rektor, 040-34 10 00\nAino Lindell, utvecklingssamordnare, 30 timmar i veckan"
    added = remember_carried(draft, "kontaktuppgifter", block, "Malmö stad, 2017", figures=False)
    assert sorted((f.kind, f.text) for f in added) == [("person", "Aino Lindell"), ("person", "Lena Oxelgren")]


def test_a_draft_started_from_a_source_asks_about_its_people_unless_the_writer_named_the_contacts(tmp_path):
    import datetime as dt

    from assistant.core.model.drafts import Contact
    from assistant.usecases.drafts import start_from_source
    from assistant.usecases.facts import ProjectFacts
    from tests.conftest import SOURCES

    source = SOURCES / "000_18e62940bd9f888a.txt"
    lund = {
        "organisation": "Lunds kommun",
        "municipality": "Lund",
        "start": dt.date(2027, 1, 1),
        "end": dt.date(2028, 12, 31),
    }
    started = start_from_source("finsam-malmo", source, tmp_path / "a.md", facts=ProjectFacts(**lund))
    names = {(f.kind, f.text) for f in started.draft.carried if f.kind in ("person", "place")}
    assert names == {("person", "Lena Oxelgren"), ("person", "Aino Lindell")}

    own = ProjectFacts(**lund, contacts=(Contact(name="Eva Nowak", role="projektledare"),))
    started = start_from_source("finsam-malmo", source, tmp_path / "b.md", facts=own)
    assert not [f for f in started.draft.carried if f.kind in ("person", "place")]  # the source's went aside


def test_organisations_are_asked_about_but_not_the_draft_s_own_its_partners_or_a_place_twice():
    from assistant.core.model.budget import Contribution
    from assistant.core.model.drafts import Contact

    draft = lund_draft()
    draft.contacts = [Contact(name="Eva Nowak", organisation="Sociala resursnämnden")]
    draft.budget.cofinancing = [Contribution(partner="Växthuset", kind="pengar")]
    text = (
        "Lärvux inom Komvux Lund och Komvux Lund Södervärn samverkar med Sociala resursnämnden, "
        "Växthuset, Funktionsstödsförvaltningen, Lunds kommuns arbetsmarknadsförvaltning, Region Skåne, "
        "Arbetsförmedlingen och Komvux Malmö Södervärn i Malmö."
    )
    assert carried_names(draft, text, organisations=["Lärvux"]) == [
        ("place", "Malmö"),
        ("organisation", "Lärvux"),
        ("organisation", "Komvux Lund Södervärn"),
        ("organisation", "Funktionsstödsförvaltningen"),
        ("organisation", "arbetsmarknadsförvaltning"),
    ]


def test_a_contact_block_s_organisations_are_asked_about_in_the_sections_that_follow():
    draft = lund_draft()
    block = "Lunds kommun\nKomvux Södervärn/Lärvux\n\nLena Oxelgren, rektor"
    added = remember_carried(draft, "kontaktuppgifter", block, "Malmö stad, 2017", figures=False)
    assert [(f.kind, f.text) for f in added] == [
        ("person", "Lena Oxelgren"),
        ("organisation", "Komvux Södervärn"),
        ("organisation", "Lärvux"),
    ]
    later = remember_carried(draft, "bakgrund", "Lärvux har 30 elever.", "Malmö stad, 2017")
    assert [(f.kind, f.text) for f in later] == [("count", "30 elever"), ("organisation", "Lärvux")]
    assert remember_carried(draft, "mal", "Lärvux igen.", "FRAM (Malmö stad, 2021)") == []  # another origin
