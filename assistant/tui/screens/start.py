"""The start screen: recent drafts, a new application, the demo, or a file by name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, OptionList, RadioButton, RadioSet, Select, Static
from textual.widgets.option_list import Option

from assistant.core.errors import UserError
from assistant.core.model.headings import slug
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.settings import drafts_dir, recent_drafts, remember_draft
from assistant.tui.widgets.keybar import KeyBar
from assistant.usecases.drafts import create_draft, delete_draft, restore_draft, start_from_source
from assistant.usecases.forms import list_forms

if TYPE_CHECKING:
    from assistant.core.storage.trash import Trashed
    from assistant.tui.app import AnsokanApp


class StartScreen(Screen):
    BINDINGS = [
        Binding("ctrl+n", "new", "Ny ansökan", id="start.new"),
        Binding("ctrl+d", "demo", "Öppna demo", id="start.demo"),
        Binding("ctrl+o", "focus_open", "Öppna fil", id="start.open"),
        Binding("f2", "rename", "Byt namn", id="start.rename"),
        Binding("delete", "delete", "Ta bort", id="start.delete"),
        Binding("ctrl+z", "undo_delete", "Ångra", id="start.undo"),
    ]

    @property
    def ansokan(self) -> AnsokanApp:
        from assistant.tui.app import ansokan

        return ansokan(self)

    def __init__(self) -> None:
        super().__init__()
        localise_bindings(self)
        self.recent = recent_drafts()
        self.deleted: tuple[Trashed, dict] | None = None  # the last deletion, for Ångra (Ctrl+Z)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static("[b]Ansökan[/b]", id="logo")
            yield Static(
                tr(
                    "Assistent för ansökningar om projektmedel till samordningsförbund (FINSAM)",
                    "Assistant for project funding applications to coordination associations (FINSAM)",
                ),
                id="tagline",
            )
            with Horizontal(id="start-columns"):
                with Vertical(id="recent-box"):
                    yield Static(tr("[b]Senaste utkast[/b]", "[b]Recent drafts[/b]"))
                    recent = OptionList(id="recent")
                    self.fill_recent(recent)
                    yield recent
                with Vertical(id="actions"):
                    yield Button(tr("Ny ansökan", "New application"), id="new", variant="primary")
                    yield Button(tr("Öppna demo", "Open the demo"), id="demo")
                    yield Static(tr("Öppna en fil:", "Open a file:"))
                    yield Input(placeholder=tr("sökväg till utkast (.md)", "path to a draft (.md)"), id="open-path")
        yield KeyBar()

    def fill_recent(self, recent: OptionList) -> None:
        recent.clear_options()
        if not self.recent:
            none_yet = tr(
                "Inga ännu – börja med en ny ansökan eller demon.", "None yet – start a new application or the demo."
            )
            recent.add_option(Option(Text(none_yet, style="dim"), disabled=True))
        options = []
        for i, entry in enumerate(self.recent):
            label = Text(entry.get("title") or Path(entry["path"]).stem, style="bold")
            label.append(f"\n{entry['path']}", style="dim")
            options.append(Option(label, id=f"r{i}"))
        recent.add_options(options)

    def on_mount(self) -> None:
        if self.recent:
            recent = self.query_one("#recent", OptionList)
            recent.highlighted = 0  # Enter opens the latest draft straight away
            recent.focus()
        else:
            self.query_one("#new").focus()

    @on(OptionList.OptionSelected, "#recent")
    def recent_chosen(self, event: OptionList.OptionSelected) -> None:
        index = int((event.option.id or "r0")[1:])
        self.ansokan.open_draft(Path(self.recent[index]["path"]))

    @on(Button.Pressed, "#new")
    def action_new(self, form_id: str | None = None) -> None:
        from assistant.tui.screens.dialogs import NewApplicationScreen

        self.app.push_screen(NewApplicationScreen(form_id if isinstance(form_id, str) else None))

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        self.ansokan.open_demo()

    # -----------------------------------------------------------------------------------------
    # Renaming and deleting the highlighted draft (deleted drafts go to the trash)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Textual: True shows the key, None shows it dimmed (nothing chosen), False hides it.
        if action in ("rename", "delete"):
            return True if self.chosen() is not None else None
        if action == "undo_delete":
            return self.deleted is not None  # shown only after a deletion
        return True

    def chosen(self) -> dict | None:
        """The recent draft highlighted in the list, if the list has the focus."""
        recent = self.query_one("#recent", OptionList)
        index = recent.highlighted
        if not self.recent or index is None or index >= len(self.recent) or not recent.has_focus:
            return None
        return self.recent[index]

    def reload_recent(self, highlight: int = 0) -> None:
        self.recent = recent_drafts()
        recent = self.query_one("#recent", OptionList)
        self.fill_recent(recent)
        if self.recent:
            recent.highlighted = min(highlight, len(self.recent) - 1)
        self.refresh_bindings()

    def action_rename(self) -> None:
        from assistant.tui.screens.start_dialogs import RenameScreen

        if (entry := self.chosen()) is None:
            return
        index = self.recent.index(entry)

        def renamed(target: Path | None) -> None:
            if target is not None:
                remember_draft(target, entry.get("title", ""), entry.get("form", ""))
                self.reload_recent(0)
                self.notify(tr(f"Nytt namn: {target.name}", f"Renamed to {target.name}"), timeout=4)
            else:
                self.reload_recent(index)

        self.app.push_screen(RenameScreen(Path(entry["path"]), entry.get("title", "")), renamed)

    def action_delete(self) -> None:
        from assistant.tui.screens.start_dialogs import DeleteScreen

        if (entry := self.chosen()) is None:
            return
        index = self.recent.index(entry)

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            try:
                trashed = delete_draft(Path(entry["path"]))
            except UserError as exc:
                self.notify(exc.message(lang()), severity="error")
                return
            self.deleted = (trashed, entry)
            self.reload_recent(index)
            self.notify(
                tr(
                    f"”{trashed.name}” ligger i papperskorgen. Ctrl+Z ångrar.",
                    f"“{trashed.name}” is in the trash. Ctrl+Z undoes it.",
                ),
                timeout=8,
            )

        self.app.push_screen(DeleteScreen(Path(entry["path"]), entry.get("title", "")), answered)

    def action_undo_delete(self) -> None:
        if self.deleted is None:
            return
        trashed, entry = self.deleted
        try:
            path = restore_draft(trashed)
        except UserError as exc:
            self.notify(exc.message(lang()), severity="error")
            return
        self.deleted = None
        remember_draft(path, entry.get("title", ""), entry.get("form", ""))
        self.reload_recent(0)
        self.notify(tr(f"”{path.name}” är tillbaka.", f"“{path.name}” is back."), timeout=4)

    def action_focus_open(self) -> None:
        self.query_one("#open-path", Input).focus()

    @on(Input.Submitted, "#open-path")
    def open_path(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.ansokan.open_draft(Path(event.value.strip()).expanduser())


class NewDraftScreen(ClosesOnce, ModalScreen[None]):
    """Form, title, file, and whether to start empty or from an earlier application."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Avbryt", id="dialog.cancel")]

    @property
    def ansokan(self) -> AnsokanApp:
        from assistant.tui.app import ansokan

        return ansokan(self)

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__()
        localise_bindings(self)
        self.forms = list_forms()  # a broken form file of the user's is left out (forms list names it)
        self.form_ids = [form.id for form in self.forms]
        self.form_id = form_id if form_id in self.form_ids else (self.form_ids[0] if self.form_ids else None)
        self.path_edited = False

    def compose(self) -> ComposeResult:
        options = [(form.name, form.id) for form in self.forms]
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Ny ansökan[/b]", "[b]New application[/b]"), classes="dialog-title")
            yield Static(tr("Formulär:", "Form:"))
            yield Select(options, value=self.form_id or Select.NULL, allow_blank=False, id="new-form")
            yield Static(tr("Projektets titel:", "Project title:"))
            yield Input(id="new-title", placeholder=tr("t.ex. Unga vuxna i arbete", "e.g. Young adults in work"))
            yield Static(tr("Spara som:", "Save as:"))
            yield Input(str(drafts_dir() / "ansokan.md"), id="new-path")
            with RadioSet(id="new-kind"):
                yield RadioButton(tr("Tom ansökan", "Empty application"), value=True, id="kind-empty")
                yield RadioButton(
                    tr(
                        "Utgå från en tidigare ansökan (.docx, .pdf, .txt, .md)",
                        "Start from an earlier application (.docx, .pdf, .txt, .md)",
                    ),
                    id="kind-source",
                )
            yield Input(
                placeholder=tr("sökväg till den tidigare ansökan", "path to the earlier application"),
                id="new-source",
                disabled=True,
            )
            yield Static(id="new-error")
            with Horizontal(classes="buttons"):
                yield Button(tr("Skapa", "Create"), id="create", variant="primary")
                yield Button(tr("Avbryt", "Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new-title", Input).focus()

    @on(Input.Changed, "#new-title")
    def title_changed(self, event: Input.Changed) -> None:
        if not self.path_edited:  # the file name follows the title until the writer edits it
            name = slug(event.value).replace("_", "-") or "ansokan"
            self.query_one("#new-path", Input).value = str(drafts_dir() / f"{name}.md")

    @on(Input.Changed, "#new-path")
    def path_changed(self, event: Input.Changed) -> None:
        if self.query_one("#new-path", Input).has_focus:
            self.path_edited = True

    @on(RadioSet.Changed, "#new-kind")
    def kind_changed(self) -> None:
        self.query_one("#new-source", Input).disabled = not self.query_one("#kind-source", RadioButton).value

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#create")
    @on(Input.Submitted, "#new-title, #new-path, #new-source")
    def create(self) -> None:
        try:
            path = self.create_draft()
        except UserError as exc:
            self.query_one("#new-error", Static).update(Text(exc.message(lang()), style="bold red"))
            return
        self.dismiss(None)
        self.ansokan.open_draft(path)

    def create_draft(self) -> Path:
        form_id = self.query_one("#new-form", Select).value
        if not isinstance(form_id, str):
            raise UserError("välj ett formulär", "choose a form")
        title = self.query_one("#new-title", Input).value.strip()
        path = Path(self.query_one("#new-path", Input).value.strip()).expanduser()
        if not str(path) or path.name in ("", "."):
            raise UserError("ange var utkastet ska sparas", "give a file to save the draft to")
        if path.suffix != ".md":
            path = path.with_suffix(".md")
        if path.exists():
            raise UserError(
                "filen finns redan; välj ett annat namn eller öppna den från startsidan",
                "the file already exists; choose another name or open it from the start screen",
                where=path,
            )
        own_folder(path)
        if self.query_one("#kind-source", RadioButton).value:
            source = Path(self.query_one("#new-source", Input).value.strip()).expanduser()
            if not source.is_file():
                raise UserError(
                    "den tidigare ansökan finns inte", "the earlier application does not exist", where=source
                )
            started = start_from_source(form_id, source, path, title=title, create_parent=True)
            self.ansokan.start_report = started.report
        else:
            create_draft(form_id, path, title=title, create_parent=True)
        return path


def own_folder(path: Path) -> None:
    """The assistant's own drafts folder is made when missing, whole (as for the demo copy);
    a folder the writer named is left to the use case (only that one folder is made)."""
    folder = drafts_dir()
    if path.parent == folder and not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(
                f"kan inte skapa katalogen: {exc.strerror}",
                f"cannot create the directory: {exc.strerror}",
                where=folder,
            ) from None
