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

TAKE_HOW = ("insert", "append", "replace")


def spaced(before: str, text: str, after: str) -> str:
    """`text` as it goes in between `before` and `after` on its line: with a space where it would
    otherwise run into a word ('djurvård' + 'Efter …' is 'djurvård Efter …'), none where the line
    already has one or the text starts with punctuation."""
    if before and not before[-1].isspace() and text[:1].isalnum():
        text = " " + text
    if after and not after[0].isspace() and after[0] not in ".,;:!?)" and text[-1:].strip():
        text = text + " "
    return text


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
        # One line high and as wide as the editor whatever it says: redrawn, not the screen laid out
        # again (a layout a keystroke was most of the editor's cost of a key).
        self.query_one("#section-label", Static).update(label, layout=False)

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
            row, col = editor.cursor_location
            line = document.get_line(row)
            editor.insert(spaced(line[:col], text, line[col:]), maintain_selection_offset=False)
        editor.history.checkpoint()
        editor.focus()

    def edit_range(self, start: int, end: int, text: str) -> None:
        """Replace characters `start`..`end` of the text by `text` as one edit of its own (a
        reviewer's change taken in), like a taken suggestion: one Ctrl+Z takes it back."""
        editor = self.editor
        current = editor.text

        def location(index: int) -> tuple[int, int]:
            return current.count("\n", 0, index), index - (current.rfind("\n", 0, index) + 1)

        editor.history.checkpoint()
        editor.replace(text, location(start), location(end), maintain_selection_offset=False)
        editor.history.checkpoint()

    def query_text(self) -> str:
        """What the writer is writing now: the paragraph at the cursor, from its start up to the cursor.

        The search takes the sentence at the end as its focus and the earlier ones as weaker
        context; at the start of a paragraph the text before it says more. An empty section
        searches with its heading and guidance."""
        if not self.editor.text.strip():
            return ""
        before, _after = self._paragraph_at_cursor()
        text = " ".join(before.split())
        if len(text) < 40:  # at the start of a paragraph: the text before it says more
            row, col = self.editor.cursor_location
            lines = self.editor.text.split("\n")
            text = " ".join(" ".join([*lines[:row], lines[row][:col] if row < len(lines) else ""]).split())
        return text

    def context_text(self) -> str:
        """The rest of the paragraph after the cursor (the search's context; may be empty)."""
        return " ".join(self._paragraph_at_cursor()[1].split())

    def _paragraph_at_cursor(self) -> tuple[str, str]:
        """The cursor's paragraph (lines between blank lines) split at the cursor."""
        row, col = self.editor.cursor_location
        lines = self.editor.text.split("\n")
        if row >= len(lines):
            return "", ""
        first = row
        while first > 0 and lines[first - 1].strip():
            first -= 1
        last = row
        while last + 1 < len(lines) and lines[last + 1].strip():
            last += 1
        before = "\n".join([*lines[first:row], lines[row][:col]])
        after = "\n".join([lines[row][col:], *lines[row + 1 : last + 1]])
        return before, after
