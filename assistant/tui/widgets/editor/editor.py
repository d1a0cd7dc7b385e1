"""The composer's text field: a TextArea whose undo and redo survive a text that shrinks or grows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from assistant.tui.i18n import localise_bindings

if TYPE_CHECKING:
    from textual.document._edit import Edit

# F6/F7 (select line/all) open Anpassa and Budget on the main screen; undo and redo get ids so a
# keymap can move them, and Ctrl+Shift+Z redoes as in most editors (where the terminal sends it).
_REPLACED = ("f6", "f7", "ctrl+z,super+z", "ctrl+y,super+y")


class Editor(TextArea, inherit_bindings=False):
    BINDINGS = [
        *(b for b in TextArea.BINDINGS if isinstance(b, Binding) and b.key not in _REPLACED),
        Binding("ctrl+z,super+z", "undo", "Ångra", id="editor.undo", show=False),
        Binding("ctrl+y,ctrl+shift+z,super+y", "redo", "Gör om", id="editor.redo", show=False),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        localise_bindings(self)

    def undo(self) -> None:
        batches = self.history.undo_stack
        if batches:
            self._park_cursor(batches[-1])
        super().undo()

    def redo(self) -> None:
        batches = self.history.redo_stack
        if batches:
            self._park_cursor(batches[-1])
        super().redo()

    def _park_cursor(self, batch: Sequence[Edit]) -> None:
        """Put the cursor where the batch starts before it is undone or redone.

        Textual 8.2 refreshes the scrollbars between changing the text and restoring the
        selection, with the cursor still where it was: after undoing a passage that had
        made the editor scroll, that row no longer exists and the app died with
        `ValueError: The document line index 1 is out of bounds` (Textualize/textual#6686).
        The text before the batch's first edit is the same before and after the batch, so
        the cursor is valid there throughout; the batch then restores its own selection.
        """
        self.selection = Selection.cursor(min(edit.top for edit in batch))
