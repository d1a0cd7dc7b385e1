"""The review screen on a paragraph moved between sections (issue 17, items 3 and 5): F2 on
either half of the move takes the whole move (the text leaves Bakgrund and stands in Målgrupp),
as one step that Ctrl+Z undoes; F3 leaves both halves as they were. A deleted heading is said in
the summary, never taken in: the form decides the headings."""

from __future__ import annotations

import asyncio
from pathlib import Path

import docx

from assistant.core.document.export import export_docx
from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.storage import paths
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from tests.core.sources.review_ooxml import delete_heading, heading, insert_words, move_paragraph
from tests.core.sources.test_review import paragraph_under

from .conftest import settle, wait_until
from .test_review import highlight, open_review


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _moved(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "drafts"
    folder.mkdir(exist_ok=True)
    draft = load_draft(paths.demo_draft())
    draft_path = save_draft(draft, folder / "utkast.md")
    (tmp_path / "export").mkdir()
    document = docx.Document(str(export_docx(draft, tmp_path / "export" / "ansokan.docx")))
    source = paragraph_under(document, "2. Bakgrund", 2)
    text = source.text
    move_paragraph(source, paragraph_under(document, "3.2. Målgrupp", 1))
    document.save(str(folder / "granskad.docx"))
    return draft_path, text


def test_f2_on_one_half_takes_the_whole_move_and_ctrl_z_undoes_it(tmp_path: Path) -> None:
    draft_path, moved = _moved(tmp_path)
    original = load_draft(draft_path)

    async def go() -> None:
        app = AnsokanApp(load_draft(draft_path))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            main = app.screen
            review = await open_review(pilot)
            highlight(review, "c2")  # the half that stands in Målgrupp
            await pilot.press("f4")  # no words of one's own in half a move
            await settle(pilot)
            assert review.decisions == {} and app.screen is review
            await pilot.press("f2")
            await settle(pilot)
            assert set(review.decisions) == {1, 2}
            assert moved not in main.draft.text("bakgrund")
            assert _paragraphs(main.draft.text("malgrupp")) == [*_paragraphs(original.text("malgrupp")), moved]
            await pilot.press("ctrl+z")  # one step: both halves undone
            await settle(pilot)
            assert review.decisions == {}
            assert _paragraphs(main.draft.text("bakgrund")) == _paragraphs(original.text("bakgrund"))
            assert main.draft.text("malgrupp") == original.text("malgrupp")
            highlight(review, "c1")
            await pilot.press("f3")  # rejected: both halves, the text as it was
            await settle(pilot)
            assert {n: d["decision"] for n, d in review.decisions.items()} == {1: "rejected", 2: "rejected"}
            assert main.draft.text("malgrupp") == original.text("malgrupp")

    asyncio.run(go())


def test_a_deleted_heading_is_said_on_the_screen_and_its_text_stays_in_its_section(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir(exist_ok=True)
    draft_path = save_draft(load_draft(paths.demo_draft()), folder / "utkast.md")
    original = load_draft(draft_path)
    (tmp_path / "export").mkdir()
    document = docx.Document(str(export_docx(original, tmp_path / "export" / "ansokan.docx")))
    under = paragraph_under(document, "3.2. Målgrupp", 1)
    delete_heading(heading(document, "3.2. Målgrupp"))
    insert_words(under, " Fler kvinnor ska nås.")
    document.save(str(folder / "granskad.docx"))
    seen: dict[str, str] = {}

    async def go(lang: str) -> None:
        app = AnsokanApp(load_draft(draft_path), lang_code=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            main = app.screen
            review = await open_review(pilot)
            seen[lang] = str(review.query_one("#review-summary").render())
            if lang == "sv":
                await pilot.press("f2")
                await settle(pilot)
                assert main.draft.text("malgrupp").endswith("Fler kvinnor ska nås.")
                assert main.draft.text("tidsplan") == original.text("tidsplan")
                assert list(main.draft.sections) == list(original.sections)

    asyncio.run(go("sv"))
    asyncio.run(go("en"))
    assert "rubriken 3.2. Målgrupp struken av Eva Holm, förs inte in" in seen["sv"]
    assert "heading 3.2. Målgrupp deleted by Eva Holm, not taken in" in seen["en"]
