"""The start screen's questions about one draft: a new file name, and whether to delete it."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant.core.errors import UserError
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.usecases.drafts import rename_draft


class RenameScreen(ClosesOnce, ModalScreen[Path | None]):
    """A new file name for a draft (same folder); gives the new path, or None when cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Avbryt", id="dialog.cancel")]

    def __init__(self, path: Path, title: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.path = path
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Byt namn på utkastet[/b]", "[b]Rename the draft[/b]"), classes="dialog-title")
            yield Static(Text(self.title_text or self.path.name))
            yield Static(tr("Nytt filnamn (i samma katalog):", "New file name (in the same folder):"))
            yield Input(self.path.stem, id="rename-name")
            yield Static(id="rename-error")
            with Horizontal(classes="buttons"):
                yield Button(tr("Byt namn", "Rename"), id="rename-go", variant="primary")
                yield Button(tr("Avbryt", "Cancel"), id="rename-cancel")

    def on_mount(self) -> None:
        self.query_one("#rename-name", Input).focus()

    @on(Button.Pressed, "#rename-cancel")
    def cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#rename-go")
    @on(Input.Submitted, "#rename-name")
    def rename(self) -> None:
        try:
            target = rename_draft(self.path, self.query_one("#rename-name", Input).value)
        except UserError as exc:
            self.query_one("#rename-error", Static).update(Text(exc.message(lang()), style="bold red"))
            return
        self.dismiss(target)


class DeleteScreen(ClosesOnce, ModalScreen[bool]):
    """Asks before a draft goes to the trash (True: delete). Cancel has the focus."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Avbryt", id="dialog.cancel")]

    def __init__(self, path: Path, title: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.path = path
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Ta bort utkastet?[/b]", "[b]Delete the draft?[/b]"), classes="dialog-title")
            yield Static(Text(f"{self.title_text or self.path.stem}\n{self.path}"))
            yield Static(
                tr(
                    "Det flyttas till papperskorgen och kan tas tillbaka (Ctrl+Z på startsidan).",
                    "It is moved to the trash and can be brought back (Ctrl+Z on the start screen).",
                )
            )
            with Horizontal(classes="buttons"):
                yield Button(tr("Ta bort", "Delete"), id="delete-yes", variant="error")
                yield Button(tr("Avbryt", "Cancel"), id="delete-no")

    def on_mount(self) -> None:
        self.query_one("#delete-no", Button).focus()

    @on(Button.Pressed)
    def answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "delete-yes")
