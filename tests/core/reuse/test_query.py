"""The writer's words as a weighted query: what a word the library does not use weighs."""

from __future__ import annotations

import pytest

from assistant.core.reuse.index import Index
from assistant.core.reuse.query import build_query, idf
from assistant.core.storage import paths


@pytest.fixture(scope="module")
def builtin_index(tmp_path_factory):
    index = Index([(paths.builtin_library_dir(), True)], tmp_path_factory.mktemp("idx") / "index.sqlite")
    index.refresh()
    yield index
    index.close()


def test_an_everyday_word_the_vocabulary_knows_weighs_as_much_as_its_concept(builtin_index):
    # "jobbcoach" is in no passage; the vocabulary files it under IPS, which many passages speak of.
    unit = build_query("jobbcoach på arbetsplatsen", builtin_index).units[0]
    concept = next(a for a in unit.alternatives if a.how == "vocabulary")
    assert not unit.known and concept.credit == pytest.approx(0.8)
    expected = idf(builtin_index.vocabulary[concept.term], builtin_index.documents)
    assert unit.weight == pytest.approx(expected)
    assert unit.weight < idf(0, builtin_index.documents)


def test_a_word_nobody_uses_weighs_the_most(builtin_index):
    # An off-topic word must lower the coverage of every passage: it weighs as the rarest word.
    units = {u.word: u for u in build_query("skidanläggningen för turister", builtin_index).units}
    assert units["skidanläggningen"].weight == pytest.approx(idf(0, builtin_index.documents))


def test_two_swapped_letters_still_meet_the_word(builtin_index):
    # "delatgare" shares no 4-gram with "deltagare"; one swap away, it counts as the writer's word.
    unit = next(u for u in build_query("antal delatgare i anställning", builtin_index).units if u.word == "delatgare")
    best = max(unit.alternatives, key=lambda a: a.credit)
    assert best.term.startswith("deltag") and best.how == "ngram" and best.credit >= 0.6


def test_a_word_one_edit_from_nothing_gets_no_guess(builtin_index):
    unit = build_query("skidanläggningen", builtin_index).units[0]
    assert unit.alternatives == []
