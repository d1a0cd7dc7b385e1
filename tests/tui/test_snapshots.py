"""What the screens look like (pytest-textual-snapshot), from a fixed draft with no clock text.

Update after an intended change: `pytest tests/tui/test_snapshots.py --snapshot-update`, then look
at the SVGs in tests/tui/__snapshots__/.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.budget import BudgetScreen
from assistant.tui.screens.checks import CheckScreen
from assistant.tui.screens.main import MainScreen
from assistant.tui.widgets.chat.chat import Chat
from assistant.tui.widgets.outline.outline import Outline
from assistant.tui.widgets.outline.page_meter import PageMeter

from .conftest import settle, shown, wait_until

BIG = (120, 40)
SMALL = (80, 24)


def app_on(draft_path: Path) -> AnsokanApp:
    return AnsokanApp(load_draft(draft_path), lang_code="sv")


async def main_ready(pilot) -> MainScreen:
    """The main screen with its suggestions and page estimate shown, the cursor not blinking."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
    screen = app.screen
    await settle(pilot)
    await wait_until(
        pilot,
        lambda: (
            screen.suggestions.answered is not None
            and screen.query_one(PageMeter).estimate is not None
            and screen.query_one(Outline).findings is not None
        ),
        what="suggestions, page estimate and outline marks",
    )
    editor = screen.query_one("#editor", TextArea)
    editor.cursor_blink = False
    # TextArea caches its drawn lines under a key that, once blinking is off, no longer says whether the
    # cursor was shown: a line drawn while the blink had hidden it stayed so in the picture, which made
    # the 80x24 snapshot differ in the cursor's row under load. Draw them again in the final state.
    editor.notify_style_update()
    chat = screen.query_one(Chat)
    # A message that fits is shown at the end, a longer one from its start (Chat.add): wait for either.
    await wait_until(
        pilot,
        lambda: chat.at_end or (chat.children and chat.scroll_y == chat.children[-1].virtual_region.y),
        what="the conversation scrolled to its newest message",
    )
    # Whatever those messages started (the editor's cursor line at 80x24 was caught half-drawn under
    # load: the same screen with and without the highlighted row) has finished before the picture.
    await settle(pilot)
    return screen


def test_start_screen(snap_compare) -> None:
    assert snap_compare(AnsokanApp(None), terminal_size=BIG)


def test_main_screen_with_suggestions(snap_compare, demo_copy: Path) -> None:
    assert snap_compare(app_on(demo_copy), terminal_size=BIG, run_before=main_ready)


def test_main_screen_small_terminal(snap_compare, demo_copy: Path) -> None:
    assert snap_compare(app_on(demo_copy), terminal_size=SMALL, run_before=main_ready)


def test_budget_screen(snap_compare, demo_copy: Path) -> None:
    async def budget(pilot) -> None:
        await main_ready(pilot)
        await pilot.press("f7")
        await wait_until(
            pilot,
            lambda: isinstance(pilot.app.screen, BudgetScreen) and shown(pilot.app.screen, "#findings-text"),
            what="budget findings",
        )
        pilot.app.screen.focused.cursor_blink = False
        await pilot.pause()

    assert snap_compare(app_on(demo_copy), terminal_size=BIG, run_before=budget)


def test_check_screen(snap_compare, demo_copy: Path) -> None:
    async def check(pilot) -> None:
        await main_ready(pilot)
        await pilot.press("f8")
        await wait_until(
            pilot,
            lambda: isinstance(pilot.app.screen, CheckScreen) and pilot.app.screen.report is not None,
            what="check report",
        )
        await pilot.pause()

    assert snap_compare(app_on(demo_copy), terminal_size=BIG, run_before=check)
