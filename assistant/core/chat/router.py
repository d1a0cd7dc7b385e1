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
from enum import StrEnum
from functools import lru_cache
from typing import Any

from assistant.core.chat.analysis import Analysis, analyse
from assistant.core.chat.classify import Kind, classify, search_query
from assistant.core.chat.domain import foreign_words
from assistant.core.chat.lexicon import CueIndex, Lexicon, lexicon, make_cue
from assistant.core.chat.sections import best_section, mentions, section_by_guidance
from assistant.core.chat.text import fold, tokens
from assistant.core.model.forms import Form


class Intent(StrEnum):
    MISSING = "missing"
    PAGES = "pages"
    GUIDANCE = "guidance"
    BUDGET = "budget"
    EXAMPLES = "examples"
    NAVIGATE = "navigate"
    EXPLAIN = "explain"
    SHORTEN = "shorten"
    HELP = "help"
    SEARCH = "search"
    UNKNOWN = "unknown"


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
    elsewhere = _about_someone_else(best, analysis, form, scores) or _of_another_world(best, analysis, section)
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


def _about_someone_else(best: str, analysis: Analysis, form: Form | None, scores: dict[str, float]) -> bool:
    """A budget or page question, or one that only names a heading ("Hur många deltagare hade
    FRAM?"), about someone else's; the funder's own money or people ("Har förbundet pengar kvar?",
    "Vem är kontaktperson på förbundet?"); or how much or many others have ("Hur många sidor
    brukar andra ansökningar vara?": a figure, not an example); help with another program."""
    only_named = best == Intent.GUIDANCE and not any(h.cue.label == Intent.GUIDANCE for h in analysis.hits)
    if (best in (Intent.BUDGET, Intent.PAGES) or only_named) and _someone_elses(analysis, form):
        return True
    if best in (Intent.BUDGET, Intent.PAGES, Intent.MISSING, Intent.GUIDANCE) and _the_funders(analysis, best):
        return True
    if best == Intent.HELP and _other_software(analysis):
        return True
    counted = scores[Intent.BUDGET] > 0 or scores[Intent.PAGES] > 0
    return best == Intent.EXAMPLES and counted and _how_much(analysis)


def _other_software(analysis: Analysis) -> bool:
    """Help with a named thing the assistant's world does not know ("Hur ångrar jag ett mejl i
    Outlook?", "kortkommandon i Teams"): another program's help, not this one's."""
    strange = set(foreign_words(analysis))
    return any(i > 0 and t.raw[:1].isupper() and t.raw in strange for i, t in enumerate(analysis.tokens))


def _of_another_world(best: str, analysis: Analysis, section: str | None) -> bool:
    """However strongly worded, an error of something outside the assistant's world ("Vad är fel
    på min cykel?", "utropstecken i schack") is not the check's; one finding named ("felet om
    personnumret") is, whatever it is about. (Examples are left alone: an
    English topic is foreign to the Swedish forms and library, and yet the writer's.)"""
    if section is not None or analysis.here or best != Intent.EXPLAIN or analysis.check_positions:
        return False
    return not lexicon().finding.hits(analysis.tokens) and bool(foreign_words(analysis))


def _the_funders(analysis: Analysis, best: str) -> bool:
    """The funder owns what is asked of: "har förbundet …", "hos förbundet", "does the association
    have"; a guidance question only by a place ("på förbundet": "Vad har förbundet för krav?" asks
    what goes where), and never the form's cap or rules ("Vad har förbundet för tak?")."""
    words = lexicon()
    if words.rules.hits(analysis.tokens) or (best != Intent.GUIDANCE and _speaks_of_own(analysis, words)):
        return False
    line = analysis.tokens
    before = words.funder_before if best != Intent.GUIDANCE else PLACES
    for hit in words.funder.hits(line):
        previous = [t.folded for t in line[max(0, hit.start - 2) : hit.start]]
        if previous[-1:] == ["the"]:
            previous = previous[:-1]
        if previous and previous[-1] in before:
            return True
    return False


PLACES = frozenset({"hos", "pa", "at"})


HOW_MUCH = (("hur", "mycket"), ("hur", "manga"), ("how", "much"), ("how", "many"))


def _how_much(analysis: Analysis) -> bool:
    return tuple(t.folded for t in analysis.tokens[:2]) in HOW_MUCH


def _speaks_of_own(analysis: Analysis, words: Lexicon) -> bool:
    """The writer's own: "vi", "vår", "jag", "I"."""
    return any(
        t in words.pronoun or t in words.self_words or t.raw.lower() in words.own or t.raw == "I"
        for t in analysis.tokens
    )


def _someone_elses(analysis: Analysis, form: Form | None) -> bool:
    """The line asks about another's: a name the form and the assistant's lists do not use
    ("Malmö stads budget", "a train ticket to Lund"), anyone's ("en uppsats"), an owner of a bare
    "budget" ("kommunens budget", "Finsams budget") or one of lexicon.toml's others ("regeringen");
    not when it speaks of the writer's own ("vi", "vår", "I")."""
    words = lexicon()
    if _speaks_of_own(analysis, words):
        return False
    if words.others.hits(analysis.tokens) or _budget_owner(analysis, words):
        return True
    known = analysis.cue_positions | analysis.alias_positions | analysis.generic | analysis.check_positions
    if form is not None:
        names = (*form.budget.categories, *form.budget.category_aliases)
        known |= {i for hit in _category_cues(names).hits(analysis.tokens) for i in hit.span}
    own_names = _form_words(form.name, form.funder) if form is not None else frozenset()
    for i, token in enumerate(analysis.tokens):
        if i in known or analysis.neutral(i, words) or token.folded in own_names or token.folded in words.common:
            continue
        if i > 0 and token.raw[:1].isupper():
            return True  # a name of its own, not at the line's start
        if i > 0 and analysis.tokens[i - 1].raw.lower() in ARTICLES:
            return True  # "en uppsats", "ett maraton", "a typical novel": anyone's, not the draft
    return False


def _budget_owner(analysis: Analysis, words: Lexicon) -> bool:
    """Someone's bare "budget": "kommunens budget", "Skånes totala budget", "Vad har kommunen för
    budget?" ("årets budget", "projektets budget" are the writer's)."""
    line = analysis.tokens
    for i, token in enumerate(line):
        if i == 0 or i in analysis.generic or analysis.neutral(i, words):
            continue
        after = [t.folded for t in line[i + 1 : i + 3]]
        if line[i - 1].folded in HAS and after == ["for", "budget"]:
            return True
        genitive = len(token.folded) > 3 and token.folded.endswith("s") and not token.folded.startswith("ar")
        if genitive and "budget" in after and i not in analysis.alias_positions:
            return True
    return False


ARTICLES = frozenset({"en", "ett", "a", "an"})  # as typed: "än" is no article
HAS = frozenset({"har", "hade"})


@lru_cache(maxsize=16)
def _form_words(name: str, funder: str) -> frozenset[str]:
    """The words of the form's own name and funder ("FINSAM", "Malmö", "Samordningsförbundet")."""
    return frozenset(t.folded for t in tokens(f"{name} {funder}"))


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
        score += CATEGORY_WEIGHT * len(_category_cues(names).hits(analysis.tokens))
    if any(YEAR_RE.fullmatch(token.folded) for token in analysis.tokens):
        score += YEAR_WEIGHT
    return score


@lru_cache(maxsize=16)
def _category_cues(names: tuple[str, ...]) -> CueIndex:
    index = CueIndex()
    for name in names:
        index.add(make_cue("budget", name, CATEGORY_WEIGHT))
    return index


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
