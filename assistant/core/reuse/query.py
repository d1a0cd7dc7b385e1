"""The writer's words as a weighted query, each word with the passage terms that may stand for it.

A unit is one content word of the query (its Snowball stem), weighted by how much it says: its IDF in
the library, less for the field's everyday words (vocabulary.GENERIC). It is matched by:
- the stem itself;
- another form of it: the stemmer leaves "projektet" and "projek", "koordinatorn" and "koordinat"
  apart, so a library term that is the unit plus or minus a short ending counts (FORM_CREDIT);
- its compound parts ("implementeringsplan": implementering + plan), both for the whole weight;
- a library word it is close to by character 4-grams (a typo, an unseen inflection or compound,
  found through the index's persisted n-gram table), for part of the weight;
- a concept of the domain vocabulary whose words or everyday phrasings it is part of ("jobbcoach"
  and "arbetsspecialist" both stand for IPS), for VOCABULARY_CREDIT.
What matched, and how, is kept so a suggestion can say why it was found.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant.core.reuse.index import Index
from assistant.core.reuse.textnorm import split_compound, stems_of, term_grams, words
from assistant.core.reuse.vocabulary import Vocabulary, load_vocabulary

FORM_CREDIT = 0.9  # another form of the word ("deltag" for "deltagar")
FORM_MIN_LETTERS = 5  # the shorter of the two, so "stöd" does not meet "stödja"
FORM_MAX_ENDING = 3  # letters the two may differ by at the end
NGRAM_MIN_LETTERS = 6  # shorter unknown words have too many neighbours to guess
NGRAM_MIN_SIMILARITY = 0.55  # Dice of 4-grams for a library word to stand for an unknown one
NGRAM_CREDIT = 0.8  # times the similarity
NGRAM_NEIGHBOURS = 3
TYPO_SIMILARITY = 0.9  # one edit from a library word of six letters or more counts as this close
VOCABULARY_CREDIT = 0.8  # an everyday phrasing, times how rare the concept is next to the word
SYNONYM_CREDIT = 0.9  # one of the field's terms for another ("IPS" for "Supported Employment")
GENERIC_WEIGHT = 0.35  # a generic word ("gå", "ny", "tid") counts this much of its IDF
MAX_QUERY_CHARS = 4000


@dataclass(frozen=True)
class Alternative:
    term: str  # a term of the index: a stem, a compound part, or a concept token
    credit: float  # the share of the unit's weight it earns
    how: str  # "exact" | "form" | "ngram" | "synonym" (a field term) | "vocabulary" (an everyday phrasing)
    label: str = ""  # the concept's name, for "vocabulary"


@dataclass
class Unit:
    word: str  # as the writer wrote it
    stem: str
    weight: float
    alternatives: list[Alternative] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # compound parts: all in the passage = the whole weight
    generic: bool = False
    known: bool = False  # the library has the word itself


@dataclass
class Query:
    units: list[Unit]

    @property
    def weight(self) -> float:
        return sum(u.weight for u in self.units) or 1.0

    def terms(self) -> set[str]:
        """Every index term that may match some unit."""
        out: set[str] = set()
        for unit in self.units:
            out.update(a.term for a in unit.alternatives)
            out.update(unit.parts)
        return out


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def build_query(text: str, index: Index, *, vocabulary: Vocabulary | None = None) -> Query:
    vocab = index.vocabulary
    concepts = vocabulary or load_vocabulary()
    n = max(index.documents, 1)
    all_words = words(text[:MAX_QUERY_CHARS])
    content = [w for w in all_words if stems_of([w])]
    stems = stems_of(content)
    # While typing, the last word may be unfinished ("unga vux"): complete it from the library.
    if stems and text[-1:].isalpha() and stems[-1] not in vocab:
        stems[-1] = _completion(stems[-1], index) or stems[-1]
    found = concepts.find_phrases(stems)  # position -> (concept, phrasing length) covering that word
    units: dict[str, Unit] = {}
    for position, (word, term) in enumerate(zip(content, stems, strict=True)):
        if term in units:
            continue
        # A generic word in a phrasing of the field ("daglig verksamhet", "nästa steg") is not generic.
        in_phrase = any(hit.length > 1 for hit in found.get(position, ()))
        unit = Unit(word=word, stem=term, weight=0.0, generic=term in concepts.generic and not in_phrase)
        if term in vocab:
            unit.known = True
            unit.alternatives.append(Alternative(term, 1.0, "exact"))
        unit.alternatives += _forms(term, index)
        # A compound also meets its parts written apart ("implementeringsplan": "plan för implementering").
        unit.parts = split_compound(term, vocab.keys())
        if term not in vocab and not unit.parts and not unit.alternatives:
            unit.alternatives += _neighbours(term, index)
        df = max([vocab.get(a.term, 0) for a in unit.alternatives] + [0])
        df = df or min((vocab.get(p, 0) for p in unit.parts), default=0)
        # A word the library never uses still weighs: off-topic words must lower the coverage.
        own = idf(df, n)
        hits = found.get(position, ())
        if not df and hits:
            # A word the library never uses but the vocabulary knows ("jobbcoach") says what its
            # concept says: it weighs as much as the concept, not as much as a word nobody uses.
            own = max(idf(vocab.get(hit.concept.token, 0), n) for hit in hits)
        unit.weight = own * (GENERIC_WEIGHT if unit.generic else 1.0)
        for hit in hits:
            # A concept many passages speak of says less than the rare word that led to it.
            share = min(1.0, idf(vocab.get(hit.concept.token, 0), n) / own)
            # The field's own term ("IPS") meeting another of its terms ("Supported Employment") is
            # as good as the word itself; an everyday phrasing ("jobbcoach") is a looser match.
            how, credit = ("synonym", SYNONYM_CREDIT) if hit.field_term else ("vocabulary", VOCABULARY_CREDIT)
            credit *= share
            unit.alternatives.append(Alternative(hit.concept.token, round(credit, 3), how, hit.concept.label))
        units[term] = unit
    return Query(list(units.values()))


def _forms(term: str, index: Index) -> list[Alternative]:
    """Library terms that are `term` with a short ending more or less ("projektet" / "projek")."""
    if len(term) < FORM_MIN_LETTERS:
        return []
    vocab = index.vocabulary
    out = [
        Alternative(term[:cut], FORM_CREDIT, "form")
        for cut in range(max(FORM_MIN_LETTERS, len(term) - FORM_MAX_ENDING), len(term))
        if term[:cut] in vocab
    ]
    ordered = index.sorted_terms
    at = bisect.bisect_right(ordered, term)
    while at < len(ordered) and ordered[at].startswith(term):
        if len(ordered[at]) - len(term) <= FORM_MAX_ENDING:
            out.append(Alternative(ordered[at], FORM_CREDIT, "form"))
        at += 1
    return out


def dice(a: str, b: str) -> float:
    ga, gb = term_grams(a), term_grams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb))


def _neighbours(term: str, index: Index) -> list[Alternative]:
    """Library words close to an unknown word by character 4-grams (the index's n-gram table), or
    one slip of the keyboard away (a letter swapped, missing, extra or wrong: "delatgare"), which
    4-grams miss: a swap in the middle of a word breaks every 4-gram around it."""
    if len(term) < NGRAM_MIN_LETTERS:
        return []
    scored = sorted(
        {(max(dice(term, t), TYPO_SIMILARITY if t in slips else 0.0), t) for t in index.similar_terms(term) + slips}
        if (slips := _slips(term, index))
        else ((dice(term, t), t) for t in index.similar_terms(term)),
        reverse=True,
    )
    return [
        Alternative(t, round(NGRAM_CREDIT * s, 3), "ngram")
        for s, t in scored[:NGRAM_NEIGHBOURS]
        if s >= NGRAM_MIN_SIMILARITY
    ]


def _slips(term: str, index: Index) -> list[str]:
    """Library terms one edit away (optimal string alignment: a swap counts as one) that begin with
    the same three letters (a slip there is rare, and the range stays small at any library size)."""
    ordered = index.sorted_terms
    start, end = bisect.bisect_left(ordered, term[:3]), bisect.bisect_left(ordered, term[:3] + "\uffff")
    found = process.extract(term, ordered[start:end], scorer=OSA.distance, score_cutoff=1, limit=NGRAM_NEIGHBOURS)
    return [t for t, _, _ in found if abs(len(t) - len(term)) <= 1]


def _completion(prefix: str, index: Index) -> str | None:
    """The library's most common term that starts with `prefix` (three letters at least)."""
    if len(prefix) < 3:
        return None
    ordered = index.sorted_terms
    at = bisect.bisect_left(ordered, prefix)
    found = []
    while at < len(ordered) and ordered[at].startswith(prefix):
        found.append(ordered[at])
        at += 1
    return max(found, key=lambda t: index.vocabulary.get(t, 0)) if found else None
