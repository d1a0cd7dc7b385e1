"""Creating, starting and reading drafts through the use cases both faces call."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.core.storage import paths
from assistant.usecases.checks import check_application as check
from assistant.usecases.drafts import create_draft, demo_copy, draft_status, open_draft, save_draft, start_from_source
from assistant.usecases.facts import ProjectFacts, parse_facts, project_facts
from tests.conftest import SOURCES


@pytest.fixture
def drafts_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "utkast"
    monkeypatch.setenv("ANSOKAN_DRAFTS", str(home))
    return home


def test_create_then_open_then_status(tmp_path):
    made = create_draft("finsam-malmo", tmp_path / "u.md", title="Unga i arbete")
    assert made.path == tmp_path / "u.md" and made.created_dir is None
    draft = open_draft(made.path)
    assert draft.title == "Unga i arbete"
    status = draft_status(made.path)
    assert status.completion == 0 and all(s.empty for s in status.sections)
    draft.set_text("bakgrund", "Text om bakgrunden.")
    save_draft(draft)
    assert draft_status(draft).sections[1].words == 3


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    target = tmp_path / "u.md"
    target.write_text("mitt\n", encoding="utf-8")
    with pytest.raises(UserError, match="finns redan"):
        create_draft("finsam-malmo", target)
    assert target.read_text(encoding="utf-8") == "mitt\n"
    create_draft("finsam-malmo", target, force=True)
    assert open_draft(target).form_id == "finsam-malmo"


def test_only_the_one_named_missing_folder_is_made_and_only_when_asked(tmp_path):
    with pytest.raises(UserError, match="katalogen finns inte"):
        create_draft("finsam-malmo", tmp_path / "ny" / "u.md")
    assert not (tmp_path / "ny").exists()
    with pytest.raises(UserError, match="katalogen finns inte"):
        create_draft("finsam-malmo", tmp_path / "a" / "b" / "u.md", create_parent=True)
    assert not (tmp_path / "a").exists()
    made = create_draft("finsam-malmo", tmp_path / "ny" / "u.md", create_parent=True)
    assert made.created_dir == tmp_path / "ny" and made.path.is_file()


def test_a_source_that_cannot_be_read_leaves_nothing_behind(tmp_path):
    with pytest.raises(UserError):
        start_from_source("finsam-malmo", tmp_path / "finns-inte.docx", tmp_path / "ny" / "u.md", create_parent=True)
    assert not (tmp_path / "ny").exists()


def test_start_from_source_reports_in_both_languages(tmp_path):
    source = tmp_path / "tidigare.txt"
    source.write_text("Bakgrund\n\nUnga vuxna i Malmö behöver stöd.\n", encoding="utf-8")
    started = start_from_source("finsam-malmo", source, tmp_path / "u.md")
    assert started.path.is_file()
    notes = started.report.notes
    assert notes and all(note.render("en") != note.render("sv") for note in notes)


def test_demo_copy_is_made_once_and_the_shipped_file_is_untouched(drafts_home):
    shipped = paths.demo_draft().read_bytes()
    copy = demo_copy()
    assert copy.parent == drafts_home and copy.read_bytes() == shipped
    copy.write_text(copy.read_text(encoding="utf-8") + "\nmin ändring\n", encoding="utf-8")
    assert demo_copy() == copy and copy.read_text(encoding="utf-8").endswith("min ändring\n")
    assert paths.demo_draft().read_bytes() == shipped


SOURCE_000 = SOURCES / "000_18e62940bd9f888a.txt"  # Komvux Malmö, 2017-03-01 – 2019-02-28
LUND = ProjectFacts(
    organisation="Lunds kommun", municipality="Lund", start=dt.date(2027, 1, 1), end=dt.date(2028, 12, 31)
)


def _all_text(draft) -> str:
    return "\n".join([*draft.sections.values(), *(e.text for e in draft.extra)])


def test_the_writers_facts_win_over_the_source_and_its_text_is_adapted_to_them(tmp_path):
    started = start_from_source("finsam-malmo", SOURCE_000, tmp_path / "u.md", facts=LUND)
    draft = open_draft(started.path)
    assert (draft.organisation, draft.municipality) == ("Lunds kommun", "Lund")
    assert (draft.start, draft.end) == (dt.date(2027, 1, 1), dt.date(2028, 12, 31))
    text = _all_text(draft)
    assert "Malmö" not in text  # "Malmö stads" -> "Lunds kommuns", "i Malmö" -> "i Lund", "Malmömodellen"
    assert "Lunds kommuns Arbetsmarknad" in text and "i Lund" in text and "Lund-modellen" in text
    assert "Startdatum:2027-01-01" in text and "Slutdatum:2028-12-31" in text
    assert set(re.findall(r"⟦[^⟧]*⟧", text)) == {"⟦2016 → ?⟧"}  # history before the source's period
    assert draft.budget.years == [2027, 2028, 2029]  # 2029 lies outside: the budget check says so
    assert started.replacements > 10 and started.markers == 2


def test_without_facts_the_source_is_taken_as_it_is(tmp_path):
    started = start_from_source("finsam-malmo", SOURCE_000, tmp_path / "u.md")
    assert started.adapted == {} and "⟦" not in _all_text(started.draft)
    assert started.draft.municipality == "Malmö" and started.draft.budget.years == [2017, 2018, 2019]


def test_a_new_municipality_alone_leaves_the_old_organisation_marked_not_kept(tmp_path):
    started = start_from_source("finsam-malmo", SOURCE_000, tmp_path / "u.md", facts=ProjectFacts(municipality="Lund"))
    draft = started.draft
    assert draft.organisation == "" and draft.start == dt.date(2017, 3, 1)  # the period is the source's
    assert "⟦Malmö stad → ?⟧" in draft.text("kontaktuppgifter") and "i Lund" in _all_text(draft)
    assert "PO 2017" in _all_text(draft) and "⟦2017" not in _all_text(draft)


def test_half_a_period_drops_the_sources_other_half(tmp_path):
    facts = ProjectFacts(start=dt.date(2027, 1, 1))
    started = start_from_source("finsam-malmo", SOURCE_000, tmp_path / "u.md", facts=facts)
    assert (started.draft.start, started.draft.end) == (dt.date(2027, 1, 1), None)


def test_an_empty_draft_gets_the_facts_and_keeps_them_on_disk(tmp_path):
    facts = parse_facts(
        organisation="Lunds kommun",
        municipality="Lund",
        start="2027-01-01",
        end="2028-12-31",
        signatories=["Anna Berg, förbundschef, Lunds kommun"],
        contacts=["Per Ek, projektledare, Lunds kommun, 046-35 50 00, per.ek@lund.se"],
    )
    made = create_draft("finsam-malmo", tmp_path / "u.md", title="T", facts=facts)
    again = open_draft(made.path)
    assert project_facts(again) == facts
    plain = create_draft("finsam-malmo", tmp_path / "p.md").path.read_text(encoding="utf-8")
    assert 'title = ""' not in plain.split("signatories")[1].split("]")[0]  # no empty title written


def test_given_contacts_set_the_sources_contact_text_aside_and_a_given_title_is_not_asked_for(tmp_path):
    facts = parse_facts(contacts=["Per Ek, projektledare, Lunds kommun, 046-35 50 00, per.ek@lund.se"])
    started = start_from_source("finsam-malmo", SOURCE_000, tmp_path / "u.md", title="Unga i arbete", facts=facts)
    draft = open_draft(started.path)
    assert draft.text("kontaktuppgifter") == "" and [c.name for c in draft.contacts] == ["Per Ek"]
    notes = next(extra for extra in draft.extra if extra.unplaced)
    assert "Lena Oxelgren, rektor" in notes.text  # kept in the draft, left out of the export
    said = [note.render("en") for note in started.report.notes]
    assert any("contact details" in n for n in said) and not any("--title" in n for n in said)
    assert not any(f.code == "sections.missing" and f.section == "kontaktuppgifter" for f in check(draft).findings)
