"""The page meter under the outline: the estimate runs in the meter's own worker."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from textual import work
from textual.widgets import Static

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import tr
from assistant.tui.messages import PagesEstimated
from assistant.usecases.checks import estimate_pages
from assistant.usecases.export import PageCount


class PageMeter(Static):
    """“4 av 7 sidor + underskriftssida”, red over the limit, a warning sign when it is too close to call.

    `estimate` is the last estimate shown (None until the first one arrives or when unavailable)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.estimate: Any = None
        self.limit: int | None = None
        self.uncounted = False

    def estimate_for(self, draft: Draft, *, delay: float = 0.0) -> None:
        """Estimate the pages of `draft` after `delay` (a debounce: a newer call cancels this one)."""
        self.limit = draft.form.page.max_pages
        self.uncounted = bool(draft.form.page.uncounted)
        self._estimate(draft, delay)

    @work(exclusive=True, group="page-estimate")
    async def _estimate(self, draft: Draft, delay: float) -> None:
        await asyncio.sleep(delay)
        snapshot = copy.deepcopy(draft)  # the writer goes on typing while the estimate reads
        try:
            estimate = await asyncio.to_thread(estimate_pages, snapshot)
        except UserError:
            estimate = None
        self.post_message(PagesEstimated(estimate))

    def on_pages_estimated(self, message: PagesEstimated) -> None:
        self.estimate = message.estimate
        self.show(message.estimate, self.limit)

    def show(self, estimate: Any, limit: int | None) -> None:
        self.remove_class("over", "borderline")
        if estimate is None:
            self.update(tr("Sidor: –", "Pages: –"))
            return
        # The count LibreOffice would give (whole pages), not the fractional `pages` (3,02 is a 4th page).
        count = PageCount(pages=estimate.body_pages, limit=limit, uncounted=self.uncounted, estimate=estimate.pages)
        text = count.against_limit()
        if count.over_by:
            self.add_class("over")
        if estimate.borderline and limit and estimate.body_pages in (limit, limit + 1):
            self.add_class("borderline")
            text += tr(" ⚠ nära gränsen – räkna exakt (F8)", " ⚠ close to the limit – count exactly (F8)")
        self.update(text)
