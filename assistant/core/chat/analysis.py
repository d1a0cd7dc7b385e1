"""One line taken apart once: its tokens and every cue, heading name and direction word in it.

classify (per keystroke) and route (on Enter) both start here; the result is remembered for the
last few hundred lines, so typing the same line again costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from assistant.core.chat.lexicon import Cue, CueIndex, Hit, Lexicon, lexicon
from assistant.core.chat.spelling import corrected
from assistant.core.chat.text import Token, fold, stem_folded, tokens

COMPOUND_PART = 3  # letters: "sid|räkningen", "max|belopp", "mål|formuleringar"
COMPOUND_WORD = 7  # a word shorter than this is not read as a compound
WILDCARD_REST = 6  # letters a "*" stands for that are a word of their own ("problem|området")
WORD_LENGTH = 6  # a compound's other part this long is taken as a word even when unknown
LINKS = ("s", "e", "a")  # Swedish compound joints: "utfall|s|mål"; "sid|a" is "sida" before a joint


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
    def error_words(self) -> bool:
        """The line names an error, a warning or a finding of the check ("felet", "varningen", "!")."""
        words = lexicon()
        return bool(words.errors.hits(self.tokens)) or bool(words.check_words.hits(self.tokens))

    def only_through_wildcard(self, hit: Hit) -> bool:
        """The cue meets a word only through its "*", with a word's length left over
        ("problem*" in "problemområdet", not "budget*" in "budgeten")."""
        for n, pattern in enumerate(hit.cue.words):
            token = self.tokens[hit.start + n]
            rest = token.folded.replace(pattern.text, "", 1)
            if pattern.wildcard and pattern.text and len(rest) >= WILDCARD_REST and not _an_assistant_word(rest):
                return True
        return False

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
    line = corrected(_as_written(tokens(E_FOR_AR.sub("är", text)), words), words)  # spoken forms, typos
    hits, aliases = words.cues.hits(line), words.aliases.hits(line)
    covered = {i for hit in (*hits, *aliases) for i in hit.span}
    for i, token in enumerate(line):
        if i not in covered:
            hits += _compound_hits(token, i, words.cues)
            aliases += _compound_hits(token, i, words.aliases, sections=True)
    analysis = Analysis(
        text=text,
        tokens=line,
        hits=tuple(hits),
        aliases=tuple(aliases),
        directions=tuple(words.directions.hits(line)),
        generic=frozenset(i for hit in words.generic.hits(line) for i in hit.span),
        numbers=frozenset(_heading_numbers(line, words)),
        here=bool(words.here.hits(line)),
    )
    return _without_attributive_directions(analysis, words)


# "e" alone is "är" as spoken and texted ("vad e kvar?", "e budgeten rätt?"); not the "e" of
# "e-post" or "e.g.", which the tokens alone cannot tell apart.
E_FOR_AR = re.compile(r"(?<![\w.-])[eE](?![\w-]|\.\w)")


def _as_written(line: tuple[Token, ...], words: Lexicon) -> tuple[Token, ...]:
    """Spoken and texted forms as the word they stand for: "nåt" is "något", "mkt" "mycket"."""
    out = []
    for token in line:
        written = words.spoken.get(token.raw.lower()) or (None if token.marked else words.spoken.get(token.folded))
        out.append(_token(written) if written else token)
    return tuple(out)


def _compound_hits(token: Token, at: int, index: CueIndex, *, sections: bool = False) -> list[Hit]:
    """A compound none of the lists knows whole, read through its two parts, each a word of the
    assistant's world: "sidräkningen" is "sida" + "räkning", "maxbeloppet" "max" + "belopp".
    A part's one-word cue counts at the compound's place. A heading is named by the compound's
    last part ("utfallsmål" is a goal), or by its first when the last is one of the assistant's
    own words ("målformuleringar"), not by a first part before a topic ("aktivitetsersättning")."""
    if len(token.folded) < COMPOUND_WORD or token.is_number or len(token.raw) != len(token.folded):
        return []
    return [Hit(cue, at, at + 1) for cue in _compound_cues(token.raw.lower(), index is lexicon().aliases)]


@lru_cache(maxsize=4096)
def _compound_cues(word: str, sections: bool) -> tuple[Cue, ...]:
    """The one-word cues (or heading names) a compound's parts meet; remembered per word, since
    classify meets the same words again on every keystroke."""
    one_word = _one_word(sections)
    found: dict[int, Cue] = {}
    for head, tail in _splits(word):
        for part, other in ((tail, head), (head, tail)):
            cues = [c for c in one_word.candidates(part) if id(c) not in found and c.matches_at((part,), 0)]
            if not cues or not _a_word(other) or (sections and part is head and not _an_assistant_word(tail.raw)):
                continue
            found.update((id(c), c) for c in cues)
    return tuple(found.values())


@dataclass(frozen=True)
class _OneWord:
    """The one-word cues of an index, looked up by a word's text, stem or first letter."""

    by_text: dict[str, list[Cue]]
    by_stem: dict[str, list[Cue]]
    by_letter: dict[str, list[Cue]]  # "budget*": words starting with its letters
    rest: list[Cue]  # "*kostnad*", "*summ*"

    def candidates(self, part: Token) -> list[Cue]:
        return [
            *self.by_text.get(part.folded, ()),
            *self.by_stem.get(part.stem, ()),
            *self.by_letter.get(part.folded[:1], ()),
            *self.rest,
        ]


@lru_cache(maxsize=2)
def _one_word(sections: bool) -> _OneWord:
    words = lexicon()
    index = words.aliases if sections else words.cues
    cues = [c for group in (*index.by_text.values(), index.wild) for c in group if len(c.words) == 1]
    out = _OneWord({}, {}, {}, [])
    for cue in {id(c): c for c in cues}.values():
        pattern = cue.words[0]
        if not pattern.text:
            continue
        if pattern.any_start:
            out.rest.append(cue)
        elif pattern.any_end:
            out.by_letter.setdefault(pattern.text[:1], []).append(cue)
        else:
            out.by_text.setdefault(pattern.text, []).append(cue)
            if pattern.stem:
                out.by_stem.setdefault(pattern.stem, []).append(cue)
    return out


def _splits(word: str) -> list[tuple[Token, Token]]:
    """(first part, last part) at every place, the first part also without its joint ("utfall|s")
    or with the vowel a compound drops ("sid" -> "sida")."""
    out = []
    for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
        head, tail = word[:cut], _token(word[cut:])
        heads = [head, *(head + v for v in ("a", "e"))] + ([head[:-1]] if head[-1:] in LINKS else [])
        out += [(_token(h), tail) for h in heads if len(h) >= COMPOUND_PART]
    return out


def _a_word(part: Token) -> bool:
    """The other part of a compound: a word of the assistant's world, or long enough to be a word."""
    from assistant.core.chat.domain import domain_stems  # read only when a compound needs it

    if len(part.folded) >= WORD_LENGTH:
        return True
    vocabulary = domain_stems()
    return part.stem in vocabulary or part.folded in vocabulary or _an_assistant_word(part.raw)


@lru_cache(maxsize=4096)
def _an_assistant_word(word: str) -> bool:
    """One of the assistant's own words: a plain word of its lists or a one-word cue's."""
    from assistant.core.chat.spelling import known_words

    part = _token(word)
    return part.folded in known_words() or any(c.matches_at((part,), 0) for c in _one_word(False).candidates(part))


def _token(raw: str) -> Token:
    folded = fold(raw)
    return Token(raw, folded, stem_folded(folded))


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
