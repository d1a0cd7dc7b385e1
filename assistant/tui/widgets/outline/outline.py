"""The form's headings with each one's state, and the page meter under them."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.core.model.drafts import word_count
from assistant.tui.i18n import STATES, tr

GLYPHS = {"tom": "○", "påbörjad": "◐", "klar": "●", "problem": "!"}
STYLES = {"tom": "dim", "påbörjad": "yellow", "klar": "green", "problem": "bold red"}


def section_state(text: str, *, done: bool, problems: int) -> str:
    if problems:
        return "problem"
    if word_count(text) == 0:
        return "tom"
    return "klar" if done else "påbörjad"


class Outline(OptionList):
    """One option per heading; the option id is the heading key."""

    def show(self, form, states: dict[str, str], current: str) -> None:
        highlighted = self.highlighted
        self.clear_options()
        for heading in form.headings:
            state = states.get(heading.key, "tom")
            label = Text()
            label.append(f"{GLYPHS[state]} ", style=STYLES[state])
            indent = "  " * (heading.level - 1)
            number = f"{heading.number} " if heading.number else ""
            label.append(f"{indent}{number}{heading.label}", style="bold" if heading.key == current else "")
            label.no_wrap = True
            label.overflow = "ellipsis"
            self.add_option(Option(label, id=heading.key))
        index = form.keys.index(current) if current in form.keys else highlighted
        if index is not None:
            self.highlighted = index


def legend() -> Text:
    text = Text()
    for state in ("tom", "påbörjad", "klar", "problem"):
        text.append(f"{GLYPHS[state]} ", style=STYLES[state])
        text.append(f"{tr(*STATES[state])}  ", style="dim")
    return text


class PageMeter(Static):
    """“5,4 av 7 sidor”, red over the limit, a warning sign when it is too close to call."""

    def show(self, estimate, limit: int | None) -> None:
        self.remove_class("over", "borderline")
        if estimate is None:
            self.update(tr("Sidor: –", "Pages: –"))
            return
        pages = float(getattr(estimate, "pages", 0.0))
        shown = f"{pages:.1f}".replace(".", ",") if tr("sv", "en") == "sv" else f"{pages:.1f}"
        if limit:
            text = tr(f"{shown} av {limit} sidor", f"{shown} of {limit} pages")
            if pages > limit:
                self.add_class("over")
        else:
            text = tr(f"{shown} sidor", f"{shown} pages")
        body_pages = int(getattr(estimate, "body_pages", 0) or 0)
        if getattr(estimate, "borderline", False) and limit and body_pages in (limit, limit + 1):
            self.add_class("borderline")
            text += tr(" ⚠ nära gränsen – räkna exakt (F8)", " ⚠ close to the limit – count exactly (F8)")
        self.update(text)
