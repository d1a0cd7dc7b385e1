"""A key and a kind for each heading of a blank form: the key of the same heading in a form we
know (the shipped and the user's forms), else the canonical key a word of the title points to
("Projektets målgrupp" -> malgrupp), else a key made of the title."""

from __future__ import annotations

import re

from assistant.core.model.forms import Form
from assistant.core.model.headings import match_heading, normalise_heading, slug

KNOWN_SCORE = 92  # a heading of a known form, nearly word for word
# The first rule a title's label matches gives the key; the order settles overlaps
# ("Metoder för uppföljning" is uppföljning, not aktiviteter; "Målgrupp" is not "Mål").
KEY_WORDS: tuple[tuple[str, str], ...] = (
    ("underskrift", r"underskrift|signatur|namnteckning"),
    ("tidsplan", r"tidsplan|tidplan|projektperiod|tidsperiod|projekttid"),
    ("budget", r"budget|kostnad|finansiering"),
    ("uppfoljning", r"uppföljning|utvärdering"),
    ("malgrupp", r"målgrupp|deltagare"),
    ("kontaktuppgifter", r"kontakt|huvudman|sökande|projektägare"),
    ("implementering", r"implementering|överlämning|efter projekt"),
    ("bakgrund", r"bakgrund|problembeskrivning|behov"),
    ("presentation", r"sammanfattning|presentation|verksamhetsidé|beskrivning av (?:projektet|insatsen)"),
    ("mal", r"\bmål\b|effektmål|utfall|förväntade resultat"),
    ("organisering", r"organisering|organisation|bemanning|styrgrupp"),
    ("aktiviteter", r"aktivitet|genomförande|arbetssätt|metod"),
)
KIND_OF_KEY = {"kontaktuppgifter": "contacts", "tidsplan": "tidsplan", "budget": "budget", "underskrift": "signature"}


def label(title: str) -> str:
    """The label of a printed heading, without its question ("Syfte; ange syftet …" -> "Syfte")."""
    return re.split(r"[;:]", title, maxsplit=1)[0].strip() or title


def guess_key(title: str, known: list[Form], taken: set[str]) -> tuple[str, bool]:
    """(key, sure): sure when a known form has the heading, else guessed from a word of it."""
    for form in known:
        key, _ = match_heading(title, form, min_score=KNOWN_SCORE, exclude=taken)
        if key is not None:
            return key, True
    words = normalise_heading(label(title))
    for key, pattern in KEY_WORDS:
        if key not in taken and re.search(pattern, words):
            return key, False
    return _free(slug(label(title)), taken), False


def _free(key: str, taken: set[str]) -> str:
    if key not in taken:
        return key
    n = 2
    while f"{key}_{n}" in taken:
        n += 1
    return f"{key}_{n}"
