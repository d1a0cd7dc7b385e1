"""The review screen (issue 17, item 3) on a review LibreOffice itself wrote (tests/fixtures/review):
each change and comment listed in document order, accepted, rejected or edited one at a time or
all of one reviewer's, every decision one undoable step in the editor, the draft recording which
review each came from, and the comments in the conversation on their sections."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.review import ReviewScreen
from assistant.tui.screens.review_dialogs import EditChangeScreen, ReviewFileScreen

from .conftest import run_from_palette, settle, wait_until

FIXTURE = Path(__file__).parents[1] / "fixtures" / "review"
ORDER = ["c1", "k0", "c2", "c3", "k1", "c4", "c5"]  # Bakgrund, Presentation, Tidsplan, Målgrupp


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    """The fixture's draft and its reviewed .docx, side by side in a folder of the test's own."""
    folder = tmp_path / "drafts"
    folder.mkdir(exist_ok=True)
    for name in ("utkast.md", "granskad.docx"):
        shutil.copyfile(FIXTURE / name, folder / name)
    return folder / "utkast.md"


def items(screen: ReviewScreen) -> list[str]:
    listing = screen.query_one("#review-items", OptionList)
    return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]


def highlight(screen: ReviewScreen, option_id: str) -> None:
    screen.query_one("#review-items", OptionList).highlighted = items(screen).index(option_id)


def screen_text(app: AnsokanApp) -> str:
    """The words the screen shows: its texts, keys and the list's items."""
    shown = [str(w.render()) for w in app.screen.query("Static, FooterKey")]
    for listing in app.screen.query(OptionList):
        shown += [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
    return "\n".join(shown)


async def open_review(pilot, *, palette: bool = False) -> ReviewScreen:
    app = pilot.app
    if palette:
        await run_from_palette(pilot, "granskning", "Läs in granskning")
    else:
        await pilot.press("f10")
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewFileScreen), what="the file dialog")
    assert app.screen.query_one("#review-file-path", Input).value.endswith("granskad.docx")  # the newest beside it
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review screen")
    await settle(pilot)
    return app.screen


def test_accept_reject_and_undo_change_by_change(reviewed: Path) -> None:
    original = load_draft(reviewed)

    async def go() -> None:
        app = AnsokanApp(load_draft(reviewed))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            main = app.screen
            review = await open_review(pilot)
            assert [i for i in items(review) if i] == ORDER
            shown = screen_text(app)
            for words in ("2. Bakgrund", "3.2. Målgrupp", "infogat", "strukit", "Eva Holm", "Karin Ek", "Godkänn"):
                assert words in shown, words
            # The comments are in the conversation, each on its section.
            comments = [(m.section, m.text) for m in main.messages if m.role == "reviewer"]
            assert [s for s, _ in comments] == ["bakgrund", "tidsplan"]
            assert "Vem äger planen?" in comments[0][1] and "Karin Ek" in comments[0][1]

            assert review.highlighted_change() == 1  # the first open change
            await pilot.press("f2")  # #1 accepted: one edit in Bakgrund
            await settle(pilot)
            assert review.highlighted_change() == 2
            await pilot.press("f3")  # #2 rejected: the text stays
            highlight(review, "c4")
            await pilot.press("f2", "f2")  # #4 and #5, the replaced words in Målgrupp
            await settle(pilot)
            draft = main.draft
            assert "180 unga vuxna och deras anhöriga mellan" in draft.text("bakgrund")
            assert draft.text("presentation") == original.text("presentation")
            assert "delta, minst hälften kvinnor och hälften män" in draft.text("malgrupp")
            assert "avvisad" in screen_text(app) and "godkänd" in screen_text(app)

            await pilot.press("escape")  # back in the text, on the last section decided
            await wait_until(pilot, lambda: app.screen is main, what="the main screen")
            assert main.draft.current == "malgrupp"
            await pilot.press("ctrl+z")  # #5's insertion undone, then #4's deletion
            await pilot.press("ctrl+z")
            await settle(pilot)
            main.save_now()
            await settle(pilot)
            saved = load_draft(reviewed)
            assert saved.text("malgrupp") == original.text("malgrupp")
            assert saved.text("bakgrund") == original.text("bakgrund").replace(
                "180 unga vuxna mellan", "180 unga vuxna och deras anhöriga mellan"
            )
            assert saved.text("presentation") == original.text("presentation")
            [record] = saved.meta["reviews"]
            assert record["file"] == "granskad.docx" and len(record["sha256"]) == 64
            assert {d["change"]: d["decision"] for d in record["decisions"]} == {
                1: "accepted",
                2: "rejected",
                4: "accepted",
                5: "accepted",
            }

            # Read again: what Ctrl+Z undid in the text is open again; the comments are not repeated.
            review = await open_review(pilot, palette=True)
            assert set(review.decisions) == {1, 2}
            assert sum(m.role == "reviewer" for m in main.messages) == 2
            highlight(review, "c3")
            await pilot.press("f5")  # all of Karin Ek's open changes: #3 in Tidsplan
            await settle(pilot)
            assert "rekrytering av personal och lokaler sker" in main.draft.text("tidsplan")
            await pilot.press("ctrl+z")  # the decision taken back here
            await settle(pilot)
            assert main.draft.text("tidsplan") == original.text("tidsplan")
            assert 3 not in review.decisions
            await pilot.press("escape")
            await settle(pilot)
        saved = load_draft(reviewed)
        assert {d["change"] for d in saved.meta["reviews"][0]["decisions"]} == {1, 2}
        assert saved.text("tidsplan") == original.text("tidsplan")

    asyncio.run(go())


def test_a_change_taken_with_the_writers_own_words_in_english_at_80x24(reviewed: Path) -> None:
    original = load_draft(reviewed).text("malgrupp")

    async def go() -> None:
        app = AnsokanApp(load_draft(reviewed), lang_code="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            main = app.screen
            review = await open_review(pilot)
            shown = screen_text(app)
            for words in ("Review", "inserted", "deleted", "Accept", "Reject", "decided", "left"):
                assert words in shown, words
            assert "Godkänn" not in shown
            highlight(review, "c4")  # the deletion of "ungefär hälften kvinnor"
            await pilot.press("f4")
            await wait_until(pilot, lambda: isinstance(app.screen, EditChangeScreen), what="the edit dialog")
            await pilot.press(*"drygt hälften kvinnor", "enter")
            await wait_until(pilot, lambda: app.screen is review, what="the review screen")
            await settle(pilot)
            assert review.decisions[4]["decision"] == "edited"
            assert main.draft.text("malgrupp") == original.replace("ungefär hälften", "drygt hälften")
            assert "edited and accepted" in screen_text(app)
            highlight(review, "c5")  # an insertion with no words left is not taken
            await pilot.press("f4")
            await wait_until(pilot, lambda: isinstance(app.screen, EditChangeScreen), what="the edit dialog")
            app.screen.query_one("#review-edit-words", Input).value = ""
            await pilot.press("enter")
            await wait_until(pilot, lambda: app.screen is review, what="the review screen")
            assert 5 not in review.decisions

            # The comments are notes on their sections: one resolved here, one answered.
            assert [(n.section, n.author, n.resolved) for n in main.draft.notes] == [
                ("bakgrund", "Karin Ek", False),
                ("tidsplan", "Karin Ek", False),
            ]
            assert main.draft.notes[1].anchor == "De första deltagarna börjar i april 2027"
            highlight(review, "k1")
            await pilot.press("f7")
            assert main.draft.notes[1].resolved and "resolved" in screen_text(app)
            highlight(review, "k0")
            await pilot.press("f8")
            await wait_until(pilot, lambda: isinstance(app.screen, EditChangeScreen), what="the answer dialog")
            await pilot.press(*"Kommunen", "enter")
            await wait_until(pilot, lambda: app.screen is review, what="the review screen")
            await settle(pilot)
            answer = main.draft.notes[-1]
            assert answer.section == "bakgrund" and answer.author == "Sara Lindqvist"  # the writer
            assert answer.text == "Answer to Karin Ek on “Vem äger planen?”: Kommunen"
            assert answer.anchor == "en gemensam plan mellan parterna"
            assert main.messages[-1].role == "writer" and main.messages[-1].text == answer.text
            main.save_now()
            await settle(pilot)
        assert [n.resolved for n in load_draft(reviewed).notes] == [False, True, False]

    asyncio.run(go())


def test_a_wrong_file_is_one_line_in_the_dialog_and_a_file_without_review_says_so(reviewed: Path) -> None:
    from assistant.core.document.export import export_docx

    export_docx(load_draft(reviewed), reviewed.parent / "ren.docx")  # exported, never reviewed

    async def go() -> None:
        app = AnsokanApp(load_draft(reviewed))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await pilot.press("f10")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewFileScreen), what="the file dialog")
            dialog = app.screen
            field = dialog.query_one("#review-file-path", Input)
            assert field.value.endswith("ren.docx")  # the newest .docx beside the draft
            for wrong, says in ((reviewed, "välj en .docx-fil"), (reviewed.parent / "saknas.docx", "filen finns inte")):
                field.value = str(wrong)
                await pilot.press("enter")
                await pilot.pause()
                assert app.screen is dialog
                assert says in str(dialog.query_one("#review-file-error").render())
            field.value = str(reviewed.parent / "ren.docx")
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review screen")
            shown = screen_text(app)
            assert "Filen har inga spårade ändringar eller kommentarer." in shown
            assert "0 ändringar och 0 kommentarer" in shown
            await pilot.press("f2")  # nothing to accept: a word, no error
            await pilot.press("escape")
            await wait_until(pilot, lambda: app.screen is app.screen_stack[-1] and isinstance(app.screen, MainScreen))

    asyncio.run(go())


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_key_of_the_review_screen_is_on_its_bar_at_80x24(reviewed: Path, lang: str) -> None:
    from .widgets.test_keybar import bar_rows

    async def go() -> None:
        app = AnsokanApp(load_draft(reviewed), lang_code=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
            await open_review(pilot)
            wanted = {
                (app.get_key_display(b.binding), b.binding.description)
                for b in app.screen.active_bindings.values()
                if b.binding.show
            }
            assert ("f7", "Löst" if lang == "sv" else "Resolve") in wanted
            rows = bar_rows(app)
            for key, description in wanted:
                assert any(f"{key} {description}" in row for row in rows), (key, description, rows)

    asyncio.run(go())
