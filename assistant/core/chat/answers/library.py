"""Examples from earlier approved applications for a heading or a topic, and plain searches:
each suggestion with its source and year, and a link that takes it into the draft."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.chat.answer import Action, ActionKind, Answer
from assistant.core.chat.answers.context import Asked, quote
from assistant.core.chat.answers.help import unknown
from assistant.core.chat.domain import outside_the_world
from assistant.core.i18n import Text

if TYPE_CHECKING:
    from assistant.core.reuse.suggest import Suggestion

SHOWN = 3
MAX_RETRIES = 2  # single words tried when the whole topic finds nothing
POOL = 10  # passages asked for, so those written under the same heading can come first


def examples(asked: Asked) -> Answer:
    section = asked.section
    topic = asked.route.topic
    if not section and not topic:
        section = asked.current
    asked_for = topic
    found, topic = _examples_for(asked, topic, section)
    target = section or asked.current or ""
    if not found and not section and outside_the_world(asked_for):
        return unknown(asked)  # "exempel på bra filmer": nothing the forms or the library speak of
    if not found:
        about = f"”{topic}”" if topic else (asked.link(section) if section else "")
        return asked.done(
            str(
                Text(
                    f"Inget i biblioteket handlar om {about}. Prova andra ord, eller lägg in egna beviljade ansökningar (`ansokan library import`).",
                    f"Nothing in the library is about {about}. Try other words, or add your own approved applications (`ansokan library import`).",
                )
            )
        )
    if section:
        head = Text(
            f"**Så har andra skrivit** under {asked.link(section)}" + (f" om ”{topic}”" if topic else "") + ":",
            f"**How others wrote** under {asked.link(section)}" + (f" about “{topic}”" if topic else "") + ":",
        )
    else:
        head = Text(f"**Så har andra skrivit om ”{topic}”:**", f"**How others wrote about “{topic}”:**")
    return asked.done(f"{head}\n\n{_listing(asked, found, target)}", suggestions=found, section=section)


def search(asked: Asked) -> Answer:
    """A line that is plainly a search: the library's best passages for it."""
    query = asked.route.topic or asked.route.text
    found = _suggest(asked, query, asked.current)
    if not found:
        return asked.done(
            str(
                Text(
                    f"Inget i biblioteket liknar ”{query}”. Ville du fråga assistenten, avsluta med ”?”.",
                    f"Nothing in the library is like “{query}”. To ask the assistant, end with “?”.",
                )
            )
        )
    head = Text(f"**Ur biblioteket** för ”{query}”:", f"**From the library** for “{query}”:")
    return asked.done(f"{head}\n\n{_listing(asked, found, asked.current or '')}", suggestions=found)


def _examples_for(asked: Asked, topic: str, section: str | None) -> tuple[list[Suggestion], str]:
    """Passages about the topic; when no passage is about all its words, about its most telling
    word ("samverkan psykiatrin" -> "psykiatrin"): the writer asked for examples, so one on-topic
    word is enough. The library's own gate still keeps off-topic words ("fotboll") empty."""
    found = _suggest(asked, topic, section)
    if found or len(topic.split()) < 2:
        return found, topic
    for word in sorted(topic.split(), key=len, reverse=True)[:MAX_RETRIES]:
        found = _suggest(asked, word, section)
        if found:
            return found, word
    return [], topic


def _suggest(asked: Asked, text: str, section: str | None) -> list[Suggestion]:
    from assistant.core.reuse.suggest import suggest

    if not text.strip() and not section:
        return []
    found = suggest(text, form_id=asked.form.id, section=section, k=POOL, library_dirs=asked.library_dirs)
    # Examples for a heading come first from that heading in the earlier applications.
    found.sort(key=lambda s: section is not None and s.section != section)
    return found[:SHOWN]


def _listing(asked: Asked, found: list[Suggestion], target: str) -> str:
    items = []
    for n, s in enumerate(found, 1):
        source = s.source
        origin = ", ".join(str(v) for v in (source.get("organisation"), source.get("year")) if v)
        take = Text("Ta in", "Take it").render(asked.lang)
        asked.actions.append(Action(ActionKind.TAKE, s.passage_id, take, section=target))
        items.append(
            f"{n}. *{source.get('title') or source.get('id')}* ({origin}) · {_heading(s.heading)}\n\n"
            f"   > {quote(s.text, 240)}\n\n"
            f"   [{take}](take:{s.passage_id})"
        )
    return "\n\n".join(items)


HEADING_CHARS = 60


def _heading(heading: str) -> str:
    """The source's heading as its name: a form that prints its guidance after the name
    ("Uppföljning och utvärdering; Beskriv hur …") shows the name alone."""
    return quote(heading.split(";")[0], HEADING_CHARS)
