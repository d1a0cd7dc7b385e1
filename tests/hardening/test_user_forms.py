"""A broken form file in the user's forms directory never takes the other forms down with it."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from tests.conftest import run_cli
from tests.hardening.payloads import APPLICATION_TEXT


def _broken_forms() -> Path:
    forms = Path(os.environ["ANSOKAN_FORMS"])
    forms.mkdir(parents=True, exist_ok=True)
    (forms / "trasig.toml").write_text('id = "trasig\n', encoding="utf-8")
    (forms / "binar.toml").write_bytes(b"\x00\xff\xfe")
    os.mkfifo(forms / "ror.toml")
    return forms


def test_the_new_application_screen_lists_the_forms_that_load():
    from assistant.core.model.forms import usable_forms
    from assistant.tui.app import AnsokanApp
    from assistant.tui.screens.start import NewDraftScreen

    _broken_forms()
    assert usable_forms() == ["burlov-staffanstorp", "finsam-malmo"]

    async def walk() -> None:
        app = AnsokanApp(None, lang_code="sv")
        async with app.run_test() as pilot:
            await pilot.pause()
            app.new_application()
            for _ in range(100):  # until the dialog is composed (form menu and title field)
                if isinstance(app.screen, NewDraftScreen) and app.screen.query("#new-title"):
                    break
                await pilot.pause()
            assert isinstance(app.screen, NewDraftScreen)
            await pilot.pause()
            assert app.screen.form_ids == ["burlov-staffanstorp", "finsam-malmo"]

    asyncio.run(walk())


def test_forms_list_and_a_guessing_import_name_the_broken_form_and_go_on(tmp_path):
    _broken_forms()
    listed = run_cli("forms", "list")
    assert listed.returncode == 0 and "finsam-malmo" in listed.stdout
    assert "trasig.toml" in listed.stderr and "Traceback" not in listed.stderr
    source = tmp_path / "ansokan.txt"
    source.write_text(APPLICATION_TEXT, encoding="utf-8")
    imported = run_cli("--library", str(tmp_path / "lib"), "library", "import", str(source))
    assert imported.returncode == 0, imported.stderr
    assert list((tmp_path / "lib").glob("*.md"))
    broken = run_cli("new", "--form", "trasig", "--title", "X", str(tmp_path / "x.md"))
    assert broken.returncode == 2 and broken.stderr.startswith("ansokan: ") and not (tmp_path / "x.md").exists()
