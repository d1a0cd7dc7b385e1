"""What a chat line asks: one intent, the heading or direction it names, and how sure that is.

Scoring is the sum of the weights of the cues found in the line (lexicon.toml), per intent,
with three rules of sense on top:
- a line that names a heading leans towards "what the funder wants there" (guidance);
- "go to" without a heading or a direction is not yet a move; guidance without a heading
  must be asked plainly to count;
- the best intent must reach MIN_SCORE, else the line is "unknown" and gets the honest answer.
Confidence grows with the best score and with its margin over the second best.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.core.chat.analysis import Analysis, analyse
from assistant.core.chat.classify import Kind, classify, search_query
from assistant.core.chat.domain import foreign_words
from assistant.core.chat.elsewhere import about_someone_else, category_cues, of_another_world
from assistant.core.chat.intents import Intent
from assistant.core.chat.lexicon import lexicon
from assistant.core.chat.sections import best_section, mentions, section_by_guidance
from assistant.core.chat.text import fold
from assistant.core.model.forms import Form

__all__ = ["Intent", "Route", "route"]  # Intent lives in intents.py; it is asked for here

MIN_SCORE = 2.5  # below this no intent is sure enough to answer
SECTION_LEAN = MIN_SCORE  # a question that names a heading and asks nothing else: its guidance
SECTION_NUDGE = 1.0
SURE_ENOUGH = 4.0  # below this, a word from outside the assistant's world makes the line unknown  # a named heading beside other cues
TARGET_BONUS = 1.0  # "gå till" with a heading or a direction
NO_TARGET = 0.5  # "gå till" alone
NO_SECTION = 0.6  # guidance that names no heading
CATEGORY_WEIGHT = 1.5  # a budget category of the form named ("personal")
YEAR_WEIGHT = 0.5  # a year ("2027")
YEAR_RE = re.compile(r"(?:19|20)\d\d")
SURE_SCORE = 6.0  # a score this high is as sure as the words can make it
SURE_MARGIN = 2.0  # … and a lead this large over the second intent


@dataclass(frozen=True)
class Route:
    text: str
    kind: Kind
    intent: Intent
    confidence: float  # 0–1
    section: str | None = None  # the heading the line names (a form key)
    direction: str | None = None  # "next" | "prev" for navigation without a heading
    topic: str = ""  # examples and searches: the words to look for
    here: bool = False  # no heading named, but "här"/"this section": the one the writer is in
    scores: Mapping[str, float] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "intent": str(self.intent),
            "confidence": round(self.confidence, 2),
            "section": self.section,
            "direction": self.direction,
            "topic": self.topic,
            "here": self.here,
        }


def route(text: str, form: Form | None = None) -> Route:
    """The intent of a chat line. `form` lets numbers and the form's own heading names count."""
    stripped = text.strip().removeprefix("/").strip() if text.strip().startswith("/") else text.strip()
    kind = classify(text)
    if kind is Kind.EMPTY:
        return Route(text, kind, Intent.UNKNOWN, 0.0)
    if kind is Kind.SEARCH:
        return Route(text, kind, Intent.SEARCH, 1.0, topic=search_query(stripped))
    analysis = analyse(stripped)
    section = best_section(analysis, form)
    direction = _direction(analysis)
    scores = _scores(analysis, section=section or ("here" if analysis.here else None), direction=direction)
    scores[Intent.BUDGET] += _budget_words(analysis, form)
    _help_with_something_else(scores, analysis)
    if section is None and not analysis.here and not analysis.error_words and _only_fixing(analysis):
        # "Kan du fixa skrivaren?": fixing, with no error, heading or "här" to fix, is not the checks'.
        scores[Intent.EXPLAIN] = round(scores[Intent.EXPLAIN] * NO_SECTION, 2)
    if section is not None:
        _lean_on_the_heading(scores, analysis, section)
    inferred = section_by_guidance(analysis, form) if section is None and not analysis.here else None
    if inferred is not None and scores[Intent.GUIDANCE] > 0:
        # Asked plainly what goes where, about words only one heading's guidance uses.
        scores[Intent.GUIDANCE] = scores[Intent.GUIDANCE] / NO_SECTION + SECTION_NUDGE
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    (best, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    weak_and_foreign = top < SURE_ENOUGH and best != Intent.EXAMPLES and _foreign(analysis, form, section)
    elsewhere = about_someone_else(best, analysis, form, scores) or of_another_world(best, analysis, section)
    if top < MIN_SCORE or weak_and_foreign or elsewhere or best == Intent.UNKNOWN:
        # Nothing fits; or only weakly, naming no heading, and the line speaks of something outside
        # the assistant's world ("Hur många sidor har en roman?"); or it asks what no data answers
        # ("kommer vi att beviljas?"): the honest answer. Examples are exempt from the foreign
        # words: their topic is the writer's own. A budget or page question about someone else
        # ("Vad är Region Skånes totala budget?") is not about the writer's.
        return Route(text, kind, Intent.UNKNOWN, _unsure(min(top, MIN_SCORE)), section=section, scores=scores)
    intent = Intent(best)
    if inferred is not None and intent in (Intent.GUIDANCE, Intent.EXAMPLES):
        section = inferred
    return Route(
        text,
        kind,
        intent,
        _confidence(top, top - second),
        section=section,
        direction=direction if intent is Intent.NAVIGATE and section is None else None,
        topic=_topic(analysis, section) if intent is Intent.EXAMPLES else "",
        here=analysis.here and section is None,
        scores=scores,
    )


def _scores(analysis: Analysis, *, section: str | None, direction: str | None) -> dict[str, float]:
    # One place in the line counts once per intent: "sidor" matches both the cue "sidor" and,
    # by stem, "sida" – the heavier one counts, not both.
    best_at: dict[tuple[str, int, int], float] = {}
    for hit in analysis.hits:
        if analysis.only_through_wildcard(hit) and set(hit.span) <= analysis.alias_positions:
            continue  # "problem*" in "problemområdet": the word names a heading, it is no problem
        where = (hit.cue.label, hit.start, hit.end)
        best_at[where] = max(best_at.get(where, 0.0), hit.cue.weight)
    scores: dict[str, float] = dict.fromkeys(lexicon().intents, 0.0)
    for (intent, _start, _end), weight in best_at.items():
        scores[intent] += weight
    if section is not None:
        # Asking nothing else about a named heading is asking what goes there.
        others = max((v for k, v in scores.items() if k != Intent.GUIDANCE), default=0.0)
        scores[Intent.GUIDANCE] += SECTION_LEAN if others < MIN_SCORE else SECTION_NUDGE
    else:
        scores[Intent.GUIDANCE] *= NO_SECTION
    if section is not None or direction is not None:
        if scores[Intent.NAVIGATE] > 0:
            scores[Intent.NAVIGATE] += TARGET_BONUS
    else:
        scores[Intent.NAVIGATE] *= NO_TARGET
    return {intent: round(score, 2) for intent, score in scores.items()}


def _foreign(analysis: Analysis, form: Form | None, section: str | None) -> bool:
    """Words from outside the assistant's world in a line that names no heading; a line that names
    one is about the application, unless the naming word is itself foreign ("budgetpropositionen"
    is "budget*" only by its first letters)."""
    strange = foreign_words(analysis)
    if not strange or section is None:
        return bool(strange)
    named = next((m for m in mentions(analysis, form) if m.key == section), None)
    naming = analysis.tokens[named.start : named.end] if named else ()
    if section == "budget" and naming and all(t.folded == "budget" for t in naming):
        return True  # a bare "budget" is anyone's ("Vilken budget hade melodifestivalen?")
    return any(t.raw in strange for t in naming)


BARE_HELP = frozenset({"hjalp", "help"})


def _help_with_something_else(scores: dict[str, float], analysis: Analysis) -> None:
    """ "hjälp" beside another request asks for help with that ("texten är för lång, hjälp mig"),
    not what the assistant can do."""
    bare = [h for h in analysis.hits if h.cue.label == Intent.HELP and fold(h.cue.text) in BARE_HELP]
    others = max((v for k, v in scores.items() if k not in (Intent.HELP, Intent.UNKNOWN)), default=0.0)
    if bare and others >= MIN_SCORE:
        scores[Intent.HELP] = max(0.0, scores[Intent.HELP] - sum(h.cue.weight for h in bare))


def _lean_on_the_heading(scores: dict[str, float], analysis: Analysis, section: str) -> None:
    """Two readings of a line that names a heading. "Förklara vad de menar med utfallsmål" explains
    no error (no word for one in it): it asks what goes under Mål. "Något knas med kronorna i 3.7"
    speaks of the budget in the budget's heading: the budget, not its guidance. "Bakgrunden är för
    lång" asks to shorten it, not for the pages."""
    if scores[Intent.EXPLAIN] > scores[Intent.GUIDANCE] and not analysis.error_words:
        scores[Intent.GUIDANCE] = scores[Intent.EXPLAIN] + SECTION_NUDGE
    if _too_long(analysis) and not _page_words(analysis):
        # "Bakgrunden är för lång": a heading too long is shortened; pages are the whole draft's.
        rivals = max(scores[Intent.PAGES], scores[Intent.GUIDANCE])
        scores[Intent.SHORTEN] = max(scores[Intent.SHORTEN], rivals + SECTION_NUDGE)
    if section == "budget" and _asks_what_goes_there(analysis, scores):
        # "Vad ska budgeten innehålla?": "budgeten" names the heading; the line asks what goes there.
        scores[Intent.GUIDANCE] = max(scores[Intent.GUIDANCE], scores[Intent.BUDGET] + SECTION_NUDGE)
    if section == "budget" and any(
        hit.cue.label == Intent.BUDGET and not set(hit.span) <= analysis.alias_positions for hit in analysis.hits
    ):
        scores[Intent.BUDGET] += SECTION_NUDGE


def _asks_what_goes_there(analysis: Analysis, scores: dict[str, float]) -> bool:
    """The budget's cues only name its heading, and the guidance's own cues ask what goes there."""
    budget_hits = [h for h in analysis.hits if h.cue.label == Intent.BUDGET]
    asks = sum(h.cue.weight for h in analysis.hits if h.cue.label == Intent.GUIDANCE)
    named_only = all(set(h.span) <= analysis.alias_positions for h in budget_hits)
    return named_only and asks >= GUIDANCE_ASKED and scores[Intent.GUIDANCE] <= scores[Intent.BUDGET]


GUIDANCE_ASKED = 2.0
FIXING = ("fix", "ratt", "atgard", "=los", "los", "resolve", "bli av", "blir", "get rid")


def _only_fixing(analysis: Analysis) -> bool:
    """The line's explain cues all ask to fix something ("fixa", "rätta", "lösa"), none to explain."""
    cues = [fold(h.cue.text) for h in analysis.hits if h.cue.label == Intent.EXPLAIN]
    return bool(cues) and all(cue.startswith(FIXING) for cue in cues)


def _page_words(analysis: Analysis) -> bool:
    """The line counts pages ("sidor", "page limit"), not only length."""
    return any(h.cue.label == Intent.PAGES and fold(h.cue.text).startswith(PAGE_WORDS) for h in analysis.hits)


PAGE_WORDS = ("sid", "page")


def _too_long(analysis: Analysis) -> bool:
    """A shortening cue about length ("för lång", "för =långt", "too long")."""
    return any(
        h.cue.label == Intent.SHORTEN and "long" in fold(h.cue.text).replace("lang", "long") for h in analysis.hits
    )


def _budget_words(analysis: Analysis, form: Form | None) -> float:
    """The form's budget categories ("Personal", "Lokaler") and a year speak of the budget."""
    score = 0.0
    if form is not None:
        names = (*form.budget.categories, *form.budget.category_aliases)
        score += CATEGORY_WEIGHT * len(category_cues(names, CATEGORY_WEIGHT).hits(analysis.tokens))
    if any(YEAR_RE.fullmatch(token.folded) for token in analysis.tokens):
        score += YEAR_WEIGHT
    return score


def _direction(analysis: Analysis) -> str | None:
    ways = [hit.cue.label for hit in sorted(analysis.directions, key=lambda h: h.start)]
    if not ways:
        return None
    counts = Counter(ways)
    return ways[0] if counts["next"] == counts["prev"] else counts.most_common(1)[0][0]


def _topic(analysis: Analysis, section: str | None) -> str:
    """The words of an examples question that are neither the assistant's nor a heading's:
    "visa exempel på motiverande samtal" -> "motiverande samtal"."""
    words = lexicon()
    taken = analysis.cue_positions | analysis.alias_positions | analysis.generic
    kept = [
        token.raw
        for i, token in enumerate(analysis.tokens)
        if i not in taken and not analysis.neutral(i, words) and len(token.folded) > 1
    ]
    return " ".join(kept)


def _confidence(score: float, margin: float) -> float:
    strength = min(1.0, score / SURE_SCORE)
    lead = min(1.0, margin / SURE_MARGIN)
    return round(strength * (0.5 + 0.5 * lead), 2)


def _unsure(score: float) -> float:
    """How sure the assistant is that it does NOT know: nothing matched is plainly unknown."""
    return round(1.0 - score / MIN_SCORE, 2)
