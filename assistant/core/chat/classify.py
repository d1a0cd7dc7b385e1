"""Is the chat line a question (or a request) for the assistant, or a search in the library?

The rule, as the writer is told it (help answer, docs/chat.md) and shown in the line while typing:

    A line is a QUESTION when it ends with "?", or its first word asks or asks for something
    ("vad", "hur", "vilka" … "visa", "gå", "förklara" … "jag", "vi"; a verb with its subject:
    "har jag", "finns det", "stämmer budgeten"), or it speaks to the assistant or of the writer
    ("… jag …", "… du …") or is a sentence of nine words or more, or every word in it is one
    of the assistant's own words or a heading ("sidantal", "budgetstatus", "LIX", "hjälp", "kvar
    att göra", "nästa rubrik", "korta bakgrunden"). A line starting with "/" is a COMMAND.
    Anything else – words about a topic, like "samverkan psykiatrin IPS" or "öppna
    arbetsmarknaden" – is a SEARCH in the library; "sök …" always searches.

`classify` is cheap (a few dictionary look-ups per word, remembered per line): the input line
may call it on every keystroke.
"""

from __future__ import annotations

from enum import StrEnum

from assistant.core.chat.analysis import Analysis, analyse
from assistant.core.chat.lexicon import Lexicon, WordSet, lexicon
from assistant.core.chat.model import model_request
from assistant.core.i18n import Text

LONG_LINE = 9  # words; search words are a few, a line this long is a sentence to the assistant


class Kind(StrEnum):
    EMPTY = "empty"
    COMMAND = "command"
    QUESTION = "question"
    SEARCH = "search"

    @property
    def label(self) -> Text:
        """What the input line shows before Enter: how the line will be taken."""
        return _LABELS[self]


_LABELS = {
    Kind.EMPTY: Text("", ""),
    Kind.COMMAND: Text("kommando", "command"),
    Kind.QUESTION: Text("fråga – svar i chatten", "question – answered in the chat"),
    Kind.SEARCH: Text("sökning i biblioteket", "library search"),
}


def classify(text: str) -> Kind:
    """How the line will be taken when the writer presses Enter."""
    stripped = text.strip()
    if not stripped:
        return Kind.EMPTY
    if stripped.startswith("/"):
        return Kind.COMMAND
    analysis = analyse(stripped)
    if not analysis.tokens:
        return Kind.QUESTION if stripped.endswith("?") else Kind.EMPTY
    words = lexicon()
    if _first_word_in(analysis, words.search):
        return Kind.SEARCH
    if stripped.endswith("?"):
        return Kind.QUESTION
    if _first_word_in(analysis, words.question) or _first_word_in(analysis, words.self_words):
        return Kind.QUESTION
    if _first_word_in(analysis, words.verb_question) and _subject_next(analysis, words):
        return Kind.QUESTION
    if _first_word_in(analysis, words.request) or model_request(stripped):  # "gör en sammanfattning"
        return Kind.QUESTION
    if _first_word_in(analysis, words.move) and _assistant_words(analysis, words, start=1):
        return Kind.QUESTION
    if len(analysis.tokens) >= LONG_LINE or any(
        t in words.pronoun or t.raw.lower() in words.own for t in analysis.tokens
    ):
        return Kind.QUESTION
    return Kind.QUESTION if _only_assistant_words(analysis, words) else Kind.SEARCH


def search_query(text: str) -> str:
    """The words to search for: the line without a leading "sök"/"search"."""
    stripped = text.strip()
    analysis = analyse(stripped)
    if analysis.tokens and _first_word_in(analysis, lexicon().search):
        first = analysis.tokens[0].raw
        return stripped[stripped.find(first) + len(first) :].strip(" :,")
    return stripped


def _first_word_in(analysis: Analysis, group: WordSet) -> bool:
    return analysis.tokens[0] in group


def _subject_next(analysis: Analysis, words: Lexicon) -> bool:
    """ "har jag …", "finns det …", "stämmer budgeten": the verb's subject follows it."""
    if len(analysis.tokens) < 2:
        return False
    return analysis.tokens[1] in words.subject or 1 in analysis.alias_positions or 1 in analysis.generic


def _only_assistant_words(analysis: Analysis, words: Lexicon) -> bool:
    """Every word that means something is the assistant's (a cue, a heading name, 'avsnitt'),
    and at least one is a cue: 'sidantal', 'budgetstatus', 'kvar att göra', 'previous section'."""
    if not analysis.cue_positions and not analysis.numbers:
        return False
    return _assistant_words(analysis, words)


def _assistant_words(analysis: Analysis, words: Lexicon, *, start: int = 0) -> bool:
    """No word from `start` on is about a topic of its own."""
    covered = analysis.cue_positions | analysis.alias_positions | analysis.generic | analysis.check_positions
    return all(i in covered or analysis.neutral(i, words) for i in range(start, len(analysis.tokens)))
