"""The warning that stays while the draft cannot be saved: which file, why, that the text is kept
and retried, and a button for "Spara som …" (F12) to another place. Hidden again by the next save
that reaches the disk; a toast would vanish while the text is still only in memory."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from assistant.tui.i18n import tr
from assistant.tui.screens.quit_unsaved import QuitUnsavedScreen


class SaveWarning(Horizontal):
    DEFAULT_CSS = """
    SaveWarning {
        display: none;
        height: auto;
        background: $error 30%;
        border-left: thick $error;
        padding: 0 1;
    }
    SaveWarning.-failed { display: block; }
    SaveWarning #save-warning-text { width: 1fr; height: auto; }
    SaveWarning #save-as { min-width: 16; height: 1; border: none; margin-left: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="save-warning-text", markup=False)
        yield Button(tr("Spara som …", "Save as …"), id="save-as", compact=True, variant="warning")

    message = ""  # what the warning says (empty while hidden)

    def failed(self, problem: str) -> None:
        """A save did not reach the disk: say so until one does (and in a toast the first time,
        unless the quit question is showing: it names the problem, and a toast would hide its buttons)."""
        if not self.showing and not isinstance(self.app.screen, QuitUnsavedScreen):
            self.notify(problem, severity="error", timeout=6)
        self.message = tr(
            f"⚠ Inte sparat: {problem}. Texten finns kvar här och sparas så snart det går "
            "(nytt försök automatiskt). F12: Spara som …",
            f"⚠ Not saved: {problem}. The text is kept here and saved as soon as it can be "
            "(retried automatically). F12: Save as …",
        )
        self.query_one("#save-warning-text", Static).update(self.message)
        self.add_class("-failed")

    def saved(self) -> None:
        self.message = ""
        self.remove_class("-failed")

    @property
    def showing(self) -> bool:
        return self.has_class("-failed")

    @on(Button.Pressed, "#save-as")
    def save_as_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        from assistant.tui.screens.save_as import open_save_as

        open_save_as(self.screen)
