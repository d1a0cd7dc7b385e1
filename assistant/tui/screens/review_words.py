"""How the review screen words a change: its kind, a short quote, and the paragraph's words before
and after it, a replaced word's deletion and insertion shown together."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from assistant.tui.i18n import tr
from assistant.usecases.review_decisions import KIND_WORDS

if TYPE_CHECKING:
    from assistant.usecases.review import ReadReview
    from assistant.usecases.review_decisions import Change

CONTEXT = 45  # characters of the paragraph shown on each side of a change
INSERTING = ("insertion", "moved_to")
TITLE = 30  # characters of the other section's heading a move's half names


def shortened(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def kind_word(change: Change, found: ReadReview | None = None) -> str:
    """'infogat', or for half a move both its ends: 'flyttat till 3.2. Målgrupp' where the text stood,
    'flyttat från 2. Bakgrund' where it went (a LibreOffice move is a deletion and an insertion)."""
    if found is not None and (others := found.review.move_of(change)):
        title = shortened(found.section_title(others[0].section) or "?", TITLE)
        if change.kind in ("moved_from", "deletion"):
            return tr(f"flyttat till {title}", f"moved to {title}")
        return tr(f"flyttat från {title}", f"moved from {title}")
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


def summary(found: ReadReview, done: int, in_draft: int) -> str:
    """'5 ändringar och 2 kommentarer av Eva Holm, Karin Ek · 1 beslutade, 4 kvar': the changes the
    draft already has (the writer's own, in a copy sent with --since) and formatting counted apart."""
    review = found.review
    total, comments, left = len(review.changes), len(review.comments), len(review.changes) - done - in_draft
    authors = ", ".join(review.authors()) or "–"
    sv = f"{total} {'ändring' if total == 1 else 'ändringar'} och {comments} "
    sv += f"{'kommentar' if comments == 1 else 'kommentarer'} av {authors} · {done} beslutade"
    en = f"{total} {'change' if total == 1 else 'changes'} and {comments} "
    en += f"{'comment' if comments == 1 else 'comments'} by {authors} · {done} decided"
    if in_draft:
        sv += f", {in_draft} redan i utkastet"
        en += f", {in_draft} already in the draft"
    sv += f", {left} kvar"
    en += f", {left} left"
    if review.formatting:
        sv += f" · {review.formatting} formateringsändringar (visas inte)"
        en += f" · {review.formatting} formatting changes (not shown)"
    for heading in review.headings:  # the form decides the headings: said, never taken in
        title = heading.after if heading.kind == "inserted" else found.section_title(heading.section) or heading.before
        sv += f" · rubriken {title} {_HEADING_WORDS[heading.kind][0]} av {heading.author or '–'}, förs inte in"
        en += f" · heading {title} {_HEADING_WORDS[heading.kind][1]} by {heading.author or '–'}, not taken in"
    return tr(sv, en)


_HEADING_WORDS = {
    "deleted": ("struken", "deleted"),
    "edited": ("ändrad", "changed"),
    "inserted": ("ny", "new"),
    "joined": ("ihopslagen med stycket efter", "joined to the paragraph after"),
}
