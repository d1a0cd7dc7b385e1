"""The words of the assistant's world: what the forms and the built-in library of approved
applications speak of, plus the chat room's own word lists. A weakly matched question with a
word from outside it ("Hur många sidor har en roman?", "How much does a coffee cost?") is about
something else, and gets the honest answer instead of a confident wrong one."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.core.chat.analysis import Analysis
from assistant.core.chat.lexicon import Lexicon, lexicon, read_data
from assistant.core.chat.text import TOKEN_RE, fold, stem_folded
from assistant.core.model.forms import load_form, usable_forms
from assistant.core.storage import paths

MAX_LIBRARY_BYTES = 5_000_000  # the built-in library is ~100 kB; never read more than this


@lru_cache(maxsize=1)
def domain_stems() -> frozenset[str]:
    """Stems of every word in the shipped forms, the built-in library and the chat's data files
    (read once, ~50 ms, and only when a weak match needs it)."""
    texts = [_library_text(paths.builtin_library_dir())]
    for form in (load_form(form_id) for form_id in usable_forms()):
        texts += [form.name, form.funder, form.preamble]
        texts += [f"{h.title} {h.short} {h.guidance} {' '.join(h.aliases)}" for h in form.headings]
    for name in ("lexicon.toml", "sections.toml", "explanations.toml"):
        texts.append(str(read_data(name)))  # the word lists, "common" words included
    return frozenset(stem_folded(fold(m.group(0))) for text in texts for m in TOKEN_RE.finditer(text))


def _library_text(directory: Path) -> str:
    parts, size = [], 0
    for path in sorted(directory.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable library file only narrows the vocabulary
        size += len(text)
        if size > MAX_LIBRARY_BYTES:
            break
        parts.append(text)
    return "\n".join(parts)


def foreign_words(analysis: Analysis, words: Lexicon | None = None) -> list[str]:
    """The line's content words that neither the assistant's lists nor its world know."""
    words = words or lexicon()
    known = analysis.cue_positions | analysis.alias_positions | analysis.generic | analysis.check_positions
    candidates = [
        t
        for i, t in enumerate(analysis.tokens)
        if i not in known and not analysis.neutral(i, words) and len(t.folded) > 2
    ]
    rests = _wildcard_rests(analysis)
    if not candidates and not rests:
        return []
    vocabulary = domain_stems()
    strange = [raw for raw, rest in rests if not _known_part(rest, vocabulary)]
    return [t.raw for t in candidates if t.stem not in vocabulary and t.folded not in vocabulary] + strange


MIN_REST = 6  # "sidgräns|en", "readab|ility": an ending, not a word of its own


def _wildcard_rests(analysis: Analysis) -> list[tuple[str, str]]:
    """(word, the rest of it) for each word a cue met only through its "*" with a rest of a word's
    length: "budgetpropositionen" is "budget*" + "propositionen", which may be from another world."""
    rests = []
    for hit in analysis.hits:
        if hit.cue.weight <= 0:
            continue
        for n, pattern in enumerate(hit.cue.words):
            token = analysis.tokens[hit.start + n]
            if pattern.wildcard and pattern.text:
                rest = token.folded.replace(pattern.text, "", 1)
                if len(rest) >= MIN_REST:
                    rests.append((token.raw, rest))
    return rests


def _known_part(rest: str, vocabulary: frozenset[str]) -> bool:
    """A compound's other part is a word of the assistant's world (a linking "s" allowed)."""
    for part in {rest, rest.removeprefix("s"), rest.removesuffix("s")}:
        if part in vocabulary or stem_folded(part) in vocabulary:
            return True
    return any(stem_folded(rest[:cut]) in vocabulary for cut in range(MIN_REST, len(rest)))


def outside_the_world(text: str) -> bool:
    """Every content word of `text` (an examples topic) is foreign to the forms, the library and
    the chat's lists ("bra filmer", "semesterresmål"); an empty text is not."""
    words = lexicon()
    content = [m.group(0) for m in TOKEN_RE.finditer(text) if fold(m.group(0)) not in words.common]
    content = [w for w in content if len(w) > 2 and fold(w) not in words.filler]
    vocabulary = domain_stems()
    return bool(content) and all(fold(w) not in vocabulary and stem_folded(fold(w)) not in vocabulary for w in content)
