"""A unit named by what it does, in lower case as a text runs ("enheten för arbetsmarknad") or
capitalised, is an organisation to ask about; the words of the sentence after its name are not part
of it, and a bare "enheten" or "enheten för att …" is no name."""

from __future__ import annotations

import pytest

from assistant.core.model.drafts import new_draft
from assistant.core.model.forms import load_form
from assistant.core.reuse.library.organisations import organisations_named
from assistant.core.reuse.suggest import Suggestion
from assistant.usecases.checks import check_application
from assistant.usecases.suggestions import record_take


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Deltagarna får stöd av enheten för arbetsmarknad i kommunen.", ["enheten för arbetsmarknad"]),
        (
            "Enheten för planering och verksamhetsstöd tillsammans med oss.",
            ["Enheten för planering och verksamhetsstöd"],
        ),
        (
            "Insatsen drivs av enheten för etablering- och vägledning på Södervärn.",
            ["enheten för etablering- och vägledning"],
        ),
        (
            "avdelningen för arbete och välfärd och Komvux Södervärn",
            ["avdelningen för arbete och välfärd", "Komvux Södervärn"],
        ),
        ("Enheten för att stödja deltagarna finns. Enheten ansvarar för allt.", []),
        ("Arbetsmarknadsenheten för unga vuxna", ["Arbetsmarknadsenheten"]),
    ],
)
def test_a_unit_named_by_what_it_does_is_found(text: str, found: list[str]) -> None:
    assert organisations_named(text) == found


def test_a_taken_passage_asks_about_its_lower_case_unit() -> None:
    draft = new_draft(load_form("finsam-malmo"), title="Unga i Lund", organisation="Lunds kommun", municipality="Lund")
    passage = "Handledarna från enheten för arbetsmarknad träffar deltagarna varje vecka."
    draft.set_text("organisering", passage)
    source = {"id": "finsam-003", "title": "FRAM", "organisation": "Malmö stad", "municipality": "Malmö", "year": 2021}
    record_take(draft, Suggestion(passage, 1.0, "organisering", "Organisering", source), "organisering")
    asked = [f.message for f in check_application(draft).findings if f.code == "carried"]
    assert any("organisationen ”enheten för arbetsmarknad” kommer från FRAM" in m for m in asked), asked
