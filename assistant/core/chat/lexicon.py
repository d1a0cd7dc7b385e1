"""The chat room's word lists (lexicon.toml, sections.toml) as compiled cues, loaded once.

A cue is a word or a few words in a row with a weight for one intent; the matching rules are
written at the top of lexicon.toml, where a reader tunes them. Cues are indexed by their first
word, so matching a line costs a few dictionary look-ups per word (classify runs per keystroke).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.core.chat.text import Token, fold, folded_words, stem_folded
from assistant.core.i18n import Text
from assistant.core.reuse.textnorm import STOPWORDS

HERE = Path(__file__).resolve().parent
STEM_MIN = 5  # a cue word this long also matches by its stem; shorter ones only as written


@dataclass(frozen=True)
class Pattern:
    """One word of a cue: as written, with '*' for any ending or beginning, or '*' for any word."""

    text: str
    any_end: bool = False
    any_start: bool = False
    stem: str = ""
    diacritics: str = ""  # "!här": only as typed with its diacritics ("har" is another word)
    marked: bool = False  # written with å, ä, ö or an accent

    @classmethod
    def parse(cls, word: str) -> Pattern:
        if word.startswith("!"):
            return cls(fold(word[1:]), diacritics=word[1:].lower())
        as_written = word.startswith("=")
        word = word.removeprefix("=")
        any_start, any_end = word.startswith("*"), word.endswith("*")
        core = fold(word.strip("*"))
        exact = not any_start and not any_end and not as_written and len(core) >= STEM_MIN
        marked = core != word.strip("*").lower()
        return cls(core, any_end, any_start, stem_folded(core) if exact else "", marked=marked)

    def _marked_part(self, token: Token) -> bool:
        """The part of the word this pattern compares was typed with å, ä, ö ("budgetåren" is
        "budget*" + "åren": unmarked where "budget*" looks)."""
        if not token.marked:
            return False
        typed = token.raw.lower()
        if len(typed) != len(token.folded) or (self.any_end and self.any_start):
            return False  # decomposed input, or "*x*": no place to compare
        if self.any_end:
            typed = typed[: len(self.text)]
        elif self.any_start:
            typed = typed[len(typed) - len(self.text) :]
        return typed != fold(typed)

    @property
    def wildcard(self) -> bool:
        return self.any_end or self.any_start

    def matches(self, token: Token) -> bool:
        word = token.folded
        if self.diacritics:
            return token.raw.lower() == self.diacritics
        if not self.text:
            return True  # a lone "*"
        if not self.marked and self._marked_part(token):
            # Folding is for words typed without å, ä, ö: "ändrar" is not "andras", "år" not "ar".
            return False
        if self.any_end and self.any_start:
            return self.text in word
        if self.any_end:
            return word.startswith(self.text)
        if self.any_start:
            return word.endswith(self.text)
        return word == self.text or (bool(self.stem) and token.stem == self.stem)


@dataclass(frozen=True)
class Cue:
    label: str  # which intent (or section key) the cue speaks for
    text: str  # as written in the data file
    words: tuple[Pattern, ...]
    weight: float
    first_only: bool = False  # "^till": only as the line's first word

    def matches_at(self, line: Sequence[Token], start: int) -> bool:
        if start + len(self.words) > len(line) or (self.first_only and start > 0):
            return False
        return all(p.matches(line[start + i]) for i, p in enumerate(self.words))


@dataclass(frozen=True)
class Hit:
    cue: Cue
    start: int
    end: int  # one past the last token

    @property
    def span(self) -> range:
        return range(self.start, self.end)


@dataclass
class CueIndex:
    """Cues by their first word: exact text, stem, or a list of wildcard first words to try."""

    by_text: dict[str, list[Cue]] = field(default_factory=dict)
    by_stem: dict[str, list[Cue]] = field(default_factory=dict)
    wild: list[Cue] = field(default_factory=list)

    def add(self, cue: Cue) -> None:
        first = cue.words[0]
        if first.wildcard or not first.text:
            self.wild.append(cue)
            return
        self.by_text.setdefault(first.text, []).append(cue)
        if first.stem:
            self.by_stem.setdefault(first.stem, []).append(cue)

    def hits(self, line: Sequence[Token]) -> list[Hit]:
        """Every cue that matches somewhere in the line, each once (its first place)."""
        found: dict[int, Hit] = {}
        for start, token in enumerate(line):
            for cue in self._candidates(token):
                if id(cue) not in found and cue.matches_at(line, start):
                    found[id(cue)] = Hit(cue, start, start + len(cue.words))
        return list(found.values())

    def candidates(self, token: Token) -> Iterator[Cue]:
        """The cues that may start at this word (each still to be matched)."""
        return self._candidates(token)

    def _candidates(self, token: Token) -> Iterator[Cue]:
        yield from self.by_text.get(token.folded, ())
        yield from self.by_stem.get(token.stem, ())
        yield from self.wild


@dataclass(frozen=True)
class IntentWords:
    name: Text
    examples_sv: tuple[str, ...]
    examples_en: tuple[str, ...]

    def examples(self, lang: str) -> tuple[str, ...]:
        return self.examples_en if lang == "en" and self.examples_en else self.examples_sv


@dataclass(frozen=True)
class WordSet:
    """Words as written and without diacritics. A word typed without diacritics is compared
    folded ("ga" is "gå", "ar" is "är"); one typed with them as written ("år" is not "är")."""

    written: frozenset[str]
    folded: frozenset[str]

    @classmethod
    def of(cls, words: Iterable[str]) -> WordSet:
        listed = [w.lower() for w in words]
        return cls(frozenset(listed), frozenset(fold(w) for w in listed))

    def __contains__(self, token: object) -> bool:
        if not isinstance(token, Token):
            return False
        typed = token.raw.lower()
        return token.folded in self.folded if typed == token.folded else typed in self.written


@dataclass
class Lexicon:
    question: WordSet
    verb_question: WordSet  # questions only with a subject next: "har jag", "stämmer budgeten"
    subject: WordSet
    request: WordSet
    move: WordSet  # requests only when the rest of the line is the assistant's words
    self_words: WordSet
    pronoun: WordSet
    search: WordSet
    filler: frozenset[str]
    generic: CueIndex
    here: CueIndex  # "här", "this section": the heading the writer is in
    intents: dict[str, IntentWords]
    cues: CueIndex
    aliases: CueIndex  # section names, label = the form key
    directions: CueIndex  # label "next" or "prev"
    check_words: CueIndex  # what a writer calls each finding (explanations.toml), label = code
    errors: CueIndex  # words for an error or a warning at all ("felet", "varning", "!")
    spoken: dict[str, str]  # "nåt" -> "något", by the word as typed and, typed without marks, folded
    common: frozenset[str]  # everyday words of any question ("många", "borde"), folded
    own: frozenset[str]  # "vår", "our": the writer's own, matched only as typed ("var" is "was")
    others: CueIndex  # "regeringen", "government": others whose budget the assistant does not know
    funder: CueIndex  # "förbundet", "the funder": whose own affairs the assistant does not know …
    funder_before: frozenset[str]  # … after "har", "hos", "på" ("har förbundet pengar kvar?")
    finding: CueIndex  # "felet", "the warning": one finding named
    rules: CueIndex  # "tak", "krav": the form's cap and rules, which the assistant does know
    number_before: frozenset[str]

    def is_filler(self, token: Token) -> bool:
        # Typed with å, ä, ö a word is compared as typed: "år" is not the stopword "är".
        return token.folded in self.filler or token in STOP_WORDS


FOLDED_STOPWORDS = frozenset(fold(w) for w in STOPWORDS)
STOP_WORDS = WordSet.of(STOPWORDS)


def _spoken(forms: dict[str, str]) -> dict[str, str]:
    """Spoken forms by the word as typed, and by its folded form for a word typed without marks
    ("nat" is "nåt"); the written form as typed wins ("dom" stays "dom" however it folds)."""
    out = {fold(k): v for k, v in forms.items()}
    out.update({k.lower(): v for k, v in forms.items()})
    return out


def _folded_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def make_cue(label: str, text: str, weight: float) -> Cue:
    first_only = text.startswith("^")
    patterns = tuple(Pattern.parse(w) for w in text.removeprefix("^").split())
    if not patterns:
        raise ValueError(f"an empty cue for {label}")
    return Cue(label, text, patterns, float(weight), first_only)


def _index(cues: Iterable[Cue]) -> CueIndex:
    index = CueIndex()
    for cue in cues:
        index.add(cue)
    return index


def read_data(name: str) -> dict[str, Any]:
    """One of the room's data files (they ship with the package)."""
    return _read(name)


def _read(name: str) -> dict[str, Any]:
    with (HERE / name).open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled word lists (read once per process; the files ship with the package)."""
    data = _read("lexicon.toml")
    sections = _read("sections.toml")
    codes = _read("explanations.toml")["codes"]
    words = data["words"]
    intents: dict[str, IntentWords] = {}
    cues: list[Cue] = []
    for intent, spec in data["intents"].items():
        examples = spec.get("examples", {})
        intents[intent] = IntentWords(
            Text(spec["name"]["sv"], spec["name"]["en"]),
            tuple(examples.get("sv", ())),
            tuple(examples.get("en", ())),
        )
        cues += [make_cue(intent, text, weight) for text, weight in spec["cues"].items()]
    aliases = [
        make_cue(key, alias, len(folded_words(alias))) for key, names in sections["aliases"].items() for alias in names
    ]
    return Lexicon(
        question=WordSet.of(words["question"]),
        verb_question=WordSet.of(words["verb_question"]),
        subject=WordSet.of(words["subject"]),
        request=WordSet.of(words["request"]),
        move=WordSet.of(words["move"]),
        self_words=WordSet.of(words["self"]),
        pronoun=WordSet.of(words["pronoun"]),
        search=WordSet.of(words["search"]),
        filler=_folded_set(words["filler"]),
        generic=_index(make_cue("generic", w, 0) for w in words["generic"]),
        here=_index(make_cue("here", w, 0) for w in words["here"]),
        intents=intents,
        cues=_index(cues),
        aliases=_index(aliases),
        check_words=_index(make_cue(code, w, 1) for code, spec in codes.items() for w in spec.get("words", [])),
        directions=_index(
            make_cue(way, text, 1)
            for way, texts in data["intents"]["navigate"].get("directions", {}).items()
            for text in texts
        ),
        number_before=_folded_set(sections["numbers"]["before"]),
        errors=_index(make_cue("error", w, 0) for w in words["error"]),
        own=frozenset(w.lower() for w in words["own"]),
        others=_index(make_cue("others", w, 0) for w in words["others"]),
        funder=_index(make_cue("funder", w, 0) for w in words["funder"]),
        funder_before=_folded_set(words["funder_before"]),
        finding=_index(make_cue("finding", w, 0) for w in words["finding"]),
        rules=_index(make_cue("rules", w, 0) for w in words["rules"]),
        common=_folded_set(words["common"]),
        spoken=_spoken(words.get("spoken", {})),
    )
