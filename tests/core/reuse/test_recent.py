"""Recent: what was shown a moment ago stays while the writer's text only grows."""

from __future__ import annotations

from assistant.core.reuse.suggest import Recent, extends, suggest
from tests.core.reuse.test_suggest import builtin_index  # noqa: F401 - the fixture

SENTENCE = "Särvux var kommunens deltagare i den nationella"
MORE = (
    "och politiskt uppdrag till två nämnder att tillsammans med Arbetsförmedlingen och Försäkringskassan"
    " utreda hur personer med funktionsnedsättning kan komma närmare arbetsmarknaden"
)
HIT = "finsam-malmo-2017-case-management#bakgrund-2"


def test_more_words_extend_a_text_and_a_changed_one_does_not() -> None:
    assert extends("Vi ska göra X.", "Vi ska göra X och mer")
    assert extends("Vi ska gö", "Vi ska göra mer")  # the last word was half typed
    assert extends("Vi ska göra X.", "Vi ska göra X. Och en mening till")
    assert not extends("Vi ska göra X.", "Ni ska göra X och mer")
    assert not extends("", "Vi ska")


def _ids(index, text, recent=None):
    found = suggest(text, form_id="finsam-malmo", section="bakgrund", k=6, index=index, recent=recent)
    return [s.passage_id for s in found]


def test_a_hit_stays_while_its_sentence_grows_word_by_word(builtin_index) -> None:  # noqa: F811
    full = f"{SENTENCE} {MORE}"
    assert HIT in _ids(builtin_index, SENTENCE)
    assert HIT not in _ids(builtin_index, full), "searched afresh, the longer sentence loses it"
    recent = Recent()
    words = full.split()
    for n in range(len(SENTENCE.split()), len(words) + 1):
        found = _ids(builtin_index, " ".join(words[:n]), recent)
    assert HIT in found
    # Another text (not a continuation) starts afresh.
    assert _ids(builtin_index, "Helt annan text om målgruppen och deltagarna", recent) == _ids(
        builtin_index, "Helt annan text om målgruppen och deltagarna"
    )


def test_a_hit_the_writers_words_stop_finding_is_let_go_after_carry_words(builtin_index) -> None:  # noqa: F811
    from assistant.core.reuse import suggest as engine

    recent = Recent()
    assert HIT in _ids(builtin_index, SENTENCE, recent)
    filler = "och sedan skriver vi om helt andra saker"
    text = SENTENCE
    while len(text.split()) - len(SENTENCE.split()) <= engine.CARRY_WORDS:
        text += " " + filler
        _ids(builtin_index, text, recent)
    assert HIT not in _ids(builtin_index, text + " " + filler, recent)
