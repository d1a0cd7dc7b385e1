"""How the review screen words a change: its kind, a short quote, and the paragraph's words before
and after it, a replaced word's deletion and insertion shown together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from assistant.tui.i18n import tr
from assistant.usecases.review_decisions import KIND_WORDS

if TYPE_CHECKING:
    from assistant.usecases.review_decisions import Change

CONTEXT = 45  # characters of the paragraph shown on each side of a change
INSERTING = ("insertion", "moved_to")


def shortened(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def kind_word(change: Change) -> str:
    sv, en = KIND_WORDS.get(change.kind, (change.kind, change.kind))
    return tr(sv, en)


def span(change: Change) -> tuple[int, int]:
    """Where the change stands in its paragraph as it read before the review."""
    return change.offset, change.offset + (0 if change.kind in INSERTING else len(change.text))


def touching(change: Change, changes: list[Change]) -> list[Change]:
    """The change and those in its paragraph that meet it (LibreOffice writes a replaced word as a
    deletion and an insertion at its end), in the paragraph's order."""
    same = [
        c for c in changes if (c.section, c.paragraph, c.before) == (change.section, change.paragraph, change.before)
    ]
    group = [change]
    grown = True
    while grown:
        grown = False
        for other in same:
            if other not in group and any(span(other)[0] <= span(g)[1] and span(g)[0] <= span(other)[1] for g in group):
                group.append(other)
                grown = True
    return sorted(group, key=lambda c: (span(c)[0], c.kind in INSERTING))


def before_after(group: list[Change]) -> tuple[Text, Text]:
    """The words around the changes as the paragraph read (old, deletions struck) and with them
    taken (new, insertions marked)."""
    text = group[0].before
    start, end = min(span(c)[0] for c in group), max(span(c)[1] for c in group)
    head = ("…" if start > CONTEXT else "") + text[max(0, start - CONTEXT) : start]
    old, new = Text(head), Text(head)
    at = start
    for change in group:
        begin, finish = span(change)
        if begin > at:
            old.append(text[at:begin])
            new.append(text[at:begin])
            at = begin
        if change.kind in INSERTING:
            new.append(change.text, style="bold green underline")
        else:
            old.append(change.text, style="bold red strike")
            at = max(at, finish)
    tail = text[at : end + CONTEXT] + ("…" if len(text) > end + CONTEXT else "")
    old.append(tail)
    new.append(tail)
    return old, new
