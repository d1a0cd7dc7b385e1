"""The review screen names both ends of a move: where the text stood it says where it went
('flyttat till 3.2. Målgrupp'), where it went it says where it came from ('flyttat från 2. Bakgrund'),
in the list and in the detail under it, in Swedish and English."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen

from .conftest import wait_until
from .test_review import highlight, open_review
from .test_review_moves import _moved

WORDS = {
    "sv": ("flyttat till 3.2. Målgrupp", "flyttat från 2. Bakgrund"),
    "en": ("moved to 3.2. Målgrupp", "moved from 2. Bakgrund"),  # the form's headings are Swedish
}


@pytest.mark.parametrize(("lang", "size"), [("sv", (120, 40)), ("en", (80, 24))])
def test_each_half_of_a_move_names_the_other_section(tmp_path: Path, lang: str, size: tuple[int, int]) -> None:
    draft_path, _moved_text = _moved(tmp_path)

    async def go() -> None:
        app = AnsokanApp(load_draft(draft_path), lang_code=lang)
        async with app.run_test(size=size) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            review = await open_review(pilot)
            listing = review.query_one("#review-items", OptionList)
            away, here = (str(listing.get_option(f"c{n}").prompt) for n in (1, 2))
            assert WORDS[lang][0] in away and WORDS[lang][1] in here, (away, here)
            highlight(review, "c2")
            await wait_until(pilot, lambda: WORDS[lang][1] in str(review.query_one("#review-detail", Static).render()))

    asyncio.run(go())
