"""The chat: what the writer asks in the chat line, and the assistant's answer from the core's
own data (no network, no model). See docs/chat.md.

- `classify(text) -> Kind`: question, search, command or empty; cheap enough for every keystroke.
- `route(text, form) -> Route`: the intent, the heading or direction named, the confidence.
- `answer(draft, text, ...) -> Answer`: Markdown in the current language, with actions.
"""

from __future__ import annotations

from assistant.core.chat.answer import Action, ActionKind, Answer, parse_href
from assistant.core.chat.answers import answer
from assistant.core.chat.classify import Kind, classify, search_query
from assistant.core.chat.router import Intent, Route, route

__all__ = [
    "Action",
    "ActionKind",
    "Answer",
    "Intent",
    "Kind",
    "Route",
    "answer",
    "classify",
    "parse_href",
    "route",
    "search_query",
]
