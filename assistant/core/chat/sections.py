"""Which heading of the form a line names: by number ("3.2", "rubrik 4"), by the chat room's
names for it (sections.toml: "deltagarna", "effektmålen", "bemanning") or by the form's own
title, short label and aliases, inflected or in a compound ("målgruppsavsnittet")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from assistant.core.chat.analysis import Analysis
from assistant.core.chat.lexicon import FOLDED_STOPWORDS, Lexicon, Pattern, lexicon
from assistant.core.chat.text import folded_words, tokens
from assistant.core.model.forms import Form, Heading

GUIDANCE_WORD = 4  # a word shorter than this says too little to point at a heading's guidance
GUIDANCE_ROOT = 6
COMPOUND_MIN = 6  # a form's one-word name this long also names a compound that starts with it
MAX_NAME_WORDS = 4
NUMBER_STRENGTH = 10.0  # a number is the plainest way to name a heading


@dataclass(frozen=True)
class Mention:
    key: str
    start: int
    end: int
    strength: float  # the number of words that named it (a number: NUMBER_STRENGTH)


def mentions(analysis: Analysis, form: Form | None) -> list[Mention]:
    """Every heading the line names, the surest first (then the one named first)."""
    words = lexicon()
    keys = set(form.keys) if form is not None else None
    found: dict[str, Mention] = {}

    def keep(mention: Mention) -> None:
        if keys is not None and mention.key not in keys:
            return
        old = found.get(mention.key)
        if old is None or (mention.strength, -mention.start) > (old.strength, -old.start):
            found[mention.key] = mention

    for hit in analysis.aliases:
        keep(Mention(hit.cue.label, hit.start, hit.end, hit.cue.weight))
    if form is not None:
        for name in _form_names(form.headings):
            mention = name.find(analysis)
            if mention is not None:
                keep(mention)
        for mention in _numbers(analysis, form, words):
            keep(mention)
    # "skriva under aktivitetsplanen" writes under a heading; it signs nothing.
    starts = {m.start for m in found.values()}
    kept = [m for m in found.values() if not (analysis.tokens[m.end - 1].folded == "under" and m.end in starts)]
    return sorted(kept, key=lambda m: (-m.strength, m.start))


def best_section(analysis: Analysis, form: Form | None) -> str | None:
    found = mentions(analysis, form)
    return found[0].key if found else None


def _numbers(analysis: Analysis, form: Form, words: Lexicon) -> list[Mention]:
    numbers = {h.number.rstrip("."): h.key for h in form.headings if h.number}
    out = []
    for i, token in enumerate(analysis.tokens):
        if not token.is_number:
            continue
        after_word = i > 0 and analysis.tokens[i - 1].folded in words.number_before
        if "." not in token.folded and not after_word:
            continue  # "7 sidor", "2027" are not headings
        key = numbers.get(token.folded.rstrip("."))
        if key:
            out.append(Mention(key, i, i + 1, NUMBER_STRENGTH))
    return out


@dataclass(frozen=True)
class _Name:
    key: str
    words: tuple[Pattern, ...]

    def find(self, analysis: Analysis) -> Mention | None:
        """All the name's words somewhere in the line, in any order ("utvärdering och uppföljning")."""
        places = []
        for pattern in self.words:
            place = next((i for i, t in enumerate(analysis.tokens) if pattern.matches(t)), None)
            if place is None:
                return None
            places.append(place)
        return Mention(self.key, min(places), max(places) + 1, float(len(self.words)))


@lru_cache(maxsize=16)
def _form_names(headings: tuple[Heading, ...]) -> tuple[_Name, ...]:
    """The form's own names for its headings (key, title, short label, aliases), each as its
    content words; a printed question of many words is not a name anyone types, so it is left out."""
    words = lexicon()
    out = []
    for heading in headings:
        for name in {heading.key.replace("_", " "), heading.title, heading.short, *heading.aliases}:
            content = [w for w in folded_words(name) if not w[:1].isdigit() and not _is_small(w, words)]
            if content and len(content) <= MAX_NAME_WORDS:
                out.append(_Name(heading.key, tuple(_name_word(w) for w in content)))
    return tuple(out)


def _name_word(word: str) -> Pattern:
    return Pattern.parse(word + "*") if len(word) >= COMPOUND_MIN else Pattern.parse(word)


def _is_small(word: str, words: Lexicon) -> bool:
    return word in FOLDED_STOPWORDS or word in words.filler


def section_by_guidance(analysis: Analysis, form: Form | None) -> str | None:
    """The heading whose guidance alone speaks of the line's own words: "styrgrupp och
    projektgrupp" are in Organisering's guidance and no other heading's, so a question about them
    is about Organisering. Words in two headings' guidance (“samverkan”) point at neither; two words
    pointing at different headings point at none."""
    if form is None:
        return None
    words = lexicon()
    taken = analysis.cue_positions | analysis.alias_positions | analysis.generic
    owners = _guidance_owners(form.headings)
    found = {
        owners[_root(token.stem)]
        for i, token in enumerate(analysis.tokens)
        if i not in taken
        and len(token.folded) >= GUIDANCE_WORD
        and not analysis.neutral(i, words)
        and token.folded not in words.common
        and _root(token.stem) in owners
    }
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=16)
def _guidance_owners(headings: tuple[Heading, ...]) -> dict[str, str]:
    """Stem -> the one heading whose title and guidance use it (stems of two headings are left out)."""
    words = lexicon()
    seen: dict[str, set[str]] = {}
    for heading in headings:
        for token in tokens(f"{heading.title} {heading.guidance}"):
            if len(token.folded) >= GUIDANCE_WORD and not words.is_filler(token) and token.folded not in words.common:
                seen.setdefault(_root(token.stem), set()).add(heading.key)
    return {root: next(iter(keys)) for root, keys in seen.items() if len(keys) == 1}


def _root(stem: str) -> str:
    """A word's first letters, so "samverkan" and "samverkar" (two stems) are one word here."""
    return stem[:GUIDANCE_ROOT]
