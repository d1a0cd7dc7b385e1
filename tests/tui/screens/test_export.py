"""The interface's export follows the CLI's rules (assistant.usecases.export): it refuses what
`ansokan export` refuses, with the same words, and replaces a file atomically."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from assistant.cli import main as cli
from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.export import ExportScreen
from assistant.tui.screens.main import MainScreen

from ..conftest import shown, wait_until


def export_in_the_interface(draft: Path, target: Path | None) -> tuple[ExportScreen, str]:
    """Open the draft, press F9, name `target` (None: keep the default), export without PDF."""
    results: list[tuple[ExportScreen, str]] = []

    async def go() -> None:
        app = AnsokanApp(load_draft(draft))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main")
            await pilot.press("f9")
            await wait_until(pilot, lambda: isinstance(app.screen, ExportScreen), what="export dialog")
            export = app.screen
            if target is not None:
                export.query_one("#export-path", Input).value = str(target)
            export.query_one("#export-pdf", Checkbox).value = False
            await pilot.click("#export-go")
            await wait_until(pilot, lambda: shown(export, "#export-result"), what="export finished", timeout=60)
            results.append((export, shown(export, "#export-result")))

    asyncio.run(go())
    return results[0]


def cli_error(capsys: pytest.CaptureFixture, *args: str) -> str:
    assert cli(["export", *args]) == 2
    return capsys.readouterr().err.strip()


def test_a_symlink_where_the_default_file_goes_is_refused(demo_copy: Path, tmp_path: Path, capsys) -> None:
    elsewhere = tmp_path / "elsewhere.docx"
    elsewhere.write_bytes(b"not yours")
    demo_copy.with_suffix(".docx").symlink_to(elsewhere)

    export, text = export_in_the_interface(demo_copy, None)

    assert export.result is None
    assert "symbolisk länk" in text
    assert elsewhere.read_bytes() == b"not yours"
    assert "symbolisk länk" in cli_error(capsys, str(demo_copy))  # the CLI refuses it the same way


def test_a_missing_folder_chain_is_refused_one_named_folder_is_made(demo_copy: Path, tmp_path: Path, capsys) -> None:
    chain = tmp_path / "nya" / "mappar" / "ansokan.docx"

    export, text = export_in_the_interface(demo_copy, chain)

    assert export.result is None
    assert "katalogen finns inte" in text
    assert not (tmp_path / "nya").exists(), "nothing is created for a refused export"
    assert "katalogen finns inte" in cli_error(capsys, str(demo_copy), "-o", str(chain))

    one = tmp_path / "ny" / "ansokan.docx"
    export, text = export_in_the_interface(demo_copy, one)
    assert export.result is not None and export.result.docx == one and one.is_file()
    assert f"Skapade katalogen {one.parent}" in text


def test_an_export_replaces_the_file_atomically(demo_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "ut" / "ansokan.docx"
    target.parent.mkdir()
    target.write_bytes(b"the old export")
    earlier = tmp_path / "ut" / "tidigare.docx"
    os.link(target, earlier)  # a second name for the old file's contents

    export, text = export_in_the_interface(demo_copy, target)

    assert export.result is not None and export.result.docx == target and f"Skrev {target}" in text
    assert "Obs: " in text and "fel" in text, "the demo's open errors (a TODO) are named after the export"
    assert target.read_bytes()[:2] == b"PK", "the new file is a whole .docx"
    # Written beside and renamed over, not truncated in place: the old contents are untouched.
    assert earlier.read_bytes() == b"the old export"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ansokan.docx", "tidigare.docx"]
