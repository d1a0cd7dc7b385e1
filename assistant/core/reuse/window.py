"""The text near the cursor: what the writer is saying now, and the rest of the paragraph.

A search with a whole growing paragraph loses what it found for the first sentence: the new words
dilute the old match (measured in docs/design/retrieval.md). So the engine searches with the focus
(the current sentence, at least FOCUS_MIN_WORDS and at most FOCUS_MAX_WORDS words, the last ones)
and with each earlier sentence of the paragraph as weaker context, so a passage found for a sentence
stays while the writer goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FOCUS_MIN_WORDS = 8  # a shorter current sentence borrows the words before it
FOCUS_MAX_WORDS = 28  # the last words of a longer one
WINDOW_MAX_WORDS = 28  # an earlier sentence longer than this is searched in pieces of this size
CLAUSE_SLACK = 4  # the focus may start this many words before its last FOCUS_MAX_WORDS, at a clause
_CONJUNCTIONS = frozenset(("och", "samt", "men", "eller", "utan", "så", "medan", "eftersom", "där", "som"))
MAX_WINDOWS = 6  # the nearest earlier pieces only: a long paragraph does not cost a search per sentence

# A sentence ends at . ! ? or a line break, but not at a decimal point ("2.5") or an abbreviation
# followed by a lower-case word ("t.ex. att").
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s\da-zåäö])|\n+")


@dataclass(frozen=True)
class Windows:
    focus: str
    context: tuple[str, ...]  # nearest first


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _pieces(sentence_words: list[str]) -> list[list[str]]:
    """A sentence as pieces of at most WINDOW_MAX_WORDS words, cut as the focus is (at a clause near
    the end), so an earlier sentence is searched as it was while it was the current one."""
    out: list[list[str]] = []
    rest = sentence_words
    while len(rest) > WINDOW_MAX_WORDS:
        cut = _cut(rest, WINDOW_MAX_WORDS)
        out.insert(0, rest[cut:])
        rest = rest[:cut]
    if rest:
        out.insert(0, rest)
    return out


def _cut(sentence_words: list[str], room: int) -> int:
    """Where the last `room` words of a longer sentence begin, moved to the start of a clause (after a
    comma, at "och", "men" …) when there is one near: a focus that begins mid-clause matches neither
    the clause it cut nor the one it holds."""
    natural = len(sentence_words) - room
    if natural <= 0:
        return 0
    lowest, highest = max(1, natural - CLAUSE_SLACK), len(sentence_words) - FOCUS_MIN_WORDS
    starts = [i for i in range(lowest, highest + 1) if _clause_start(sentence_words, i)]
    return min(starts, key=lambda i: (abs(i - natural), i)) if starts else natural


def _clause_start(sentence_words: list[str], i: int) -> bool:
    return sentence_words[i - 1][-1:] in ",;:" or sentence_words[i].lower() in _CONJUNCTIONS


def split_windows(text: str, context: str = "") -> Windows:
    """The focus and the context windows of `text` (the paragraph up to the cursor) and `context`
    (the rest of the paragraph, or any text the writer wants counted as background)."""
    words_before = [s.split() for s in sentences(text)]
    focus: list[str] = []
    borrowed: list[list[str]] = []  # earlier sentences the focus took words from
    while words_before and len(focus) < FOCUS_MIN_WORDS:
        sentence = words_before.pop()
        if focus:
            # A sentence a short current one leans on is also searched alone, so what it found
            # stays when the writer starts the next sentence.
            borrowed.append(sentence)
        cut = _cut(sentence, FOCUS_MAX_WORDS - len(focus))
        focus = sentence[cut:] + focus
        if cut:
            if not borrowed:
                words_before.append(sentence[:cut])
            break
    pieces: list[list[str]] = []
    for earlier in borrowed + list(reversed(words_before)):
        pieces += reversed(_pieces(earlier))
    for later in sentences(context):
        pieces += _pieces(later.split())
    windows = tuple(" ".join(p) for p in pieces[:MAX_WINDOWS] if p)
    return Windows(" ".join(focus), windows)
