"""Names of people: the first-name list from the package, context cues and guards."""

from __future__ import annotations

from assistant.core.reuse.library.names import find_people, first_names, is_first_name, name_list_file, places_in


def test_the_name_list_comes_from_the_package():
    assert name_list_file() is not None
    assert len(first_names()) > 30_000
    assert is_first_name("Anna") and is_first_name("Eva-Lena") and not is_first_name("Arbetsförmedlingen")


def test_a_role_makes_an_unknown_name_a_person():
    assert find_people("Enligt verksamhetschef Xolani Qwabe har väntetiden halverats.") == ["Xolani Qwabe"]
    assert find_people("Xolani Qwabe, enhetschef, ansvarar.") == ["Xolani Qwabe"]


def test_surnames_with_particles_and_hyphens():
    found = find_people("Styrgruppen: Lars Ahlström de Verdier och Eva Nowak-Lind.")
    assert found == ["Lars Ahlström de Verdier", "Eva Nowak-Lind"]


def test_organisations_and_sentence_starts_are_not_people():
    text = "Arbetsförmedlingen och Malmö stad samverkar. Under projektet deltar Region Skåne. Per år 20."
    assert find_people(text) == []


def test_places_named_as_places():
    assert {"Lund", "Malmö"} <= places_in("Verksamhet i Lund och Malmö stad.")


def test_a_long_text_of_one_line_is_redacted_like_its_pieces():
    """A pasted file without line breaks: every name is found as in a short text (the scan is
    linear in the text's length; benchmarks/redaction.py prints its CPU time)."""
    from assistant.core.reuse.library.names import name_spans

    piece = "Projektledare Anna Svensson och samordnaren Erik Lindqvist träffar Deltagare i Lund. "
    text = piece * 2000
    spans = name_spans(text)
    names = {text[s:e] for s, e in spans}
    assert names == {"Anna Svensson", "Erik Lindqvist"}
    assert len(spans) == 4000
