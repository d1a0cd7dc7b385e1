"""One line taken apart once: its tokens and every cue, heading name and direction word in it.

classify (per keystroke) and route (on Enter) both start here; the result is remembered for the
last few hundred lines, so typing the same line again costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from assistant.core.chat.lexicon import Hit, Lexicon, lexicon
from assistant.core.chat.spelling import corrected
from assistant.core.chat.text import Token, tokens


@dataclass(frozen=True)
class Analysis:
    text: str
    tokens: tuple[Token, ...]
    hits: tuple[Hit, ...]  # cues of the intents
    aliases: tuple[Hit, ...]  # the chat room's heading names (any form), label = key
    directions: tuple[Hit, ...]  # "nästa", "tillbaka" …, label = "next" | "prev"
    generic: frozenset[int]  # positions of the assistant's own nouns ("avsnitt", "section")
    numbers: frozenset[int]  # positions of heading numbers ("3.2", "rubrik 4")
    here: bool = False  # the line speaks of the heading the writer is in ("här", "this section")

    @cached_property
    def cue_positions(self) -> frozenset[int]:
        return frozenset(i for hit in self.hits if hit.cue.weight > 0 for i in hit.span)

    @cached_property
    def check_positions(self) -> frozenset[int]:
        """What the check's findings are called ("kvinnor och män", "platshållare"), when the line
        speaks of an error or a warning at all."""
        if not any(hit.cue.label == "explain" for hit in self.hits):
            return frozenset()
        return frozenset(i for hit in lexicon().check_words.hits(self.tokens) for i in hit.span)

    @cached_property
    def alias_positions(self) -> frozenset[int]:
        return frozenset(i for hit in self.aliases for i in hit.span) | self.numbers

    def neutral(self, index: int, words: Lexicon) -> bool:
        """A word that says nothing about what the line is about (a stopword, a question word)."""
        token = self.tokens[index]
        return (
            token.is_number
            or words.is_filler(token)
            or token in words.question
            or token in words.verb_question
            or token in words.request
            or token in words.move
            or token in words.self_words
        )


@lru_cache(maxsize=512)
def analyse(text: str) -> Analysis:
    words = lexicon()
    line = corrected(tokens(text), words)  # a mistyped word of the assistant's lists as meant
    analysis = Analysis(
        text=text,
        tokens=line,
        hits=tuple(words.cues.hits(line)),
        aliases=tuple(words.aliases.hits(line)),
        directions=tuple(words.directions.hits(line)),
        generic=frozenset(i for hit in words.generic.hits(line) for i in hit.span),
        numbers=frozenset(_heading_numbers(line, words)),
        here=bool(words.here.hits(line)),
    )
    return _without_attributive_directions(analysis, words)


def _heading_numbers(line: tuple[Token, ...], words: Lexicon) -> list[int]:
    """A number with a dot ("3.2", "4.") or after "rubrik"/"avsnitt" names a heading; "7 sidor"
    and "2027" do not."""
    return [
        i
        for i, token in enumerate(line)
        if token.is_number and ("." in token.folded or (i > 0 and line[i - 1].folded in words.number_before))
    ]


def _without_attributive_directions(analysis: Analysis, words: Lexicon) -> Analysis:
    """ "nästa" before a word of its own is not a move: "nästa styrelsemöte", "nästa steg mot
    arbete". Before nothing, a heading or the assistant's nouns it is ("nästa", "nästa rubrik")."""
    if not analysis.directions:
        return analysis
    kept = set(analysis.alias_positions | analysis.generic)
    dropped = {
        hit.start
        for hit in analysis.directions
        if hit.end < len(analysis.tokens) and hit.end not in kept and not analysis.neutral(hit.end, words)
    }
    if not dropped:
        return analysis
    return replace(
        analysis,
        hits=tuple(h for h in analysis.hits if not (h.cue.label == "navigate" and h.start in dropped)),
        directions=tuple(h for h in analysis.directions if h.start not in dropped),
    )
