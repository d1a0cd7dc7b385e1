"""The Inskickning screen, reached through the command palette: what is missing before sending."""

from __future__ import annotations

import asyncio

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.screens.submission import SubmissionScreen
from assistant.usecases.drafts import demo_copy
from assistant.usecases.submission import attach

from ..conftest import run_from_palette, shown, wait_until


def test_the_palette_opens_the_submission_screen_which_names_what_is_missing(tmp_path):
    demo = demo_copy(tmp_path / "drafts")
    letter = tmp_path / "af.pdf"
    letter.write_bytes(b"%PDF-1.4")
    attach(demo, letter, "avsiktsforklaring", "Arbetsförmedlingen")
    seen: list[str] = []

    async def go() -> None:
        app = AnsokanApp(load_draft(demo))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main")
            await run_from_palette(pilot, "Inskickning", "Inskickning")
            await wait_until(pilot, lambda: isinstance(app.screen, SubmissionScreen), what="submission screen")
            screen = app.screen
            await wait_until(pilot, lambda: "Bilagor" in shown(screen, "#submission-body"), what="loaded", timeout=30)
            seen.append(shown(screen, "#submission-body"))
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="back")

    asyncio.run(go())
    body = seen[0]
    assert "✓ Avsiktsförklaring (Arbetsförmedlingen)" in body
    assert "· Avsiktsförklaring (Försäkringskassan)" in body
    assert "bilaga saknas: Underskriven underskriftssida" in body
