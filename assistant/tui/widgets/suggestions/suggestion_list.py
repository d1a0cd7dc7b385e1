"""The list of suggestions: passages from earlier approved applications, best first."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.tui.i18n import tr

PREVIEW_CHARS = 140


def source_line(suggestion: Any) -> str:
    """“Title (organisation, year)” of the application a passage comes from; from a shared library
    also whose it is and how it went (“…, 2017; delad av lund, beviljad”)."""
    source = suggestion.source or {}
    title = source.get("title") or source.get("id") or ""
    parts = [str(p) for p in (source.get("organisation"), source.get("year")) if p]
    if source.get("owner"):
        shared = tr("delad av ", "shared by ") + ", ".join(str(p) for p in (source["owner"], source.get("status")) if p)
        return f"{title} ({'; '.join([', '.join(parts), shared] if parts else [shared])})"
    return f"{title} ({', '.join(parts)})" if parts else str(title)


def suggestion_label(suggestion: Any) -> Text:
    text = " ".join(suggestion.text.split())
    preview = text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    score = suggestion.score
    label = Text()
    label.append(f"{score:3.0f} ", style="bold green" if score >= 70 else "bold yellow" if score >= 45 else "bold")
    label.append(source_line(suggestion), style="italic")
    if suggestion.heading:
        label.append(f" · {suggestion.heading}", style="dim")
    label.append("\n" + preview)
    if suggestion.matched:
        label.append("\n" + tr("ord: ", "words: ") + ", ".join(suggestion.matched[:8]), style="dim cyan")
    return label


class Suggestions(OptionList):
    """Shows the latest search; `chosen` is the suggestion under the highlight."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items: list[Any] = []

    def show(self, items: list[Any]) -> None:
        self.items = list(items)
        if not self.items:
            self.show_message(tr("Inga förslag för den här texten.", "No suggestions for this text."))
            return
        self.set_options([Option(suggestion_label(item), id=f"s{i}") for i, item in enumerate(self.items)])
        self.highlighted = 0

    def show_message(self, message: str) -> None:
        self.items = []
        self.set_options([Option(Text(message, style="dim"), disabled=True)])

    @property
    def chosen(self) -> Any | None:
        if not self.items or self.highlighted is None or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    def move(self, step: int) -> None:
        if self.items:
            self.highlighted = ((self.highlighted or 0) + step) % len(self.items)
