"""Suggestions while writing: passages from earlier approved applications that say what the writer means.

How a suggestion is found (measured in docs/design/retrieval.md; figures in benchmarks/):
1. the text near the cursor: the current sentence is the focus, the earlier sentences of the
   paragraph (and `context`) are weaker context, each searched on its own (window.py), so a
   passage found for a sentence stays while the paragraph grows;
2. each window is a weighted query (query.py): stems, other forms, compound parts, library words
   close by character n-grams, and the domain vocabulary's concepts;
3. candidates: BM25 over the FTS5 index for those terms, a few ms at any library size;
4. the gate (scoring.py): a passage is shown only when it covers GATE_COVERAGE of the window's
   weight with GATE_TERMS distinct matched terms (or more of it with a concept standing for one of
   them, or less with more terms), no rank or section bonus in it;
5. the order: coverage, BM25 rank, closeness to the form's guidance for the section, and the
   writer's section as a small boost, never a filter. Copies of one passage appear once;
6. while the text only grows, what was shown a moment ago stays (Recent, kept by the caller).
Each suggestion says what matched: words, other forms, n-gram and vocabulary matches.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from assistant.core.errors import UserError
from assistant.core.model.forms import load_form
from assistant.core.reuse.index import Index, open_index
from assistant.core.reuse.library import as_library_dirs
from assistant.core.reuse.query import Query, build_query
from assistant.core.reuse.scoring import Coverage, Evidence, coverage, explain
from assistant.core.reuse.window import split_windows

# The gate, calibrated on the tune half of tests/eval/blind (odd briefs) only. A passage is shown
# when it holds GATE_COVERAGE of the query's weight with GATE_TERMS distinct matched terms, or, for
# a longer query, GATE_MANY_TERMS of them at GATE_MANY_COVERAGE. Matched terms here are the
# writer's own specific words (or another form, or a compound part): not generic words, not
# synonyms or 4-gram guesses, which add to the coverage but are too loose to decide alone.
GATE_COVERAGE = 0.55  # 0.60 equals it on the tune half but drops the old set below R@5 0.97
GATE_TERMS = 2
# With the vocabulary's 151 concepts the curve moved (benchmarks/suggest_gate.py, tune half): 0.25 -> 0.30
# keeps R@5 at 0.81 and answers 4 % of the negatives instead of 5 %; 0.35 gives 0.80 at 3 %.
GATE_MANY_COVERAGE = 0.30
GATE_MANY_TERMS = 3
# Or it holds GATE_CLOSE_COVERAGE with one of the writer's words and a concept about as rare as
# another of them ("jämn könsfördelning": könsfördelning, and jämn -> jämställdhet). Tune half:
# R@5 0.75 -> 0.76, negatives unchanged at 0.55-0.75; at 0.5 R@5 0.77 for one negative more.
GATE_CLOSE_COVERAGE = 0.6
# Once one passage passes, the others of the ranking are shown when they hold at least FOLLOW_TERMS
# of the writer's own specific words: a coverage share for them hid right answers ranked under a
# passing one (tune half: R@5 0.68 -> 0.74, negatives answered unchanged, prefix survival 0.93 -> 0.95).
FOLLOW_TERMS = 1
# A passage found only for an earlier sentence ranks this much lower (tune half, suggest_growth.py,
# two queries that hit, one the next sentence of the other: at 0.7 / 0.8 / 0.9 the first one's hit
# is kept 0.94 / 0.96 / 0.97 and the second one's own hit shown 0.97 / 0.96 / 0.94) ...
CONTEXT_WEIGHT = 0.8
KEPT_WINDOWS = 2  # ... but the best one of each of the two sentences before stays in the top k
# While the text at the cursor only grows, the CARRIED passages shown at the top a moment ago stay
# (Recent) at CARRIED_WEIGHT of the best rank the writer's own words gave them, the first of them in
# the top k. Tune half, suggest_growth.py, typed word by word, +20 / +40 words in the same sentence:
# nothing carried 0.88 / 0.84; 2 at 0.8 0.91 / 0.87; 5 at 0.8 0.92 / 0.90; 5 at 0.95 0.94 / 0.94
# (across sentence ends too; only within a sentence 0.93 / 0.93); 5 at 1.0 0.95 / 0.94.
CARRIED = 5
CARRIED_WEIGHT = 0.95
KEPT_CARRIED = 1  # all five kept in the top k: 0.90 / 0.78, the new words' own hits crowded out
# A passage the writer's own words have not found for this many words is no longer carried: by then
# the writer has gone on to something else (past the benchmark's +40, so no figure changes by it).
CARRY_WORDS = 60
# (keeping ranks 2-5 of the sentence before as well measured no better: 0.94 either way)
# The order (weights add up to 1; the gate does not use them), chosen on the tune half:
W_COVERAGE = 0.60
W_BM25 = 0.20
W_GUIDANCE = 0.05
W_SECTION = 0.15  # under the writer's own section: a boost, never a filter
SHORT_PASSAGE = 8  # words; shorter passages are down-weighted (they match anything)
CANDIDATES = 40  # passages reranked per window
POSTINGS_BUDGET = 1000  # matched rows the candidate stage may rank (see candidate_query)
# Kept for callers of the old threshold: MIN_SCORE is the gate as a percentage.
MIN_SCORE = round(100 * GATE_COVERAGE)


@dataclass
class Suggestion:
    text: str
    score: float
    section: str
    heading: str
    source: dict[str, Any]
    matched: list[str] = field(default_factory=list)  # what matched, for the writer (scoring.explain)
    passage_id: str = ""
    evidence: list[dict[str, Any]] = field(default_factory=list)  # the same, as data

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(eq=False)
class Candidate:
    rowid: int
    row: Any
    rank: float  # the order
    cover: Coverage
    passes: bool = False  # meets the gate in some window
    follows: bool = False  # meets the follower's gate in some window


def candidate_query(query: Query, index: Index) -> tuple[str, bool]:
    """An FTS5 MATCH expression whose matches stay near POSTINGS_BUDGET rows at any library size,
    and whether it is worth ranking by BM25.

    Ranking is the costly part of FTS5 (1–2 µs per matched row), so: rare terms are OR-ed while
    their postings fit the budget; the common rest is AND-ed, rarest first, until the intersection
    (counted, a fraction of a ms) fits too. A query of nothing but very common words ("verksamheten")
    takes unranked matches: every one of them covers the query equally; the rerank decides."""
    vocab = index.vocabulary
    ordered = sorted((t for t in query.terms() if t in vocab), key=lambda t: vocab[t])
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


def _query_text(text: str, form_id: str, section: str | None) -> str:
    if text.strip():
        return text
    heading = _heading(form_id, section)
    if heading is None:
        raise UserError(
            f"formuläret `{form_id}` har inget avsnitt `{section}`; skriv en text att söka på",
            f"the form `{form_id}` has no section `{section}`; give a text to search for",
        )
    return f"{heading.title} {heading.guidance}"


def _heading(form_id: str, section: str | None) -> Any:
    return load_form(form_id).heading(section) if section else None


_GUIDANCE: dict[tuple[int, int, str, str | None], Query | None] = {}


def _guidance(form_id: str, section: str | None, index: Index) -> Query | None:
    """The form's guidance for the section as a query, to score how well a passage answers it."""
    key = (index.uid, index.generation, form_id, section)
    if key not in _GUIDANCE:
        if len(_GUIDANCE) > 64:
            _GUIDANCE.clear()
        try:
            heading = _heading(form_id, section)
        except UserError:
            heading = None
        text = f"{heading.title} {heading.guidance}" if heading is not None else ""
        _GUIDANCE[key] = build_query(text, index) if text.strip() else None
    return _GUIDANCE[key]


def gate(cover: Coverage, query: Query) -> bool:
    """Whether the passage itself says enough of what the writer wrote (no rank, no section in it).
    A query of one specific word needs that word only."""
    need = max(1, min(GATE_TERMS, sum(not u.generic for u in query.units)))
    return (
        (cover.share >= GATE_COVERAGE and cover.literal >= need)
        or (cover.share >= GATE_MANY_COVERAGE and cover.literal >= GATE_MANY_TERMS)
        or (cover.share >= GATE_CLOSE_COVERAGE and cover.literal >= 1 and cover.close >= GATE_TERMS)
    )


def follows(cover: Coverage, query: Query) -> bool:
    """Whether a passage may be shown under one that passed the gate: it holds some of the writer's
    own specific words (a query of generic words only needs one of those)."""
    return cover.literal >= FOLLOW_TERMS or (
        not any(not u.generic for u in query.units) and cover.terms >= FOLLOW_TERMS
    )


def _search_window(
    text: str, index: Index, section: str | None, guidance: Query | None, weight: float
) -> dict[int, Candidate]:
    query = build_query(text, index)
    if not query.units:
        return {}
    match, ranked = candidate_query(query, index)
    hits = index.candidates(match, CANDIDATES, ranked=ranked)
    rows = index.passages_by_id([rowid for rowid, _ in hits])
    best_bm25 = hits[0][1] if hits else 0.0
    out: dict[int, Candidate] = {}
    for rowid, bm25 in hits:
        row = rows.get(rowid)
        if row is None:
            continue
        terms = set(row[6].split())
        cover = coverage(query, terms)
        rank = bm25 / best_bm25 if best_bm25 else 1.0  # both negative in FTS5: 1.0 for the best
        guide = coverage(guidance, terms).share if guidance else 0.0
        order = W_COVERAGE * cover.share + W_BM25 * rank + W_GUIDANCE * guide + W_SECTION * (row[3] == section)
        if row[7] < SHORT_PASSAGE:
            order *= math.sqrt(row[7] / SHORT_PASSAGE)
        candidate = Candidate(rowid, row, weight * order, cover)
        candidate.passes, candidate.follows = gate(cover, query), follows(cover, query)
        out[rowid] = candidate
    if not any(c.passes for c in out.values()):
        # Followers keep a passing passage company in its own search: a sentence that finds nothing
        # does not crowd out, with its weak matches, what the sentences before it found.
        for candidate in out.values():
            candidate.follows = False
    return out


def _merge(found: dict[int, Candidate], more: dict[int, Candidate]) -> None:
    """Add a window's candidates; a passage keeps its best rank and passes if it passed anywhere."""
    for rowid, candidate in more.items():
        old = found.get(rowid)
        if old is None:
            found[rowid] = candidate
            continue
        best = candidate if candidate.rank > old.rank else old
        found[rowid] = replace(best, passes=old.passes or candidate.passes, follows=old.follows or candidate.follows)


_WINDOWS: OrderedDict[tuple[Any, ...], dict[int, Candidate]] = OrderedDict()
WINDOW_CACHE = 256  # searched windows kept: the earlier sentences do not change while the writer types


def _window(
    text: str, index: Index, form_id: str, section: str | None, guidance: Query | None, weight: float
) -> dict[int, Candidate]:
    """A window's candidates, remembered until the index changes (never mutated by the caller)."""
    key = (index.uid, index.generation, text, form_id, section, weight)
    found = _WINDOWS.get(key)
    if found is None:
        found = _WINDOWS[key] = _search_window(text, index, section, guidance, weight)
        while len(_WINDOWS) > WINDOW_CACHE:
            _WINDOWS.popitem(last=False)
    else:
        _WINDOWS.move_to_end(key)
    return found


def suggest(
    query_text: str,
    *,
    form_id: str,
    section: str | None = None,
    k: int = 5,
    library_dirs: Iterable[Any] | None = None,
    index: Index | None = None,
    context: str = "",
    gated: bool = True,
    recent: Recent | None = None,
) -> list[Suggestion]:
    """The k best passages for what the writer is writing, best first; [] when nothing fits.

    `query_text` is the paragraph up to the cursor (or any text): its current sentence is the
    focus, the earlier ones and `context` (the rest of the paragraph) weaker context. With empty
    text the form heading's title and guidance are the query, without the gate (the writer asked
    for ideas, not a match). `gated=False` shows the ranking before the gate (for evaluation).
    `library_dirs`: (directory, is_builtin) pairs or plain directories; by default the built-in
    library and the user's own. `recent`: what the caller was shown a moment ago (see Recent), updated
    with this search's list."""
    asked_for_ideas = not query_text.strip()
    text = _query_text(query_text, form_id, section)
    index = index or open_index(as_library_dirs(library_dirs))
    guidance = _guidance(form_id, section, index)
    windows = split_windows(text, context)
    own = _window(windows.focus, index, form_id, section, guidance, 1.0)
    found = dict(own)
    earlier: list[int] = []  # the best passage of each of the nearest earlier sentences
    for n, window in enumerate(windows.context):
        more = _window(window, index, form_id, section, guidance, CONTEXT_WEIGHT)
        # What the writer saw first for that sentence (only a sentence that found something has followers).
        best = max((c for c in more.values() if c.follows or not gated), key=lambda c: c.rank, default=None)
        if best is not None and n < KEPT_WINDOWS:
            earlier.append(best.rowid)
        _merge(found, more)
    key = (index.uid, index.generation, form_id, section, gated)
    carried = recent.carried(text, key) if recent is not None and not asked_for_ideas else {}
    for rowid, candidate in carried.items():
        _merge(found, {rowid: replace(candidate, rank=CARRIED_WEIGHT * candidate.rank, passes=True, follows=True)})
    ordered = sorted(found.values(), key=lambda c: -c.rank)
    if gated and not asked_for_ideas:
        ordered = [c for c in ordered if c.follows] if any(c.passes for c in ordered) else []
    kept = [found[r] for r in earlier] + [found[r] for r in list(carried)[:KEPT_CARRIED]]
    ordered = _keep_earlier(ordered, kept, k)
    if recent is not None:
        recent.remember(text, key, ordered[:k], own, carried)
    return _distinct(ordered, k, index)


@dataclass
class Recent:
    """What the writer was shown a moment ago, kept by the caller (the TUI's suggestion panel) and
    passed back with the next search. While the text at the cursor only grows (more words), the
    CARRIED passages shown at the top stay as context at CARRIED_WEIGHT of the best
    rank the sentence itself gave them: a passage that fit the sentence a moment ago does not vanish
    because the sentence got longer, unless the new words find passages that rank above it, or
    CARRY_WORDS more words have not found it again."""

    text: str = ""
    key: tuple[Any, ...] = ()
    shown: dict[int, Candidate] = field(default_factory=dict)  # rowid -> candidate at its own rank
    found_at: dict[int, int] = field(default_factory=dict)  # rowid -> the text's words when last found

    def carried(self, text: str, key: tuple[Any, ...]) -> dict[int, Candidate]:
        if key != self.key or not extends(self.text, text):
            return {}
        return self.shown

    def remember(
        self,
        text: str,
        key: tuple[Any, ...],
        ordered: list[Candidate],
        own: dict[int, Candidate],
        carried: dict[int, Candidate],
    ) -> None:
        shown: dict[int, Candidate] = {}
        found_at: dict[int, int] = {}
        words = len(text.split())
        for candidate in ordered:
            rowid = candidate.rowid
            before, now = carried.get(rowid), own.get(rowid)
            best = max((c for c in (before, now) if c is not None), key=lambda c: c.rank, default=None)
            at = words if now is not None and now.follows else self.found_at.get(rowid, words)
            if best is not None and len(shown) < CARRIED and words - at <= CARRY_WORDS:
                shown[rowid], found_at[rowid] = best, at
        self.text, self.key, self.shown, self.found_at = text, key, shown, found_at


def extends(previous: str, text: str) -> bool:
    """Whether `text` is `previous` with more words (its last word, perhaps half typed or ending the
    sentence a moment ago, may have changed): the same paragraph, the writer going on."""
    before, after = previous.split(), text.split()
    return len(before) >= 2 and len(after) >= len(before) - 1 and after[: len(before) - 1] == before[:-1]


def _keep_earlier(ordered: list[Candidate], kept: list[Candidate], k: int) -> list[Candidate]:
    """What was found for the sentences just before stays in the top k while the writer goes on."""
    missing = [c for c in dict.fromkeys(kept) if c in ordered and c not in ordered[:k]]
    if not missing:
        return ordered
    head = [c for c in ordered if c not in missing][: max(0, k - len(missing))]
    return head + missing + [c for c in ordered if c not in head and c not in missing]


def _distinct(ordered: list[Candidate], k: int, index: Index) -> list[Suggestion]:
    """Drop copies: the same text (numbers aside) from another application appears once."""
    out: list[Suggestion] = []
    kept: list[str] = []
    for candidate in ordered:
        row = candidate.row
        dupkey = row[8]
        if any(dupkey == other or fuzz.ratio(dupkey, other) >= 90 for other in kept):
            continue
        kept.append(dupkey)
        entry = index.entry(row[2])
        out.append(
            Suggestion(
                text=row[5],
                score=round(min(100.0, 100 * candidate.rank), 1),
                section=row[3],
                heading=row[4],
                source={
                    "id": entry.get("id", row[2]),
                    "title": entry.get("title", ""),
                    "organisation": entry.get("organisation", ""),
                    "year": entry.get("year"),
                },
                matched=explain(row[5], candidate.cover.evidence),
                passage_id=row[1],
                evidence=[_evidence_dict(e) for e in candidate.cover.evidence],
            )
        )
        if len(out) >= k:
            break
    return out


def _evidence_dict(e: Evidence) -> dict[str, Any]:
    return {"query": e.query, "term": e.term, "how": e.how, "credit": round(e.credit, 2), "label": e.label}
