"""The review screen's two dialogs: which reviewed .docx to read, and the writer's own words for a
reviewer's change ("Ändra": the insertion rewritten, or words put where a deletion was)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.usecases.paths import shown
from assistant.usecases.review import ReadReview, read_review


def proposed_review(draft: Draft) -> str:
    """The newest .docx beside the draft (a reviewed file is usually saved back there), else its folder."""
    if draft.path is None:
        return ""
    folder = draft.path.parent
    try:
        found = sorted(folder.glob("*.docx"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        found = []
    return str(shown(found[0] if found else folder)) + ("" if found else "/")


class ReviewFileScreen(ClosesOnce, ModalScreen[tuple[Path, ReadReview] | None]):
    """A path field, "Läs in" and "Avbryt"; dismisses with the review once it has been read."""

    DEFAULT_CSS = "ReviewFileScreen #review-file-error { color: $error; height: auto; }"
    BINDINGS = [Binding("escape", "close", "Avbryt", id="dialog.cancel")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Läs in en granskning[/b]", "[b]Read a review[/b]"), classes="dialog-title")
            yield Static(
                tr(
                    "Word-filen som granskarna har ändrat och kommenterat (.docx):",
                    "The Word file the reviewers changed and commented on (.docx):",
                )
            )
            yield Input(proposed_review(self.draft), id="review-file-path")
            yield Static(id="review-file-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(tr("Läs in", "Read"), id="review-file-go", variant="primary")
                yield Button(tr("Avbryt", "Cancel"), id="review-file-cancel")

    def on_mount(self) -> None:
        self.query_one("#review-file-path", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#review-file-cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#review-file-path")
    @on(Button.Pressed, "#review-file-go")
    def go(self) -> None:
        value = self.query_one("#review-file-path", Input).value.strip()
        path = Path(value).expanduser()
        try:
            if path.is_dir() or path.suffix.lower() != ".docx":
                raise UserError(
                    f"{value or '…'}: välj en .docx-fil som granskarna har sparat",
                    f"{value or '…'}: choose a .docx file the reviewers saved",
                )
            found = read_review(self.draft, path)
        except UserError as exc:
            self.query_one("#review-file-error", Static).update(exc.message(lang()))
            return
        self.dismiss((path, found))


class EditChangeScreen(ClosesOnce, ModalScreen[str | None]):
    """The words to take in place of the reviewer's (or an answer to a comment): Enter takes them,
    Escape leaves the change open."""

    BINDINGS = [Binding("escape", "close", "Avbryt", id="dialog.cancel")]

    def __init__(self, prompt: str, words: str, *, title: str | None = None, button: str | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self.prompt = prompt
        self.words = words
        self.title_markup = title or tr("[b]Ändra och godkänn[/b]", "[b]Edit and accept[/b]")
        self.button = button or tr("Godkänn", "Accept")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_markup, classes="dialog-title")
            yield Static(self.prompt, markup=False)
            yield Input(self.words, id="review-edit-words")
            with Horizontal(classes="buttons"):
                yield Button(self.button, id="review-edit-go", variant="primary")
                yield Button(tr("Avbryt", "Cancel"), id="review-edit-cancel")

    def on_mount(self) -> None:
        self.query_one("#review-edit-words", Input).focus()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#review-edit-cancel")
    def cancel_pressed(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted, "#review-edit-words")
    @on(Button.Pressed, "#review-edit-go")
    def go(self) -> None:
        self.dismiss(self.query_one("#review-edit-words", Input).value)
