"""The places a reused text names, so the draft can ask about each one it carried over.

"Insatsen når 60 deltagare i Malmö" taken into Lund's application still says Malmö. A place is a
municipality of Sweden's (places.toml) where it stands as a word ("Malmö", "Malmös", "Trelleborgs
kommun"), or one the caller knows (the source application's own municipality). A name that is also
a word, a first name or a surname ("Mark", "Nora", "Lund") counts only right after a preposition or
before kommun/stad, and never inside a person's name ("Alva Lund")."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("places.toml")
PREPOSITION = r"(?:i|från|till|utanför|inom|runt|kring|nära)"
BODY = r"(?:kommun|kommuns|stad|stads)"


@lru_cache(maxsize=1)
def municipalities() -> tuple[frozenset[str], frozenset[str]]:
    """(every municipality's name, those that need a preposition or kommun/stad to be a place)."""
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return frozenset(data["municipalities"]), frozenset(data["ambiguous"])


@lru_cache(maxsize=64)
def _place_re(names: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-])({alternatives})s?(?![\w\-])")


def places_named(text: str, *, known: Iterable[str] = (), people: Iterable[str] = ()) -> list[str]:
    """The places `text` names, each once in the order they first stand, by the name's own form
    ("Malmö" for "Malmös"); `known` places count wherever they stand, and no place is read inside
    one of `people`."""
    listed, ambiguous = municipalities()
    extra = frozenset(k.strip() for k in known if len(k.strip()) >= 2)
    names = listed | extra
    if not text or not names:
        return []
    inside = _spans_of(text, people)
    found: list[str] = []
    for m in _place_re(names).finditer(text):
        name = m.group(1)
        if name in found or any(a <= m.start() < b for a, b in inside):
            continue
        if name in ambiguous and name not in extra and not _in_place_context(text, m.start(), m.end()):
            continue
        found.append(name)
    return found


def _in_place_context(text: str, start: int, end: int) -> bool:
    """A preposition right before ("i Lund") or kommun/stad right after ("Lunds kommun")."""
    before = re.search(rf"(?<![\w\-]){PREPOSITION}[ \u00a0]$", text[max(0, start - 12) : start]) is not None
    after = re.match(rf"[ \u00a0]{BODY}(?![\w\-])", text[end : end + 8]) is not None
    return before or after


def _spans_of(text: str, people: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for person in people:
        if person.strip():
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(person.strip()), text)]
    return spans
