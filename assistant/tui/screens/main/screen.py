"""The main screen: outline and page meter, the conversation, the composer with suggestions.

The screen composes the widgets and wires them: each widget does its own work (the panel
searches, the meter estimates, the outline checks, autosave writes) in a worker and posts a
message; the screen decides what follows (a remark in the conversation, a save, a dialog).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft, word_count
from assistant.core.model.forms import Heading
from assistant.tui.conversation import Message, load_conversation
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.messages import DraftSaved, SaveConflict, SaveFailed, SuggestionsReady
from assistant.tui.screens.main import guide, slash
from assistant.tui.screens.main.autosave import Autosave, free_copy_name
from assistant.tui.screens.main.save_warning import SaveWarning
from assistant.tui.screens.main.taken import TakenPassages
from assistant.tui.screens.recovery import offer_recovery
from assistant.tui.screens.save_as import open_save_as
from assistant.tui.widgets.chat.chat import Chat
from assistant.tui.widgets.chat.pane import ChatPane
from assistant.tui.widgets.editor.composer import Composer
from assistant.tui.widgets.keybar import KeyBar
from assistant.tui.widgets.outline.outline import Outline, legend
from assistant.tui.widgets.outline.page_meter import PageMeter
from assistant.tui.widgets.suggestions.panel import SuggestionPanel
from assistant.usecases.checks import check_section
from assistant.usecases.drafts import open_draft

if TYPE_CHECKING:
    from assistant.tui.app import AnsokanApp
    from assistant.tui.screens.checks import CheckResult

ESTIMATE_DELAY = 0.6  # the page estimate and the outline's checks, after a pause in typing
OPEN_DELAY = 0.05  # …and right after a section is shown
OUTLINE_DELAY = 0.3


class MainScreen(Screen):
    # Ordered as the key bar shows them (two rows at 80 columns: KeyBar), the F keys in their order.
    # Not priority bindings: a key bubbling up from the editor arrives after the text typed before it.
    BINDINGS = [
        Binding("ctrl+n", "next_section", "Nästa rubrik", id="main.next"),
        Binding("f2", "take('insert')", "Infoga förslag", id="main.insert"),
        Binding("f3", "take('append')", "Lägg sist", id="main.append"),
        Binding("f4", "confirm_replace", "Ersätt", id="main.replace"),
        Binding("f5", "show_suggestion", "Visa förslag", id="main.show"),
        Binding("f6", "adapt_suggestion", "Anpassa", id="main.adapt"),
        Binding("f7", "budget", "Budget", id="main.budget"),
        Binding("f8", "check", "Kontroll", id="main.check"),
        Binding("f9", "export", "Exportera", id="main.export"),
        Binding("ctrl+b", "prev_section", "Föregående", id="main.prev"),
        Binding("ctrl+r", "facts", "Projektuppgifter", id="main.facts"),
        # Priority: handled as the key arrives, so the keys typed right after it go to the command line.
        Binding("ctrl+l", "focus_command", "Kommando", id="main.command", priority=True),
        Binding("ctrl+s", "save", "Spara", id="main.save", show=False),
        Binding("f12", "save_as", "Spara som …", id="main.save_as", show=False),
        Binding("f10", "app.review", "Granska", id="main.review"),  # a spare key on the bar (widgets/keybar.py)
        Binding("escape", "focus_editor", "Till texten", id="main.editor", show=False),
        Binding("ctrl+g", "toggle_conversation", "Dölj/visa samtalet", id="main.conversation", show=False),
        Binding("ctrl+down", "move_suggestion(1)", "Nästa förslag", id="main.sugg_next", show=False),
        Binding("ctrl+up", "move_suggestion(-1)", "Förra förslaget", id="main.sugg_prev", show=False),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-medium"), (38, "-tall")]  # the conversation's height

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.form = draft.form
        self.messages: list[Message] = []
        self.done: set[str] = set()
        self.conflict_open = False
        self.taken = TakenPassages()
        self.autosave = Autosave(self, lambda: self.draft, lambda: (self.messages, self.done), self.before_save)
        self._outline_timer: Timer | None = None
        self._remembered = draft.path

    @property
    def ansokan(self) -> AnsokanApp:
        from assistant.tui.app import ansokan

        return ansokan(self)

    # -----------------------------------------------------------------------------------------
    # Layout and wiring

    def compose(self) -> ComposeResult:
        yield Static(self._title_text(), id="titlebar")
        yield SaveWarning(id="save-warning")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Outline(id="outline")
                yield Static(legend(), id="legend")
                yield PageMeter(id="pages")
            with Vertical(id="right"):
                yield ChatPane(library=self.ansokan.library, id="chat-pane")  # #chat and the #command line
                with Horizontal(id="composer"):
                    yield Composer(id="editor-box")
                    yield SuggestionPanel(form_id=self.form.id, library=self.ansokan.library, id="suggestions-box")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A key queued behind the one that took this screen off the stack must not act on it:
        # its widgets are being removed (random-key test: NoMatches 'SuggestionPanel' after F5).
        return self.is_attached and self in self.app.screen_stack

    @property
    def composer(self) -> Composer:
        return self.query_one(Composer)

    @property
    def suggestions(self) -> SuggestionPanel:
        return self.query_one(SuggestionPanel)

    def _title_text(self) -> str:
        title = self.draft.title or tr("(utan titel)", "(untitled)")
        where = self.draft.path.name if self.draft.path else ""
        return f"Ansökan · {title} · {self.form.name}" + (f" · {where}" if where else "")

    async def on_mount(self) -> None:
        # The editor first, so the writer can type at once; the conversation is drawn after it.
        self.show_section(self.draft.current or self.form.headings[0].key)
        self.set_focus(self.composer.editor)
        if self.draft.path:
            convo = load_conversation(self.draft.path)
            self.messages, self.done = convo.messages, set(convo.done)
            self.refresh_outline()
        await self.query_one(Chat).show_history(self.messages)
        report = self.ansokan.start_report
        if report is not None:  # a draft just read out of an earlier application
            self.ansokan.start_report = None
            await self.say(guide.import_summary(report))
        await self.introduce(self.draft.current)
        offer_recovery(self)  # what a killed run left in the journal
        self.autosave.watch_fields()  # the budget's and facts' edits are journaled like typing

    @on(Composer.Edited)
    def editor_edited(self) -> None:
        self.sync_editor()
        self.suggestions.search(self.composer.query_text(), self.draft.current, context=self.composer.context_text())
        self.query_one(PageMeter).estimate_for(self.draft, delay=ESTIMATE_DELAY)
        self.query_one(Outline).check(self.draft, delay=ESTIMATE_DELAY)
        self.autosave.edited()
        if self._outline_timer is not None:
            self._outline_timer.stop()
        self._outline_timer = self.set_timer(OUTLINE_DELAY, self.refresh_outline)

    def sync_editor(self) -> None:
        # A key queued behind the one that closed the screen may still run an action here: by then
        # the composer may be gone (random-key test: NoMatches 'Composer' in action_export).
        for composer in self.query(Composer):
            if self.draft.current:
                self.draft.set_text(self.draft.current, composer.text)

    def refresh_outline(self) -> None:
        for outline in self.query(Outline):  # none while the screen is being torn down
            outline.show(self.draft, self.done)

    # -----------------------------------------------------------------------------------------
    # Sections

    @property
    def heading(self) -> Heading:
        return self.form.heading(self.draft.current) or self.form.headings[0]

    def show_section(self, key: str) -> None:
        self.draft.current = key
        self.composer.load(self.draft.text(key), self.heading.display)
        self.refresh_outline()
        self.suggestions.search(self.composer.query_text(), key, context=self.composer.context_text())
        self.query_one(PageMeter).estimate_for(self.draft, delay=OPEN_DELAY)
        self.query_one(Outline).check(self.draft, delay=OPEN_DELAY)

    async def enter_section(self, key: str, *, save: bool = True, focus: bool = True) -> None:
        """Show a section in the composer, give the editor the focus, let the assistant introduce it."""
        self.sync_editor()
        if save:
            self.save_now()
        self.show_section(key)
        if focus:
            self.set_focus(self.composer.editor)  # before the (slower) introduction is drawn
        await self.introduce(key)

    async def introduce(self, key: str) -> None:
        last = self.messages[-1] if self.messages else None
        if not (last and last.role == "assistant" and last.section == key):
            await self.say(guide.introduction(self.heading, self.form, self.draft), section=key)

    def neighbour(self, step: int) -> str | None:
        keys = self.form.keys
        index = keys.index(self.draft.current) + step if self.draft.current in keys else 0
        return keys[index] if 0 <= index < len(keys) else None

    async def finish_section(self) -> None:
        """The assistant's answer when the writer leaves a section: what it noticed (under 1 ms)."""
        self.sync_editor()
        key = self.draft.current
        findings: list[Any] | None
        try:
            findings, problem = check_section(self.draft, key), None
            self.query_one(Outline).mark(key, findings)
        except UserError as exc:
            findings, problem = None, exc.message(lang())
        text = guide.section_remarks(self.heading, self.draft.text(key), findings, problem)
        unresolved = guide.unresolved_names(self.draft, key)
        if unresolved:
            text += "\n\n" + tr("Återanvänd text nämner fortfarande: ", "Reused text still mentions: ")
            text += ", ".join(sorted(unresolved))
        if word_count(self.draft.text(key)):
            self.done.add(key)
        await self.say(text, section=key)

    async def go_to(self, query: str) -> None:
        key = slash.find_heading(self.form, query)
        if key is None:
            await self.say(tr(f"Hittar ingen rubrik som liknar ”{query}”.", f"No heading resembles “{query}”."))
            return
        await self.enter_section(key)

    # -----------------------------------------------------------------------------------------
    # The conversation and the command line

    async def say(self, text: str, *, role: str = "assistant", section: str | None = None) -> None:
        message = Message(role, text, section if section is not None else self.draft.current)
        self.messages.append(message)
        await self.query_one(Chat).add(message)
        self.autosave.save_conversation()

    @on(Input.Submitted, "#command")
    async def command_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if text:
            await self.run_command(text)

    async def run_command(self, text: str) -> None:
        self.remove_class("-no-conversation")  # the answer must be seen
        command = slash.parse(text)
        if command is None:
            await self.say(text, role="writer")
            if not self.query_one(ChatPane).ask_if_question(self.draft, text, self.draft.current):
                self.search_now(text)
        else:
            await slash.dispatch(self, command)

    async def on_chat_pane_answered(self, event: ChatPane.Answered) -> None:
        await self.say(event.answer.text)

    async def on_chat_pane_act(self, event: ChatPane.Act) -> None:
        """An answer goes to a heading, or the writer selected a heading or "Ta in" (as F2) in one."""
        if event.key in self.form.keys and event.key != self.draft.current:
            await self.enter_section(event.key)
        if event.suggestion is not None:
            self.action_take("insert", suggestion=event.suggestion)

    def search_now(self, query: str | None) -> None:
        """Search at once and answer in the conversation (`/förslag`, plain text in the command line)."""
        text = query if query is not None else self.composer.query_text()
        self.suggestions.search(text, self.draft.current, delay=0, announce=True)

    async def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if not message.announce:
            return
        await self.say(guide.suggestions_found(None if message.error else message.results))

    # -----------------------------------------------------------------------------------------
    # Saving (the writing itself is in autosave.py)

    def before_save(self) -> None:
        self.sync_editor()
        self.taken.forget_undone(self.draft)

    def save_now(self, *, announce: str | None = None) -> None:
        self.autosave.save(announce=announce)

    def draft_changed(self) -> None:
        """Something other than the text changed (contacts, the period, the budget): save it now."""
        self.save_now()
        self.refresh_outline()

    def on_draft_saved(self, message: DraftSaved) -> None:
        self.query_one(SaveWarning).saved()
        if message.path != self._remembered:  # saved as a copy: the recent list and the title follow
            self._remembered = message.path
            self.ansokan.remember(self.draft)
            self.query_one("#titlebar", Static).update(self._title_text())
        if message.announce:
            self.notify(message.announce, timeout=3)

    def on_save_failed(self, message: SaveFailed) -> None:
        self.query_one(SaveWarning).failed(message.message)

    def on_save_conflict(self, _message: SaveConflict) -> None:
        if self.conflict_open:
            return
        from assistant.tui.screens.dialogs import ConflictScreen

        self.conflict_open = True
        self.app.push_screen(ConflictScreen(self.draft.path or Path()), self.resolve_conflict)

    def resolve_conflict(self, choice: str | None) -> None:
        self.conflict_open = False
        path = self.draft.path
        if path is None:
            return
        if choice == "reload":
            try:
                fresh = open_draft(path)
            except UserError as exc:
                self.notify(exc.message(lang()), severity="error", timeout=8)
                return
            fresh.current = self.draft.current if self.draft.current in fresh.sections else fresh.current
            self.draft, self.form = fresh, fresh.form
            self.composer.load(fresh.text(fresh.current), self.heading.display)
            self.refresh_outline()
            self.notify(tr("Läste in versionen från disken.", "Reloaded the version on disk."))
        elif choice == "copy":
            target = free_copy_name(path)
            self.draft.loaded_digest = None
            self.autosave.save(
                target=target,
                announce=tr(f"Din version sparades som {target.name}", f"Your version was saved as {target.name}"),
            )
        elif choice == "keep":
            self.autosave.save(
                force=True,
                announce=tr("Din version sparades över den på disken.", "Your version replaced the one on disk."),
            )

    async def save_before_quit(self) -> str | None:
        """On quit never lose text: a conflict then saves a copy instead of asking. Returns why the
        text could not be saved (None: it is on disk)."""
        self.sync_editor()
        return await self.autosave.final()

    # -----------------------------------------------------------------------------------------
    # Actions

    async def action_next_section(self) -> None:
        focused = self.focused
        await self.finish_section()
        following = self.neighbour(1)
        if following is None:
            await self.say(
                tr(
                    "Det var sista rubriken. Skriv `/kontroll` för att se hela ansökan "
                    "eller `/exportera` för att skapa Word-filen.",
                    "That was the last heading. Type `/check` to review the whole application "
                    "or `/export` to create the Word file.",
                )
            )
            self.save_now()
            self.refresh_outline()
            return
        # If the writer moved the focus while the answer was written (Ctrl+L), leave it there.
        await self.enter_section(following, focus=self.focused is focused)

    async def action_prev_section(self) -> None:
        previous = self.neighbour(-1)
        if previous is not None:
            await self.enter_section(previous)

    def action_save_as(self) -> None:
        open_save_as(self)

    def action_save(self) -> None:
        if self.draft.path is not None:
            self.save_now(announce=tr(f"Sparat i {self.draft.path.name}", f"Saved to {self.draft.path.name}"))

    # Focus is set at once (Screen.set_focus), not deferred like Widget.focus(): keys already
    # queued behind Ctrl+L must land in the command line.
    def action_focus_command(self) -> None:
        self.set_focus(self.query_one("#command", Input))

    def action_focus_editor(self) -> None:
        self.set_focus(self.composer.editor)

    def action_toggle_conversation(self) -> None:  # the writer's text gets the conversation's rows
        self.toggle_class("-no-conversation")

    @on(OptionList.OptionSelected, "#outline")
    async def outline_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.draft.current:
            await self.enter_section(event.option.id)
        self.set_focus(self.composer.editor)

    @on(OptionList.OptionSelected, "#suggestions")
    def suggestion_selected(self) -> None:
        self.action_show_suggestion()

    def action_move_suggestion(self, step: int) -> None:
        self.suggestions.listing.move(step)

    def chosen(self) -> Any | None:
        chosen = self.suggestions.chosen
        if chosen is None:
            self.notify(
                self.suggestions.error or tr("Inget förslag är valt.", "No suggestion is selected."),
                severity="warning",
            )
        return chosen

    def action_take(self, how: str, adapted: Any = None, suggestion: Any = None) -> None:
        """Insert, append or replace with the chosen suggestion: one edit, so one Ctrl+Z undoes it."""
        suggestion = suggestion or self.chosen()
        if suggestion is None:
            return
        text = (adapted.text if adapted is not None else suggestion.text).strip()
        self.composer.take(text, how)
        self.taken.took(self.draft, suggestion, self.draft.current, adapted, text, library=self.ansokan.library)
        message = tr("Förslaget togs in – Ctrl+Z ångrar.", "Suggestion taken – Ctrl+Z undoes it.")
        if adapted is not None and adapted.unresolved:
            count = len(adapted.unresolved)
            message += tr(
                f" {count} ställen markerade ⟦… → ?⟧ att anpassa själv.",
                f" {count} places marked ⟦… → ?⟧ to adapt yourself.",
            )
        self.notify(message, timeout=5)

    def action_confirm_replace(self) -> None:
        from assistant.tui.screens.dialogs import ask_before_replacing

        ask_before_replacing(self)

    def action_show_suggestion(self, adapt: bool = False) -> None:
        suggestion = self.chosen()
        if suggestion is None:
            return
        from assistant.tui.screens.dialogs import SuggestionScreen

        library = self.ansokan.library if adapt else None
        self.app.push_screen(
            SuggestionScreen(suggestion, self.draft, adapt=adapt, library=library), self.suggestion_dialog_closed
        )

    def action_adapt_suggestion(self) -> None:
        self.action_show_suggestion(adapt=True)

    def suggestion_dialog_closed(self, result: tuple[str, Any] | None) -> None:
        if result:
            how, adapted = result
            self.action_take(how, adapted)

    def action_budget(self) -> None:
        from assistant.tui.screens.budget import BudgetScreen

        self.sync_editor()
        self.app.push_screen(BudgetScreen(self.draft), self.after_budget)

    def after_budget(self, _result: Any = None) -> None:
        self.draft_changed()
        self.query_one(PageMeter).estimate_for(self.draft, delay=OPEN_DELAY)
        self.query_one(Outline).check(self.draft, delay=OPEN_DELAY)

    def action_check(self) -> None:
        from assistant.tui.screens.checks import CheckScreen

        self.sync_editor()
        self.app.push_screen(CheckScreen(self.draft), self.after_check)

    async def after_check(self, result: CheckResult | None) -> None:
        if not result:
            return
        if result.changed:  # carried figures confirmed there: saved now
            self.draft_changed()
        self.query_one(Outline).replace_findings(result.grouped)
        if result.key:
            await self.enter_section(result.key)
            self.set_focus(self.composer.editor)

    def action_export(self) -> None:
        from assistant.tui.screens.export import ExportScreen

        self.sync_editor()
        self.save_now()
        self.app.push_screen(ExportScreen(self.draft))

    def action_facts(self) -> None:
        from assistant.tui.screens.facts import open_facts

        open_facts(self)

    def action_search_now_from_palette(self) -> None:
        self.search_now(None)
