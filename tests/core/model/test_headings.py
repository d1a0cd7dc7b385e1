"""Aligning headings stays as it was, only linear: the fast match (the form's names normalised
once, one C pass with a cut-off, a cache) picks the same key as scoring every heading one by one,
and a draft with many headings reads the same as one with few."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.model.drafts import new_draft, parse_draft, to_text
from assistant.core.model.forms import load_form
from assistant.core.model.headings import MIN_SCORE, match_heading, normalise_heading, score_heading, slug


def reference(text: str, form, *, min_score: float = MIN_SCORE, exclude: set[str] | None = None):
    """The straightforward match: every heading scored, the first best kept."""
    best_key, best = None, 0.0
    for heading in form.headings:
        if exclude and heading.key in exclude:
            continue
        score = score_heading(text, heading)
        if score > best:
            best_key, best = heading.key, score
    return best_key if best >= min_score else None


def _variants(form) -> list[str]:
    out = []
    for h in form.headings:
        out += [h.display, h.title, h.title.upper(), f"3.1 {h.title}:", f"**{h.title}**", h.title[:-1], h.title + "s"]
        out += [f"{h.title}; beskriv kort", f"{h.label} och annat", *h.aliases]
        if len(h.title) > 30:
            out.append(h.title + " samt mer text efter frågan")
    return [*out, "", "   ", "Eget avsnitt", "Budget och annat", "Kontakt", "Mål:", "<b>Syfte</b>", "ÅÄÖ", "2."]


@pytest.mark.parametrize("form_id", ["finsam-malmo", "burlov-staffanstorp"])
def test_the_fast_match_agrees_with_scoring_every_heading(form_id):
    form = load_form(form_id)
    for text in _variants(form):
        for min_score, exclude in ((MIN_SCORE, None), (93, None), (MIN_SCORE, {form.headings[0].key})):
            key, _score = match_heading(text, form, min_score=min_score, exclude=exclude)
            assert key == reference(text, form, min_score=min_score, exclude=exclude), (text, min_score, exclude)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("abcdefgijklmnoprstuvåäö .:;1*_-<>")), max_size=60))
def test_any_text_matches_as_the_reference_does(text):
    form = load_form("finsam-malmo")
    assert match_heading(text, form)[0] == reference(text, form)


def test_a_non_match_scores_zero_and_a_match_its_score():
    form = load_form("finsam-malmo")
    assert match_heading("Något helt annat", form) == (None, 0.0)
    key, score = match_heading("2. Bakgrund", form)
    assert key == "bakgrund" and score == 100


def test_normalising_ignores_numbers_markup_case_and_trailing_punctuation():
    assert normalise_heading("  3.1 **Bakgrund** :; … ") == "bakgrund"
    assert normalise_heading("<b>Mål</b>\u00a0och  syfte.") == "mål och syfte"
    assert normalise_heading("Mål i\u0308") == normalise_heading("Mål ï")  # NFC
    assert slug("Annat av vikt!") == "annat_av_vikt" and slug("Åtgärder ß") == "atgarder"
    assert slug("123") == "avsnitt" and slug("§ 5") == "avsnitt_5"


def test_many_headings_read_the_same_as_few():
    form = load_form("finsam-malmo")
    base = to_text(new_draft(form, title="Många"))
    parts = [base]
    for i in range(3000):
        parts.append(f"## {i}. Bakgrund\n\nBakgrund {i}.\n" if i % 2 else f"## Eget {i}\n\nEget {i}.\n")
    draft = parse_draft("\n".join(parts))
    assert draft.sections["bakgrund"] == "\n\n".join(f"Bakgrund {i}." for i in range(1, 3000, 2))
    assert [e.heading for e in draft.extra] == [f"Eget {i}" for i in range(0, 3000, 2)]
    assert len(draft.warnings) == 1500 and draft.written_order.count("bakgrund") == 1


def test_a_doubled_heading_with_empty_parts_merges_as_before():
    form = load_form("finsam-malmo")
    text = to_text(new_draft(form, title="X")).replace(
        "## 2. Bakgrund {#bakgrund}\n",
        "## 2. Bakgrund {#bakgrund}\n\nEtt.\n\n## Bakgrund\n\n\n## Bakgrund\n\nTvå.\n\n\n",
    )
    assert parse_draft(text).sections["bakgrund"] == "Ett.\n\nTvå."


def _normalise_with_regexes(text: str) -> str:
    """normalise_heading as it was written first (one regex per step), to hold the faster one to."""
    import re
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"<[^>]{0,200}>", " ", text)
    text = re.sub(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s*", "", text)
    text = text.replace("*", "").replace("_", " ")
    text = re.sub(r"[\s:;.,…]+$", "", text.strip())
    return " ".join(text.lower().split())


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("aBcÅä i\u0308\u00a0\u2003\t.:;,…*_<>/12IVX")), max_size=40))
def test_normalising_is_what_it_was(text):
    assert normalise_heading(text) == _normalise_with_regexes(text)
