"""The composer: the section being written, its word count, and the assistant's edits to it."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static, TextArea

from assistant.core.model.drafts import word_count
from assistant.tui.i18n import tr
from assistant.tui.widgets.editor.editor import Editor

QUERY_CHARS = 200  # the text before the cursor that the library is searched with
TAKE_HOW = ("insert", "append", "replace")


class Composer(Vertical):
    """A label (“12 ord · 3.2. Målgrupp”) over the editor; posts Composer.Edited on every edit.

    Loading a section starts a fresh undo history; everything else, the assistant's own
    changes included, is an edit in the editor's history, so Ctrl+Z and Ctrl+Y step
    through it exactly."""

    class Edited(Message):
        """The text changed by typing, undo/redo or a taken suggestion (not by loading a section)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._heading = ""
        self._known = ""  # the text as last loaded or reported, to tell a load from an edit

    def compose(self) -> ComposeResult:
        yield Static(id="section-label")
        yield Editor(id="editor", soft_wrap=True, show_line_numbers=False)

    @property
    def editor(self) -> Editor:
        return self.query_one(Editor)

    @property
    def text(self) -> str:
        return self.editor.text

    def load(self, text: str, heading: str) -> None:
        """Show a section's text (the cursor at its end) under the heading `heading`."""
        self._heading = heading
        self._known = text
        editor = self.editor
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        self._show_label()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._show_label()
        text = self.editor.text
        if text != self._known:
            self._known = text
            self.post_message(self.Edited(text))

    def _show_label(self) -> None:
        words = word_count(self.editor.text)
        label = Text(tr(f"{words} ord · ", f"{words} words · "), style="dim")
        label.append(self._heading, style="bold")
        self.query_one("#section-label", Static).update(label)

    def take(self, text: str, how: str) -> None:
        """Insert `text` at the cursor, append it or replace the section with it, as one edit.

        Made through the editor's own edit API, so the history holds it as one batch of its
        own (never merged with the typing before it): one Ctrl+Z takes it back, Ctrl+Y again."""
        if how not in TAKE_HOW:
            raise ValueError(f"take how={how!r}")
        editor = self.editor
        editor.history.checkpoint()
        document = editor.document
        if how == "replace":
            editor.replace(text, document.start, document.end, maintain_selection_offset=False)
        elif how == "append":
            kept = editor.text.rstrip("\n").split("\n")
            end = (len(kept) - 1, len(kept[-1]))
            separator = "\n\n" if editor.text.strip() else ""
            editor.insert(separator + text, end, maintain_selection_offset=False)
        else:
            editor.insert(text, maintain_selection_offset=False)
        editor.history.checkpoint()
        editor.focus()

    def query_text(self) -> str:
        """What the writer is writing now: the paragraph at the cursor up to it, its last ~200 characters.

        Short queries find more (a long query dilutes the match, see notes/retrieval.md); an
        empty section searches with its heading and guidance.
        """
        editor = self.editor
        if not editor.text.strip():
            return ""
        row, col = editor.cursor_location
        lines = editor.text.split("\n")
        before = [*lines[:row], lines[row][:col] if row < len(lines) else ""]
        paragraph: list[str] = []
        for line in reversed(before):
            if not line.strip() and paragraph:
                break
            paragraph.insert(0, line)
        text = " ".join(" ".join(paragraph).split())
        if len(text) < 40:  # at the start of a paragraph: the text before it says more
            text = " ".join(" ".join(before).split())
        if len(text) > QUERY_CHARS:
            text = text[-QUERY_CHARS:].split(" ", 1)[-1]
        return text
