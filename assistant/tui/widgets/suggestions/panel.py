"""The suggestion panel beside the composer: it searches the library in its own worker."""

from __future__ import annotations

import asyncio
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from assistant.core.errors import UserError
from assistant.tui.i18n import lang, tr
from assistant.tui.messages import SuggestionsReady
from assistant.tui.widgets.suggestions.suggestion_list import Suggestions
from assistant.usecases.suggestions import remembered, suggest_for

SHOWN = 6  # passages in the list
SUGGEST_DELAY = 0.1  # debounce while typing: the search takes ~10 ms, so refresh soon after a pause


class SuggestionPanel(Vertical):
    """Title and list; `search()` looks passages up after a short pause and posts SuggestionsReady.

    `answered` is the query the shown list answers (None before the first search finished)."""

    def __init__(self, *, form_id: str, library: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.form_id = form_id
        self.library = library
        self.error: str | None = None
        self.answered: str | None = None
        self._answered_for: tuple[str | None, str] = (None, "")  # the section and context of `answered`
        self.recent = remembered()  # while the writer's text only grows, what was shown stays

    def compose(self) -> ComposeResult:
        yield Static(tr("Förslag ur biblioteket", "Suggestions from the library"), id="suggestions-title")
        yield Suggestions(id="suggestions")

    @property
    def listing(self) -> Suggestions:
        return self.query_one(Suggestions)

    @property
    def chosen(self) -> Any | None:
        return self.listing.chosen

    def search(
        self, query: str, section: str, *, context: str = "", delay: float = SUGGEST_DELAY, announce: bool = False
    ) -> None:
        """Search for `query` in `section` after `delay`; a newer search cancels this one.

        When the list already answers the query (the writer typed a word and took it back), a
        search still waiting is cancelled and none is started."""
        if not announce and (query, section, context) == (self.answered, *self._answered_for):
            self.workers.cancel_group(self, "suggestions")
            return
        self._search(query, section, context, delay, announce)

    @work(exclusive=True, group="suggestions")
    async def _search(self, query: str, section: str, context: str, delay: float, announce: bool) -> None:
        await asyncio.sleep(delay)
        try:
            results = await asyncio.to_thread(
                suggest_for,
                query,
                form_id=self.form_id,
                section=section,
                k=SHOWN,
                library=self.library,
                context=context,
                recent=None if announce else self.recent,
            )
            error = None
        except UserError as exc:
            results, error = [], exc.message(lang())
        self.post_message(SuggestionsReady(query, section, context, results, error, announce=announce))

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        self.error = message.error
        self.answered, self._answered_for = message.query, (message.section, message.context)
        if message.error:
            self.listing.show_message(
                tr("Biblioteket är inte tillgängligt: ", "The library is not available: ") + message.error
            )
        else:
            self.listing.show(message.results)
