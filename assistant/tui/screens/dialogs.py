"""Small modal dialogs: a file changed on disk, a suggestion in full, help, a new application."""

from __future__ import annotations

import asyncio
import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Markdown, RadioButton, RadioSet, Select, Static

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import KEYS, lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.screens.start import NewDraftScreen
from assistant.tui.settings import drafts_dir
from assistant.tui.widgets.suggestions.suggestion_list import source_line
from assistant.usecases.drafts import create_draft, start_from_source
from assistant.usecases.facts import ProjectFacts, parse_facts
from assistant.usecases.suggestions import adapt_suggestion

if TYPE_CHECKING:
    from assistant.tui.screens.main import MainScreen
    from assistant.usecases.suggestions import Suggestion


class ConflictScreen(ClosesOnce, ModalScreen[str]):
    """The draft changed on disk while open: keep mine, reload theirs or save mine as a copy."""

    BINDINGS = [Binding("escape", "dismiss('copy')", "Avbryt", id="dialog.cancel", show=False)]

    def __init__(self, path: Path) -> None:
        super().__init__()
        localise_bindings(self)
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                tr(
                    f"[b]{self.path.name}[/b] har ändrats på disken sedan du öppnade den "
                    "(av ett annat program eller en kollega).",
                    f"[b]{self.path.name}[/b] was changed on disk since you opened it "
                    "(by another program or a colleague).",
                ),
                classes="dialog-text",
            )
            with Horizontal(classes="buttons"):
                yield Button(tr("Behåll min", "Keep mine"), id="keep", variant="warning")
                yield Button(tr("Läs in deras", "Reload theirs"), id="reload")
                yield Button(tr("Spara min som kopia", "Save mine as a copy"), id="copy", variant="primary")

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class SuggestionScreen(ClosesOnce, ModalScreen[tuple[str, Any] | None]):
    """A suggestion in full with its source; with `adapt`, first rewritten for the draft (in a worker)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Avbryt", id="dialog.cancel")]

    class Adapted(Message):
        def __init__(self, adapted: Any, error: str | None) -> None:
            super().__init__()
            self.adapted = adapted
            self.error = error

    def __init__(
        self, suggestion: Suggestion, draft: Draft, *, adapt: bool = False, library: str | None = None
    ) -> None:
        super().__init__()
        localise_bindings(self)
        self.suggestion = suggestion
        self.draft = draft
        self.library = library
        self.adapting = adapt  # until the adapted text is there, the buttons wait
        self.adapted: Any = None
        self.adapt_error: str | None = None

    def body(self) -> str:
        s = self.suggestion
        lines = [f"**{source_line(s)}**", ""]
        if s.heading:
            lines.append(tr(f"Rubrik i källan: {s.heading}", f"Heading in the source: {s.heading}"))
        lines.append(tr(f"Träff: {s.score:.0f} av 100", f"Match: {s.score:.0f} of 100"))
        if s.matched:
            lines.append(tr("Gemensamma ord: ", "Shared words: ") + ", ".join(s.matched))
        lines += ["", "---", ""]
        if self.adapting:
            lines.append(tr("*Anpassar förslaget till ditt utkast …*", "*Adapting the suggestion to your draft …*"))
        elif self.adapted is not None:
            lines.append(self.adapted.text)
            if self.adapted.replacements:
                lines += ["", tr("**Utbytt:**", "**Replaced:**")]
                lines += [f"- {r.old} → {r.new}" for r in self.adapted.replacements]
            if self.adapted.unresolved:
                lines += [
                    "",
                    tr("**Kvar att anpassa själv:** ", "**Still to adapt yourself:** ")
                    + ", ".join(m.text for m in self.adapted.unresolved),
                ]
        else:
            if self.adapt_error:
                lines += [tr(f"*Kunde inte anpassa: {self.adapt_error}*", f"*Could not adapt: {self.adapt_error}*"), ""]
            lines.append(s.text)
        return "\n".join(lines)

    def heading_markup(self) -> str:
        adapted = self.adapting or self.adapted is not None
        return f"[b]{tr('Anpassat förslag', 'Adapted suggestion') if adapted else tr('Förslag', 'Suggestion')}[/b]"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.heading_markup(), classes="dialog-title", id="suggestion-title")
            with VerticalScroll(classes="dialog-scroll"):
                yield Markdown(self.body(), id="suggestion-text")
            with Horizontal(classes="buttons"):
                yield Button(tr("Infoga", "Insert"), id="insert", variant="primary", disabled=self.adapting)
                yield Button(tr("Lägg sist", "Append"), id="append", disabled=self.adapting)
                yield Button(tr("Ersätt", "Replace"), id="replace", disabled=self.adapting)
                yield Button(tr("Avbryt", "Cancel"), id="cancel")

    def on_mount(self) -> None:
        if self.adapting:
            self._adapt()

    @work(exclusive=True, group="adapt")
    async def _adapt(self) -> None:
        snapshot = copy.deepcopy(self.draft)  # the adapted text reads the draft's names and dates
        try:
            adapted = await asyncio.to_thread(adapt_suggestion, self.suggestion, snapshot, library=self.library)
            self.post_message(self.Adapted(adapted, None))
        except UserError as exc:
            self.post_message(self.Adapted(None, exc.message(lang())))

    async def on_suggestion_screen_adapted(self, message: Adapted) -> None:
        self.adapting = False
        self.adapted, self.adapt_error = message.adapted, message.error
        self.query_one("#suggestion-title", Static).update(self.heading_markup())
        await self.query_one("#suggestion-text", Markdown).update(self.body())
        for button in self.query(".buttons Button"):
            button.disabled = False

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        how = event.button.id
        self.dismiss(None if how is None or how == "cancel" else (how, self.adapted))


COMMANDS_HELP = [
    (
        "/nästa",
        "/next",
        ("avsluta avsnittet och gå till nästa rubrik", "finish the section and go to the next heading"),
    ),
    ("/föregående", "/prev", ("föregående rubrik", "previous heading")),
    ("/gå 3.2", "/go 3.2", ("gå till en rubrik (nummer eller namn)", "go to a heading (number or name)")),
    ("/förslag [ord]", "/suggest [words]", ("sök i biblioteket", "search the library")),
    ("/budget", "/budget", ("budgeten", "the budget")),
    ("/kontroll", "/check", ("kontrollera hela ansökan", "check the whole application")),
    ("/exportera", "/export", ("skapa Word-filen (och PDF)", "create the Word file (and PDF)")),
    ("/spara", "/save", ("spara nu (sker annars automatiskt)", "save now (otherwise automatic)")),
    (
        "/kontakt namn; roll; org; tel; e-post",
        "/contact name; role; org; phone; e-mail",
        (
            "lägg till en kontaktperson (`/kontakt` visar dem, `/kontakt ta bort 2` tar bort)",
            "add a contact (`/contact` lists them, `/contact remove 2` removes one)",
        ),
    ),
    (
        "/period 2026-01-01 2027-12-31",
        "/period 2026-01-01 2027-12-31",
        ("projektets start och slut (budgetens år följer)", "the project's start and end (the budget's years follow)"),
    ),
    ("/hjälp", "/help", ("den här hjälpen", "this help")),
]


def help_markdown(bindings: list[tuple[str, str]]) -> str:
    lines = [
        tr("# Hjälp", "# Help"),
        "",
        tr(
            "Skriv avsnittets text i rutan längst ned. Förslag ur tidigare beviljade ansökningar visas "
            "bredvid medan du skriver. Utkastet sparas automatiskt några sekunder efter att du slutat "
            "skriva, när du byter rubrik och när du avslutar.",
            "Write the section's text in the box at the bottom. Suggestions from earlier approved "
            "applications appear beside it while you type. The draft is saved automatically a few "
            "seconds after you stop typing, when you change heading and when you quit.",
        ),
        "",
        tr("## Kommandon", "## Commands"),
        "",
        tr(
            "Skriv dem i kommandoraden (Ctrl+L). Annan text där söker i biblioteket.",
            "Type them in the command line (Ctrl+L). Other text there searches the library.",
        ),
        "",
    ]
    for sv, en, (dsv, den) in COMMANDS_HELP:
        lines.append(f"- `{tr(sv, en)}` – {tr(dsv, den)}")
    lines += ["", tr("## Tangenter", "## Keys"), ""]
    for key, description in bindings:
        lines.append(f"- `{key}` – {description}")
    lines += [
        "",
        tr(
            'Egna tangenter: skriv `id = "tangent"` i keymap.toml i inställningsmappen, t.ex. '
            '`"main.next" = "ctrl+j"`. Språk och tema: `lang` och `theme` i config.toml.',
            'Own keys: write `id = "key"` in keymap.toml in the config folder, e.g. '
            '`"main.next" = "ctrl+j"`. Language and theme: `lang` and `theme` in config.toml.',
        ),
    ]
    ids = ", ".join(f"`{k}`" for k in KEYS)
    lines += ["", tr("Tangent-id: ", "Key ids: ") + ids]
    return "\n".join(lines)


def help_content(markdown: str) -> Content:
    """The help's few Markdown forms (headings, list items, `code`) as styled text in one widget.
    Textual's Markdown widget made a widget per line: the help took ~1.4 s of CPU to open."""
    parts: list[str | tuple[str, str]] = []
    for line in markdown.split("\n"):
        if line.startswith("# "):
            parts.append((line[2:], "bold $text-accent"))
        elif line.startswith("## "):
            parts.append((line[3:], "bold"))
        else:
            if line.startswith("- "):
                parts.append("  • ")
                line = line[2:]
            for n, piece in enumerate(line.split("`")):
                parts.append((piece, "$text-accent") if n % 2 else piece)
        parts.append("\n")
    return Content.assemble(*parts[:-1])


class HelpScreen(ClosesOnce, ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss(None)", "Stäng", id="dialog.cancel")]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        localise_bindings(self)
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            with VerticalScroll(classes="dialog-scroll"):
                yield Static(help_content(help_markdown(self.bindings)), id="help-text")
            with Horizontal(classes="buttons"):
                yield Button(tr("Stäng", "Close"), id="close", variant="primary")

    @on(Button.Pressed)
    def close(self) -> None:
        self.dismiss(None)


class NewApplicationScreen(NewDraftScreen):
    """A new application with its facts: the form (chosen, never guessed), title, organisation,
    municipality and period; nothing is created without a title."""

    DEFAULT_CSS = """
    NewApplicationScreen .dialog { height: 90%; }
    NewApplicationScreen .new-scroll { height: 1fr; }
    NewApplicationScreen .new-period { height: auto; }
    NewApplicationScreen .new-period Input { width: 1fr; }
    """

    def __init__(self, form_id: str | None = None) -> None:
        super().__init__(form_id)
        self.form_id = form_id if form_id in self.form_ids else None  # the writer chooses

    def compose(self) -> ComposeResult:
        options = [(form.name, form.id) for form in self.forms]
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Ny ansökan[/b]", "[b]New application[/b]"), classes="dialog-title")
            with VerticalScroll(classes="new-scroll"):
                yield Static(tr("Formulär:", "Form:"))
                yield Select(
                    options,
                    prompt=tr("Välj formulär …", "Choose a form …"),
                    value=self.form_id or Select.NULL,
                    id="new-form",
                )
                yield Static(tr("Projektets titel:", "Project title:"))
                yield Input(id="new-title", placeholder=tr("t.ex. Unga vuxna i arbete", "e.g. Young adults in work"))
                yield Static(tr("Organisation:", "Organisation:"))
                yield Input(id="new-organisation")
                yield Static(tr("Kommun:", "Municipality:"))
                yield Input(id="new-municipality")
                yield Static(tr("Period (start och slut, ÅÅÅÅ-MM-DD):", "Period (start and end, YYYY-MM-DD):"))
                with Horizontal(classes="new-period"):
                    yield Input(id="new-start", placeholder="2027-01-01")
                    yield Input(id="new-end", placeholder="2028-12-31")
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

    @on(Input.Submitted, "#new-organisation, #new-municipality, #new-start, #new-end")
    def submitted(self) -> None:
        self.create()

    def facts(self) -> ProjectFacts:
        def value(name: str) -> str | None:
            return self.query_one(f"#new-{name}", Input).value.strip() or None

        labels = {
            "organisation": tr("Organisation", "Organisation"),
            "municipality": tr("Kommun", "Municipality"),
            "start": tr("Startdatum", "Start date"),
            "end": tr("Slutdatum", "End date"),
        }
        return parse_facts(
            organisation=value("organisation"),
            municipality=value("municipality"),
            start=value("start"),
            end=value("end"),
            labels=labels,
        )

    def create_draft(self) -> Path:
        from assistant.tui.screens.start import own_folder

        form_id = self.query_one("#new-form", Select).value
        if not isinstance(form_id, str):
            self.query_one("#new-form", Select).focus()
            raise UserError("välj ett formulär", "choose a form")
        title = " ".join(self.query_one("#new-title", Input).value.split())
        if not title:
            self.query_one("#new-title", Input).focus()
            raise UserError("ge ansökan en titel", "give the application a title")
        facts = self.facts()
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
            started = start_from_source(form_id, source, path, title=title, create_parent=True, facts=facts)
            self.ansokan.start_report = started.report
        else:
            create_draft(form_id, path, title=title, create_parent=True, facts=facts)
        return path


def shortened(text: str, limit: int = 400) -> str:
    """A section's text as the confirmation quotes it: the start, and how much more there is."""
    text = text.strip()
    if len(text) <= limit:
        return text
    rest = len(text) - limit
    return text[:limit].rstrip() + tr(f" … (och {rest} tecken till)", f" … (and {rest} more characters)")


class ReplaceScreen(ClosesOnce, ModalScreen[bool]):
    """ "Ersätt?": what the suggestion would replace, before F4 replaces it."""

    DEFAULT_CSS = """
    ReplaceScreen .replace-text { height: auto; max-height: 12; border: round $warning; padding: 0 1; }
    """

    BINDINGS = [Binding("escape", "dismiss(False)", "Avbryt", id="dialog.cancel")]

    def __init__(self, heading: str, text: str) -> None:
        super().__init__()
        localise_bindings(self)
        self.heading = heading
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Ersätt?[/b]", "[b]Replace?[/b]"), classes="dialog-title")
            yield Static(
                tr(
                    f"Förslaget ersätter hela texten under {self.heading}:",
                    f"The suggestion replaces all the text under {self.heading}:",
                ),
                markup=False,
            )
            with VerticalScroll(classes="replace-text"):
                yield Static(shortened(self.text), id="replace-current", markup=False)
            yield Static(tr("Ctrl+Z ångrar efteråt.", "Ctrl+Z undoes it afterwards."))
            with Horizontal(classes="buttons"):
                yield Button(tr("Ersätt", "Replace"), id="replace-yes", variant="warning")
                yield Button(tr("Avbryt", "Cancel"), id="replace-no")

    def on_mount(self) -> None:
        self.query_one("#replace-yes", Button).focus()

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "replace-yes")


def ask_before_replacing(screen: MainScreen) -> None:
    """F4: replace the section's text with the chosen suggestion once the writer has seen what
    goes (an empty section has nothing to lose and is filled at once)."""
    if screen.chosen() is None:
        return
    current = screen.composer.text
    if not current.strip():
        screen.action_take("replace")
        return

    def answered(replace: bool | None) -> None:
        if replace:
            screen.action_take("replace")

    screen.app.push_screen(ReplaceScreen(screen.heading.display, current), answered)
