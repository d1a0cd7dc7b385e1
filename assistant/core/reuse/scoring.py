"""How much of a query a passage covers, and the evidence for it (what matched, and how).

The coverage is the share of the query's weight the passage itself holds: a unit counts with the
best credit among its alternatives found in the passage (a compound by its parts; as a last resort
a word counts partly when most of its 4-grams are in the passage). It is what decides whether a
suggestion is shown at all, so it has no rank or section in it: a long, good paraphrase and a short
query with one stray common word are told apart by what the passage says, not by where it ranks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.core.reuse.query import Query, Unit
from assistant.core.reuse.textnorm import grams, stem, term_grams, words
from assistant.core.reuse.vocabulary import TOKEN_PREFIX

PARTIAL_MIN_LETTERS = 5  # an unmatched word this long may still count by its 4-grams ...
PARTIAL_MIN_SHARE = 0.7  # ... when at least this share of them is in the passage ...
PARTIAL_CREDIT = 0.6  # ... for this part of its weight
CLOSE_CREDIT = 0.6
TYPO_CREDIT = 0.6  # an n-gram neighbour this close (4-gram Dice 0.75) is the writer's word misspelt
COUNTS_AS_MATCHED = 0.5  # a unit with at least this credit is a matched term for the gate


@dataclass(frozen=True)
class Evidence:
    query: str  # the writer's word
    term: str  # the index term it met ("" for a 4-gram match)
    how: str  # exact | form | part | ngram | synonym | vocabulary
    credit: float
    label: str = ""  # the concept's name for a vocabulary match


@dataclass
class Coverage:
    share: float  # 0..1 of the query's weight
    terms: int  # distinct matched terms (a compound's parts each count)
    evidence: list[Evidence] = field(default_factory=list)
    specific: int = 0  # matched terms that are not generic words
    literal: int = 0  # of those, matched by the word itself (a form or a compound part, not a synonym)
    close: int = 0  # matched by the word itself or by a concept about as rare as the word


def _unit_credit(unit: Unit, passage_terms: set[str]) -> tuple[float, list[Evidence]]:
    best: tuple[float, list[Evidence]] = (0.0, [])
    for alt in unit.alternatives:
        if alt.credit > best[0] and alt.term in passage_terms:
            best = (alt.credit, [Evidence(unit.word, alt.term, alt.how, alt.credit, alt.label)])
    if unit.parts and best[0] < 1.0:
        present = [p for p in unit.parts if p in passage_terms]
        # One part of a word the library knows whole is another word ("arbetsförmedlingen" is
        # not "arbete"); of a word it does not know, it is half the meaning.
        half = 0.0 if unit.known else 0.5
        credit = 1.0 if len(present) == len(unit.parts) else half if present else 0.0
        if credit > best[0]:
            best = (credit, [Evidence(unit.word, p, "part", credit) for p in present])
    return best


def _literal(e: Evidence) -> bool:
    """The writer's own word met: itself, another form, a compound part, or a near-certain typo."""
    return e.how in ("exact", "form", "part", "synonym") or (
        e.how == "ngram" and bool(e.term) and e.credit >= TYPO_CREDIT
    )


def coverage(query: Query, passage_terms: set[str]) -> Coverage:
    got, terms, specific, literal, close, evidence = 0.0, 0, 0, 0, 0, []
    passage_grams: set[str] | None = None  # built only when a unit needs it
    for unit in query.units:
        credit, found = _unit_credit(unit, passage_terms)
        if not found and len(unit.stem) >= PARTIAL_MIN_LETTERS:
            if passage_grams is None:
                passage_grams = grams(passage_terms)
            own = term_grams(unit.stem)
            shared = len(own & passage_grams) / len(own)
            if shared >= PARTIAL_MIN_SHARE:
                credit = shared * PARTIAL_CREDIT
                found = [Evidence(unit.word, "", "ngram", credit)]
        if credit:
            got += unit.weight * credit
            evidence += found
            if credit >= COUNTS_AS_MATCHED:
                # A compound met by its parts written apart is as many terms as it has parts.
                count = len(found) if found[0].how == "part" else 1
                terms += count
                specific += 0 if unit.generic else count
                literal += count if not unit.generic and _literal(found[0]) else 0
                close += 0 if unit.generic or found[0].how == "ngram" or found[0].credit < CLOSE_CREDIT else count
    return Coverage(got / query.weight, terms, evidence, specific, literal, close)


def explain(passage_text: str, evidence: list[Evidence], limit: int = 20) -> list[str]:
    """What matched, for the writer: the passage's own words for a word match, "jobbcoach ≈
    arbetsspecialist" for another form, a 4-gram or a compound match, "jobbcoach → IPS" for a
    concept of the domain vocabulary."""
    by_term: dict[str, str] = {}
    for word in words(passage_text):
        by_term.setdefault(stem(word), word)
    out: dict[str, None] = {}
    for e in evidence:
        shown = by_term.get(e.term) or _word_holding(e.term, by_term) or e.term
        if e.how in ("vocabulary", "synonym"):
            out[f"{e.query} → {e.label}"] = None
        elif e.how == "exact" or (e.how == "part" and e.query == shown):
            out[shown] = None
        elif e.term:
            out[shown if shown.startswith(e.query) else f"{e.query} ≈ {shown}"] = None
        else:
            out[f"{e.query} ≈"] = None
    return list(out)[:limit]


def _word_holding(term: str, by_term: dict[str, str]) -> str | None:
    """The passage's word a term was filed from when it is no word's stem: a compound part
    ("deltag" of "deltagarutveckling") is shown as the word that holds it, not as a bare stem."""
    if not term or term.startswith(TOKEN_PREFIX):
        return None
    return next((word for stemmed, word in by_term.items() if term in stemmed), None)
