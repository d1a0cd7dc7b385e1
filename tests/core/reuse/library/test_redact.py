"""Redaction on import: contact data and personnummer always, people's names unless kept; every
character outside the redacted spans is kept, and the same text always gives the same result."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.reuse.library.redact import MARKER_RE, count_markers, redact, redaction_spans, scrub
from tests.conftest import source_files


def _kept_in_order(original: str, redacted: str) -> bool:
    """The pieces between markers occur in the original in order, each where the last one ended or
    after a redacted span."""
    at = 0
    for piece in MARKER_RE.split(redacted):
        found = original.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def test_personnummer_in_every_form():
    text = "Födda 850101-0006, 19850101-0006, 121212+1212 och 198501010006; samordningsnummer 990561-2348."
    assert scrub(text).count("[personnummer]") == 5
    assert "[personnummer]" not in scrub("Projektet 2017-2019 kostar 1 300 000 kr, dnr 2020-131.")


def test_roles_signatures_and_tables():
    text = (
        "Projektledare Anna Andersson ansvarar för driften. Anna rapporterar till styrgruppen.\n"
        "Kontaktperson: Mohammed Al-Hassan, enhetschef, Malmö stad\n"
        "Johan Ljung\tVård- och omsorgsförvaltningen\t046-25 13 00\tjohan.ljung@staffanstorp.se\n"
        "Namnförtydligande: Karin Lindqvist Berg, förvaltningschef, Lunds kommun"
    )
    out = scrub(text)
    for name in ("Anna", "Andersson", "Mohammed", "Al-Hassan", "Johan", "Ljung", "Karin", "Lindqvist"):
        assert not re.search(rf"\b{name}\b", out), name
    for kept in ("Projektledare", "Malmö stad", "Vård- och omsorgsförvaltningen", "Lunds kommun"):
        assert kept in out
    assert count_markers(out) == {"name": 5, "phone": 1, "email": 1}


def test_organisations_places_and_name_words_stay():
    text = (
        "Insatsen bedrivs i Malmö stad med Arbetsförmedlingen, Försäkringskassan och Region Skåne. "
        'Förstudien "Vision Jobb" i Lund. Ett berg av ärenden; björnen sover.'
    )
    assert scrub(text) == text


def test_a_word_that_is_also_a_name_only_in_a_name_context():
    assert scrub("Styrgruppen: Björn Sten (Försäkringskassan).") == "Styrgruppen: [namn] (Försäkringskassan)."
    assert scrub("Lokalen byggdes av sten.") == "Lokalen byggdes av sten."


def test_keep_names_keeps_names_not_contact_data():
    text = "Projektledare Anna Andersson, anna.andersson@malmo.se, 040-34 12 56, 850101-0006."
    assert scrub(text, keep_names=True) == "Projektledare Anna Andersson, [e-post], [telefon], [personnummer]."
    assert redact(text) == scrub(text, keep_names=True)


def test_the_sources_lose_nothing_but_the_spans_and_are_stable():
    for path, _form in source_files():
        text = path.read_text(encoding="utf-8")
        out = scrub(text)
        assert out == scrub(text)
        assert _kept_in_order(text, out)
        assert len(text) - sum(e - s for s, e, _ in redaction_spans(text)) == len(MARKER_RE.sub("", out))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Anna Svensson projektledare: 040-12 34 56 i Lund, @x.se 850101-0006\n\t", max_size=200))
def test_any_text_loses_only_its_redacted_spans(text):
    out = scrub(text)
    assert out == scrub(text)
    assert len(text) - sum(e - s for s, e, _ in redaction_spans(text)) == len(MARKER_RE.sub("", out))
