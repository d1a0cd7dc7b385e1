"""The review screen on an `export --review --since` copy sent back (issue 17): the writer's own
tracked changes in it are already in the draft, so they are marked 'redan i utkastet' and skipped
(the highlight passes them, F2 and F5 take them no second time); a change the draft no longer has
is an open one like any reviewer's."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from assistant.core.model.drafts import load_draft, save_draft
from assistant.core.storage import paths
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.review import ReviewScreen
from assistant.tui.screens.review_dialogs import ReviewFileScreen
from assistant.usecases.export import export_application
from assistant.usecases.review import keep_sent_version

from .conftest import settle, wait_until

SENTENCE = " Det behovet växer varje år."


@pytest.fixture
def since_copy(tmp_path: Path) -> tuple[Path, Path, str]:
    """A draft, its version 1 sent, two edits (Målgrupp: 60 → 80 personer; a sentence in Bakgrund),
    the copy for review since version 1, then the Bakgrund edit taken back in the draft: the
    copy's Målgrupp changes are in the draft, its Bakgrund insertion is not."""
    draft_path = tmp_path / "granskning" / "utkast.md"
    draft_path.parent.mkdir()
    shutil.copyfile(paths.demo_draft(), draft_path)
    keep_sent_version(draft_path, export_application(draft_path, tmp_path / "v1.docx").docx)
    draft = load_draft(draft_path)
    background = draft.text("bakgrund")
    draft.set_text("malgrupp", draft.text("malgrupp").replace("60 personer", "80 personer", 1))
    draft.set_text("bakgrund", background.replace("\n\n", SENTENCE + "\n\n", 1))
    save_draft(draft, draft_path)
    copy = export_application(draft_path, draft_path.parent / "sedan.docx", for_review=True, since="1").docx
    draft = load_draft(draft_path)
    draft.set_text("bakgrund", background)
    save_draft(draft, draft_path)
    return draft_path, copy, background


def labels(screen: ReviewScreen) -> dict[str, str]:
    listing = screen.query_one("#review-items", OptionList)
    options = [listing.get_option_at_index(i) for i in range(listing.option_count)]
    return {o.id: str(o.prompt) for o in options if o.id}


def highlight(screen: ReviewScreen, option_id: str) -> None:
    listing = screen.query_one("#review-items", OptionList)
    ids = [listing.get_option_at_index(i).id for i in range(listing.option_count)]
    listing.highlighted = ids.index(option_id)


def highlighted(screen: ReviewScreen) -> str:
    listing = screen.query_one("#review-items", OptionList)
    assert listing.highlighted is not None
    return listing.get_option_at_index(listing.highlighted).id or ""


@pytest.mark.parametrize(("lang", "size"), [("sv", (120, 40)), ("en", (80, 24))])
def test_the_writers_own_changes_in_a_since_copy_are_marked_and_skipped(
    lang: str, size: tuple[int, int], since_copy: tuple[Path, Path, str]
) -> None:
    draft_path, copy, background = since_copy
    marked = {"sv": "redan i utkastet", "en": "already in the draft"}[lang]
    seen: dict[str, object] = {}

    async def go() -> None:
        app = AnsokanApp(load_draft(draft_path), lang_code=lang)
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await pilot.press("f10")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewFileScreen), what="the file dialog")
            app.screen.query_one("#review-file-path", Input).value = str(copy)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review screen")
            await settle(pilot)
            review = app.screen
            assert isinstance(review, ReviewScreen)
            seen["labels"] = labels(review)
            seen["first"] = highlighted(review)
            seen["summary"] = str(review.query_one("#review-summary").render())
            made = [k for k, v in labels(review).items() if k.startswith("c") and "Det behovet" not in v]
            highlight(review, made[0])
            await pilot.press("f5")  # all of the writer's open changes: the one not in the draft
            await settle(pilot)
            seen["decided"] = sorted(review.decisions)
            highlight(review, made[1])
            await pilot.press("f2")  # on one already in the draft: nothing happens to the text
            await settle(pilot)
            seen["after_f2"] = sorted(review.decisions)
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="back in the text")
            app.screen.sync_editor()
            app.screen.save_now()
            await settle(pilot)

    asyncio.run(go())
    got = seen["labels"]
    assert isinstance(got, dict)
    in_background = [k for k, v in got.items() if "Det behovet" in v]
    assert len(in_background) == 1 and marked not in got[in_background[0]]
    in_target_group = [k for k in got if k.startswith("c") and k not in in_background]
    assert len(in_target_group) == 2 and all(marked in got[k] for k in in_target_group)
    assert seen["first"] == in_background[0], "the highlight passes the changes already made"
    assert {"sv": "2 redan i utkastet", "en": "2 already in the draft"}[lang] in str(seen["summary"])
    assert seen["decided"] == seen["after_f2"] == [int(in_background[0][1:])]
    after = load_draft(draft_path)
    assert after.text("bakgrund") == background.replace("\n\n", SENTENCE + "\n\n", 1)
    assert after.text("malgrupp").count("80 personer") == 1 and "60 personer" not in after.text("malgrupp")
