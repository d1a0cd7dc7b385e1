"""The project's own facts as both faces set them: checked once, one clear line naming the field."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.core.errors import UserError
from assistant.core.model.drafts import Contact, Signatory, new_draft
from assistant.core.model.forms import load_form
from assistant.usecases.facts import ProjectFacts, facts_json, parse_facts, project_facts, update_facts

FLAGS = {"start": "--start", "end": "--end", "signatories": "--signatory", "contacts": "--contact"}


def test_the_facts_are_read_out_of_what_the_writer_typed():
    facts = parse_facts(
        organisation="Lunds  kommun",
        municipality="Lund",
        start="2027-01-01",
        end="2028-12-31",
        signatories=["Anna Berg, förbundschef, Lunds kommun", "Bo Ek"],
        contacts=["Per Ek, projektledare, Lunds kommun, 046-35 50 00, per.ek@lund.se"],
    )
    assert facts.organisation == "Lunds kommun" and facts.municipality == "Lund"
    assert (facts.start, facts.end) == (dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    assert facts.signatories == (Signatory("Anna Berg", "Lunds kommun", "förbundschef"), Signatory("Bo Ek"))
    assert facts.contacts == (Contact("Per Ek", "projektledare", "Lunds kommun", "046-35 50 00", "per.ek@lund.se"),)
    assert ProjectFacts(municipality="Lund").given() == ["municipality"]


@pytest.mark.parametrize(
    ("values", "where", "says"),
    [
        ({"start": "2027-13-01"}, "--start", "inte ett datum"),
        ({"start": "1 januari 2027"}, "--start", "ÅÅÅÅ-MM-DD"),
        ({"end": "20281231"}, "--end", "inte ett datum"),
        ({"start": "2028-01-01", "end": "2027-12-31"}, "--end", "ligger före startdatumet"),
        ({"contacts": ["Per Ek, roll, org, 046-35 50 00, per.ek@"]}, "--contact", "ingen e-postadress"),
        ({"contacts": ["Per Ek, roll, org, ring mig, per@lund.se"]}, "--contact", "inget telefonnummer"),
        ({"contacts": ["a, b, c, 046-35 50 00, per@lund.se, extra"]}, "--contact", "Namn, roll, organisation"),
        ({"signatories": [", förbundschef"]}, "--signatory", "Namn, titel, organisation"),
        ({"signatories": ["Anna, titel, org, mer"]}, "--signatory", "Namn, titel, organisation"),
    ],
)
def test_a_wrong_fact_is_one_line_naming_the_flag(values, where, says):
    with pytest.raises(UserError) as caught:
        parse_facts(**values, labels=FLAGS)
    message = caught.value.message("sv")
    assert message.startswith(where) and says in message and "\n" not in message
    assert caught.value.message("en") != message


def test_update_facts_sets_what_was_given_and_says_what_changed():
    draft = new_draft(load_form("finsam-malmo"))
    draft.organisation, draft.start, draft.end = "Lunds kommun", dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    changed = update_facts(draft, ProjectFacts(organisation="Lunds kommun", municipality="Lund"))
    assert changed == ["municipality"] and draft.municipality == "Lund"
    assert update_facts(draft, ProjectFacts(signatories=(Signatory("Anna Berg", title="chef"),))) == ["signatories"]
    assert facts_json(draft)["signatories"] == [{"name": "Anna Berg", "title": "chef", "organisation": ""}]
    assert project_facts(draft).signatories == (Signatory("Anna Berg", title="chef"),)


def test_update_facts_refuses_a_start_after_the_drafts_end_and_sets_nothing():
    draft = new_draft(load_form("finsam-malmo"))
    draft.start, draft.end = dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    with pytest.raises(UserError, match="före startdatumet") as caught:
        update_facts(draft, ProjectFacts(municipality="Lund", start=dt.date(2029, 1, 1)), labels={"start": "Start"})
    assert caught.value.message().startswith("Start: ")
    assert draft.start == dt.date(2027, 1, 1) and draft.municipality == ""


def test_a_cleared_fact_is_emptied_in_the_draft_while_none_leaves_it():
    draft = new_draft(load_form("finsam-malmo"))
    draft.organisation, draft.start, draft.end = "Lunds kommun", dt.date(2027, 1, 1), dt.date(2028, 12, 31)
    assert update_facts(draft, ProjectFacts()) == [] and draft.end == dt.date(2028, 12, 31)
    changed = update_facts(draft, ProjectFacts(clear=frozenset({"end", "organisation"})))
    assert changed == ["organisation", "end"]
    assert (draft.organisation, draft.start, draft.end) == ("", dt.date(2027, 1, 1), None)
    # Clearing the end lets a later start through; a fact both given and cleared is given.
    update_facts(draft, ProjectFacts(start=dt.date(2030, 1, 1), clear=frozenset({"start", "end"})))
    assert (draft.start, draft.end) == (dt.date(2030, 1, 1), None)
    with pytest.raises(ValueError, match="not a project fact"):
        ProjectFacts(clear=frozenset({"title"}))
