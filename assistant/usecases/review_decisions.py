"""The writer's decisions on a review, one change at a time, for the interface's review screen.

A decision is placed as one edit of the section's text (what to replace, where, by what), so the
interface makes it one undoable step in its editor. Each change is placed in its paragraph as the
paragraph reads with the review's changes already accepted there (a deletion and the insertion
LibreOffice writes for a replaced word are two changes at nearly one place: once the deletion is
taken, the insertion's own context is gone). The draft records every decision and the review it
came from (the reviewed file's name and SHA-256) in its front matter:

    [[reviews]]
    file = "granskad.docx"
    sha256 = "…"
    [[reviews.decisions]]
    change = 3              # the change's number in the review, as `ansokan review` lists it
    decision = "accepted"   # accepted | rejected | edited
    kind = "insertion"
    section = "tidsplan"
    author = "Karin Ek"
    text = " och lokaler"
    date = "2026-12-04"
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft
    from assistant.core.sources.review import Change as Change  # the interface's names for them
    from assistant.core.sources.review import Comment as Comment

REVIEWS_KEY = "reviews"
DECISIONS = ("accepted", "rejected", "edited")
KIND_WORDS = {  # a change's kind as the writer reads it (Swedish, English)
    "insertion": ("infogat", "inserted"),
    "deletion": ("strukit", "deleted"),
    "moved_to": ("flyttat hit", "moved here"),
    "moved_from": ("flyttat härifrån", "moved away"),
}


@dataclass(frozen=True)
class Placed:
    """Replace `text[start:end]` of the section's text by `new`: the decision as one edit."""

    start: int
    end: int
    new: str
    old: str  # what it replaces (an undo puts it back)


def taken_as(change: Change, edited: str | None = None) -> list[Change]:
    """The change as the writer takes it: as the reviewer wrote it, or with the writer's own words
    (an insertion's text rewritten; a deletion with words put in place of the deleted ones)."""
    if edited is None:
        return [change]
    edited = _spaced_like(change.text, edited)
    if change.kind in ("insertion", "moved_to"):
        return [dataclasses.replace(change, text=edited)]
    if not edited:
        return [change]
    after = dataclasses.replace(change, kind="insertion", text=edited, offset=change.offset + len(change.text))
    return [change, after]


def _spaced_like(original: str, words: str) -> str:
    """The writer's words with the space the reviewer's had before and after them (" och lokaler"
    retyped as "och lokaler" must not run into the word before it)."""
    if not words.strip():
        return words
    lead = " " if original[:1].isspace() and not words[:1].isspace() else ""
    trail = " " if original[-1:].isspace() and not words[-1:].isspace() else ""
    return lead + words + trail


def place_decision(text: str, change: Change, taken: Iterable[Change] = (), edited: str | None = None) -> Placed | None:
    """Where accepting `change` (with the writer's `edited` words, if any) edits the section's
    `text`, given the review's changes already `taken` into it; None when its place is gone."""
    from assistant.core.sources.review_apply import apply_changes

    if change.section is None:
        return None
    mine = taken_as(change, edited)
    here = [c for c in taken if (c.section, c.paragraph) == (change.section, change.paragraph)]
    paragraph = {change.section: change.before}
    current = apply_changes(paragraph, here).text.get(change.section, change.before).strip()
    wanted = apply_changes(paragraph, [*here, *mine])
    new = wanted.text.get(change.section, "").strip()
    if current and not wanted.not_placed and text.count(current) == 1:
        at = text.index(current)
        return _edit(text, at, at + len(current), new)
    if new and new != current and text.count(new) == 1:  # in the text already (the writer made it, or redid it)
        at = text.index(new)
        return Placed(at, at, "", "")
    alone = apply_changes({change.section: text}, mine)  # the paragraph was edited since: by context
    if alone.not_placed:
        return None
    return _edit(text, 0, len(text), alone.text[change.section])


def _edit(text: str, start: int, end: int, new: str) -> Placed:
    """The smallest edit that turns text[start:end] into `new`."""
    old = text[start:end]
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return Placed(start + head, end - tail, new[head : len(new) - tail], old[head : len(old) - tail])


def review_digest(reviewed: Path) -> str:
    return hashlib.sha256(Path(reviewed).read_bytes()).hexdigest()


def _record(draft: Draft, reviewed: Path, digest: str, *, create: bool) -> dict[str, Any] | None:
    reviews = draft.meta.get(REVIEWS_KEY)
    if not isinstance(reviews, list):
        if not create:
            return None
        reviews = draft.meta[REVIEWS_KEY] = []
    for entry in reviews:
        if isinstance(entry, dict) and entry.get("sha256") == digest:
            return entry
    if not create:
        return None
    entry = {"file": Path(reviewed).name, "sha256": digest, "decisions": []}
    reviews.append(entry)
    return entry


def recorded_decisions(draft: Draft, reviewed: Path, digest: str) -> dict[int, dict[str, Any]]:
    """The decisions the draft records on this review (a file with this SHA-256), by change number."""
    entry = _record(draft, reviewed, digest, create=False)
    decisions = entry.get("decisions", []) if entry else []
    return {
        d["change"]: d
        for d in (decisions if isinstance(decisions, list) else [])
        if isinstance(d, dict) and isinstance(d.get("change"), int) and d.get("decision") in DECISIONS
    }


def record_decision(
    draft: Draft,
    reviewed: Path,
    digest: str,
    number: int,
    change: Change,
    decision: str,
    edited: str | None = None,
) -> dict[str, Any]:
    """Note in the draft that change `number` of the review in `reviewed` was decided so."""
    if decision not in DECISIONS:
        raise ValueError(f"decision {decision!r}")
    entry = _record(draft, reviewed, digest, create=True)
    assert entry is not None
    record: dict[str, Any] = {
        "change": number,
        "decision": decision,
        "kind": change.kind,
        "section": change.section or "",
        "author": change.author,
        "text": change.text,
        "date": dt.date.today().isoformat(),
    }
    if edited is not None:
        record["edited"] = edited
    decisions = entry.setdefault("decisions", [])
    decisions[:] = [d for d in decisions if not (isinstance(d, dict) and d.get("change") == number)]
    decisions.append(record)
    return record


def forget_decision(draft: Draft, reviewed: Path, digest: str, number: int) -> None:
    """The decision on change `number` taken back (undone): the change is open again."""
    entry = _record(draft, reviewed, digest, create=False)
    if entry is None:
        return
    entry["decisions"] = [
        d for d in entry.get("decisions", []) if not (isinstance(d, dict) and d.get("change") == number)
    ]
    if not entry["decisions"]:
        reviews = draft.meta.get(REVIEWS_KEY, [])
        reviews.remove(entry)
        if not reviews:
            draft.meta.pop(REVIEWS_KEY, None)


def undone_in_text(sections: Mapping[str, str], taken: list[tuple[int, list[Change]]]) -> list[int]:
    """Of the changes recorded as taken (each number with its changes as taken, in the order they
    were decided), those the draft's `sections` no longer hold: the writer undid them in the editor
    (Ctrl+Z undoes the newest first), so their paragraph reads as it did before them. A paragraph
    edited since matches neither way: its changes still count as taken."""
    from assistant.core.sources.review_apply import apply_changes

    by_paragraph: dict[tuple[str, int], list[tuple[int, list[Change]]]] = {}
    for number, changes in taken:
        first = changes[0]
        if first.section is not None:
            by_paragraph.setdefault((first.section, first.paragraph), []).append((number, changes))
    undone: list[int] = []
    for (section, _paragraph), group in by_paragraph.items():
        before = group[0][1][0].before
        text = sections.get(section, "")

        def reads(count: int, section: str = section, before: str = before, group: Any = group) -> str:
            chosen = [c for _n, changes in group[:count] for c in changes]
            return apply_changes({section: before}, chosen).text.get(section, before).strip()

        if not before.strip() or reads(len(group)) in text:
            continue
        for count in range(len(group) - 1, -1, -1):
            if reads(count) in text:
                undone += [n for n, _changes in group[count:]]
                break
    return undone
