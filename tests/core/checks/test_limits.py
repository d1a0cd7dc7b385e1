"""The funder's limits per section (max_words, max_chars on a heading) in every check."""

from __future__ import annotations

import dataclasses

from assistant.core.checks import check_section, run_checks
from assistant.core.checks.limits import char_count, over_limits
from tests.core.checks.test_checks import FINSAM, PARA, clean_draft


def limited(**limits):
    """FINSAM's form with a limit on Bakgrund."""
    headings = tuple(dataclasses.replace(h, **limits) if h.key == "bakgrund" else h for h in FINSAM.headings)
    return dataclasses.replace(FINSAM, headings=headings)


def test_a_section_over_its_word_limit_is_an_error_naming_the_section_the_count_and_the_limit():
    form = limited(max_words=20)
    d = clean_draft(form)
    d.sections["bakgrund"] = " ".join(["ord"] * 25)
    [over] = [f for f in run_checks(d, form).findings if f.code.startswith("limits.")]
    assert over.severity == "fel" and over.section == "bakgrund" and over.code == "limits.words"
    assert "”2. Bakgrund” har 25 ord (högst 20)" in over.message
    assert "has 25 words (at most 20)" in over.text("en")
    assert "minst 5 ord" in over.hint
    assert [f.code for f in check_section(d, "bakgrund", form) if f.code.startswith("limits.")] == ["limits.words"]


def test_a_section_at_its_limit_passes_and_characters_count_spaces_once():
    form = limited(max_words=25, max_chars=99)
    d = clean_draft(form)
    d.sections["bakgrund"] = " ".join(["ord"] * 25)  # 25 words, 99 characters
    assert char_count("a  b\n\nc") == 5
    assert over_limits(d, form) == []
    d.sections["bakgrund"] += "s"
    [over] = over_limits(d, form)
    assert (over.unit, over.count, over.limit) == ("chars", 100, 99)
    assert [f.code for f in run_checks(d, form).findings if f.code.startswith("limits.")] == ["limits.chars"]


def test_a_form_without_limits_reports_none():
    d = clean_draft()
    d.sections["bakgrund"] = PARA * 40
    assert [f for f in run_checks(d).findings if f.code.startswith("limits.")] == []
