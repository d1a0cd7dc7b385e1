"""The writer's line as tokens the router can compare: lower case, diacritics folded away as an
alternative spelling ("hur manga sidor" is "hur många sidor"), and a Snowball stem per word so
inflections meet ("målgruppen", "målgrupperna" -> "malgrupp").

Section numbers stay whole ("3.2", "3.2."), so "Riktlinjer för 3.5" names a heading.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assistant.core.reuse.textnorm import stem

# A section number (3.2, 3.2.) or a word of letters and digits; apostrophes split ("I've").
TOKEN_RE = re.compile(r"\d+(?:\.\d+)+\.?|[^\W_]+", re.UNICODE)
MAX_CHARS = 2000  # a chat line; a pasted page is cut here (classify runs on every keystroke)


@dataclass(frozen=True)
class Token:
    raw: str  # as written
    folded: str  # lower case without diacritics
    stem: str  # Snowball stem of the folded word

    @property
    def marked(self) -> bool:
        """Typed with å, ä, ö or an accent (a word typed so is not compared without them)."""
        return self.raw.lower() != self.folded

    @property
    def is_number(self) -> bool:
        return self.folded[:1].isdigit()


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case, diacritics removed: 'Målgrupp' -> 'malgrupp', 'idé' -> 'ide'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def stem_folded(word: str) -> str:
    """The stem of a folded word (numbers are their own stem)."""
    return word if word[:1].isdigit() else stem(word)


def tokens(text: str) -> tuple[Token, ...]:
    """The line's words in order."""
    out = []
    for m in TOKEN_RE.finditer(text[:MAX_CHARS]):
        folded = fold(m.group(0))
        out.append(Token(m.group(0), folded, stem_folded(folded)))
    return tuple(out)


def folded_words(text: str) -> tuple[str, ...]:
    """The folded words of a cue or an alias as written in the data files."""
    return tuple(fold(m.group(0)) for m in TOKEN_RE.finditer(text))
