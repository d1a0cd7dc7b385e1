"""Suggestions while writing: passages from earlier approved applications that say what the writer means.

Two stages (measured in docs/design/retrieval.md and benchmarks/suggest.py):
1. candidates: BM25 in the FTS5 index over stemmed terms (compound parts included), a few ms;
2. rerank: how much of the query's weight (IDF) the passage covers (compounds by their parts, an
   unmatched word partly by its character 4-grams), plus the BM25 rank.
Typos are mapped to library words, an unfinished last word is completed. The writer's section is
a small boost, never a filter. When the best passage scores below MIN_SCORE nothing is suggested,
so off-topic text (school meals, broadband) stays quiet. Copies of one passage appear once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from assistant.core.errors import UserError
from assistant.core.model.forms import load_form
from assistant.core.reuse.index import Index, open_index
from assistant.core.reuse.library import as_library_dirs
from assistant.core.reuse.textnorm import grams, split_compound, stem, stems, term_grams, words

MIN_SCORE = 53  # calibrated on tests/eval: off-topic tops out at 51, on-topic starts at 54.6
FOLLOW_MIN_SCORE = 40  # once the best passage passes MIN_SCORE, the others need this much ...
FOLLOW_SHARE = 0.5  # ... and at least this share of the best one's score
SECTION_BOOST = 6  # points for a passage that stood under the writer's own section
SHORT_PASSAGE = 8  # words; shorter passages are down-weighted (they match anything)
CANDIDATES = 40  # passages reranked per query
# Weights tuned on tests/eval (a grid, for the widest gap between on- and off-topic top scores):
RANK_WEIGHT = 0.20  # BM25 rank next to the coverage of the query's weight
PARTIAL_MIN_LETTERS = 5  # an unmatched term this long may still count by its 4-grams ...
PARTIAL_MIN_SHARE = 0.7  # ... when at least this share of them is in the passage ...
PARTIAL_CREDIT = 0.6  # ... for this part of its weight
POSTINGS_BUDGET = 1000  # matched rows the candidate stage may rank (see candidate_query)
TYPO_CUTOFF = 88  # rapidfuzz ratio for taking a library word as the one meant
MIN_TYPO_WORD = 6  # shorter words have too many neighbours to guess a typo
MAX_QUERY_CHARS = 4000


@dataclass
class Suggestion:
    text: str
    score: float
    section: str
    heading: str
    source: dict[str, Any]
    matched: list[str] = field(default_factory=list)
    passage_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Query:
    """The writer's text as weighted search terms."""

    terms: dict[str, float]  # term -> IDF weight
    alternatives: dict[str, list[str]]  # a term absent from the library -> its known parts


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def build_query(text: str, index: Index) -> Query:
    vocab = index.vocabulary
    n = max(index.documents, 1)
    terms: dict[str, float] = {}
    alternatives: dict[str, list[str]] = {}
    text = text[:MAX_QUERY_CHARS]
    query_stems = list(dict.fromkeys(stems(text)))
    # While typing, the last word may be unfinished ("unga vux"): complete it from the library.
    if query_stems and text[-1:].isalpha() and query_stems[-1] not in vocab:
        query_stems[-1] = _completion(query_stems[-1], index) or query_stems[-1]
    for term in query_stems:
        if term not in vocab:
            parts = split_compound(term, vocab.keys())
            if parts:
                alternatives[term] = parts
            elif len(term) >= MIN_TYPO_WORD:
                fixed = _typo_fix(term, index)
                term = fixed or term
        # A term the library never uses still weighs: off-topic words must lower the score.
        df = vocab.get(term) or max((vocab.get(p, 0) for p in alternatives.get(term, [])), default=0)
        terms[term] = _idf(df, n)
    return Query(terms=terms, alternatives=alternatives)


def _typo_fix(term: str, index: Index) -> str | None:
    """The library term a misspelt word most likely means: same first letter, about as long."""
    near = [t for t in index.by_initial.get(term[:1], ()) if abs(len(t) - len(term)) <= 2]
    fixed = process.extractOne(term, near, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
    return fixed[0] if fixed else None


def _completion(prefix: str, index: Index) -> str | None:
    """The library's most common term that starts with `prefix` (three letters at least)."""
    if len(prefix) < 3:
        return None
    found = [t for t in index.by_initial.get(prefix[:1], ()) if t.startswith(prefix)]
    return max(found, key=lambda t: index.vocabulary.get(t, 0)) if found else None


def candidate_query(query: Query, index: Index) -> tuple[str, bool]:
    """An FTS5 MATCH expression whose matches stay near POSTINGS_BUDGET rows at any library size,
    and whether it is worth ranking by BM25.

    Ranking is the costly part of FTS5 (1–2 µs per matched row), so: rare terms are OR-ed while
    their postings fit the budget; the common rest is AND-ed, rarest first, until the intersection
    (counted, a fraction of a ms) fits too. A query of nothing but very common words ("verksamheten")
    takes unranked matches: every one of them covers the query equally; the rerank decides."""
    vocab = index.vocabulary
    known: set[str] = set()
    for term in query.terms:
        known.update(p for p in [term, *query.alternatives.get(term, [])] if p in vocab)
    ordered = sorted(known, key=lambda t: vocab[t])
    rare: list[str] = []
    postings = 0
    for term in ordered:
        if postings + vocab[term] > POSTINGS_BUDGET:
            break
        rare.append(term)
        postings += vocab[term]
    common = ordered[len(rare) :]
    parts = [f'"{t}"' for t in rare]
    for size in range(2, min(len(common), 5) + 1):
        group = "(" + " AND ".join(f'"{t}"' for t in common[:size]) + ")"
        if index.count(group) <= POSTINGS_BUDGET:
            parts.append(group)
            break
    if parts:
        return " OR ".join(parts), True
    return " OR ".join(f'"{t}"' for t in common[:3]), False


def _coverage(query: Query, passage_terms: set[str]) -> tuple[float, list[str]]:
    """The share of the query's weight the passage covers: whole terms (or both parts of a
    compound) fully; an unmatched term by its shared 4-grams ("arbetsträning" in
    "arbetsträningen", a compound part) partly."""
    total = sum(query.terms.values()) or 1.0
    got, matched = 0.0, []
    passage_grams: set[str] | None = None  # built only when a term needs it
    for term, weight in query.terms.items():
        parts = query.alternatives.get(term)
        if term in passage_terms:
            got += weight
            matched.append(term)
        elif parts and all(p in passage_terms for p in parts):
            got += weight
            matched.extend(parts)
        elif parts and any(p in passage_terms for p in parts):
            got += weight / 2
            matched.extend(p for p in parts if p in passage_terms)
        elif len(term) >= PARTIAL_MIN_LETTERS:
            if passage_grams is None:
                passage_grams = grams(passage_terms)
            own = term_grams(term)
            shared = len(own & passage_grams) / len(own)
            if shared >= PARTIAL_MIN_SHARE:
                got += weight * shared * PARTIAL_CREDIT
    return got / total, matched


def score_passage(
    query: Query, terms_text: str, words_count: int, bm25: float, best_bm25: float
) -> tuple[float, list[str]]:
    passage_terms = set(terms_text.split())
    coverage, matched = _coverage(query, passage_terms)
    rank = bm25 / best_bm25 if best_bm25 else 1.0  # both negative in FTS5: 1.0 for the best
    score = 100 * ((1 - RANK_WEIGHT) * coverage + RANK_WEIGHT * rank)
    if words_count < SHORT_PASSAGE:
        score *= math.sqrt(words_count / SHORT_PASSAGE)
    return score, matched


def _query_text(text: str, form_id: str, section: str | None) -> str:
    if text.strip():
        return text
    form = load_form(form_id)
    heading = form.heading(section) if section else None
    if heading is None:
        raise UserError(
            f"formuläret `{form_id}` har inget avsnitt `{section}`; skriv en text att söka på",
            f"the form `{form_id}` has no section `{section}`; give a text to search for",
        )
    return f"{heading.title} {heading.guidance}"


def suggest(
    query_text: str,
    *,
    form_id: str,
    section: str | None = None,
    k: int = 5,
    library_dirs: Iterable[Any] | None = None,
    index: Index | None = None,
    min_score: float = MIN_SCORE,
) -> list[Suggestion]:
    """The k best passages for what the writer is writing, best first; [] when nothing fits.

    With empty text the form heading's title and guidance are the query (and the threshold is
    not applied: the writer asked for ideas, not a match). `library_dirs`: (directory, is_builtin)
    pairs or plain directories; by default the built-in library and the user's own."""
    asked_for_ideas = not query_text.strip()
    text = _query_text(query_text, form_id, section)
    index = index or open_index(as_library_dirs(library_dirs))
    query = build_query(text, index)
    match, ranked = candidate_query(query, index)
    hits = index.candidates(match, CANDIDATES, ranked=ranked)
    if not hits:
        return []
    rows = index.passages_by_id([rowid for rowid, _ in hits])
    best_bm25 = hits[0][1]
    scored: list[tuple[float, Any, list[str]]] = []
    for rowid, bm25 in hits:
        row = rows.get(rowid)
        if row is None:
            continue
        score, matched = score_passage(query, row[6], row[7], bm25, best_bm25)
        if section and row[3] == section:
            score += SECTION_BOOST
        scored.append((min(score, 100.0), row, matched))
    scored.sort(key=lambda s: -s[0])
    if asked_for_ideas:
        return _distinct(scored, k, index)
    # The best passage decides whether the text is on topic at all; the next ones then need a
    # lower score: "unga med aktivitetsersättning" without the writer's other words still fits.
    if not scored or scored[0][0] < min_score:
        return []
    floor = max(min(min_score, FOLLOW_MIN_SCORE), scored[0][0] * FOLLOW_SHARE)
    return _distinct([s for s in scored if s[0] >= floor], k, index)


def _distinct(scored: list[tuple[float, Any, list[str]]], k: int, index: Index) -> list[Suggestion]:
    """Drop copies: the same text (numbers aside) from another application appears once."""
    out: list[Suggestion] = []
    kept: list[str] = []
    for score, row, matched in scored:
        dupkey = row[8]
        if any(dupkey == other or fuzz.ratio(dupkey, other) >= 90 for other in kept):
            continue
        kept.append(dupkey)
        entry = index.entry(row[2])
        out.append(
            Suggestion(
                text=row[5],
                score=round(score, 1),
                section=row[3],
                heading=row[4],
                source={
                    "id": entry.get("id", row[2]),
                    "title": entry.get("title", ""),
                    "organisation": entry.get("organisation", ""),
                    "year": entry.get("year"),
                },
                matched=_matched_words(row[5], matched),
                passage_id=row[1],
            )
        )
        if len(out) >= k:
            break
    return out


def _matched_words(text: str, matched_terms: list[str]) -> list[str]:
    """The passage's own words whose stems matched, for highlighting."""
    wanted = set(matched_terms)
    found: dict[str, None] = {}
    for word in words(text):
        if stem(word) in wanted:
            found[word] = None
    return list(found)[:20]
