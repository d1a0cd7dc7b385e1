"""The Textual application: start screen or a draft, themes, keymaps, the command palette."""

from __future__ import annotations

import asyncio
import contextlib
from functools import partial
from pathlib import Path
from typing import Any, cast

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Input

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import full_description, lang, localise_bindings, set_lang, tr
from assistant.tui.palette import AnsokanCommands
from assistant.tui.settings import Settings, load_settings, remember_draft
from assistant.usecases.drafts import demo_copy, open_draft

THEMES = ("textual-dark", "textual-light")
PENDING_WAIT = 5.0  # s; a focused widget that stops answering never holds the keys after it for longer


class AnsokanApp(App):
    CSS_PATH = "ansokan.tcss"
    TITLE = "Ansökan"
    COMMANDS = App.COMMANDS | {AnsokanCommands}
    BINDINGS = [
        Binding("f1", "help", "Hjälp", id="app.help"),
        Binding("ctrl+p", "command_palette", "Kommandon", id="app.palette", show=False, priority=True),
        Binding("ctrl+t", "toggle_theme", "Ljust/mörkt", id="app.theme", show=False),
        Binding("ctrl+q", "quit", "Avsluta", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        draft: Draft | None = None,
        *,
        lang_code: str = "sv",
        library: str | None = None,
        settings: Settings | None = None,
    ) -> None:
        set_lang(lang_code)
        super().__init__()
        localise_bindings(self)
        self.initial_draft = draft
        self.library = library
        self.settings = settings or Settings()
        self.start_report: Any = None  # what an import from an earlier application could not place

    def on_mount(self) -> None:
        self.theme = self.settings.theme if self.settings.theme in self.available_themes else THEMES[0]
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        for problem in self.settings.problems:
            self.notify(problem.message(lang()), severity="warning", timeout=8)
        if self.initial_draft is not None:
            self.show_draft(self.initial_draft)
        else:
            from assistant.tui.screens.start import StartScreen

            self.push_screen(StartScreen())

    # -----------------------------------------------------------------------------------------

    def open_draft(self, path: Path) -> None:
        try:
            draft = open_draft(path)
        except UserError as exc:
            self.notify(exc.message(lang()), severity="error", timeout=8)
            return
        self.show_draft(draft)

    def show_draft(self, draft: Draft) -> None:
        from assistant.tui.screens.main import MainScreen

        self.remember(draft)
        for warning in draft.warnings:
            self.notify(warning, severity="warning", timeout=8)
        self.switch_or_push(MainScreen(draft))

    def switch_or_push(self, screen) -> None:
        while len(self.screen_stack) > 2:  # drop dialogs above the start screen
            self.pop_screen()
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def remember(self, draft: Draft) -> None:
        if draft.path is None:
            return
        with contextlib.suppress(UserError, OSError):  # the recent list is a convenience, never a stop
            remember_draft(draft.path, draft.title, draft.form_id)

    def new_application(self, form_id: str | None = None) -> None:
        from assistant.tui.screens.dialogs import NewApplicationScreen

        self.push_screen(NewApplicationScreen(form_id))

    async def on_event(self, event: events.Event) -> None:
        # A key still on its way when the app closes (typed after Ctrl+Q, or queued behind the last
        # save) reaches an app whose screens are gone: Textual would raise 'No screens on stack' at
        # the writer's exit. There is nothing left for it to do, so it is dropped.
        if isinstance(event, events.Key) and not self._has_screens():
            return
        if isinstance(event, events.Key) and not event.is_forwarded and self._resolved_by_a_binding(event):
            # A key the focused field does not take itself (Tab, Ctrl+O in a budget cell) is a binding
            # Textual runs only once the key has bubbled back up to the app, and the keys typed after it
            # meanwhile go to the field it leaves ('Resor' Tab '12000' typed at once gave 'Resor12000').
            # Run here, before the next key is read, so each key lands where the focus is by then.
            self.app_focus = True
            await self._after_pending(self.focused)  # the keys typed before it, and its Focus, first
            if await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key):
                return
        await super().on_event(event)

    async def _after_pending(self, widget: Widget | None) -> None:
        """Once `widget` has handled the messages already queued for it (the characters typed before)."""
        handled = asyncio.Event()
        if widget is not None and widget.call_later(handled.set):
            with contextlib.suppress(TimeoutError):  # a widget closing meanwhile never answers
                await asyncio.wait_for(handled.wait(), PENDING_WAIT)

    def _resolved_by_a_binding(self, event: events.Key) -> bool:
        """Whether the focused widget leaves `event` to the bindings: an Input takes only printable keys,
        a widget without key handling of its own (a button, a select) none; anything else decides itself."""
        focused = self.focused
        if focused is None or self.screen.maximized is not None:
            return False
        handler = type(focused)._on_key
        if handler is Input._on_key:
            return not event.is_printable
        own_keys = type(focused).handle_key is not Widget.handle_key or hasattr(focused, f"key_{event.name}")
        return handler is Widget._on_key and not own_keys

    def _has_screens(self) -> bool:
        try:
            return bool(self.screen_stack)
        except KeyError:  # the mode's stack itself is gone
            return False

    def open_demo(self) -> None:
        try:
            self.open_draft(demo_copy())
        except UserError as exc:
            self.notify(exc.message(lang()), severity="error")

    def action_review(self) -> None:
        """F10 on the main screen: read a reviewed .docx and decide its changes (screens/review.py)."""
        from assistant.tui.screens.main import MainScreen
        from assistant.tui.screens.review import open_review

        if isinstance(self.screen, MainScreen):
            open_review(self.screen)

    def action_help(self) -> None:
        from assistant.tui.screens.dialogs import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        keys = []
        for binding in self.screen.active_bindings.values():
            b = binding.binding
            if b.description and not b.system:
                keys.append((self.get_key_display(b), full_description(b)))
        self.push_screen(HelpScreen(sorted(set(keys))))

    def get_system_commands(self, screen):
        """Textual's own palette entries, named in the interface language."""
        yield SystemCommand(
            tr("Tema", "Theme"), tr("Byt färgtema", "Change the colour theme"), self.action_change_theme
        )
        yield SystemCommand(tr("Avsluta", "Quit"), tr("Spara och avsluta", "Save and quit"), self.action_quit)
        yield SystemCommand(
            tr("Tangenter", "Keys"),
            tr("Visa tangenterna för det som har fokus", "Show the keys for what has the focus"),
            self.action_show_help_panel,
        )
        yield SystemCommand(
            tr("Skärmbild", "Screenshot"),
            tr("Spara skärmen som SVG", "Save the screen as SVG"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the interface language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(
                    id="--command-palette",
                    placeholder=tr("Sök kommando eller rubrik …", "Search commands or headings …"),
                )
            )

    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]

    async def action_quit(self) -> None:
        from assistant.tui.screens.main import MainScreen
        from assistant.tui.screens.quit_unsaved import QuitUnsavedScreen

        if isinstance(self.screen, QuitUnsavedScreen):  # asked already: the dialog's buttons answer
            return
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                problem = await screen.save_before_quit()
                if problem:  # never lose the text silently: ask, and stay unless told to go
                    self.push_screen(QuitUnsavedScreen(problem), partial(self.quit_answered, screen))
                    return
        self.exit()

    def quit_answered(self, screen: Any, choice: str | None) -> None:
        from assistant.tui.screens.save_as import open_save_as

        if choice == "quit":
            self.exit()
        elif choice == "save_as":  # quit once the text is in the new file; stay if that is cancelled
            open_save_as(screen, then=lambda saved: self.exit() if saved is not None else None)


def ansokan(node: DOMNode) -> AnsokanApp:
    """The running app with its own attributes typed (Textual types `node.app` as a plain App)."""
    return cast(AnsokanApp, node.app)


def run(draft_path: str | None, *, lang_code: str, library: str | None) -> int:
    """Start the interface; a draft that cannot be read is a one-line error before it starts."""
    settings = load_settings()
    lang_code = lang_code or settings.lang or "sv"  # --lang wins over config.toml
    set_lang(lang_code)
    draft = open_draft(draft_path) if draft_path else None
    AnsokanApp(draft, lang_code=lang_code, library=library, settings=settings).run()
    return 0
