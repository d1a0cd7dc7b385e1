"""A passage taken from the library brings its source's own organisation along as a name to ask
about, wherever it stands in the passage, also one no pattern reads as an organisation (a foundation,
a cooperative by its own name): the library record says whose application it was."""

from __future__ import annotations

from assistant.core.model.drafts import new_draft
from assistant.core.model.forms import load_form
from assistant.core.reuse.suggest import Suggestion
from assistant.usecases.checks import check_application
from assistant.usecases.suggestions import record_take

PASSAGE = "Projektet drivs av Stiftelsen Activa i nära samverkan med deltagarna och deras handläggare."
SOURCE = {"id": "activa-2019", "title": "Steg för steg", "organisation": "Stiftelsen Activa", "year": 2019}


def _taken(organisation: str = "") -> list[str]:
    """The passage inserted as it stands (F2) into a draft of Lund's, and what the check asks."""
    draft = new_draft(load_form("finsam-malmo"), title="Unga i Lund", organisation=organisation, municipality="Lund")
    suggestion = Suggestion(text=PASSAGE, score=1.0, section="organisering", heading="Organisering", source=SOURCE)
    draft.set_text("organisering", PASSAGE)
    record_take(draft, suggestion, "organisering")
    return [f.message for f in check_application(draft).findings if f.code == "carried"]


def test_the_source_s_own_organisation_is_asked_about() -> None:
    asked = _taken()
    assert any("organisationen ”Stiftelsen Activa” kommer från Steg för steg" in m for m in asked), asked


def test_not_when_it_is_the_writer_s_own() -> None:
    assert not any("Activa" in m for m in _taken(organisation="Stiftelsen Activa"))
