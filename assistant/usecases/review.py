"""A reviewed .docx read back against its draft: what each reviewer changed and said, per section.
Nothing is applied: the writer decides change by change (the interface's review screen)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.usecases.drafts import open_draft, save_draft

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft
    from assistant.core.sources.review import Change, Comment, Review
    from assistant.core.sources.review import HeadingChange as HeadingChange  # the command's name for it
    from assistant.core.sources.review_versions import SectionDiff
    from assistant.core.sources.review_versions import Version as Version  # the interface's name for it


@dataclass(frozen=True)
class ReadReview:
    draft: Draft
    review: Review

    def section_title(self, key: str | None) -> str:
        heading = self.draft.form.heading(key) if key else None
        return f"{heading.number} {heading.label}".strip() if heading else (key or "")

    def by_section(self) -> list[tuple[str | None, list[Change], list[Comment]]]:
        """Changes and comments grouped by section, in document order."""
        from assistant.core.sources.review import changes_by_section

        order = {key: n for n, key in enumerate(self.draft.form.keys)}
        grouped = list(changes_by_section(self.review))
        return sorted(grouped, key=lambda group: order.get(group[0] or "", -1))  # form order, before-first first

    def already_in_draft(self, change: Change) -> bool:
        """The draft already reads as the change accepted: its paragraph as it reads with the
        review's changes is in the section and as it read before is not (the writer's own tracked
        changes in an `export --review --since` copy, or an edit the writer made meanwhile)."""
        from assistant.core.model.markup import parse_blocks

        if change.section is None:
            return False
        plain = {"".join(r.text for r in b.runs).strip() for b in parse_blocks(self.draft.text(change.section))}
        after, before = change.context.strip(), change.before.strip()
        return after != before and (not after or after in plain) and (not before or before not in plain)

    def moves(self) -> list[dict[str, Any]]:
        """Each move once: its text, the section it left and the one it went to, its changes' numbers."""
        changes = self.review.changes
        out: dict[str, dict[str, Any]] = {}
        for n, change in enumerate(changes, 1):
            if change.move and self.review.move_of(change):
                move = out.setdefault(change.move, {"text": change.text.strip(), "changes": []})
                move["from" if change.kind in ("moved_from", "deletion") else "to"] = change.section
                move["changes"].append(n)
        return list(out.values())

    def as_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "changes": [asdict(c) | {"in_draft": self.already_in_draft(c)} for c in self.review.changes],
            "comments": [asdict(c) for c in self.review.comments],
            "moves": self.moves(),
            "headings": [asdict(h) for h in self.review.headings],
            "formatting_changes": self.review.formatting,
            "authors": self.review.authors(),
        }


def read_review(draft: Draft | Path | str, reviewed: Path | str) -> ReadReview:
    """The review in `reviewed` (a .docx the draft was exported to and someone marked up)."""
    from assistant.core.sources.review import read_review as _read
    from assistant.usecases.paths import shown

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    path = Path(reviewed).expanduser()
    if not path.is_file():
        from assistant.core.errors import UserError

        raise UserError(f"{shown(path)}: filen finns inte", f"{shown(path)}: the file does not exist")
    return ReadReview(draft, _read(path, draft.form))


@dataclass(frozen=True)
class Decided:
    path: Path
    taken: list[Change]  # accepted and written into the draft
    rejected: list[Change]
    not_placed: list[Change]  # accepted, but its place is no longer in the draft: nothing written
    already: list[Change] = field(default_factory=list)  # accepted, and the draft already reads so


def decide_review(
    draft_path: Path | str,
    reviewed: Path | str,
    *,
    accept: AbstractSet[int] | None,
    reject: AbstractSet[int] = frozenset(),
) -> Decided:
    """Take the changes numbered in `accept` (1 = the first in document order; None = every change
    not in `reject`) into the draft's text and save it atomically; rejected ones leave the text as
    it was. One step: either every placed change is saved or, on an error, none."""
    from assistant.core.errors import UserError
    from assistant.core.sources.review_apply import apply_changes

    path = Path(draft_path).expanduser()
    found = read_review(path, reviewed)
    changes = found.review.changes
    unknown = sorted(n for n in (accept or set()) | set(reject) if not 1 <= n <= len(changes))
    if unknown:
        listed = ", ".join(map(str, unknown))
        raise UserError(
            f"ändring {listed} finns inte i granskningen (den har {len(changes)}; se `ansokan review`)",
            f"change {listed} is not in the review (it has {len(changes)}; see `ansokan review`)",
        )
    reject = set(reject) | _halves(found.review, reject)  # a move is taken or left as one
    accept = None if accept is None else (set(accept) | _halves(found.review, accept)) - reject
    chosen = [c for n, c in enumerate(changes, 1) if (accept is None or n in accept) and n not in reject]
    already = [c for c in chosen if found.already_in_draft(c)]
    applied = apply_changes(dict(found.draft.sections), [c for c in chosen if not found.already_in_draft(c)])
    for section, text in applied.text.items():
        found.draft.set_text(section, text)
    rejected = [c for n, c in enumerate(changes, 1) if n in reject]
    if applied.taken or rejected:  # the text and the record of what was decided (the writer's own: neither)
        _record(found.draft, Path(reviewed).expanduser(), changes, applied.taken, rejected)
        save_draft(found.draft, path)
    return Decided(path, applied.taken, rejected, applied.not_placed, already)


def _halves(review: Review, numbers: AbstractSet[int]) -> set[int]:
    """The numbers of the other halves of the moves among `numbers`."""
    changes = review.changes
    index = {id(c): n for n, c in enumerate(changes, 1)}
    return {index[id(o)] for n in numbers if 1 <= n <= len(changes) for o in review.move_of(changes[n - 1])}


def _record(draft: Draft, reviewed: Path, changes: list[Change], taken: list[Change], rejected: list[Change]) -> None:
    """The draft's record of these decisions and the review they came from (as the review screen keeps it)."""
    from assistant.usecases.review_decisions import record_decision, review_digest

    digest = review_digest(reviewed)
    number = {id(c): n for n, c in enumerate(changes, 1)}
    for change in taken:
        record_decision(draft, reviewed, digest, number[id(change)], change, "accepted")
    for change in rejected:
        record_decision(draft, reviewed, digest, number[id(change)], change, "rejected")


@dataclass(frozen=True)
class DraftDiff:
    draft: Draft
    version: Version
    sections: list[SectionDiff]


def keep_sent_version(draft_path: Path | str, exported: Path) -> Version:
    """The draft as it reads on disk now, kept as the version sent in `exported`."""
    from assistant.core.model.drafts.file import read_draft_text
    from assistant.core.sources.review_versions import keep_version

    path = Path(draft_path).expanduser()
    return keep_version(path, read_draft_text(path), exported)


def keep_exported_version(draft: Draft, exported: Path) -> Version | None:
    """The open draft, as it was exported, kept as the version sent in `exported` (the interface's
    export: its text may not be on disk yet); None for a draft with no file to keep it beside."""
    from assistant.core.model.drafts.file import to_text
    from assistant.core.sources.review_versions import keep_version

    if draft.path is None:
        return None
    return keep_version(Path(draft.path), to_text(draft), exported)


def sent_versions(draft: Draft) -> list[Version]:
    """The versions kept of what was sent, oldest first (none for a draft with no file)."""
    from assistant.core.sources.review_versions import list_versions

    return list_versions(Path(draft.path)) if draft.path is not None else []


def diff_draft(draft_path: Path | str, against: str | None = None) -> DraftDiff:
    """What changed in the draft since a version (its number, the .docx made from it, or the last)."""
    from assistant.core.model.drafts.file import parse_draft
    from assistant.core.sources.review_versions import diff_sections, find_version

    path = Path(draft_path).expanduser()
    draft = open_draft(path)
    version = find_version(path, against)
    old = parse_draft(version.text(), version.text_file)
    return DraftDiff(draft, version, diff_sections(old.sections, draft.sections))
