"""Typing mistakes in a chat line: a word the assistant does not know that is one keystroke away
from exactly one word of its lists ("saknaas", "sidr", "exmpel", "stämer") is read as that word.

Only the assistant's own words (the cues, heading names and first words in lexicon.toml and
sections.toml) are corrected towards, and only words that neither those lists nor the assistant's
world (domain.py: the forms and the built-in library) know are corrected, so a search's topic
words stay as typed.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.core.chat.lexicon import CueIndex, Lexicon, WordSet, lexicon
from assistant.core.chat.text import Token, stem_folded

MIN_LENGTH = 4  # shorter words are too often another word one letter away ("var", "hur")


def corrected(line: tuple[Token, ...], words: Lexicon | None = None) -> tuple[Token, ...]:
    """The line with each mistyped word replaced by the one word of the lists it was meant as."""
    words = words or lexicon()
    known = known_words()
    out = []
    for token in line:
        fixed = None
        if _may_be_mistyped(token, known, words):
            fixed = _the_one_near(token.folded, known)
        if fixed is not None and not _in_world(token):
            token = Token(fixed, fixed, stem_folded(fixed))
        out.append(token)
    return tuple(out)


def _may_be_mistyped(token: Token, known: frozenset[str], words: Lexicon) -> bool:
    long_enough = len(token.folded) >= MIN_LENGTH and not token.is_number
    return long_enough and token.folded not in known and not words.is_filler(token)


def _in_world(token: Token) -> bool:
    from assistant.core.chat.domain import domain_stems  # read only when a word may be mistyped

    vocabulary = domain_stems()
    return token.stem in vocabulary or token.folded in vocabulary


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Every plain word (no wildcard) of the assistant's lists, folded."""
    words = lexicon()
    found: set[str] = set()
    for index in (words.cues, words.aliases, words.directions, words.check_words, words.generic, words.here):
        found |= _index_words(index)
    for group in (words.question, words.verb_question, words.request, words.move, words.search):
        found |= _set_words(group)
    return frozenset(w for w in found if w and not w[:1].isdigit())


def _index_words(index: CueIndex) -> set[str]:
    cues = [cue for group in (*index.by_text.values(), index.wild) for cue in group]
    return {p.text for cue in cues for p in cue.words if not p.wildcard and not p.diacritics}


def _set_words(group: WordSet) -> frozenset[str]:
    return group.folded


@lru_cache(maxsize=2048)
def _the_one_near(word: str, known: frozenset[str]) -> str | None:
    near = {k for k in _by_length(known, len(word)) if k[0] == word[0] and _one_edit(word, k)}
    return next(iter(near)) if len(near) == 1 else None


def _by_length(known: frozenset[str], length: int) -> list[str]:
    return [k for k in known if abs(len(k) - length) <= 1 and len(k) >= MIN_LENGTH]


def _one_edit(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((i for i in range(len(short)) if short[i] != long_[i]), len(short))
    return short[i:] == long_[i + 1 :]
