"""What the composer searches with: the paragraph at the cursor up to it, and the rest as context."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult

from assistant.tui.widgets.editor.composer import Composer, spaced

TEXT = "Första stycket om något annat.\n\nMånga unga vuxna står långt från arbetsmarknaden. De behöver stöd\nfrån flera parter samtidigt.\n\nSista stycket."


class ComposerApp(App):
    def compose(self) -> ComposeResult:
        yield Composer()


def test_the_query_is_the_paragraph_up_to_the_cursor_and_the_context_its_rest() -> None:
    async def go() -> None:
        app = ComposerApp()
        async with app.run_test() as pilot:
            composer = app.query_one(Composer)
            composer.load(TEXT, "2. Bakgrund")
            composer.editor.move_cursor((2, len("Många unga vuxna står långt från arbetsmarknaden. De behöver")))
            await pilot.pause()
            assert composer.query_text() == "Många unga vuxna står långt från arbetsmarknaden. De behöver"
            assert composer.context_text() == "stöd från flera parter samtidigt."
            composer.editor.move_cursor((2, 5))  # at the start of a paragraph: the text before says more
            assert composer.query_text() == "Första stycket om något annat. Många"
            composer.load("", "2. Bakgrund")
            assert composer.query_text() == "" and composer.context_text() == ""

    asyncio.run(go())


def test_a_passage_inserted_against_a_word_gets_a_space_and_one_undo_takes_it_back() -> None:
    async def go() -> None:
        app = ComposerApp()
        async with app.run_test() as pilot:
            composer = app.query_one(Composer)
            composer.load("Vi arbetar med djurvård", "3.5. Aktiviteter")
            composer.editor.move_cursor((0, len("Vi arbetar med djurvård")))
            composer.take("Efter projektet tar kommunen över.", "insert")
            await pilot.pause()
            assert composer.editor.text == "Vi arbetar med djurvård Efter projektet tar kommunen över."
            composer.editor.move_cursor((0, len("Vi arbetar")))
            composer.take("också", "insert")
            assert composer.editor.text.startswith("Vi arbetar också med djurvård")
            composer.editor.undo()
            await pilot.pause()
            assert composer.editor.text == "Vi arbetar med djurvård Efter projektet tar kommunen över."

    asyncio.run(go())


def test_spacing_is_added_only_where_text_would_run_into_a_word() -> None:
    assert spaced("ord", "Nytt.", "") == " Nytt."
    assert spaced("ord ", "Nytt.", "") == "Nytt."
    assert spaced("ord", ", och mer", "") == ", och mer"
    assert spaced("", "Nytt", "ord") == "Nytt "
    assert spaced("", "Nytt", ".") == "Nytt"
    assert spaced("", "Nytt", " ord") == "Nytt"
