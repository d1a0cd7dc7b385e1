"""The chat pane: the conversation above, the chat line below.

The line tells the writer, as they type, what Enter will do with it (the label in its border:
a question for the assistant, a search in the library, a command). A question is answered in a
worker of this widget (`ask`), which posts `Answered`, and `Act` when the writer asked to go to a
heading; a link the writer selects in an answer posts `Act` too (go to a heading, or take a
suggestion into its heading). The screen decides what follows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Markdown

from assistant.core.errors import UserError
from assistant.tui.i18n import lang, tr
from assistant.tui.widgets.chat.chat import Chat
from assistant.tui.widgets.sized_input import SizedInput
from assistant.usecases.ask import ActionKind, Answer, Intent, Kind, ask, classify, parse_href


class ChatPane(Vertical):
    DEFAULT_CSS = "ChatPane { height: 1fr; }"
    BINDINGS = [
        Binding("pageup", "scroll_history(-1)", "Bläddra upp", id="chat.page_up", show=False),
        Binding("pagedown", "scroll_history(1)", "Bläddra ned", id="chat.page_down", show=False),
    ]

    class Answered(Message):
        """The assistant's answer to `question` (the worker's result)."""

        def __init__(self, question: str, answer: Answer) -> None:
            super().__init__()
            self.question = question
            self.answer = answer

    class Act(Message):
        """Go to heading `key` (None: stay), then take `suggestion` there if one is given."""

        def __init__(self, key: str | None, suggestion: Any = None) -> None:
            super().__init__()
            self.key = key
            self.suggestion = suggestion

    def __init__(self, *, library: str | Path | None = None, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.offered: dict[str, tuple[Any, str | None]] = {}  # passage id -> (suggestion, heading)

    def compose(self) -> ComposeResult:
        yield Chat(id="chat")
        yield SizedInput(
            placeholder=tr(
                "Fråga (vad saknas?), sök i biblioteket eller skriv /hjälp",
                "Ask (what is missing?), search the library or type /help",
            ),
            id="command",
        )

    @property
    def chat(self) -> Chat:
        return self.query_one(Chat)

    @property
    def line(self) -> Input:
        return self.query_one("#command", Input)

    @on(Input.Changed, "#command")
    def line_changed(self, event: Input.Changed) -> None:
        kind = classify(event.value)
        self.line.border_subtitle = "" if kind is Kind.EMPTY else f"↵ {kind.label}"

    def ask_if_question(self, draft: Any, text: str, section: str | None) -> bool:
        """Ask the assistant when the line is a question (True), else leave it to the caller."""
        if classify(text) is not Kind.QUESTION:
            return False
        self.ask(draft, text, section)
        return True

    @work(thread=True, group="ask")
    def ask(self, draft: Any, question: str, section: str | None) -> None:
        """Answer `question` about `draft` in a worker (imports make the first answer slower)."""
        try:
            answer = ask(draft, question, library=self.library, current_section=section)
        except UserError as exc:
            self.app.call_from_thread(self.notify, exc.message(lang()), severity="error", timeout=8)
            return
        for suggestion in answer.suggestions:
            self.offered[suggestion.passage_id] = (suggestion, answer.section)
        for action in answer.actions:
            if action.kind is ActionKind.TAKE and action.target in self.offered:
                self.offered[action.target] = (self.offered[action.target][0], action.section or answer.section)
        self.post_message(self.Answered(question, answer))
        if answer.intent is Intent.NAVIGATE:  # the writer asked to move: go at once
            target = next((a.target for a in answer.actions if a.kind is ActionKind.GOTO), None)
            if target is not None:
                self.post_message(self.Act(target))

    @on(Markdown.LinkClicked)
    def link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        action = parse_href(event.href)
        if action is None:
            return
        kind, target = action
        if kind is ActionKind.GOTO:
            self.post_message(self.Act(target))
            return
        offered = self.offered.get(target)
        if offered is None:  # an answer from an earlier session: its suggestions are not kept
            self.notify(
                tr("Fråga igen för att ta in det förslaget.", "Ask again to take that suggestion."),
                severity="warning",
            )
            return
        suggestion, section = offered
        self.post_message(self.Act(section, suggestion))

    def action_scroll_history(self, pages: int) -> None:
        if pages < 0:
            self.chat.scroll_page_up(animate=False)
        else:
            self.chat.scroll_page_down(animate=False)
