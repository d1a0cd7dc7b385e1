"""The page meter shows whole pages, as LibreOffice counts them, not the fractional estimate."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen
from assistant.tui.widgets.outline.page_meter import PageMeter

from ...conftest import wait_until


def test_the_meter_counts_the_pages_libreoffice_would_lay_out(demo_copy: Path) -> None:
    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
            meter = app.screen.query_one(PageMeter)
            await wait_until(pilot, lambda: meter.estimate is not None, what="the estimate")
            estimate, form = meter.estimate, app.screen.form
            shown = str(meter.render())
            expected = f"{estimate.body_pages} av {form.page.max_pages} sidor"
            assert shown.startswith(expected), shown
            assert ("+ underskriftssida" in shown) == bool(form.page.uncounted)
            assert "," not in shown.split("⚠")[0]  # no "3,0 sidor" for a draft laid out on four
            assert not meter.has_class("over")

            limit = form.page.max_pages
            meter.show(dataclasses.replace(estimate, body_pages=limit + 1, borderline=False), limit)
            assert meter.has_class("over") and str(meter.render()).startswith(f"{limit + 1} av {limit} sidor")

    asyncio.run(go())
