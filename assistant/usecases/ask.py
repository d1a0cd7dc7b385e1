"""The chat's answers for both faces: `ask` answers a line about a draft, `classify` tells the
input line, per keystroke, whether Enter will ask the assistant or search the library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant.usecases.drafts import open_draft
from assistant.usecases.library import Library, library_dirs

if TYPE_CHECKING:
    # Re-exported for the faces, which reach the core through the use cases.
    from assistant.core.chat import Action as Action
    from assistant.core.chat import ActionKind as ActionKind
    from assistant.core.chat import Answer as Answer
    from assistant.core.chat import Intent as Intent
    from assistant.core.chat import Kind as Kind
    from assistant.core.model.drafts import Draft


SHARED = ("Action", "ActionKind", "Answer", "Intent", "Kind")


def __getattr__(name: str) -> object:
    """The core's chat types, for the faces (imported on first use, so this module stays cheap)."""
    if name in SHARED:
        import assistant.core.chat as chat

        return getattr(chat, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def ask(draft: Draft | Path | str, text: str, *, library: Library = None, current_section: str | None = None) -> Answer:
    """The assistant's answer to `text` about the draft (an open one, or the one in a file).

    `current_section` is the heading the writer is in (default: the one the draft was left at);
    `library` the user's own library folder, as for the suggestions. No network, no model."""
    from assistant.core.chat import answer

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    return answer(draft, text, library_dirs=library_dirs(library), current_section=current_section)


def classify(text: str) -> Kind:
    """QUESTION, SEARCH, COMMAND or EMPTY: what Enter will do with the line (cheap)."""
    from assistant.core.chat import classify as _classify

    return _classify(text)


def parse_href(href: str) -> tuple[ActionKind, str] | None:
    """The action behind a link the writer selected in an answer ("goto:malgrupp", "take:<id>")."""
    from assistant.core.chat import parse_href as _parse

    return _parse(href)
