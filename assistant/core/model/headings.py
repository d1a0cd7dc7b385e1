"""Aligning a heading as written (in a draft, an old application, a library file) to a form's key.

Numbering, case, punctuation and the question a form prints after its label are ignored;
rapidfuzz compares what is left with each heading's title, short label and aliases.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from assistant.core.model.forms import Form, Heading

NUMBER_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*")
MIN_SCORE = 86


def normalise_heading(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = NUMBER_RE.sub("", text)
    text = text.replace("*", "").replace("_", " ")
    text = re.sub(r"[\s:;.,…]+$", "", text.strip())
    return " ".join(text.lower().split())


def _label(text: str) -> str:
    """The label before the form's question: "Syfte; ange syftet …" -> "syfte"."""
    return re.split(r"[;:]", text, maxsplit=1)[0].strip()


def heading_names(heading: Heading) -> list[str]:
    names = [heading.title, heading.display, *heading.aliases]
    if heading.short:
        names.append(heading.short)
    return [normalise_heading(n) for n in names if n.strip()]


def score_heading(text: str, heading: Heading) -> float:
    candidate = normalise_heading(text)
    if not candidate:
        return 0.0
    best = 0.0
    label = normalise_heading(_label(text))
    for name in heading_names(heading):
        score = fuzz.ratio(candidate, name)
        if label and label != candidate:
            score = max(score, fuzz.ratio(label, name) - 2)
        # A long printed question quoted in full or nearly so.
        if len(name) > 30 and len(candidate) > 30:
            score = max(score, fuzz.ratio(candidate[: len(name)], name))
        best = max(best, score)
    return best


def match_heading(
    text: str, form: Form, *, min_score: float = MIN_SCORE, exclude: set[str] | None = None
) -> tuple[str | None, float]:
    """The key of the form heading `text` means, with its score; (None, best) below `min_score`."""
    best_key, best = None, 0.0
    for heading in form.headings:
        if exclude and heading.key in exclude:
            continue
        score = score_heading(text, heading)
        if score > best:
            best_key, best = heading.key, score
    if best < min_score:
        return None, best
    return best_key, best


def slug(text: str) -> str:
    """A key for a heading no form knows: "Annat av vikt" -> "annat_av_vikt"."""
    text = unicodedata.normalize("NFKD", normalise_heading(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    if not text or not text[0].isalpha():
        text = "avsnitt_" + text
    return text[:48].rstrip("_")
