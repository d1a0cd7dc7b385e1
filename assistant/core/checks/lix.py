"""LIX, the Swedish readability index: words per sentence + percentage of long words.

LIX = words / sentences + 100 × long words / words, where a long word has more than six letters
(Björnsson 1968). Bands as Swedish writers know them: under 30 very easy, 30–40 easy,
40–50 medium, 50–60 hard, over 60 very hard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# One pass: a word, or the end of a sentence – . ! ? or : before a space or the end, and every
# line break (bullets, table rows and headings are sentences of their own).
_TOKEN_RE = re.compile(r"([^\W\d_]+(?:[-–][^\W\d_]+)*)|[.!?:]+(?=\s|$)|\n+", re.UNICODE)

BANDS = (
    (30.0, "mycket lätt", "very easy"),
    (40.0, "lätt", "easy"),
    (50.0, "medelsvår", "medium"),
    (60.0, "svår", "hard"),
    (float("inf"), "mycket svår", "very hard"),
)


@dataclass(frozen=True)
class Lix:
    value: float
    words: int
    sentences: int
    long_words: int

    @property
    def band(self) -> str:
        return band(self.value)[0]

    @property
    def band_en(self) -> str:
        return band(self.value)[1]


def lix(text: str) -> Lix:
    """The LIX of a text; 0 for a text without words."""
    sentences = words = long_words = 0
    open_sentence = False
    for m in _TOKEN_RE.finditer(text):
        word = m.group(1)
        if word is None:  # a sentence end
            sentences += open_sentence
            open_sentence = False
            continue
        words += 1
        open_sentence = True
        if len(word) > 6 and sum(ch.isalpha() for ch in word) > 6:
            long_words += 1
    sentences += open_sentence
    if words == 0:
        return Lix(0.0, 0, 0, 0)
    value = words / sentences + 100 * long_words / words
    return Lix(round(value, 1), words, sentences, long_words)


def band(value: float) -> tuple[str, str]:
    """(Swedish, English) name of the band a LIX value falls in."""
    for upper, sv, en in BANDS:
        if value < upper:
            return sv, en
    return BANDS[-1][1], BANDS[-1][2]
