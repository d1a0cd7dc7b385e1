"""The export dialog for review (issue 17): "för granskning" puts the open questions in as Word
comments, "med ändringar sedan version N" marks what changed since a version sent before as
tracked changes: the CLI's `export --review [--since N]`, through the same use case. Every export
from the dialog is kept as a version, as `ansokan export` keeps one; a plain export is as before."""

from __future__ import annotations

import asyncio
import re
import zipfile
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input, Select

from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.model.drafts.notes import new_note
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.main import MainScreen
from assistant.usecases.export import export_application
from assistant.usecases.review import keep_sent_version, sent_versions

from ..conftest import settle, shown, wait_until

NOTE = "Kommunen betalar nog inte, fråga Eva"


def part(docx: Path, name: str) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read(name).decode("utf-8") if name in package.namelist() else ""


def comments_in(docx: Path) -> list[str]:
    """The text of each comment in word/comments.xml."""
    xml = part(docx, "word/comments.xml")
    return ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", c)) for c in re.findall(r"<w:comment .*?</w:comment>", xml)]


async def open_export(pilot) -> ExportScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
    await pilot.press("f9")
    await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="export dialog")
    export = app.screen
    assert isinstance(export, ExportScreen)
    export.query_one("#export-pdf", Checkbox).value = False
    return export


async def export_to(pilot, export: ExportScreen, target: Path, *, review: bool, since: bool):
    """Tick the choices as asked, name `target`, press Exportera, wait for this export's result."""
    export.query_one("#export-for-review", Checkbox).value = review
    await settle(pilot)
    if export.versions:
        export.query_one("#export-since", Checkbox).value = since
        await settle(pilot)
    export.query_one("#export-path", Input).value = str(target)
    before = export.result
    await pilot.click("#export-go")
    await wait_until(pilot, lambda: export.result is not before, what="export finished", timeout=60)
    await settle(pilot)
    assert export.result is not None and export.result.docx == target
    return export.result, shown(export, "#export-result")


def test_a_plain_export_from_the_dialog_is_as_before_and_kept_as_a_version(demo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "vanlig.docx"
    got: list = []

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            export = await open_export(pilot)
            assert not export.query_one("#export-since-row").display, "nothing sent before: no choice of version"
            assert not export.query_one("#export-for-review", Checkbox).value
            got.append(await export_to(pilot, export, target, review=False, since=False))
            assert export.query_one("#export-since-row").display, "now a version was sent"
            assert export.query_one("#export-since-version", Select).value == "1"

    asyncio.run(go())
    result, text = got[0]
    assert (result.comments, result.tracked, result.since_version) == (0, 0, None)
    assert "kommentar" not in text and "Sparade det som version 1" in text
    assert comments_in(target) == [] and "<w:ins " not in part(target, "word/document.xml")
    cli = export_application(load_draft(demo_copy), tmp_path / "cli.docx")  # the CLI's plain export
    assert part(target, "word/document.xml") == part(cli.docx, "word/document.xml")
    assert [v.number for v in sent_versions(load_draft(demo_copy))] == [1]


@pytest.mark.parametrize(("lang", "size"), [("sv", (120, 40)), ("en", (80, 24))])
def test_export_for_review_and_with_changes_since_the_last_version(
    lang: str, size: tuple[int, int], demo_copy: Path, tmp_path: Path
) -> None:
    draft = load_draft(demo_copy)
    draft.notes.append(new_note("malgrupp", NOTE, anchor="60 personer"))
    save_draft(draft, demo_copy)
    for n in (1, 2):  # two versions sent, as `ansokan export` keeps them
        keep_sent_version(demo_copy, export_application(demo_copy, tmp_path / f"skickad{n}.docx").docx)
    draft = load_draft(demo_copy)
    draft.set_text("malgrupp", draft.text("malgrupp").replace("60 personer", "80 personer", 1))
    save_draft(draft, demo_copy)
    since, review = tmp_path / "sedan.docx", tmp_path / "granska.docx"
    got: list = []

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy), lang_code=lang)
        async with app.run_test(size=size) as pilot:
            export = await open_export(pilot)
            assert export.query_one("#export-since-version", Select).value == "2", "the last version by default"
            export.query_one("#export-since", Checkbox).value = True
            await settle(pilot)
            assert export.query_one("#export-for-review", Checkbox).value, "changes since are a review copy's"
            got.append(await export_to(pilot, export, since, review=True, since=True))
            got.append(await export_to(pilot, export, review, review=True, since=False))

    asyncio.run(go())
    (with_changes, since_text), (for_review, review_text) = got

    document = part(since, "word/document.xml")
    assert "<w:ins " in document and "<w:del " in document
    assert with_changes.since_version == 2 and with_changes.tracked > 0
    assert comments_in(since) == [NOTE] and with_changes.comments == 1
    t = with_changes.tracked
    assert {
        "sv": f"1 kommentar, {t} spårade ändringar sedan version 2",
        "en": f"1 comment, {t} tracked changes since version 2",
    }[lang] in since_text

    assert comments_in(review) == [NOTE] and "<w:ins " not in part(review, "word/document.xml")
    assert (for_review.comments, for_review.since_version) == (1, None)
    assert {"sv": "1 kommentar till granskarna", "en": "1 comment for the reviewers"}[lang] in review_text
    assert {"sv": "Sparade det som version 4", "en": "Kept it as version 4"}[lang] in review_text
    assert [v.number for v in sent_versions(load_draft(demo_copy))] == [1, 2, 3, 4]


def test_for_review_the_dialog_proposes_the_review_copys_own_name_and_keeps_a_typed_one(demo_copy: Path) -> None:
    plain = str(demo_copy.with_suffix(".docx"))
    review = str(demo_copy.with_name(demo_copy.stem + "-granskning.docx"))

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            export = await open_export(pilot)
            path, for_review = export.query_one("#export-path", Input), export.query_one("#export-for-review", Checkbox)
            assert path.value == plain
            for_review.value = True
            await wait_until(pilot, lambda: path.value == review, what="the review copy's name")
            await pilot.click("#export-go")
            await wait_until(pilot, lambda: export.result is not None, what="export finished", timeout=60)
            assert export.result is not None and export.result.docx == Path(review)
            assert not Path(plain).exists()  # the funder's copy is not written over
            for_review.value = False
            await wait_until(pilot, lambda: path.value == plain, what="the plain name again")
            path.value = "eget-namn.docx"
            for_review.value = True
            await settle(pilot)
            assert path.value == "eget-namn.docx"  # the writer's own name stays

    asyncio.run(go())
