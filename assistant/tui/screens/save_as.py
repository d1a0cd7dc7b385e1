""" "Spara som …": the draft written to another file, which the writer then continues on.

For a place that cannot be written (a read-only disk, a full one, a lock that cannot be made): the
path is checked by the use case's naming rules before anything is written, the save runs in the
dialog's worker, and the dialog closes only when the text is in the new file; a failure is shown
in the dialog and the draft stays on its old file (with its text still in memory and journal).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Static

from assistant.core.errors import UserError
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.usecases.drafts import drafts_dir
from assistant.usecases.saving import check_save_as

SaveAs = Callable[[Path, str | None], Awaitable[str | None]]  # (target, announce) -> why not, or None


class SaveAsScreen(ClosesOnce, ModalScreen[Path | None]):
    """A path field, "Spara" and "Avbryt"; dismisses with the new file once it is written."""

    DEFAULT_CSS = """
    SaveAsScreen #save-as-error { color: $error; height: auto; }
    SaveAsScreen #save-as-why { color: $text-warning; height: auto; margin-bottom: 1; }
    """

    BINDINGS = [Binding("escape", "close", "Avbryt", id="dialog.cancel")]

    def __init__(self, current: Path | None, save_as: SaveAs, problem: str | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self.current = current
        self.save_as = save_as
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Spara som …[/b]", "[b]Save as …[/b]"), classes="dialog-title")
            if self.problem:
                yield Static(self.problem, id="save-as-why", markup=False)
            yield Static(tr("Ny fil (.md):", "New file (.md):"))
            yield Input(str(self.proposed()), id="save-as-path")
            yield Static(id="save-as-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(tr("Spara", "Save"), id="save-as-go", variant="primary")
                yield Button(tr("Avbryt", "Cancel"), id="save-as-cancel")

    def proposed(self) -> Path:
        from assistant.tui.screens.main.autosave import free_copy_name  # the main screen imports this module

        name = self.current.name if self.current is not None else "ansokan.md"
        target = drafts_dir() / name  # the writer's own folder for drafts; a copy's name if taken
        return free_copy_name(target) if target.exists() else target

    def on_mount(self) -> None:
        self.query_one("#save-as-path", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save-as-cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#save-as-path")
    @on(Button.Pressed, "#save-as-go")
    def go(self) -> None:
        try:
            target = check_save_as(self.query_one("#save-as-path", Input).value)
        except UserError as exc:
            self.show_error(exc.message(lang()))
            return
        self.show_error("")
        self.query_one("#save-as-go", Button).disabled = True
        self.write(target)

    @work(exclusive=True, group="save-as", exit_on_error=False)
    async def write(self, target: Path) -> None:
        problem = await self.save_as(target, tr(f"Sparat som {target}", f"Saved as {target}"))
        self.query_one("#save-as-go", Button).disabled = False
        if problem is None:
            self.dismiss(target)
        else:
            self.show_error(problem)

    def show_error(self, text: str) -> None:
        self.query_one("#save-as-error", Static).update(text)


def open_save_as(screen: Screen[Any], then: Callable[[Path | None], None] | None = None) -> None:
    """Open "Spara som" over the main screen (which owns the draft and its saving); `then` gets
    the new file once the text is there (None when the writer cancelled)."""
    from assistant.tui.screens.main.screen import MainScreen

    if not isinstance(screen, MainScreen) or isinstance(screen.app.screen, SaveAsScreen):
        return
    autosave = screen.autosave
    screen.app.push_screen(SaveAsScreen(screen.draft.path, autosave.save_as, autosave.problem), then)
