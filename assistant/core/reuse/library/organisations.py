"""The organisations a reused text names that may be the source project's own, so the draft can
ask about each one it carried over.

Lund's application started from Malmö's still says "Komvux Södervärn", "Lärvux", "Sociala
resursnämnden" and "Arbetsmarknad, gymnasie- och vuxenutbildningsförvaltningen": Malmö's units. An
organisation here is (organisations.toml says which words):

- a unit of a municipality or a region: a word ending in -förvaltningen, -nämnden, -enheten … with
  what belongs to its name before it ("Vård- och omsorgsförvaltningen", "Sociala resursnämnden");
- a unit named by what it does ("enheten för arbetsmarknad", "Avdelningen för arbete och välfärd");
- a school, a house or a clinic of its own ("Södervärnsskolan", "Växthuset", "Komvux Södervärn");
- a region ("Region Skåne"), unless the draft's municipality lies in its county;
- one the caller knows, wherever it stands: the organisations the source's contact block names
  (`contact_organisations`: "Komvux Södervärn/Lärvux").

Never one that every project shares: a national agency, a unit every municipality has under that
name ("socialförvaltningen"), or a bare "Komvux". Places ("Malmö stad") are places.py's; a span
that holds a place or a person is left to those questions, so no span is asked about twice."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("organisations.toml")
PLACES = Path(__file__).with_name("places.toml")
LETTER = r"[^\W\d_]"
UPPER = r"[A-ZÅÄÖÉÜ]"
JOINERS = frozenset({"och", "i", "för", "&", "av", "med", "samt"})


@dataclass(frozen=True)
class Bodies:
    national: frozenset[str]  # lower case, as every comparison here
    generic: frozenset[str]
    unit_endings: tuple[str, ...]
    named_endings: tuple[str, ...]
    named_for: tuple[str, ...]
    schools: tuple[str, ...]
    labels: frozenset[str]
    not_adjectives: frozenset[str]
    regions: dict[str, str]  # region (lower case) -> the county it serves


@lru_cache(maxsize=1)
def bodies() -> Bodies:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))

    def lower(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    return Bodies(
        national=lower("national"),
        generic=lower("generic"),
        unit_endings=tuple(data["unit_endings"]),
        named_endings=tuple(data["named_endings"]),
        named_for=tuple(data["named_for"]),
        schools=tuple(data["schools"]),
        labels=lower("labels"),
        not_adjectives=lower("not_adjectives"),
        regions={str(k).lower(): str(v) for k, v in data["regions"].items()},
    )


@lru_cache(maxsize=1)
def counties() -> dict[str, frozenset[str]]:
    """Each county's municipalities, as places.toml lists them under a comment with its name."""
    found: dict[str, set[str]] = {}
    county = ""
    for line in PLACES.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("# ") and stripped.endswith(" län"):
            county = stripped[2:]
        elif county and stripped == "]":
            break  # the municipalities' list ends; the next list is not by county
        elif county:
            found.setdefault(county, set()).update(re.findall(r'"([^"]+)"', stripped))
    return {name: frozenset(places) for name, places in found.items()}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    b = bodies()
    # "Arbetsmarknad, gymnasie- och " before a unit: parts of one name, none a noun's definite form
    # (in "Försäkringskassan, arbetsmarknads- och socialförvaltningen" the first is its own body).
    # At most three such parts: unbounded, a long comma-separated list took time with its square.
    listed = rf"(?:(?:{LETTER}+(?<!en)(?<!an)(?<!et)(?<!na), ){{0,3}}{LETTER}+-[ ](?:och|&|samt)[ ])"
    adjective = rf"(?:{UPPER}{LETTER}{{3,}}a[ ](?=[a-zåäö]))"  # "Sociala resursnämnden"
    unit = rf"(?<![\w\-])({adjective}?{listed}?{LETTER}{{3,}}?(?:{_alternatives(b.unit_endings)}))s?(?![\w\-])"
    named = rf"(?<![\w\-])({UPPER}{LETTER}{{2,}}?(?:{_alternatives(b.named_endings)}))s?(?![\w\-])"
    school = rf"(?<![\w\-])((?:{_alternatives(b.schools)})(?:[ ]{UPPER}{LETTER}+){{1,3}})(?![\w\-])"
    # "enheten för arbetsmarknad", "Enheten för planering- och verksamhetsstöd": a word after "för"
    # (not "att" or a pronoun), and one more joined by "och" (a third word would be the sentence's).
    heads = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in b.named_for)
    word = rf"(?!(?:att|de|den|det|dem|dessa|deras|oss|er|sig|alla)(?!{LETTER})){LETTER}{{3,}}"
    named_for = rf"(?<![\w\-])((?:{heads})[ ]för[ ]{word}(?:-?[ ](?:och|&|samt)[ ]{word})?)(?![\w\-])"
    region = (
        rf"(?<![\w\-])(Region[ ]{UPPER}{LETTER}+(?:[ ](?:län|{UPPER}{LETTER}+))?|Västra Götalandsregionen)(?![\w\-])"
    )
    return tuple(re.compile(p) for p in (unit, named, school, region, named_for))


def organisations_named(
    text: str, *, known: Iterable[str] = (), home: str = "", avoid: Iterable[str] = ()
) -> list[str]:
    """The organisations of `text` that may be the source's own, each once (case aside) in the
    order they first stand, as first written; `known` ones count wherever they stand. `home` is the
    draft's municipality (a region of its county is its own); no organisation is read where one of
    `avoid` (the people and places found) stands."""
    if not text:
        return []
    taken = bytearray(len(text))  # 1 where a person, a place or an earlier organisation stands
    for a, b in _spans_of(text, avoid):
        taken[a:b] = b"\x01" * (b - a)
    spans: list[tuple[int, int, str]] = []
    for pattern in (*_patterns(), _known_re(frozenset(k.strip() for k in known if len(k.strip()) >= 3))):
        if pattern is None:
            continue
        for m in pattern.finditer(text):
            name = _without_genitive(_without_adjective(m.group(1)))
            spans.append((m.end(1) - len(name), m.end(1), name))
    found: dict[str, str] = {}  # lower case -> as first written
    for start, end, name in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        if name.lower() not in found and not _shared(name, home):
            found[name.lower()] = name
    return list(found.values())


def _without_adjective(name: str) -> str:
    """A word that only counts or points is not part of a unit's name ("Samtliga nämnden")."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.lower() in bodies().not_adjectives else name


def _without_genitive(name: str) -> str:
    """A region in the genitive is the region ("Region Skånes psykiatri"); a unit's -s is outside
    its match already."""
    regions = bodies().regions
    return name[:-1] if name.endswith("s") and name.lower() not in regions and name[:-1].lower() in regions else name


@lru_cache(maxsize=64)
def _known_re(names: frozenset[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    return re.compile(rf"(?<![\w\-])({_alternatives(names)})s?(?![\w\-])")


def _shared(name: str, home: str) -> bool:
    """Every project's: a national body, a unit every municipality has, the home county's region."""
    b = bodies()
    lower = name.lower()
    if lower in b.national or lower in b.generic or lower.rstrip("s") in b.national:
        return True
    county = b.regions.get(lower) or b.regions.get(" ".join(lower.split()[:2]))
    if county is not None or lower.startswith("region "):
        return not home.strip() or home.strip() in counties().get(county or "", frozenset())
    return False


def contact_organisations(block: str) -> list[str]:
    """The organisations a contact block names on lines of their own ("Komvux Södervärn/Lärvux",
    "Funktionsstödsförvaltningen, Malmö stad" gives "Funktionsstödsförvaltningen"): no person, no
    label ("Projektägare"), no place, no e-mail address or phone number on the line."""
    from assistant.core.reuse.library.names import cues, find_people

    people = {p.lower() for p in find_people(block)}
    labels = bodies().labels | cues().roles
    found: list[str] = []
    for line in block.splitlines():
        line = line.strip().strip("*#:–- \t")
        if not line or "@" in line or "\t" in line or re.search(r"\d", line):
            continue
        for part in re.split(r"\s*[/,;:]\s*", line):
            words = part.split()
            if not 1 <= len(words) <= 6 or part.isupper() or part.lower() in labels or part.lower() in people:
                continue
            if all(w[:1].isupper() or w in JOINERS for w in words) and words[0][:1].isupper():
                found.append(part)
    return list(dict.fromkeys(found))


def _spans_of(text: str, names: Iterable[str]) -> list[tuple[int, int]]:
    spans = []
    for name in {n.strip() for n in names if n.strip()}:
        spans += [(m.start(), m.end()) for m in re.finditer(rf"(?<![\w\-]){re.escape(name)}s?(?![\w\-])", text)]
    return spans
