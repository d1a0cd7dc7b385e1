"""Navigation: a named heading, or the next or previous one from where the writer is."""

from __future__ import annotations

from assistant.core.chat.answer import Answer
from assistant.core.chat.answers.context import Asked
from assistant.core.i18n import Text


def navigate(asked: Asked) -> Answer:
    key = asked.section or _step(asked)
    if key is None:
        if asked.route.direction:
            last = Text("Du står redan i sista rubriken.", "You are already at the last heading.")
            first = Text("Du står redan i första rubriken.", "You are already at the first heading.")
            return asked.done(str(last if asked.route.direction == "next" else first))
        names = ", ".join(asked.link(k) for k in asked.section_keys())
        return asked.done(str(Text(f"Vart vill du gå? {names}", f"Where to? {names}")))
    link = asked.link(key)
    return asked.done(str(Text(f"Går till {link}.", f"Going to {link}.")), section=key)


def _step(asked: Asked) -> str | None:
    """The heading after (or before) the current one; the first one when none is current."""
    direction = asked.route.direction
    if direction is None:
        return None
    keys = asked.section_keys()
    current = asked.current if asked.current in keys else None
    if current is None:
        return keys[0] if keys else None
    index = keys.index(current) + (1 if direction == "next" else -1)
    return keys[index] if 0 <= index < len(keys) else None
