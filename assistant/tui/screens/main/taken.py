"""The suggestions taken into the draft this session, so that one taken and then undone is forgotten."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.usecases.suggestions import record_take

if TYPE_CHECKING:
    from assistant.usecases.suggestions import Adapted, Suggestion


@dataclass
class Taken:
    section: str
    opening: str  # the start and the end of the passage: while either is in the section, it is used
    ending: str
    record: dict[str, Any]  # the entry in the draft's sources


@dataclass
class TakenPassages:
    passages: list[Taken] = field(default_factory=list)
    undone: list[Taken] = field(default_factory=list)  # taken, then undone: Ctrl+Y may bring them back

    def took(
        self,
        draft: Draft,
        suggestion: Suggestion,
        section: str,
        adapted: Adapted | None,
        text: str,
        *,
        library: str | None = None,
    ) -> None:
        """Record the passage as a source of the draft (the unadapted-text check reads the sources);
        the library the app was given (a shared one counts the take)."""
        try:
            record = record_take(draft, suggestion, section, adapted, library=library)
        except UserError:
            return  # the text is taken all the same; only the source note is missing
        flat = " ".join(text.split())
        self.passages.append(Taken(section, flat[:40], flat[-40:], record))

    def forget_undone(self, draft: Draft) -> None:
        """A suggestion taken and then undone (Ctrl+Z) is no longer a source of the draft; one
        brought back (Ctrl+Y) after that is one again."""
        for taken in list(self.passages):
            if not _in_section(draft, taken):
                self.passages.remove(taken)
                self.undone.append(taken)
                if taken.record in draft.sources:
                    draft.sources.remove(taken.record)
        for taken in list(self.undone):
            if _in_section(draft, taken):
                self.undone.remove(taken)
                self.passages.append(taken)
                if taken.record not in draft.sources:
                    draft.sources.append(taken.record)


def _in_section(draft: Draft, taken: Taken) -> bool:
    """While the start or the end of the passage is in its section, the passage is used."""
    text = " ".join(draft.text(taken.section).split())
    return taken.opening in text or taken.ending in text
