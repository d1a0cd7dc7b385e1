"""Messages the interface's widgets post when their work is done.

Each widget runs its own work (a search, a page estimate, the checks, a save) in a Textual
worker and posts one of these when it finishes; the widget shows the result itself and the
message bubbles on to the screen, which wires the rest (the conversation, the outline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.message import Message


class SuggestionsReady(Message):
    """A library search finished: `results` best first, or `error` when the library failed."""

    def __init__(
        self, query: str, section: str, context: str, results: list[Any], error: str | None, *, announce: bool
    ) -> None:
        super().__init__()
        self.query = query
        self.section = section
        self.context = context  # the rest of the paragraph after the cursor
        self.results = results
        self.error = error
        self.announce = announce  # the writer asked (/förslag): answer in the conversation too


class PagesEstimated(Message):
    """The page estimate for the draft as it was when the estimate started (None: not available)."""

    def __init__(self, estimate: Any) -> None:
        super().__init__()
        self.estimate = estimate


class FindingsReady(Message):
    """The checks of the whole draft, grouped by section key, for the outline's marks."""

    def __init__(self, findings: dict[str, list[Any]]) -> None:
        super().__init__()
        self.findings = findings


class DraftSaved(Message):
    """The draft (and its conversation) reached the disk at `path`."""

    def __init__(self, path: Path, *, announce: str | None) -> None:
        super().__init__()
        self.path = path
        self.announce = announce  # what to tell the writer (who asked, with Ctrl+S), or None


class SaveFailed(Message):
    """A save did not reach the disk; the text is still in memory and the save is retried."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class SaveConflict(Message):
    """Someone else wrote the draft's file since it was opened; nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
