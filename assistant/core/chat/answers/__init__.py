"""Answering a chat line about a draft: route it, then let the intent's answer read the core's
own data (the checks, the page estimate, the form, the budget, the library)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.budget import budget
from assistant.core.chat.answers.context import Asked, LibraryDirs
from assistant.core.chat.answers.explain import explain
from assistant.core.chat.answers.help import help_answer, unknown
from assistant.core.chat.answers.library import examples, search
from assistant.core.chat.answers.moves import navigate
from assistant.core.chat.answers.rewrite import how_to_set_up, model_answer
from assistant.core.chat.answers.status import missing, pages
from assistant.core.chat.answers.writing import guidance, shorten
from assistant.core.chat.classify import Kind
from assistant.core.chat.model import endpoint, model_request
from assistant.core.chat.router import Intent, route
from assistant.core.model.drafts import Draft

ANSWERS: dict[Intent, Callable[[Asked], Answer]] = {
    Intent.MISSING: missing,
    Intent.PAGES: pages,
    Intent.GUIDANCE: guidance,
    Intent.BUDGET: budget,
    Intent.EXAMPLES: examples,
    Intent.NAVIGATE: navigate,
    Intent.EXPLAIN: explain,
    Intent.SHORTEN: shorten,
    Intent.HELP: help_answer,
    Intent.SEARCH: search,
    Intent.UNKNOWN: unknown,
}


def answer(draft: Draft, text: str, *, library_dirs: LibraryDirs = None, current_section: str | None = None) -> Answer:
    """The assistant's answer to `text` about `draft`, in the current language.

    `current_section`: the heading the writer is in (default: the draft's own `current`), for
    "nästa", "vad ska stå här?" and the suggestions' heading."""
    routed = route(text, draft.form)
    asked = Asked(draft, routed, current_section or draft.current or None, library_dirs)
    if routed.kind is Kind.EMPTY:
        return help_answer(asked)
    wanted = model_request(text) if routed.kind is Kind.QUESTION else None
    if wanted is not None:
        where = endpoint()
        if where is not None:
            return model_answer(asked, wanted, where)
        reply = ANSWERS[routed.intent](asked)  # the assistant's own answer, and how a model could help
        return replace(reply, text=reply.text + "\n\n" + how_to_set_up())
    return ANSWERS[routed.intent](asked)
