"""Drafts: a readable file that survives hand edits, names the line of a mistake and is never lost."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from assistant.core.errors import DraftError, UserError
from assistant.core.model.budget import BudgetItem
from assistant.core.model.drafts import (
    ExtraSection,
    changed_on_disk,
    load_draft,
    new_draft,
    parse_draft,
    save_draft,
    to_text,
)
from assistant.core.model.forms import load_form
from assistant.core.storage.atomic import backup_path
from assistant.core.storage.paths import demo_draft


@pytest.fixture
def form():
    return load_form("finsam-malmo")


def _sample(form):
    draft = new_draft(form, title="Ett test", organisation="Ystads kommun", municipality="Ystad")
    draft.start, draft.end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    draft.set_text("bakgrund", "Första stycket.\n\nAndra stycket med **fet** text.\n- punkt ett\n- punkt två")
    draft.set_text("malgrupp", "## inte en rubrik\n\\## inte heller\n+++")
    draft.budget.set_cell("Personal", 2026, "1 000 000")
    draft.budget.set_cell("Personal", 2027, "1 050 000")
    draft.budget.items.append(BudgetItem("Personal", "Handläggare", per_year={2026: "1 000 000", 2027: "1 050 000"}))
    draft.extra.append(ExtraSection("annat_av_vikt", "Annat av vikt", "Kommunen bidrar med lokaler.", after="budget"))
    return draft


def test_write_then_read_is_the_identity(form):
    draft = _sample(form)
    again = parse_draft(to_text(draft, form))
    assert again.sections == draft.sections
    assert again.extra == draft.extra
    assert (again.title, again.organisation, again.start, again.end) == (
        draft.title,
        draft.organisation,
        draft.start,
        draft.end,
    )
    assert again.budget.compiled == draft.budget.compiled and again.budget.items == draft.budget.items
    assert to_text(again, form) == to_text(draft, form)


def test_file_is_readable_markdown_with_front_matter(form):
    text = to_text(_sample(form), form)
    assert text.startswith('+++\nschema = 1\nform = "finsam-malmo"\n')
    assert "## 2. Bakgrund {#bakgrund}\n\nFörsta stycket." in text
    assert "\\## inte en rubrik" in text  # a heading-looking line inside a section is escaped


def test_hand_edited_draft_loads_and_keeps_stray_text(tmp_path, form):
    path = tmp_path / "utkast.md"
    save_draft(_sample(form), path)
    text = path.read_text(encoding="utf-8")
    # Reorder: move Bakgrund after Målgrupp; remove Tidsplan; add a stray line and an own section.
    lines = text.split("\n")
    body = text.split("+++\n", 2)[2]
    chunks = {c.split("\n", 1)[0]: c for c in ("\n" + body).split("\n## ") if c.strip()}
    bak = next(k for k in chunks if "{#bakgrund}" in k)
    tid = next(k for k in chunks if "{#tidsplan}" in k)
    mg = next(k for k in chunks if "{#malgrupp}" in k)
    order = [k for k in chunks if k not in (bak, tid)]
    order.insert(order.index(mg) + 1, bak)
    edited_body = "\n".join("## " + chunks[k].rstrip("\n") + "\n" for k in order)
    edited_body = edited_body.replace("Första stycket.", "Första stycket.\nEn rad jag lade till för hand.")
    edited_body += "\n## Mina anteckningar\n\nKom ihåg att ringa FK.\n"
    front = text.split("+++\n", 2)[1]
    path.write_text("+++\n" + front + "+++\nLös rad före första rubriken.\n\n" + edited_body, encoding="utf-8")
    assert lines  # the original was written

    draft = load_draft(path)
    assert "En rad jag lade till för hand." in draft.sections["bakgrund"]
    assert draft.sections["tidsplan"] == ""
    assert draft.prelude == "Lös rad före första rubriken."
    assert any(e.heading == "Mina anteckningar" and "ringa FK" in e.text for e in draft.extra)
    save_draft(draft)
    saved = path.read_text(encoding="utf-8")
    for kept in (
        "En rad jag lade till för hand.",
        "Lös rad före första rubriken.",
        "Kom ihåg att ringa FK.",
        "Kommunen bidrar med lokaler.",
    ):
        assert kept in saved
    # saved back in the form's order
    assert saved.index("{#bakgrund}") < saved.index("{#malgrupp}")


def test_heading_without_key_is_matched_fuzzily(form):
    text = to_text(new_draft(form), form).replace("## 3.2. Målgrupp {#malgrupp}", "## 3.2 MÅLGRUPP\n\nUnga vuxna.")
    assert parse_draft(text).sections["malgrupp"] == "Unga vuxna."


def test_duplicated_section_is_merged_not_dropped(form):
    text = to_text(new_draft(form), form) + "\n## 2. Bakgrund\n\nMer bakgrund.\n"
    draft = parse_draft(text)
    assert "Mer bakgrund." in draft.sections["bakgrund"]
    assert draft.warnings


@pytest.mark.parametrize(
    "mutate,line,needle",
    [
        (lambda t: t.replace('title = "Ett test"', 'title = "Ett test'), 4, "TOML"),
        (lambda t: t.replace("start = 2026-01-01", "start = 2026-02-30"), 7, "TOML"),
        (lambda t: t.replace('form = "finsam-malmo"', 'form = "okänt"'), 3, "okänt formulär"),
        (lambda t: t.replace("schema = 1", "schema = 99"), 2, "schemaversion"),
        (lambda t: t.replace('title = "Ett test"', "title = 5"), 4, "title"),
        (lambda t: t.replace("years = [", 'years = [\n    "tjugo",', 1), None, "years"),
    ],
)
def test_mistakes_name_the_line(form, mutate, line, needle):
    text = mutate(to_text(_sample(form), form))
    with pytest.raises(DraftError) as info:
        parse_draft(text, "utkast.md")
    message = info.value.message("sv")
    assert needle in message
    if line:
        assert message.startswith(f"utkast.md:{line}:"), message


def test_missing_front_matter_is_explained():
    with pytest.raises(DraftError) as info:
        parse_draft("## 2. Bakgrund\n\ntext\n", "u.md")
    assert info.value.message("sv").startswith("u.md:1:") and "+++" in info.value.message("sv")


def test_save_keeps_previous_version_as_backup(tmp_path, form):
    path = tmp_path / "u.md"
    draft = _sample(form)
    save_draft(draft, path)
    first = path.read_text(encoding="utf-8")
    draft.set_text("bakgrund", "Ny text.")
    save_draft(draft, path)
    assert backup_path(path).read_text(encoding="utf-8") == first
    assert "Ny text." in path.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_refuses_to_overwrite_a_file_changed_by_someone_else(tmp_path, form):
    path = tmp_path / "u.md"
    draft = _sample(form)
    save_draft(draft, path)
    other = load_draft(path)
    other.set_text("bakgrund", "Den andras text.")
    save_draft(other)
    draft.set_text("bakgrund", "Min text.")
    assert changed_on_disk(draft)
    with pytest.raises(DraftError):
        save_draft(draft)
    assert "Den andras text." in path.read_text(encoding="utf-8")
    save_draft(draft, force=True)
    assert "Min text." in path.read_text(encoding="utf-8")


def test_windows_line_endings_and_bom_load(tmp_path, form):
    path = tmp_path / "u.md"
    path.write_bytes(b"\xef\xbb\xbf" + to_text(_sample(form), form).replace("\n", "\r\n").encode("utf-8"))
    assert load_draft(path).sections["bakgrund"].startswith("Första stycket.")


def test_binary_and_invalid_utf8_are_refused_clearly(tmp_path):
    path = tmp_path / "u.md"
    path.write_bytes(b'+++\nform = "finsam-malmo"\n+++\n\xff\xfe\xfa trasigt')
    with pytest.raises(DraftError) as info:
        load_draft(path)
    assert "UTF-8" in info.value.message("sv") and ":4" in info.value.message("sv")


def test_demo_draft_is_shipped_and_loads():
    draft = load_draft(demo_draft())
    assert draft.title and draft.municipality and draft.municipality != "Malmö"
    assert draft.budget.grand_total() > 0
    assert draft.sections["bakgrund"] and not draft.sections["organisering"]


def test_save_is_atomic_even_when_the_directory_is_read_only(tmp_path, form):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    path = tmp_path / "u.md"
    save_draft(_sample(form), path)
    before = path.read_bytes()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises((UserError, OSError)):
            save_draft(_sample(form), path, force=True)
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == before


def test_text_lines_that_look_like_headings_survive_save_and_load(tmp_path, form):
    draft = new_draft(form, title="Rubriker")
    draft.set_text("bakgrund", "Första stycket.\n\n## Inte en rubrik\n\nAndra stycket.\n\\## Med snedstreck")
    draft.set_text("malgrupp", "Unga vuxna.")
    path = save_draft(draft, tmp_path / "u.md")
    again = load_draft(path)
    assert again.sections["bakgrund"] == draft.sections["bakgrund"]
    assert again.sections["malgrupp"] == "Unga vuxna." and not again.extra


def test_the_model_and_the_file_are_importable_from_the_package():
    from assistant.core.model import drafts
    from assistant.core.model.drafts import draft, file

    assert drafts.Draft is draft.Draft and drafts.load_draft is file.load_draft
    assert set(drafts.__all__) <= set(dir(drafts))


def test_a_contribution_whose_partner_is_not_written_yet_is_saved_read_back_and_asked_for(tmp_path):
    """The budget screen saves a co-financing row as soon as it is added, before its partner is typed:
    the draft must open again (it was refused: 'varje medfinansiering ska ha en `partner`'), and
    `check` asks for the partner instead."""
    from assistant.core.checks import run_checks
    from assistant.core.model.budget import Contribution

    draft = load_draft(demo_draft())
    draft.budget.cofinancing = [Contribution(partner="", per_year={2027: "10 000"})]
    path = tmp_path / "u.md"
    save_draft(draft, path)
    again = load_draft(path)
    assert [(c.partner, c.per_year) for c in again.budget.cofinancing] == [("", {2027: "10 000"})]
    [asked] = [f for f in run_checks(again).findings if f.code == "budget.cofinancing_partner"]
    assert asked.severity == "varning" and "medfinansiering 1 saknar partner" in asked.message
