"""On open: text a killed run (or one that could not save) left in the recovery journal, offered
back before the writer goes on. "Återställ" puts it into the draft and saves it; "Kasta" removes
the journal, and the draft stays as the file has it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.tui.i18n import localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.usecases.saving import FIELDS_KEY, pending_recovery, restore, unsaved_keys

if TYPE_CHECKING:
    from assistant.core.storage.journal import Recovery
    from assistant.tui.screens.main.screen import MainScreen


class RecoveryScreen(ClosesOnce, ModalScreen[bool]):
    """Which sections hold unsaved text, and from when; dismisses True to restore it."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Avbryt", id="dialog.cancel", show=False)]

    def __init__(self, found: Recovery, titles: list[str]) -> None:
        super().__init__()
        localise_bindings(self)
        self.found = found
        self.titles = titles

    def compose(self) -> ComposeResult:
        when = self.found.updated.strftime("%Y-%m-%d %H:%M:%S")
        sections = ", ".join(self.titles)
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Osparad text hittades[/b]", "[b]Unsaved text found[/b]"), classes="dialog-title")
            yield Static(
                tr(
                    f"Förra gången sparades inte allt du skrev (senast {when}). "
                    f"Det gäller: {sections}. Vill du återställa den texten?",
                    f"Last time not everything you typed was saved (last at {when}). "
                    f"It concerns: {sections}. Do you want to restore that text?",
                ),
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button(tr("Återställ", "Restore"), id="recover-yes", variant="primary")
                yield Button(tr("Kasta", "Discard"), id="recover-no", variant="error")

    def on_mount(self) -> None:
        self.query_one("#recover-yes", Button).focus()

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "recover-yes")


def offer_recovery(screen: MainScreen) -> None:
    """Ask, when the journal holds text the draft on disk does not; nothing when it holds none."""
    draft = screen.draft
    found = pending_recovery(draft)
    if found is None:
        return
    titles = [
        tr("Projektuppgifter och budget", "Project details and budget")
        if key == FIELDS_KEY
        else heading.display
        if (heading := screen.form.heading(key)) is not None
        else key
        for key in unsaved_keys(draft, found)
    ]

    def answered(yes: bool | None) -> None:
        if not yes:
            screen.autosave.forget_journal()
            return
        restore(screen.draft, found)
        screen.show_section(screen.draft.current or screen.form.headings[0].key)
        screen.save_now(announce=tr("Texten återställdes och sparades.", "The text was restored and saved."))

    screen.app.push_screen(RecoveryScreen(found, titles), answered)
