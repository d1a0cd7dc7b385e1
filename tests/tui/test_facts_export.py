"""The export dialog says what is still open before it writes, and its buttons fit 80×24."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import Button, Checkbox

from assistant.core.model.drafts import load_draft, save_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.main import MainScreen

from .conftest import shown, wait_until

MARKER = "⟦Malmö stad → ?⟧"


def on_screen(app, widget) -> bool:
    region = widget.region
    return region.height > 0 and app.screen.region.contains_region(region)


def test_open_markers_are_shown_before_anything_is_written(demo_copy: Path) -> None:
    draft = load_draft(demo_copy)
    key = draft.form.headings[1].key
    draft.set_text(key, draft.text(key) + f"\n\nSamarbetet med {MARKER} börjar 2027.")
    save_draft(draft)
    written = demo_copy.with_suffix(".docx")

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
            await pilot.press("f9")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="export dialog")
            export = app.screen
            await pilot.pause()
            review = shown(export, "#export-review")
            assert MARKER in review and draft.form.headings[1].display in review
            go_button, cancel = export.query_one("#export-go", Button), export.query_one("#export-close", Button)
            assert str(go_button.label) == "Exportera ändå" and str(cancel.label) == "Avbryt"
            assert on_screen(app, go_button) and on_screen(app, cancel)

            await pilot.click("#export-close")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="cancelled")
            assert not written.exists()

            await pilot.press("f9")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="export dialog again")
            export = app.screen
            export.query_one("#export-pdf", Checkbox).value = False
            await pilot.click("#export-go")
            await wait_until(pilot, lambda: export.result is not None, what="exported anyway", timeout=60)

    asyncio.run(go())
    assert written.is_file()
