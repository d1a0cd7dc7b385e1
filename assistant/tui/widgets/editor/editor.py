"""The composer's text field: a TextArea without the keys the main screen uses."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class Editor(TextArea, inherit_bindings=False):
    """F6/F7 (select line/all) open Anpassa and Budget on the main screen."""

    BINDINGS = [b for b in TextArea.BINDINGS if isinstance(b, Binding) and b.key not in ("f6", "f7")]
