"""Checking a draft through the use case both faces call: every marker left by adapting is an error."""

from __future__ import annotations

from assistant.core.model.drafts import ExtraSection, new_draft
from assistant.core.model.drafts.draft import UNPLACED_KEY
from assistant.core.model.forms import load_form
from assistant.usecases.checks import check_application


def test_each_marker_left_in_the_text_is_an_error_naming_its_section_and_text():
    draft = new_draft(load_form("finsam-malmo"), title="T")
    draft.set_text("bakgrund", "⟦Malmö stad → ?⟧ har drivit arbetet sedan ⟦2014 → ?⟧.")
    draft.extra.append(ExtraSection(UNPLACED_KEY, "Oplacerad text", "⟦2016 → ?⟧ (lämnas utanför exporten)"))
    markers = [f for f in check_application(draft).findings if f.code == "marker"]
    assert [(f.section, str(f.severity)) for f in markers] == [("bakgrund", "fel"), ("bakgrund", "fel")]
    assert "⟦Malmö stad → ?⟧" in markers[0].message and "⟦2014 → ?⟧" in markers[1].message
    assert "is not adapted" in markers[0].text("en")
