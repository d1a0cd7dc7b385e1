"""The suggestions beside the composer: passages from earlier approved applications."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.tui.i18n import tr

PREVIEW_CHARS = 140


def attr(obj: Any, name: str, default: Any = "") -> Any:
    """A field of a suggestion or its source, whether it is a dataclass or a dict."""
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def source_line(suggestion: Any) -> str:
    source = attr(suggestion, "source", {}) or {}
    title = attr(source, "title", "") or attr(source, "id", "")
    parts = [str(p) for p in (attr(source, "organisation", ""), attr(source, "year", "")) if p]
    return f"{title} ({', '.join(parts)})" if parts else str(title)


def matched_words(suggestion: Any) -> list[str]:
    words = attr(suggestion, "matched", None) or attr(suggestion, "matched_words", None) or []
    return [str(w) for w in words]


def suggestion_label(suggestion: Any) -> Text:
    score = float(attr(suggestion, "score", 0) or 0)
    text = " ".join(str(attr(suggestion, "text", "")).split())
    preview = text if len(text) <= PREVIEW_CHARS else text[:PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
    label = Text()
    label.append(f"{score:3.0f} ", style="bold green" if score >= 70 else "bold yellow" if score >= 45 else "bold")
    label.append(source_line(suggestion), style="italic")
    heading = attr(suggestion, "heading", "")
    if heading:
        label.append(f" · {heading}", style="dim")
    label.append("\n" + preview)
    words = matched_words(suggestion)
    if words:
        label.append("\n" + tr("ord: ", "words: ") + ", ".join(words[:8]), style="dim cyan")
    return label


class Suggestions(OptionList):
    """Shows the latest search; `chosen` is the suggestion under the highlight."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.items: list[Any] = []

    def show(self, items: list[Any]) -> None:
        self.items = list(items)
        self.clear_options()
        if not self.items:
            self.add_option(
                Option(
                    Text(tr("Inga förslag för den här texten.", "No suggestions for this text."), style="dim"),
                    disabled=True,
                )
            )
            return
        for i, item in enumerate(self.items):
            self.add_option(Option(suggestion_label(item), id=f"s{i}"))
        self.highlighted = 0

    def show_message(self, message: str) -> None:
        self.items = []
        self.clear_options()
        self.add_option(Option(Text(message, style="dim"), disabled=True))

    @property
    def chosen(self) -> Any | None:
        if not self.items or self.highlighted is None or self.highlighted >= len(self.items):
            return None
        return self.items[self.highlighted]

    def move(self, step: int) -> None:
        if self.items:
            self.highlighted = ((self.highlighted or 0) + step) % len(self.items)
