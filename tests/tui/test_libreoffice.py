"""LibreOffice from the interface: the exact page count on the check screen and a PDF export."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from assistant.core.document.office import pdf_page_count
from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.checks import CheckScreen
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.main import MainScreen

from .conftest import shown, wait_until

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"),
]


def test_exact_pages_and_pdf_export(demo_copy: Path, private_dirs: Path) -> None:
    out = private_dirs / "export" / "steget.docx"

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
            await pilot.press("f8")
            await wait_until(
                pilot, lambda: isinstance(app.screen, CheckScreen) and app.screen.report is not None, what="checks"
            )
            check = app.screen
            await pilot.press("ctrl+e")
            await wait_until(pilot, lambda: check.exact is not None, what="the exact page count", timeout=120)
            assert "Exakt (LibreOffice)" in str(check.query_one("#exact-result").render())
            counted = check.exact
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="back")

            await pilot.press("f9")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="export dialog")
            export = app.screen
            export.query_one("#export-path", Input).value = str(out)
            assert export.query_one("#export-pdf").value is True  # ticked when LibreOffice is there
            await pilot.click("#export-go")
            await wait_until(pilot, lambda: shown(export, "#export-result"), what="export with PDF", timeout=120)
            result = export.result
            assert result is not None and result.pdf == out.with_suffix(".pdf") and result.pdf.is_file()
            assert result.pdf_pages is not None and result.pdf_pages.pages == counted
            assert f"Räknat av LibreOffice: {counted} sidor" in shown(export, "#export-result")
            assert pdf_page_count(result.pdf) >= counted

    asyncio.run(go())
