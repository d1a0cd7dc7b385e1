"""A reviewer's tracked changes taken into a draft's plain text, change by change.

Each change knows the paragraph it stands in as it read before the review and where in it the
change starts. The paragraph is found in the section's text (the draft's Markdown holds it as
one line, a list item with its dash); the accepted changes are applied from the last to the
first so the earlier offsets still hold. A paragraph the writer has since edited is found by
the text around the change instead; a change whose place cannot be found is left out and named,
never guessed; failing that, the draft's paragraph most like it (one clearly best, `FUZZY` or
more alike), the change placed where the unchanged text around it now stands. A new paragraph (an inserted one, or the place text was moved to) goes after the
paragraph that stood before it in the section, or first; a paragraph deleted whole leaves no
empty line behind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from assistant.core.sources.review import Change

INSERTING = ("insertion", "moved_to")
_AROUND = 30  # characters of context that must match when the paragraph was edited since
FUZZY = 80  # how alike (rapidfuzz ratio) an edited paragraph must be to its reviewed self
_MARGIN = 10  # and by how much more than any other paragraph of the section
_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*•]|\d{1,3}[.)])[ \t]+"
)  # a list item's first line (model/markup.py)
LIKENESS_LIMIT = 4000  # characters: a longer paragraph is not aligned (difflib is quadratic: 0.24 s at 5,000)


@dataclass
class Applied:
    text: dict[str, str] = field(default_factory=dict)  # section -> its new text
    taken: list[Change] = field(default_factory=list)
    not_placed: list[Change] = field(default_factory=list)  # place not found in the draft


def apply_changes(sections: dict[str, str], changes: Iterable[Change]) -> Applied:
    """`sections` (section key -> draft text) with `changes` accepted; the others stay as they read.
    A move is taken whole or not at all: if one half finds no place, the other is not taken either
    (the text would stand twice, or nowhere)."""
    wanted = list(changes)
    held: list[Change] = []
    while True:
        out = _apply(sections, wanted)
        lost = {c.move for c in out.not_placed if c.move}
        back = [c for c in out.taken if c.move in lost]
        if not back:
            out.not_placed.extend(held)
            return out
        held.extend(back)
        wanted = [c for c in wanted if all(c is not h for h in back)]


def _apply(sections: dict[str, str], changes: list[Change]) -> Applied:
    out = Applied()
    by_paragraph: dict[tuple[str, int], list[Change]] = {}
    for change in changes:
        if change.section is None or change.section not in sections:
            out.not_placed.append(change)
            continue
        by_paragraph.setdefault((change.section, change.paragraph), []).append(change)
    for (section, _number), group in by_paragraph.items():
        text = out.text.get(section, sections[section])
        for change in sorted(group, key=lambda c: c.offset, reverse=True):
            new = _apply_one(text, change)
            if new is None:
                out.not_placed.append(change)
            else:
                text = new
                out.taken.append(change)
        out.text[section] = text
    return out


def _apply_one(text: str, change: Change) -> str | None:
    before = change.before.strip()
    if not before and change.kind in INSERTING:
        return _new_paragraph(text, change)
    lead = len(change.before) - len(change.before.lstrip())
    offset = change.offset - lead
    start = text.find(before) if before else -1
    if start >= 0 and text.find(before, start + 1) < 0:
        at = start + max(0, offset)
        if change.kind in INSERTING:
            return text[:at] + change.text + text[at:]
        if text[at : at + len(change.text)] == change.text:
            return _without_empty_line(text[:at] + text[at + len(change.text) :], at)
    return _by_context(text, change, before, max(0, offset)) or _by_likeness(text, change, before, max(0, offset))


def _by_context(text: str, change: Change, before: str, offset: int) -> str | None:
    """The change placed by the words just before it (and, for a deletion, the text it removes)."""
    prefix = before[max(0, offset - _AROUND) : offset]
    if change.kind in INSERTING:
        if not prefix or text.count(prefix) != 1:
            return None
        at = text.index(prefix) + len(prefix)
        return text[:at] + change.text + text[at:]
    needle = prefix + change.text
    if text.count(needle) != 1:
        return None
    at = text.index(needle) + len(prefix)
    return text[:at] + text[at + len(change.text) :]


def _new_paragraph(text: str, change: Change) -> str | None:
    """The new paragraph after the one that stood before it: a plain paragraph after a list goes
    after the whole list (between its items it would split it), a list item joins the list."""
    lines = text.split("\n")
    if change.previous:
        if text.count(change.previous) != 1:
            return None
        at = text[: text.index(change.previous)].count("\n")  # the line it stands on
    else:
        at = -1
    if change.listed:
        return "\n".join(_as_item(lines, at, change))
    if at >= 0 and _ITEM.match(lines[at]):
        while at + 1 < len(lines) and lines[at + 1].strip():  # the list's last line
            at += 1
    head, tail = "\n".join(lines[: at + 1]).rstrip("\n"), "\n".join(lines[at + 1 :]).lstrip("\n")
    return "\n\n".join(part for part in (head, change.text.strip(), tail) if part)


def _as_item(lines: list[str], at: int, change: Change) -> list[str]:
    """`lines` with `change` as a list item after line `at`: in the list that line is in or the
    one right after it, else a list of its own."""
    if at >= 0 and _ITEM.match(lines[at]):
        while at + 1 < len(lines) and lines[at + 1].strip() and not _ITEM.match(lines[at + 1]):
            at += 1  # the item's own further lines
        neighbour = lines[at]
        return [*lines[: at + 1], _item(neighbour, change), *lines[at + 1 :]]
    below = at + 1
    while below < len(lines) and not lines[below].strip():
        below += 1
    head = lines[: at + 1]
    while head and not head[-1].strip():
        head.pop()
    gap = [""] if head else []
    if below < len(lines) and _ITEM.match(lines[below]):  # the first item of the list below
        return [*head, *gap, _item(lines[below], change), *lines[below:]]
    tail = lines[below:]
    return [*head, *gap, _item("", change), *([""] if tail else []), *tail]


def _item(neighbour: str, change: Change) -> str:
    """`change`'s words as a list item, marked as its neighbour item is when that is the same kind of list."""
    found = _ITEM.match(neighbour)
    numbered = bool(found and found.group("marker")[0].isdigit())
    if found and numbered == (change.listed == "number"):
        marker = found.group("indent") + found.group("marker")
    else:
        marker = "1." if change.listed == "number" else "-"
    return f"{marker} {change.text.strip()}"


def _without_empty_line(text: str, at: int) -> str:
    """`text` with the line at `at` taken out if the deletion left it empty (a whole paragraph)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    if text[start:end].strip() not in ("", "-", "*"):
        return text
    head, tail = text[:start].rstrip("\n"), text[end:].lstrip("\n")
    return f"{head}\n\n{tail}" if head and tail else head or tail


def _by_likeness(text: str, change: Change, before: str, offset: int) -> str | None:
    """The change placed in the section's paragraph most like the one it was made in, at the spot
    the text around it was kept (None if the writer rewrote that very spot)."""
    from difflib import SequenceMatcher

    lines: list[tuple[int, str]] = []
    at = 0
    for line in text.split("\n"):
        body = line.lstrip("-* ")
        if body.strip():
            lines.append((at + len(line) - len(body), body))
        at += len(line) + 1
    scored = sorted(((fuzz.ratio(before, body), start, body) for start, body in lines), reverse=True)
    if not scored or scored[0][0] < FUZZY or (len(scored) > 1 and scored[0][0] - scored[1][0] < _MARGIN):
        return None
    _score, start, body = scored[0]
    if max(len(before), len(body)) > LIKENESS_LIMIT:
        return None
    mapped = next(
        (
            j1 + offset - i1
            for tag, i1, i2, j1, _j2 in SequenceMatcher(None, before, body, autojunk=False).get_opcodes()
            if tag == "equal" and i1 <= offset <= i2
        ),
        None,
    )
    if mapped is None:
        return None
    at = start + mapped
    if change.kind in INSERTING:
        return text[:at] + change.text + text[at:]
    if text[at : at + len(change.text)] != change.text:
        return None
    return _without_empty_line(text[:at] + text[at + len(change.text) :], at)
