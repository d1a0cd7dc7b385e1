"""Swedish text as search terms: tokens, stopwords, Snowball stems, abbreviations and compounds.

Shared by the index (what a passage is filed under) and the suggestions (what a query asks for),
so both sides always normalise the same way. Measured facts behind the choices are in
docs/design/retrieval.md: stemming lifts recall, compounds need sub-word matching,
common abbreviations (AF, FK, SE …) must meet their spelled-out forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Set
from functools import lru_cache

import snowballstemmer

# Abbreviation -> what it stands for. Both sides are rewritten to the long form, so "AF" in a query
# meets "Arbetsförmedlingen" in a passage and the other way round.
ABBREVIATIONS: dict[str, str] = {
    "af": "arbetsförmedlingen",
    "fk": "försäkringskassan",
    "se": "supported employment",
    "cm": "case management",
    "lss": "lagen om stöd och service till vissa funktionshindrade",
    "sus": "sektorsövergripande uppföljningssystem",
    "fs": "förstärkt samarbete",
    "uma": "unga med aktivitetsersättning",
}
# Also ordinary Swedish words ("se" = see) or units: only expanded when written in capitals.
CAPITALS_ONLY = frozenset({"se", "cm", "fs"})

STOPWORDS = frozenset(
    [
        "och",
        "det",
        "att",
        "i",
        "en",
        "jag",
        "hon",
        "som",
        "han",
        "på",
        "den",
        "med",
        "var",
        "sig",
        "för",
        "så",
        "till",
        "är",
        "men",
        "ett",
        "om",
        "hade",
        "de",
        "av",
        "icke",
        "mig",
        "du",
        "henne",
        "då",
        "sin",
        "nu",
        "har",
        "inte",
        "hans",
        "honom",
        "skulle",
        "hennes",
        "där",
        "min",
        "man",
        "ej",
        "vid",
        "kunde",
        "något",
        "från",
        "ut",
        "när",
        "efter",
        "upp",
        "vi",
        "dem",
        "vara",
        "vad",
        "över",
        "än",
        "dig",
        "kan",
        "sina",
        "här",
        "ha",
        "mot",
        "alla",
        "under",
        "någon",
        "eller",
        "allt",
        "mycket",
        "sedan",
        "ju",
        "denna",
        "själv",
        "detta",
        "åt",
        "utan",
        "varit",
        "hur",
        "ingen",
        "mitt",
        "ni",
        "bli",
        "blev",
        "oss",
        "din",
        "dessa",
        "några",
        "deras",
        "blir",
        "mina",
        "samma",
        "vilken",
        "er",
        "sådan",
        "vår",
        "blivit",
        "dess",
        "inom",
        "mellan",
        "sådant",
        "varför",
        "varje",
        "vilka",
        "ditt",
        "vem",
        "vilket",
        "sitta",
        "sådana",
        "vart",
        "dina",
        "vars",
        "vårt",
        "våra",
        "ert",
        "era",
        "vilkas",
        "ska",
        "skall",
        "även",
        "också",
        "samt",
        "genom",
        "både",
        "bl",
        "ex",
        "t.ex",
        "etc",
        "kommer",
        "sätt",
        "få",
        "se",
        "mer",
        "mest",
        "fler",
        "flera",
        "andra",
        "annan",
        "annat",
        "enligt",
        "vilket",
        "dels",
        "redan",
        "just",
        "kunna",
        "ska",
        "vill",
        "skulle",
        "göra",
        "gör",
        "görs",
        "gjort",
        "gjorde",
        "del",
        "delen",
        "ha",
        "haft",
        "hos",
        "emot",
        "inför",
        "finns",
        "fanns",
        "där",
        "dvs",
        "osv",
        "m.m",
        "mm",
        "nr",
        "st",
        "ca",
        "cirka",
    ]
)

# Letters only: hyphenated compounds ("arbetsmarknads-") and digits split words apart.
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
# Case-sensitive alternatives (capitals, or lower case where that is not another word): an
# IGNORECASE scan was three times slower and this runs over every passage when indexing.
ABBREV_RE = re.compile(
    r"\b("
    + "|".join([a.upper() for a in ABBREVIATIONS] + [a for a in ABBREVIATIONS if a not in CAPITALS_ONLY])
    + r")\b"
)

MIN_PART = 4  # the shortest compound part worth matching ("plan", "stöd")
MIN_COMPOUND = 8  # words shorter than this are not split
GRAM = 4  # character n-gram length for compound-aware reranking

_stemmer = snowballstemmer.stemmer("swedish")


def fold(text: str) -> str:
    """NFC, lower case, soft hyphens and odd dashes gone."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return text.replace("–", " ").replace("—", " ").lower()


def expand_abbreviations(text: str) -> str:
    return ABBREV_RE.sub(lambda m: ABBREVIATIONS[m.group(1).lower()], text)


def words(text: str) -> list[str]:
    """Lower-case words, abbreviations spelled out, hyphenated compounds split."""
    return WORD_RE.findall(fold(expand_abbreviations(text)))


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Snowball's Swedish stem, remembered (a plain dict: indexing calls this millions of times)."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        found = _STEMS[word] = _stemmer.stemWord(word)
    return found


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stopwords, no single letters."""
    return [w for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def stems(text: str) -> list[str]:
    """The stems of the content words, in text order (duplicates kept)."""
    return stems_of(words(text))


def stems_of(all_words: list[str]) -> list[str]:
    get = _STEMS.get
    return [get(w) or stem(w) for w in all_words if len(w) > 1 and w not in STOPWORDS]


def split_compound(term: str, vocabulary: Set[str]) -> list[str]:
    """Known parts of a compound: "implementeringsplan" -> ["implementering", "plan"].

    A split is accepted only when both parts are themselves words of the library (the Swedish
    linking -s- is allowed), so rare words never shatter into noise, and neither part is a function
    word: "förebygga" is no "för" + "bygga", "överlämning" no "över" + "lämning".
    """
    if len(term) < MIN_COMPOUND:
        return []
    best: list[str] = []
    for cut in range(len(term) - MIN_PART, MIN_PART - 1, -1):
        head, tail = term[:cut], term[cut:]
        if tail not in vocabulary and stem(tail) not in vocabulary:
            continue
        tail = tail if tail in vocabulary else stem(tail)
        if tail in STOPWORDS:
            continue
        for candidate in (head, head[:-1] if head.endswith("s") else None):
            if not candidate or len(candidate) < MIN_PART or _function_word(candidate):
                continue
            if candidate in vocabulary or stem(candidate) in vocabulary:
                found = [candidate if candidate in vocabulary else stem(candidate), tail]
                if len(found[0]) + len(tail) > len("".join(best)):
                    best = found
                break
    return best


def expand_terms(
    terms: list[str], vocabulary: frozenset[str] | set[str], cache: dict[str, list[str]] | None = None
) -> list[str]:
    """The terms plus the known parts of each compound, so "plan för implementering" finds
    "implementeringsplan" and the other way round."""
    cache = {} if cache is None else cache
    out = list(terms)
    for term in set(terms):
        parts = cache.get(term)
        if parts is None:
            parts = cache[term] = split_compound(term, vocabulary)
        if parts:
            out += parts
    return out


def _function_word(word: str) -> bool:
    return word in STOPWORDS or stem(word) in STOPWORDS


@lru_cache(maxsize=200_000)
def term_grams(term: str, n: int = GRAM) -> frozenset[str]:
    """Character n-grams of a term, padded, so a compound shares grams with its parts."""
    padded = f" {term} "
    if len(padded) <= n:
        return frozenset((padded,))
    return frozenset(padded[i : i + n] for i in range(len(padded) - n + 1))


def grams(terms: Iterable[str]) -> set[str]:
    return set().union(*map(term_grams, terms))
