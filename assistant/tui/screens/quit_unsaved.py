"""Quitting while the text cannot be saved: a question, not a notice to press Ctrl+Q again.

The save on quit failed (a read-only disk, a full one, a lock that cannot be made). The dialog says
why and offers "Spara som …" (the text to another place, then quit), "Avsluta ändå" (quit; what is
unsaved stays in the recovery journal, which the next open offers back) and "Avbryt" (stay).
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.tui.i18n import localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce

Choice = Literal["save_as", "quit"]


class QuitUnsavedScreen(ClosesOnce, ModalScreen[Choice | None]):
    """Dismisses with "save_as", "quit", or None to stay."""

    DEFAULT_CSS = """
    QuitUnsavedScreen #quit-why { color: $text-warning; height: auto; margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Avbryt", id="dialog.cancel", show=False)]

    def __init__(self, problem: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Texten är inte sparad[/b]", "[b]The text is not saved[/b]"), classes="dialog-title")
            yield Static(self.problem, id="quit-why", markup=False)
            yield Static(
                tr(
                    "Spara som … skriver texten till en annan plats och avslutar sedan. Avslutar du ändå "
                    "finns det osparade kvar i återställningsfilen och erbjuds nästa gång du öppnar utkastet.",
                    "Save as … writes the text to another place, then quits. If you quit anyway, what is "
                    "unsaved stays in the recovery file and is offered back the next time you open the draft.",
                )
            )
            with Horizontal(classes="buttons"):
                yield Button(tr("Spara som …", "Save as …"), id="quit-save-as", variant="primary")
                yield Button(tr("Avsluta ändå", "Quit anyway"), id="quit-anyway", variant="error")
                yield Button(tr("Avbryt", "Cancel"), id="quit-cancel")

    def on_mount(self) -> None:
        self.query_one("#quit-save-as", Button).focus()

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        choices: dict[str | None, Choice | None] = {"quit-save-as": "save_as", "quit-anyway": "quit"}
        self.dismiss(choices.get(event.button.id))
