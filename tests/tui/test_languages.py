"""Every screen and dialog in Swedish and in English, the language chosen as the program chooses it
($ANSOKAN_LANG through core.i18n.choose_language): the interface's own words — buttons, field
labels and placeholders, dialog titles, the key bar — hold no word of the other language and no
message key. (The writer's text, the form's headings and guidance and the library's passages are
Swedish data and are not looked at.)"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, RadioButton, Select, Static, TextArea

from assistant.core.i18n import choose_language
from assistant.core.model.drafts import load_draft
from assistant.tui.app import AnsokanApp
from assistant.tui.screens.main import MainScreen

from .conftest import settle, wait_until

# Words only the one language has (as whole words, any case).
SWEDISH_ONLY = {
    "och", "att", "för", "med", "inte", "avbryt", "spara", "stäng", "exportera", "sök", "nästa", "förslag",
    "välj", "hjälp", "rubrik", "ersätt", "skapa", "kommun", "titel", "infoga", "anpassa", "kontroll",
    "föregående", "kommando", "avsluta", "kommandon", "ansökan", "fil", "öppna", "sidor", "fel",
    "projektets", "startdatum", "slutdatum", "kontaktpersoner", "firmatecknare", "rad", "namn", "roll",
}  # fmt: skip
ENGLISH_ONLY = {
    "the", "and", "to", "with", "not", "cancel", "save", "close", "export", "search", "next", "suggestion",
    "choose", "help", "heading", "replace", "create", "municipality", "title", "insert", "adapt", "check",
    "previous", "command", "quit", "commands", "application", "file", "open", "pages", "error", "keys",
    "project", "date", "contacts", "signatories", "line", "name", "role", "phone", "details",
}  # fmt: skip
# The program's name is Swedish in both languages.
ALLOWED = {"ansökan"}
KEY_LEAK = re.compile(r"\b(main|app|dialog|start|facts|budget|export)\.[a-z_]+\b|\{[a-z_]+\}|%s")


def interface_texts(screen: Screen) -> list[str]:
    """The words the interface itself puts on the screen (not the draft's or the form's)."""
    texts = [b.binding.description for b in screen.active_bindings.values() if b.binding.show]
    for widget in screen.query("*"):
        if isinstance(widget, Button):
            texts.append(str(widget.label))
        elif isinstance(widget, Input):
            texts.append(str(widget.placeholder))
        elif isinstance(widget, (Checkbox, RadioButton)):
            texts.append(str(widget.label))
        elif isinstance(widget, Select):
            texts.append(str(widget.prompt))
        elif type(widget) is Static and (
            "dialog-title" in widget.classes or str(widget.render()).endswith(":") or labels_a_field(widget)
        ):
            texts.append(str(widget.render()))
    return [t for t in texts if t]


def labels_a_field(widget: Widget) -> bool:
    """A text standing right above a field (Projektuppgifter's "Kommun", "Firmatecknare – …"); not the
    editor's label, which names the form's heading (Swedish data)."""
    if widget.id == "section-label":
        return False
    siblings = list(widget.parent.children) if widget.parent is not None else []
    following = siblings[siblings.index(widget) + 1 :][:1]
    return bool(following) and isinstance(following[0], (Input, TextArea, Select))


def leaks(texts: list[str], lang: str) -> list[str]:
    foreign = ENGLISH_ONLY if lang == "sv" else SWEDISH_ONLY
    found = []
    for text in texts:
        words = {w.lower() for w in re.findall(r"[A-Za-zÅÄÖåäö]+", text)} - ALLOWED
        if words & foreign or KEY_LEAK.search(text):
            found.append(text)
    return found


async def on_main(pilot) -> MainScreen:
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, MainScreen), what="main screen")
    await settle(pilot)
    return app.screen


async def press_and_wait(pilot, key: str, name: str) -> Screen:
    await on_main(pilot)
    before = pilot.app.screen
    await pilot.press(key)
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == name, what=name, state=lambda: before)
    await settle(pilot)
    return pilot.app.screen


async def start_screen(pilot) -> Screen:
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "StartScreen", what="start screen")
    return pilot.app.screen


async def new_application(pilot) -> Screen:
    await start_screen(pilot)
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "NewApplicationScreen", what="dialog")
    return pilot.app.screen


async def quit_unsaved(pilot) -> Screen:
    """Ctrl+Q while the draft cannot be saved (a folder where its lock file goes): the question."""
    path = (await on_main(pilot)).draft.path
    lock = path.parent / f".{path.name}.lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    await pilot.press("ctrl+q")
    await wait_until(pilot, lambda: type(pilot.app.screen).__name__ == "QuitUnsavedScreen", what="the question")
    await settle(pilot)
    return pilot.app.screen


SCREENS: dict[str, tuple[bool, Callable]] = {  # name: (opens the demo draft, how to get there)
    "start": (False, start_screen),
    "new-application": (False, new_application),
    "main": (True, on_main),
    "budget": (True, lambda p: press_and_wait(p, "f7", "BudgetScreen")),
    "check": (True, lambda p: press_and_wait(p, "f8", "CheckScreen")),
    "export": (True, lambda p: press_and_wait(p, "f9", "ExportScreen")),
    "facts": (True, lambda p: press_and_wait(p, "ctrl+r", "FactsScreen")),
    "suggestion": (True, lambda p: press_and_wait(p, "f5", "SuggestionScreen")),
    "help": (True, lambda p: press_and_wait(p, "f1", "HelpScreen")),
    "quit-unsaved": (True, quit_unsaved),
}


async def back_to_main(pilot) -> None:
    """Escape from a screen or dialog back to the main screen, as a writer would."""
    for _ in range(5):
        if isinstance(pilot.app.screen, MainScreen):
            return
        await pilot.press("escape")
        await settle(pilot)
    raise AssertionError(f"escape did not lead back to the main screen from {pilot.app.screen!r}")


async def every_screen(pilot, names: list[str]) -> dict[str, list[str]]:
    """The interface's words on each screen in turn, in one app (an app per screen cost 0.5 s each)."""
    found = {}
    for name in names:
        with_draft, reach = SCREENS[name]
        found[name] = interface_texts(await reach(pilot))
        if with_draft and name != "quit-unsaved":
            await back_to_main(pilot)
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_screen_speaks_one_language(lang: str, demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two apps per language: one from the start screen, one on the demo draft visiting every screen
    (the quit question last: it leaves the draft unable to save)."""
    monkeypatch.setenv("ANSOKAN_LANG", lang)
    chosen = choose_language()
    assert chosen == lang
    names = {flag: [name for name, (with_draft, _) in SCREENS.items() if with_draft is flag] for flag in (False, True)}
    assert names[True][-1] == "quit-unsaved"

    async def go(with_draft: bool) -> dict[str, list[str]]:
        app = AnsokanApp(load_draft(demo_copy) if with_draft else None, lang_code=chosen)
        async with app.run_test(size=(120, 40)) as pilot:
            return await every_screen(pilot, names[with_draft])

    found = {**asyncio.run(go(False)), **asyncio.run(go(True))}
    assert list(found) == list(SCREENS)
    assert [name for name, texts in found.items() if not texts] == [], "nothing of the interface found on the screen"
    assert {name: leaks(texts, lang) for name, texts in found.items() if leaks(texts, lang)} == {}


def test_the_check_finds_the_other_language_and_message_keys() -> None:
    assert leaks(["Avbryt", "Cancel"], "en") == ["Avbryt"]
    assert leaks(["Avbryt", "Cancel"], "sv") == ["Cancel"]
    assert leaks(["Ansökan", "main.next", "Hej {title}"], "sv") == ["main.next", "Hej {title}"]


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        (
            "sv",
            ["Projektets titel", "Kommun", "Startdatum (ÅÅÅÅ-MM-DD)", "Kontaktpersoner – en per rad", "Firmatecknare"],
        ),
        ("en", ["Project title", "Municipality", "Start date (YYYY-MM-DD)", "Contacts – one a line", "Signatories"]),
    ],
)
def test_the_project_details_label_every_field_in_the_language(
    lang: str, labels: list[str], demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above reads Projektuppgifter's field labels too (they end in no colon)."""
    monkeypatch.setenv("ANSOKAN_LANG", lang)

    async def go() -> list[str]:
        async with AnsokanApp(load_draft(demo_copy), lang_code=choose_language()).run_test(size=(120, 40)) as pilot:
            return interface_texts(await SCREENS["facts"][1](pilot))

    texts = asyncio.run(go())
    for label in labels:
        assert any(text.startswith(label) for text in texts), (label, texts)
    assert leaks(texts, lang) == []
