"""What the assistant answers: short Markdown in the current language, and the actions in it.

Links in the Markdown act: `[**3.2 Målgrupp**](goto:malgrupp)` takes the writer to that
heading, `[Ta in](take:<passage id>)` takes a suggestion. The same actions are listed in
`Answer.actions`, so a face without clickable Markdown (the CLI's JSON, a test) has them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from assistant.core.chat.classify import Kind
from assistant.core.chat.router import Intent, Route

if TYPE_CHECKING:
    from assistant.core.reuse.suggest import Suggestion


class ActionKind(StrEnum):
    GOTO = "goto"  # target: a section key
    TAKE = "take"  # target: the passage id of one of the answer's suggestions


@dataclass(frozen=True)
class Action:
    kind: ActionKind
    target: str
    label: str  # what the writer sees (a heading, "Ta in")
    section: str = ""  # TAKE: the heading the passage is meant for

    @property
    def href(self) -> str:
        return f"{self.kind}:{self.target}"

    def as_json(self) -> dict[str, str]:
        data = {"kind": str(self.kind), "target": self.target, "label": self.label}
        if self.section:
            data["section"] = self.section
        return data


@dataclass(frozen=True)
class Answer:
    intent: Intent
    text: str  # Markdown in the current language
    confidence: float  # 0–1, the router's
    actions: tuple[Action, ...] = ()
    kind: Kind = Kind.QUESTION
    section: str | None = None  # the heading the question was about
    suggestions: tuple[Suggestion, ...] = field(default=(), repr=False)  # what TAKE actions point at
    route: Route | None = field(default=None, repr=False, compare=False)

    def plain(self) -> str:
        """The text for a terminal: links as their words, no bold markers. A take link ("Ta in") is
        left out, with its line: on a command line it is a word that does nothing."""
        lines = [line for line in self.text.splitlines() if TAKE_LINE_RE.fullmatch(line) is None]
        text = LINK_RE.sub(lambda m: m.group(1), "\n".join(lines))
        return re.sub(r"\n{3,}", "\n\n", text).replace("**", "")

    def suggestion(self, passage_id: str) -> Suggestion | None:
        """The suggestion a TAKE action names."""
        return next((s for s in self.suggestions if s.passage_id == passage_id), None)

    def as_json(self) -> dict[str, Any]:
        return {
            "intent": str(self.intent),
            "kind": str(self.kind),
            "confidence": round(self.confidence, 2),
            "section": self.section,
            "text": self.text,
            "actions": [a.as_json() for a in self.actions],
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


LINK_RE = re.compile(r"\[([^\]]*)\]\((?:goto|take):[^)\s]*\)")
TAKE_LINE_RE = re.compile(r"\s*\[[^\]]*\]\(take:[^)\s]*\)\s*")


def parse_href(href: str) -> tuple[ActionKind, str] | None:
    """(kind, target) of a link the writer selected in an answer, or None for any other link."""
    kind, sep, target = href.partition(":")
    if not sep or not target or kind not in {k.value for k in ActionKind}:
        return None
    return ActionKind(kind), target
