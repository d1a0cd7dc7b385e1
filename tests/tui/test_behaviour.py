"""The interface's promises one at a time: autosave, conflicts, failed saves, keymaps, language,
the command palette, recent drafts, the demo copy and the conversation kept beside the draft."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from textual.widgets import Button, Input, TextArea

from assistant.core.errors import UserError
from assistant.core.model.drafts import load_draft, to_text
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text
from assistant.tui import settings
from assistant.tui.app import AnsokanApp
from assistant.tui.conversation import load_conversation, sidecar_path
from assistant.tui.screens.dialogs import ConflictScreen, HelpScreen
from assistant.tui.screens.main import MainScreen, autosave
from assistant.tui.screens.start import StartScreen

from .conftest import run_from_palette, settle, wait_until


def run(coro) -> None:
    asyncio.run(coro)


async def opened(pilot) -> MainScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen) and app.screen.messages, what="main screen")
    return app.screen


async def type_in_editor(pilot, screen: MainScreen, text: str) -> None:
    editor = screen.query_one("#editor", TextArea)
    editor.focus()
    editor.move_cursor(editor.document.end)
    await pilot.press(text[0])  # one real keystroke; the rest as one edit (typing each is slow in tests)
    editor.insert(text[1:])
    await pilot.pause()


def test_resumes_at_the_section_the_writer_was_in(demo_copy: Path) -> None:
    draft = load_draft(demo_copy)

    async def go() -> None:
        async with AnsokanApp(draft).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            assert screen.draft.current == draft.current == "mal"
            assert screen.query_one("#editor", TextArea).text == draft.text("mal")
            assert "3.3." in str(screen.query_one("#section-label").render())

    run(go())


def test_autosave_after_the_writer_stops_typing(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            await type_in_editor(pilot, screen, " Autosparat")
            assert "Autosparat" not in demo_copy.read_text(encoding="utf-8")  # not on every keystroke
            await wait_until(
                pilot,
                lambda: "Autosparat" in demo_copy.read_text(encoding="utf-8"),
                what="the autosave",
                timeout=autosave.AUTOSAVE_DELAY + 10,
            )

    run(go())


def test_section_change_and_quit_save(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            await type_in_editor(pilot, screen, " Bytt")
            await pilot.press("ctrl+b")
            await wait_until(pilot, lambda: screen.draft.current == "malgrupp", what="previous section")
            assert "Bytt" in load_draft(demo_copy).text("mal")
            await type_in_editor(pilot, screen, " Slut")
            await pilot.press("ctrl+q")
        assert load_draft(demo_copy).text("malgrupp").endswith("Slut")

    run(go())


def test_a_key_that_arrives_after_the_app_has_closed_is_dropped(demo_copy: Path) -> None:
    """Keys typed after Ctrl+Q reach an app whose screens are gone; they must not end the writer's
    session with 'No screens on stack' (seen in the random-key runs under load)."""
    from textual import events

    app = AnsokanApp(load_draft(demo_copy))

    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await opened(pilot)
            await pilot.press("ctrl+q")
        assert not app.screen_stack
        await app.on_event(events.Key("a", "a"))  # raised ScreenStackError before

    run(go())
    assert app.return_code in (None, 0)


def test_a_draft_changed_on_disk_is_never_overwritten_silently(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            theirs = demo_copy.read_text(encoding="utf-8").replace("Utfall", "Utfall (kollegans ändring)", 1)
            atomic_write_text(demo_copy, theirs)
            await type_in_editor(pilot, screen, " Min text")
            screen.save_now()
            await wait_until(
                pilot,
                lambda: isinstance(pilot.app.screen, ConflictScreen) and pilot.app.screen.query("#copy"),
                what="conflict dialog",
            )
            await pilot.click("#copy")
            await wait_until(pilot, lambda: pilot.app.screen is screen, what="back to writing")
            copy = demo_copy.with_name("demo.kopia.md")
            await wait_until(pilot, copy.is_file, what="my version saved as a copy")
            await settle(pilot)
            assert demo_copy.read_text(encoding="utf-8") == theirs
            assert "Min text" in load_draft(copy).text("mal")
            assert screen.draft.path == copy

    run(go())


def test_reload_theirs_replaces_the_text_in_the_editor(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            draft = load_draft(demo_copy)
            draft.set_text("mal", "Kollegans nya mål.")
            atomic_write_text(demo_copy, to_text(draft))
            screen.save_now()
            await wait_until(
                pilot,
                lambda: isinstance(pilot.app.screen, ConflictScreen) and pilot.app.screen.query("#copy"),
                what="conflict dialog",
            )
            await pilot.click("#reload")
            await wait_until(
                pilot,
                lambda: screen.query_one("#editor", TextArea).text == "Kollegans nya mål.",
                what="their text in the editor",
            )

    run(go())


def test_a_failed_save_keeps_the_text_and_retries(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_save = autosave.save_draft
    failures = []

    def disk_full_once(draft, *args, **kwargs):
        if not failures:
            failures.append(1)
            raise UserError("disken är full; utkastet på disken är oförändrat", "the disk is full", where=draft.path)
        return real_save(draft, *args, **kwargs)

    monkeypatch.setattr(autosave, "save_draft", disk_full_once)

    async def go() -> None:
        app = AnsokanApp(load_draft(demo_copy))
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            screen = await opened(pilot)
            screen.autosave.policy.retry = 0.2
            await type_in_editor(pilot, screen, " Viktig text")
            screen.save_now()
            await wait_until(
                pilot,
                lambda: any("disken är full" in n.message for n in app._notifications),
                what="the failure shown as a notification",
            )
            assert screen.draft.text("mal").endswith("Viktig text")  # still in memory
            await wait_until(
                pilot, lambda: "Viktig text" in demo_copy.read_text(encoding="utf-8"), what="the retried save"
            )

    run(go())


def test_user_keymap_from_config(demo_copy: Path, private_dirs: Path) -> None:
    (private_dirs / "config" / "keymap.toml").write_text('"main.next" = "ctrl+j"\n', encoding="utf-8")
    loaded = settings.load_settings()
    assert loaded.keymap == {"main.next": "ctrl+j"}

    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy), settings=loaded).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            await pilot.press("ctrl+j")
            await wait_until(pilot, lambda: screen.draft.current == "organisering", what="ctrl+j = next")

    run(go())


def test_broken_config_is_reported_not_fatal(private_dirs: Path) -> None:
    (private_dirs / "config" / "config.toml").write_text("lang = [oops\n", encoding="utf-8")
    loaded = settings.load_settings()
    assert loaded.problems and "config.toml" in loaded.problems[0].message("sv")
    assert loaded.lang is None


def test_english_interface_from_config(private_dirs: Path) -> None:
    (private_dirs / "config" / "config.toml").write_text('lang = "en"\ntheme = "textual-light"\n', encoding="utf-8")
    loaded = settings.load_settings()
    assert loaded.lang == "en"

    async def go() -> None:
        app = AnsokanApp(None, lang_code=loaded.lang, settings=loaded)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), what="start screen")
            assert str(app.screen.query_one("#new", Button).label) == "New application"
            assert app.theme == "textual-light"
            await pilot.press("ctrl+t")
            assert app.theme == "textual-dark"

    run(go())
    from assistant.tui.i18n import set_lang

    set_lang("sv")


def test_command_palette_goes_to_a_heading(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            await run_from_palette(pilot, "rubrik 3.5", "Gå till rubrik 3.5")
            await wait_until(pilot, lambda: screen.draft.current == "aktiviteter", what="palette jump to 3.5")

    run(go())


def test_help_lists_commands_and_keys(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            screen.query_one("#command", Input).value = "/hjälp"
            screen.query_one("#command", Input).focus()
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), what="help")
            keys = dict((d, k) for k, d in pilot.app.screen.bindings)
            assert keys.get("Nästa rubrik") == "^n"
            await pilot.press("escape")
            await wait_until(pilot, lambda: pilot.app.screen is screen, what="help closed")

    run(go())


@pytest.mark.parametrize(
    ("lang", "said", "not_said"),
    [("sv", "Radens början", "Cursor line start"), ("en", "Cursor line start", "Radens början")],
)
def test_help_says_the_editors_own_keys_in_the_interface_language(demo_copy: Path, lang, said, not_said) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy), lang_code=lang).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            screen.query_one("#editor", TextArea).focus()
            await pilot.press("f1")
            await wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), what="help")
            keys = dict((k, d) for k, d in pilot.app.screen.bindings)
            assert keys.get("^a") == said and not_said not in keys.values()
            assert ("Klistra in" in keys.values()) is (lang == "sv")

    run(go())


def test_unknown_command_is_answered(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            await screen.run_command("/flyga")
            assert "/flyga" in screen.messages[-1].text
            await screen.run_command("/gå ingenting alls här")
            assert "ingenting alls" in screen.messages[-1].text
            await screen.run_command("/next")
            await wait_until(pilot, lambda: screen.draft.current == "organisering", what="/next alias")

    run(go())


def test_conversation_is_kept_beside_the_draft(demo_copy: Path) -> None:
    async def go(expect_restored: bool) -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            if expect_restored:
                assert any(m.role == "writer" and m.text == "deltagare med stöd" for m in screen.messages)
                return
            await screen.run_command("deltagare med stöd")  # plain text searches the library
            await pilot.press("ctrl+q")

    run(go(False))
    convo = load_conversation(demo_copy)
    assert sidecar_path(demo_copy).name == "demo.md.samtal.json"
    assert any(m.text == "deltagare med stöd" for m in convo.messages)
    run(go(True))


def test_recent_drafts_and_the_demo_copy(private_dirs: Path) -> None:
    shipped = paths.demo_draft().read_bytes()

    async def go() -> None:
        app = AnsokanApp(None)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), what="start screen")
            await pilot.click("#demo")
            screen = await opened(pilot)
            assert screen.draft.path.parent == private_dirs / "drafts"
            await type_in_editor(pilot, screen, " ändrad")
            await pilot.press("ctrl+q")

    run(go())
    assert paths.demo_draft().read_bytes() == shipped, "the shipped demo is never edited"
    recent = json.loads((private_dirs / "state" / "recent.json").read_text(encoding="utf-8"))
    assert recent[0]["path"].endswith(paths.demo_draft().name)

    async def reopen() -> None:
        app = AnsokanApp(None)
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, StartScreen), what="start screen")
            assert app.screen.recent[0]["path"] == recent[0]["path"]
            await pilot.press("enter")  # the recent list has the focus
            screen = await opened(pilot)
            assert screen.draft.text(screen.draft.current).endswith("ändrad")

    run(reopen())


def test_contacts_and_period_from_the_command_line(demo_copy: Path) -> None:
    async def go() -> None:
        async with AnsokanApp(load_draft(demo_copy)).run_test(size=(120, 40)) as pilot:
            screen = await opened(pilot)
            before = len(screen.draft.contacts)
            await screen.run_command("/kontakt Anna Ek; projektledare; Lunds kommun; 046-35 50 00; anna.ek@lund.se")
            assert screen.draft.contacts[-1].email == "anna.ek@lund.se"
            assert "| Anna Ek | projektledare |" in screen.messages[-1].text
            await screen.run_command("/kontakt ta bort 1")
            assert len(screen.draft.contacts) == before
            await screen.run_command("/period 2026-03-01 2027-02-28")
            assert (screen.draft.start.isoformat(), screen.draft.end.isoformat()) == ("2026-03-01", "2027-02-28")
            await screen.run_command("/period 2027-01-01 2026-01-01")
            assert "start före slut" in screen.messages[-1].text
            await pilot.press("ctrl+q")
        saved = load_draft(demo_copy)
        assert saved.contacts[-1].name == "Anna Ek" and saved.start.isoformat() == "2026-03-01"

    run(go())


def test_new_draft_from_an_earlier_application(private_dirs: Path) -> None:
    from textual.widgets import RadioButton, Select

    from tests.conftest import source_files

    sources = [s for s in source_files() if s[1] == "finsam-malmo"]
    if not sources:
        pytest.skip("the shared library sources are not beside the repository")
    source, form_id = sources[0]
    target = private_dirs / "drafts" / "fran-tidigare.md"

    async def go() -> None:
        app = AnsokanApp(None)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.click("#new")
            await wait_until(pilot, lambda: app.screen.query("#kind-source"), what="new-draft dialog")
            dialog = app.screen
            dialog.query_one("#new-form", Select).value = form_id
            dialog.query_one("#new-title", Input).value = "Från en tidigare ansökan"
            await wait_until(
                pilot,
                lambda: dialog.query_one("#new-path", Input).value.endswith("fran-en-tidigare-ansokan.md"),
                what="the file name following the title",
            )
            dialog.query_one("#new-path", Input).value = str(target)
            dialog.query_one("#kind-source", RadioButton).value = True
            await wait_until(pilot, lambda: not dialog.query_one("#new-source", Input).disabled, what="source field")
            dialog.query_one("#new-source", Input).value = str(source)
            await pilot.click("#create")
            screen = await opened(pilot)
            await wait_until(
                pilot, lambda: any("tidigare ansökan" in m.text for m in screen.messages), what="the import summary"
            )
            assert screen.draft.title == "Från en tidigare ansökan"
            assert sum(1 for text in screen.draft.sections.values() if text) >= 5

    run(go())
    assert load_draft(target).text("bakgrund")


def test_open_on_a_missing_or_broken_draft_is_one_line(private_dirs: Path, capsys: pytest.CaptureFixture) -> None:
    from assistant.cli import main

    assert main(["open", str(private_dirs / "finns-inte.md")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "finns-inte.md" in err and "filen finns inte" in err
    broken = private_dirs / "trasig.md"
    broken.write_text('+++\nform = "finsam-malmo"\ntitle = 3\n+++\n', encoding="utf-8")
    assert main(["--lang", "en", "open", str(broken)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "trasig.md:3" in err and "quoted string" in err
