"""The domain vocabulary: the field's terms and the everyday words that mean them."""

from __future__ import annotations

from assistant.core.reuse.textnorm import stems
from assistant.core.reuse.vocabulary import load_vocabulary


def test_every_concept_has_a_label_and_phrasings():
    vocabulary = load_vocabulary()
    assert len(vocabulary.concepts) >= 40
    ids = [c.id for c in vocabulary.concepts]
    assert len(ids) == len(set(ids)) and all(c.label for c in vocabulary.concepts)
    assert {"ips", "casemanagement", "aktivitetsersattning", "forsakringskassan"} <= set(ids)


def test_an_everyday_phrasing_and_the_field_term_are_filed_under_one_concept():
    vocabulary = load_vocabulary()
    everyday = vocabulary.tokens(stems("en jobbcoach som ger stöd på arbetsplatsen"))
    field = vocabulary.tokens(stems("utbildning i Individual placement and Support (IPS)"))
    assert "zvips" in everyday and "zvips" in field


def test_a_phrasing_covers_each_of_its_words_in_a_row_only():
    vocabulary = load_vocabulary()
    text = stems("de mår psykiskt dåligt")
    found = vocabulary.find(text)
    assert all(any(c.id == "psykiskohalsa" for c in found.get(i, [])) for i in range(len(text)))
    apart = vocabulary.find(stems("dåligt väder i dag, psykiskt starka deltagare"))
    assert not any(c.id == "psykiskohalsa" for cs in apart.values() for c in cs)


def test_generic_words_are_known_and_field_words_are_not_generic():
    vocabulary = load_vocabulary()
    assert set(stems("går tar nya tanken")) <= vocabulary.generic
    assert not set(stems("aktivitetsersättning arbetsträning styrgrupp")) & vocabulary.generic


def test_every_concept_files_at_least_one_passage_of_the_library():
    """A concept no passage speaks of can only match the writer's words to nothing: the vocabulary
    holds the notions of the library, each with the everyday words for it."""
    from assistant.core.reuse.library import load_library, passages
    from assistant.core.storage import paths

    vocabulary = load_vocabulary()
    filed: set[str] = set()
    for entry in load_library([(paths.builtin_library_dir(), True)]):
        for passage in passages(entry):
            filed.update(vocabulary.tokens(stems(passage.text)))
    assert len(vocabulary.concepts) >= 150
    assert [c.id for c in vocabulary.concepts if c.token not in filed] == []


def test_no_phrasing_is_only_a_generic_word_or_shrinks_to_one_word():
    """Stopwords drop out of a phrasing: "ta över" would be "ta", and file every passage with it."""
    import tomllib

    from assistant.core.reuse.vocabulary import DATA

    vocabulary = load_vocabulary()
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    for concept in data["concept"]:
        for phrase in concept.get("terms", []) + concept.get("everyday", []):
            key = stems(phrase)
            assert key, (concept["id"], phrase)
            assert not (len(key) == 1 and key[0] in vocabulary.generic), (concept["id"], phrase)


def test_the_writers_words_for_lessons_hypotheses_and_setbacks_meet_the_librarys():
    """Everyday words no passage uses meet the field's words for the same notion."""
    vocabulary = load_vocabulary()
    pairs = [
        ("våra lärdomar från förra året", "de erfarenheter som projektet samlat"),
        ("vår hypotes är att samverkan hjälper", "projektets grundidé"),
        ("varje bakslag gör att deltagaren tröttnar", "utan att det ses som ett stort nederlag"),
        ("lång väntelista till insatserna", "det kan bli lång väntetid innan start"),
    ]
    for writer, library in pairs:
        shared = set(vocabulary.tokens(stems(writer))) & set(vocabulary.tokens(stems(library)))
        assert shared, (writer, library)
