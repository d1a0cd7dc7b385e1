"""Structure checks on a draft with thousands of headings: linear, and a readable report (the first
MAX_LISTED extra or doubled headings named, the rest counted in one finding)."""

from __future__ import annotations

from assistant.core.checks import check_section, run_checks
from assistant.core.checks.structure import MAX_LISTED
from assistant.core.model.drafts import new_draft, parse_draft, to_text
from assistant.core.model.forms import load_form


def _many(extra: int, doubled: int) -> str:
    form = load_form("finsam-malmo")
    parts = [to_text(new_draft(form, title="Inklistrat dokument"))]
    parts += [f"## Rubrik ur ett annat dokument {i}\n\nText {i}.\n" for i in range(extra)]
    parts += [f"## {i}. Målgrupp\n\nMålgrupp {i}.\n" for i in range(doubled)]
    return "\n".join(parts)


def test_thousands_of_extra_headings_are_named_twenty_and_counted():
    draft = parse_draft(_many(5000, 0))
    extra = [f for f in run_checks(draft).findings if f.code == "sections.extra"]
    assert len(extra) == MAX_LISTED + 1
    named = [f.section for f in extra if f.section]
    assert named == [f"rubrik_ur_ett_annat_dokument_{i}" for i in range(MAX_LISTED)]
    (summary,) = [f for f in extra if f.section is None]  # listed first, with the whole-draft findings
    assert "och 4\u00a0980 avsnitt till som inte finns i formuläret" in summary.message
    assert "and 4,980 more sections" in summary.message_en  # English grouping in the English text


def test_the_section_the_writer_is_in_is_always_checked_even_past_the_first_twenty():
    draft = parse_draft(_many(100, 0))
    key = draft.extra[70].key
    found = check_section(draft, key)
    assert [f.code for f in found] == ["sections.extra"] and "Rubrik ur ett annat dokument 70" in found[0].message


def test_doubled_headings_are_named_twenty_and_counted():
    draft = parse_draft(_many(0, 500))
    doubled = [f for f in run_checks(draft).findings if f.code == "sections.duplicate"]
    assert len(doubled) == MAX_LISTED + 1
    assert "förekommer två gånger" in doubled[0].message and "appears twice" in doubled[0].message_en
    assert "och 480 rubriker till" in doubled[-1].message  # the new draft has the heading once already
    assert draft.sections["malgrupp"].count("Målgrupp") == 500


def test_a_few_extra_headings_are_each_named_as_before():
    draft = parse_draft(_many(3, 0))
    extra = [f for f in run_checks(draft).findings if f.code == "sections.extra"]
    assert len(extra) == 3 and all(f.section for f in extra)
