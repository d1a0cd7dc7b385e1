"""The field's own vocabulary (vocabulary.toml): its terms, each with the everyday words that mean it.

Writers say "jobbcoach" where the library says "arbetsspecialist", "sjukskrivna länge" where it says
"långtidssjukskrivna". Each concept of the file lists the field's terms and the everyday phrasings
for one thing; a passage that uses any of them is filed under the concept's token (in the index), and
a query that uses any of them may match that token, so the two meet even without a shared word.
The match is shown with the concept's name, so the writer sees why a passage came up.

Phrasings are compared as their content stems in a row (textnorm.stems), so inflections match and
stopwords in between do not matter. `generic` lists words that say little about what a passage is
about (gå, ny, tid …): they still count, at a lower weight.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.core.reuse.textnorm import stems

DATA = Path(__file__).with_name("vocabulary.toml")
TOKEN_PREFIX = "zv"  # concept tokens in the index: "zv" + id, letters only (a term no Swedish word is)


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    token: str


@dataclass(frozen=True)
class Hit:
    concept: Concept
    length: int  # words of the phrasing
    field_term: bool  # one of the field's own terms ("IPS"), not an everyday phrasing ("jobbcoach")


@dataclass(frozen=True)
class Vocabulary:
    concepts: tuple[Concept, ...]
    phrases: dict[str, tuple[tuple[tuple[str, ...], Concept], ...]]  # first stem -> (stems, concept)
    generic: frozenset[str]
    version: str  # changes when the file changes, so the index re-files passages
    field_terms: frozenset[tuple[tuple[str, ...], str]] = frozenset()  # (stems, concept id) of `terms`

    def find(self, text_stems: Sequence[str]) -> dict[int, list[Concept]]:
        """Position in `text_stems` -> the concepts whose phrasing covers that word."""
        return {position: [h.concept for h in hits] for position, hits in self.find_phrases(text_stems).items()}

    def find_phrases(self, text_stems: Sequence[str]) -> dict[int, list[Hit]]:
        """Position -> every phrasing that covers it (the longest first, one per concept)."""
        found: dict[int, list[Hit]] = {}
        for start, first in enumerate(text_stems):
            for phrase, concept in self.phrases.get(first, ()):
                if tuple(text_stems[start : start + len(phrase)]) == phrase:
                    hit = Hit(concept, len(phrase), (phrase, concept.id) in self.field_terms)
                    for position in range(start, start + len(phrase)):
                        hits = found.setdefault(position, [])
                        if all(h.concept != concept for h in hits):
                            hits.append(hit)
        return found

    def tokens(self, text_stems: Sequence[str]) -> list[str]:
        """The concept tokens a passage with these stems is filed under."""
        seen: dict[str, None] = {}
        for concepts in self.find(text_stems).values():
            for concept in concepts:
                seen[concept.token] = None
        return list(seen)

    def label(self, token: str) -> str:
        for concept in self.concepts:
            if concept.token == token:
                return concept.label
        return token


def _compile(data: dict[str, object], version: str) -> Vocabulary:
    concepts: list[Concept] = []
    phrases: dict[str, list[tuple[tuple[str, ...], Concept]]] = {}
    field_terms: set[tuple[tuple[str, ...], str]] = set()
    for item in data.get("concept", []):  # type: ignore[attr-defined]
        concept = Concept(item["id"], item.get("label", item["id"]), TOKEN_PREFIX + item["id"].replace("-", ""))
        concepts.append(concept)
        field_terms.update((tuple(stems(t)), concept.id) for t in item.get("terms", []) if stems(t))
        for phrase in [*item.get("terms", []), *item.get("everyday", [])]:
            key = tuple(stems(phrase))
            if key and (key, concept) not in phrases.get(key[0], []):
                phrases.setdefault(key[0], []).append((key, concept))
    generic = frozenset(s for word in data.get("generic", {}).get("words", []) for s in stems(word))  # type: ignore[attr-defined]
    return Vocabulary(
        tuple(concepts),
        {first: tuple(sorted(items, key=lambda p: -len(p[0]))) for first, items in phrases.items()},
        generic,
        version,
        frozenset(field_terms),
    )


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = DATA) -> Vocabulary:
    raw = path.read_bytes()
    import hashlib

    return _compile(tomllib.loads(raw.decode("utf-8")), hashlib.blake2b(raw, digest_size=6).hexdigest())


def empty_vocabulary() -> Vocabulary:
    return Vocabulary((), {}, frozenset(), "none")


def concept_ids(found: Iterable[Concept]) -> list[str]:
    return [c.id for c in found]
