"""People's names found in running text, tables and signature blocks, so the import can redact them.

A first-name list from a package (gender-guesser's nam_dict.txt by Jörg Michael: about 48,000 first
names with their frequency in each European country, Sweden's neighbours and the countries most
Swedes of foreign origin come from) is combined with context cues and guards (names.toml):

- a known first name followed by one to three surname-like capitalised words ("Anna Svensson",
  "Eva Nowak-Lind", "Lars Ahlström de Verdier") is a person;
- after a role or a title ("projektledare X", "Kontaktperson: X", "rektor X") or before one
  ("X, enhetschef") any capitalised name is a person, known first name or not;
- the name cells of a table row or a contact line that holds an e-mail address or a phone number;
- a name found once is redacted everywhere it stands again, also its parts alone ("Hanna" later on),
  unless that part is a place or an organisation the text names elsewhere ("i Lund", "Lunds kommun");
- guards: a sequence that ends in an organisation word ("Malmö stad", "Region Skåne") or a word
  with an organisation ending ("Arbetsförmedlingen") is never a person, and a first name that is also
  a common word ("Björn", "Sten", "Per") counts only in a name context.

The package's code is not imported: only its data file is read (its licence is the GFDL; the
generator code is GPL), so no GPL code runs in this MIT program. Without the package the context
cues still work and the list is empty.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("names.toml")
NAME_LIST_PACKAGE = "gender_guesser"
NAME_LIST_FILE = "data/nam_dict.txt"
COUNTRY_COLUMN = 30  # the frequency columns of nam_dict.txt start here, one character a country

# A capitalised word of any alphabet's letters ("Petrović", "Nowak"); all-capital words ("ESF") are
# acronyms, filtered out where a candidate is read.
WORD = r"[A-ZÅÄÖÉÜØÆÇČŠŽŁÓÚÍÁ][^\W\d_]+"
CAPITALISED = rf"{WORD}(?:-{WORD})*"


@dataclass(frozen=True)
class Cues:
    roles: frozenset[str]
    organisation_words: frozenset[str]
    organisation_endings: tuple[str, ...]
    particles: frozenset[str]
    common_words: frozenset[str]
    not_surnames: frozenset[str]


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return Cues(
        roles=frozenset(data["roles"]),
        organisation_words=frozenset(data["organisation_words"]),
        organisation_endings=tuple(data["organisation_endings"]),
        particles=frozenset(data["particles"]),
        common_words=frozenset(data["common_words"]),
        not_surnames=frozenset(data["not_surnames"]),
    )


def name_list_file() -> Path | None:
    """The package's data file, found without importing the package's code."""
    spec = importlib.util.find_spec(NAME_LIST_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / NAME_LIST_FILE
    return path if path.is_file() else None


SWEDEN = 18  # the country's place among the frequency columns (gender-guesser's own order)


@lru_cache(maxsize=1)
def _name_list() -> tuple[frozenset[str], frozenset[str]]:
    """(every first name with a frequency in at least one country, those with one in Sweden)."""
    path = name_list_file()
    if path is None:
        return frozenset(), frozenset()
    names: set[str] = set()
    swedish: set[str] = set()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line[:1] in "#=" or len(line) <= COUNTRY_COLUMN:
                continue
            columns = line[COUNTRY_COLUMN:].rstrip("\n$")
            if not columns.strip():
                continue
            name = line[3 : COUNTRY_COLUMN - 1].strip()
            forms = {name.replace("+", ""), name.replace("+", "-"), *name.split("+")}
            forms = {f.lower() for f in forms if f and " " not in f}
            names |= forms
            if columns[SWEDEN : SWEDEN + 1].strip():
                swedish |= forms
    return frozenset(names), frozenset(swedish)


def first_names() -> frozenset[str]:
    return _name_list()[0]


@lru_cache(maxsize=65536)  # words repeat: a text has few distinct ones
def is_first_name(word: str) -> bool:
    return all(part.lower() in first_names() for part in word.split("-"))


def is_swedish_first_name(word: str) -> bool:
    return all(part.lower() in _name_list()[1] for part in word.split("-"))


@lru_cache(maxsize=65536)  # words repeat: a text has few distinct ones
def is_organisation_word(word: str) -> bool:
    lower = word.lower()
    c = cues()
    return lower in c.organisation_words or any(lower.endswith(e) and lower != e for e in c.organisation_endings)


@lru_cache(maxsize=65536)  # words repeat: a text has few distinct ones
def _surname_like(word: str) -> bool:
    c = cues()
    return (
        re.fullmatch(CAPITALISED, word) is not None
        and not word.isupper()
        and word.lower() not in c.not_surnames
        and not is_organisation_word(word)
    )


# A candidate: a capitalised word, then up to three more capitalised words or particle + word.
CANDIDATE_RE = re.compile(
    rf"(?<![\w\-])({CAPITALISED})((?:[ \u00a0](?:(?:von|af|de|van|der|den|da|di|del|la|le|al|el|bin|ibn|ben) )*"
    rf"{CAPITALISED}){{0,3}})(?![\w\-])"
)


def _trim(words: list[str]) -> list[str]:
    """The words of a candidate up to the first that cannot be part of a person's name."""
    out: list[str] = []
    for word in words:
        if word.lower() in cues().particles:
            out.append(word)
            continue
        if not _surname_like(word):
            break
        out.append(word)
    while out and out[-1].lower() in cues().particles:
        out.pop()
    return out


def _role_before(text: str, start: int) -> bool:
    """A role or title right before `start`: "projektledare ", "Kontaktperson: ", "rektor "."""
    before = text[max(0, start - 60) : start].lower()
    if not re.search(r"[ \u00a0:]$", before):  # a tab before it: a table's cell, not "role name"
        return False
    before = before.rstrip(" :\u00a0–-")
    if before.endswith((" är", " var")):  # "projektledare är Anna"
        before = before.rsplit(" ", 1)[0]
    return _roles_re()[0].search(before) is not None


def _role_after(text: str, end: int) -> bool:
    """A role right after `end`: "Anna Svensson, enhetschef", "Anna Svensson (projektledare)"."""
    after = text[end : end + 60].lower()
    m = re.match(r"\s*[,(–-]\s*(?:\w+ )?([a-zåäö. -]+)", after)
    if not m:
        return False
    tail = m.group(1)
    return _roles_re()[1].match(tail) is not None


@lru_cache(maxsize=1)
def _roles_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A role ending a text, and a role starting one, each a whole word (one regex: a long text has
    one candidate every few words, so a loop over the roles for each was most of the time)."""
    roles = "|".join(re.escape(r) for r in sorted(cues().roles, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{roles})\Z"), re.compile(rf"(?:{roles})(?![^\W\d_])")


CONTACT_REACH = 200


def _contact_line(text: str, start: int) -> bool:
    """The line holds an e-mail address or a phone number (or their markers): a contact row.
    Only CONTACT_REACH characters either side count: a contact row is short, and a text of one
    long line (a pasted file without line breaks) was otherwise read whole for every candidate
    (time growing with the square of its length: 300 kB took 8 s)."""
    line_start = max(text.rfind("\n", max(0, start - CONTACT_REACH), start) + 1, start - CONTACT_REACH)
    line_end = text.find("\n", start, start + CONTACT_REACH)
    line = text[line_start : line_end if line_end >= 0 else start + CONTACT_REACH]
    return (
        "@" in line
        or "[e-post]" in line
        or "[telefon]" in line
        or re.search(r"\d{2,4}[ -]\d{2,3} ?\d{2}", line) is not None
    )


def places_in(text: str) -> set[str]:
    """Words the text uses as a place or an organisation: "i Lund", "Lunds kommun", "Region Skåne"."""
    found = set(re.findall(rf"\b(?:i|från|till|inom|utanför|Region)[ \u00a0]({CAPITALISED})", text))
    for m in re.finditer(rf"({CAPITALISED})[ \u00a0](\w+)", text):
        if m.group(2).lower() in cues().organisation_words:
            found.add(re.sub(r"s$", "", m.group(1)))
            found.add(m.group(1))
    return found


def find_people(text: str, known: Iterable[str] = ()) -> list[str]:
    """The names of people in `text` (each as written, longest first), with `known` ones added."""
    people: set[str] = {k.strip() for k in known if k.strip()}
    places = places_in(text)
    for m in CANDIDATE_RE.finditer(text):
        words = [w for w in re.split(r"[ \u00a0]", m.group(0)) if w]
        offsets = [m.start() + o.start() for o in re.finditer(r"[^ \u00a0]+", m.group(0))]
        found = _person_in_run(text, words, offsets, places)
        if found:
            people.add(found)
    return sorted(people, key=lambda n: (-len(n), n))


def _person_in_run(text: str, words: list[str], offsets: list[int], places: set[str]) -> str | None:
    """The person a run of capitalised words names, if any: from its first known first name (a
    leading "Projektledare" or "Deltagare" is not part of it), else from its start when a role,
    a contact line or the layout says a person stands there."""
    c = cues()
    starts = [i for i, w in enumerate(words) if is_first_name(w) and not w.isupper()]
    at = starts[0] if starts else 0
    first, rest = words[at], _trim(words[at + 1 :])
    if first.isupper() or is_organisation_word(first) or first.lower() in c.not_surnames:
        return None
    if (rest and is_organisation_word(rest[-1])) or _quoted(text, offsets[at]):
        return None
    end = offsets[at] + len(" ".join([first, *rest]))
    cued = _role_before(text, offsets[at]) or _role_after(text, end)
    if rest and (starts or cued or _contact_line(text, offsets[at])):
        return " ".join([first, *rest])
    if rest or first.lower() in c.common_words or first in places:
        return None
    if cued or (starts and is_swedish_first_name(first) and _inside_sentence(text, offsets[at])):
        return first
    return None


def _quoted(text: str, start: int) -> bool:
    """A quoted run ("Vision Jobb", »Make it work«) is a title, not a person."""
    return text[start - 1 : start] in {'"', "”", "“", "»", "'", "’"}


def _inside_sentence(text: str, start: int) -> bool:
    """The word before `start` is a lower-case word: not a sentence's, a line's or a list's start."""
    before = text[max(0, start - 30) : start]
    return re.search(r"[a-zåäöé] $", before) is not None


def name_parts(people: Iterable[str], places: set[str]) -> list[str]:
    """Each part of a found name that may stand alone later ("Hanna", "Lilja"), but no place."""
    parts: set[str] = set()
    particles = cues().particles
    for name in people:
        for part in name.split():
            if part.lower() in particles or part in places or len(part) < 3:
                continue
            parts.add(part)
    return sorted(parts, key=lambda n: (-len(n), n))


def name_spans(text: str, known: Iterable[str] = ()) -> list[tuple[int, int]]:
    """(start, end) of every person's name in `text`, in order, not overlapping.

    A scan over the text's words with the names in a table by first word, not one regex of every
    name: that regex grew with the names a long text holds, so redacting grew with the square of
    the text's length (2 MB of names took minutes)."""
    people = find_people(text, known)
    if not people:
        return []
    places = places_in(text)
    wholes = [p for p in people if " " in p or p not in places]
    by_first: dict[str, list[list[str]]] = {}
    for name in dict.fromkeys([*wholes, *name_parts(people, places)]):
        words = name.split(" ")
        by_first.setdefault(words[0], []).append(words)
    for candidates in by_first.values():
        candidates.sort(key=len, reverse=True)  # the longest name first, as the regex preferred
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        width = _match_at(text, tokens, i, by_first.get(tokens[i][2], []))
        if width:
            spans.append((tokens[i][0], tokens[i + width - 1][1]))
            i += width
        else:
            i += 1
    return spans


_TOKEN_RE = re.compile(r"[\w\-]+")


def _match_at(text: str, tokens: list[tuple[int, int, str]], i: int, candidates: list[list[str]]) -> int:
    """How many tokens from `i` on the longest candidate covers (words one space apart), or 0."""
    for words in candidates:
        if i + len(words) > len(tokens):
            continue
        if all(
            tokens[i + k][2] == word and (k == 0 or text[tokens[i + k - 1][1] : tokens[i + k][0]] == " ")
            for k, word in enumerate(words)
        ):
            return len(words)
    return 0
