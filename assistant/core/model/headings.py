"""Aligning a heading as written (in a draft, an old application, a library file) to a form's key.

Numbering, case, punctuation and the question a form prints after its label are ignored;
rapidfuzz compares what is left with each heading's title, short label and aliases.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from assistant.core.model.forms import Form, Heading

NUMBER_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")
_TAG_RE = re.compile(r"<[^>]{0,200}>")
_TRAILING = ":;.,…"
_LABEL_RE = re.compile(r"[;:]")
_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
MIN_SCORE = 86
LONG_NAME = 30  # a printed question this long may be quoted in full or nearly so
_CACHE_SIZE = 16_384  # distinct heading texts remembered (a draft repeats its headings)


def normalise_heading(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    text = NUMBER_RE.sub("", text)
    text = text.replace("*", "").replace("_", " ")
    return " ".join(_without_trailing_punctuation(text).lower().split())


def _without_trailing_punctuation(text: str) -> str:
    """`text` without the spaces and : ; . , … at its end (a loop: a `[…]+$` regex is tried at
    every position of the text)."""
    end = len(text)
    while end and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def _label(text: str) -> str:
    """The label before the form's question: "Syfte; ange syftet …" -> "syfte"."""
    return _LABEL_RE.split(text, maxsplit=1)[0].strip()


@functools.lru_cache(maxsize=1024)
def heading_names(heading: Heading) -> tuple[str, ...]:
    """The heading's title, display text, aliases and short label, normalised (once per heading)."""
    names = [heading.title, heading.display, *heading.aliases]
    if heading.short:
        names.append(heading.short)
    return tuple(normalise_heading(n) for n in names if n.strip())


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _written(text: str) -> tuple[str, str]:
    """(the heading as written, its label before a question), normalised."""
    candidate = normalise_heading(text)
    return candidate, normalise_heading(_label(text)) if _LABEL_RE.search(text) else candidate


def score_heading(text: str, heading: Heading) -> float:
    candidate, label = _written(text)
    if not candidate:
        return 0.0
    return _score(candidate, label, heading_names(heading))


def _score(candidate: str, label: str, names: tuple[str, ...]) -> float:
    best = 0.0
    for name in names:
        score = fuzz.ratio(candidate, name)
        if label and label != candidate:
            score = max(score, fuzz.ratio(label, name) - 2)
        if len(name) > LONG_NAME and len(candidate) > LONG_NAME:
            score = max(score, fuzz.ratio(candidate[: len(name)], name))
        best = max(best, score)
    return best


def match_heading(
    text: str, form: Form, *, min_score: float = MIN_SCORE, exclude: set[str] | None = None
) -> tuple[str | None, float]:
    """The key of the form heading `text` means, with its score; (None, 0.0) below `min_score`.

    Linear in the number of headings a draft has, at a few microseconds each: the form's names
    are normalised once (`names_of`), compared in one C loop with a cut-off at `min_score`, and a
    heading seen before (once normalised: "3. Bakgrund" is "bakgrund") is answered from a cache."""
    candidate, label = _written(text)
    return _match(candidate, label, names_of(form.headings), min_score, frozenset(exclude or ()))


@dataclass(frozen=True, eq=False)
class FormNames:
    """A form's headings' names, normalised, flattened for rapidfuzz: `owner[i]` is the index in
    `keys` of the heading `names[i]` belongs to; `long` lists the names a quoted question may match."""

    keys: tuple[str, ...]
    names: tuple[str, ...]
    owner: tuple[int, ...]
    long: tuple[int, ...]


_NAMES: dict[int, tuple[tuple[Heading, ...], FormNames]] = {}
_MAX_FORMS = 64


def names_of(headings: tuple[Heading, ...]) -> FormNames:
    """The names of a form's headings, normalised once per form (kept for the last few forms)."""
    cached = _NAMES.get(id(headings))
    if cached is not None and cached[0] is headings:
        return cached[1]
    keys, names, owner = [], [], []
    for index, heading in enumerate(headings):
        keys.append(heading.key)
        for name in heading_names(heading):
            names.append(name)
            owner.append(index)
    long = tuple(i for i, name in enumerate(names) if len(name) > LONG_NAME)
    result = FormNames(tuple(keys), tuple(names), tuple(owner), long)
    if len(_NAMES) >= _MAX_FORMS:
        _NAMES.clear()
    _NAMES[id(headings)] = (headings, result)  # holding `headings` keeps its id from being reused
    return result


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _match(
    candidate: str, label: str, form: FormNames, min_score: float, exclude: frozenset[str]
) -> tuple[str | None, float]:
    if not candidate:
        return None, 0.0
    has_label = bool(label) and label != candidate
    long = form.long if len(candidate) > LONG_NAME else ()
    if (
        not long
        and not _near(candidate, form.names, min_score)
        and not (has_label and _near(label, form.names, min_score + 2))
    ):
        return None, 0.0  # most headings no form knows: one quick pass that finds nothing near
    scores = [0.0] * len(form.keys)
    for _name, score, i in process.extract(
        candidate, form.names, scorer=fuzz.ratio, limit=None, score_cutoff=min_score
    ):
        scores[form.owner[i]] = max(scores[form.owner[i]], score)
    if has_label:
        found = process.extract(label, form.names, scorer=fuzz.ratio, limit=None, score_cutoff=min_score + 2)
        for _name, score, i in found:
            scores[form.owner[i]] = max(scores[form.owner[i]], score - 2)
    for i in long:
        name = form.names[i]
        scores[form.owner[i]] = max(scores[form.owner[i]], fuzz.ratio(candidate[: len(name)], name))
    best_key, best = None, 0.0
    for key, score in zip(form.keys, scores, strict=True):
        if key not in exclude and score > best:
            best_key, best = key, score
    if best < min_score:
        return None, 0.0
    return best_key, best


def _near(text: str, names: tuple[str, ...], cutoff: float) -> bool:
    return process.extractOne(text, names, scorer=fuzz.ratio, score_cutoff=cutoff) is not None


def slug(text: str) -> str:
    """A key for a heading no form knows: "Annat av vikt" -> "annat_av_vikt"."""
    text = _written(text)[0]  # just normalised by match_heading, most likely
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NOT_SLUG_RE.sub("_", text).strip("_")
    if not text or not text[0].isalpha():
        text = "avsnitt_" + text
    return text[:48].rstrip("_")
