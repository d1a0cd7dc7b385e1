"""Lines about someone else's: the rules by which a question that the words alone would answer
from the draft is the honest "I don't know" instead (router.py asks them of its best intent).

- another's budget, pages or facts: a name the form does not use ("Malmö stads budget", "Hur
  många deltagare hade FRAM?"), anyone's ("en uppsats"), an owner of a bare "budget"
  ("kommunens budget"), lexicon.toml's `others` ("regeringen");
- the funder's own affairs ("Har förbundet pengar kvar?"), not its cap or rules;
- how much or many others have ("Hur många sidor brukar andra ansökningar vara?");
- help with another program ("… i Outlook?") and an error of another world ("min cykel").
Never when the line speaks of the writer's own ("vi", "vår", "I").
"""

from __future__ import annotations

from functools import lru_cache

from assistant.core.chat.analysis import Analysis
from assistant.core.chat.domain import foreign_words
from assistant.core.chat.intents import Intent
from assistant.core.chat.lexicon import CueIndex, Lexicon, lexicon, make_cue
from assistant.core.chat.text import tokens
from assistant.core.model.forms import Form


def about_someone_else(best: str, analysis: Analysis, form: Form | None, scores: dict[str, float]) -> bool:
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


def of_another_world(best: str, analysis: Analysis, section: str | None) -> bool:
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
        known |= {i for hit in category_cues(names).hits(analysis.tokens) for i in hit.span}
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


@lru_cache(maxsize=16)
def category_cues(names: tuple[str, ...], weight: float = 0.0) -> CueIndex:
    """The form's budget categories ("Personal", "Lokaler") as cues of the budget."""
    index = CueIndex()
    for name in names:
        index.add(make_cue("budget", name, weight))
    return index
