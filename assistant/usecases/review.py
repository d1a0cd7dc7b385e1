"""A reviewed .docx read back against its draft: what each reviewer changed and said, per section.
Nothing is applied: the writer decides change by change (the interface's review screen)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.usecases.drafts import open_draft

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft
    from assistant.core.sources.review import Change, Comment, Review


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

        return list(changes_by_section(self.review))

    def as_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "changes": [asdict(c) for c in self.review.changes],
            "comments": [asdict(c) for c in self.review.comments],
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
