"""Suggestions: quality on the evaluation set, Swedish normalisation, section boost, copies, thresholds."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.core.reuse.index import Index
from assistant.core.reuse.library import Entry, Section, load_entry, passages, to_text
from assistant.core.reuse.suggest import suggest
from assistant.core.reuse.textnorm import split_compound, stem, stems
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text
from tests.conftest import ROOT, run_cli

BUILTIN = [(paths.builtin_library_dir(), True)]


@pytest.fixture(scope="module")
def builtin_index(tmp_path_factory):
    index = Index(BUILTIN, tmp_path_factory.mktemp("idx") / "index.sqlite")
    index.refresh()
    yield index
    index.close()


def _ask(index, text, section="malgrupp", **kw):
    return suggest(text, form_id="finsam-malmo", section=section, index=index, **kw)


# ---------------------------------------------------------------------------------------------
# The evaluation set (benchmarks/eval_suggest.py prints the same figures)


def test_evaluation_set_meets_the_targets():
    spec = importlib.util.spec_from_file_location("eval_suggest", ROOT / "benchmarks" / "eval_suggest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_suggest"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    result = module.evaluate()
    assert result.queries >= 40 and result.offtopic >= 15
    assert result.recall_at_5 >= 0.95, result.misses
    assert result.recall_at_1 >= 0.85, result.misses
    assert result.offtopic_share <= 0.05, result.offtopic_hits


# ---------------------------------------------------------------------------------------------
# Swedish text as terms


def test_abbreviations_meet_their_long_forms_both_ways():
    assert stems("AF och FK") == stems("Arbetsförmedlingen och Försäkringskassan")
    assert stems("SE-metoden")[:2] == stems("Supported Employment")
    assert "supported" not in stems("vi se till att det blir bra")  # lower-case "se" is the verb


def test_inflections_share_a_stem():
    assert stem("målgruppen") == stem("målgrupper") == stem("målgrupp")


def test_compounds_split_into_known_parts():
    vocabulary = {stem("implementering"), stem("plan"), stem("arbete")}
    assert split_compound(stem("implementeringsplan"), vocabulary) == [stem("implementering"), stem("plan")]
    assert split_compound(stem("cykelverkstad"), vocabulary) == []


def test_a_compound_query_finds_the_spelled_out_phrase(builtin_index):
    found = _ask(builtin_index, "implementeringsplan", section="implementering")
    assert found and "plan för implementering" in found[0].text


def test_an_abbreviation_query_finds_the_long_form(builtin_index):
    found = _ask(builtin_index, "AF och FK har förstärkt samverkan", section="bakgrund")
    assert found and "arbetsförmedlingen" in found[0].text.lower() and "försäkringskassan" in found[0].text.lower()
    assert " AF " not in found[0].text


def test_a_typo_still_finds_the_passage(builtin_index):
    found = _ask(builtin_index, "mentorer med egen erfarenhet av psykisk ohälsa från psykiatrin", section="aktiviteter")
    typo = _ask(builtin_index, "mentorrer med egen erfarenhet av psyksik ohälsa", section="aktiviteter")
    assert found and typo and typo[0].passage_id == found[0].passage_id


# ---------------------------------------------------------------------------------------------
# Ranking rules


def test_section_is_a_boost_not_a_filter(builtin_index):
    query = "styrgrupp med representanter från Arbetsförmedlingen och Försäkringskassan"
    in_organisering = _ask(builtin_index, query, section="organisering", k=8)
    in_malgrupp = _ask(builtin_index, query, section="malgrupp", k=8)
    assert {s.section for s in in_malgrupp} - {"malgrupp"}  # other sections still come up
    boosted = {s.passage_id: s.score for s in in_organisering}
    plain = {s.passage_id: s.score for s in in_malgrupp}
    shared = [p for p in boosted if p in plain and p.split("#")[1].startswith("organisering")]
    assert shared and all(boosted[p] >= plain[p] for p in shared)
    assert any(boosted[p] > plain[p] for p in shared)  # scores stop at 100, the boost shows below that


def test_off_topic_text_gets_nothing(builtin_index):
    for text in ("skolmaten ska bli godare", "bredband till alla hushåll", "fotbollsplanen får konstgräs"):
        assert _ask(builtin_index, text) == []


def test_scores_are_0_to_100_and_sources_are_named(builtin_index):
    found = _ask(builtin_index, "unga vuxna med aktivitetsersättning som står långt från arbetsmarknaden", k=5)
    assert len(found) >= 2
    assert all(0 < s.score <= 100 for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    for s in found:
        assert s.source["id"] and s.source["title"] and s.source["organisation"] and s.source["year"]
        assert s.passage_id.startswith(s.source["id"] + "#") and s.matched


def test_empty_text_uses_the_heading_guidance(builtin_index):
    found = _ask(builtin_index, "", section="uppfoljning")
    assert found and any(s.section == "uppfoljning" for s in found)
    with pytest.raises(UserError):
        _ask(builtin_index, "", section="finns_inte")


def _user_entry(directory: Path, entry_id: str, sections: dict[str, str]) -> Path:
    entry = Entry(
        id=entry_id,
        title="Kopian",
        form="finsam-malmo",
        organisation="Lunds kommun",
        year=2024,
        sections=[Section(k, k.capitalize(), v) for k, v in sections.items()],
    )
    path = directory / f"{entry_id}.md"
    directory.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, to_text(entry), backup=False)
    return path


def test_near_identical_passages_appear_once(tmp_path):
    original = next(
        p
        for p in passages(load_entry(paths.builtin_library_dir() / "finsam-malmo-2021-fram.md"))
        if "225 årsplatser" in p.text
    )
    copy = original.text.replace("225", "140").replace("6 månader", "4 månader")
    user = tmp_path / "user"
    _user_entry(user, "kopia-2024", {"presentation": copy})
    index = Index([*BUILTIN, (user, False)], tmp_path / "index.sqlite")
    index.refresh()
    found = suggest(
        "årsplatser och deltagande i sex månader med möjlighet till förlängning",
        form_id="finsam-malmo",
        section="presentation",
        index=index,
        k=5,
    )
    index.close()
    hits = [s for s in found if "årsplatser" in s.text]
    assert len(hits) == 1


def test_short_passages_are_down_weighted(tmp_path):
    user = tmp_path / "user"
    _user_entry(
        user,
        "kort-2024",
        {
            "malgrupp": "Målgruppen är unga vuxna.\n\n"
            "Målgruppen är unga vuxna i Lund som saknar arbete och behöver stöd för att "
            "komma närmare arbetsmarknaden genom praktik och studier."
        },
    )
    index = Index([(user, False)], tmp_path / "index.sqlite")
    index.refresh()
    found = suggest("målgruppen är unga vuxna", form_id="finsam-malmo", section="malgrupp", index=index, gated=False)
    index.close()
    assert [s.text.startswith("Målgruppen är unga vuxna i Lund") for s in found][:1] == [True]
    short = [s for s in found if s.text == "Målgruppen är unga vuxna."]
    assert not short or short[0].score < found[0].score


def test_a_user_library_passage_is_found_after_it_is_added(tmp_path):
    user = tmp_path / "user"
    query = "cykelverkstad där deltagarna lagar cyklar åt kommunens anställda"
    assert suggest(query, form_id="finsam-malmo", section="aktiviteter", library_dirs=[*BUILTIN, (user, False)]) == []
    _user_entry(
        user,
        "cykel-2024",
        {
            "aktiviteter": "I cykelverkstaden lagar deltagarna cyklar åt kommunens "
            "anställda och lär sig ett hantverk med handledare."
        },
    )
    from assistant.core.reuse.index import forget_open_indexes

    forget_open_indexes()  # a running UI re-checks within 2 s; here we do not wait
    found = suggest(query, form_id="finsam-malmo", section="aktiviteter", library_dirs=[*BUILTIN, (user, False)])
    assert found and found[0].source["id"] == "cykel-2024"


# ---------------------------------------------------------------------------------------------
# The command


def test_cli_acceptance_query_returns_target_group_passages_with_sources():
    result = run_cli(
        "suggest",
        "--form",
        "finsam-malmo",
        "--section",
        "malgrupp",
        "--text",
        "unga vuxna med aktivitetsersättning som står långt från arbetsmarknaden",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert 1 <= len(data) <= 5
    assert "aktivitetsersättning" in data[0]["text"]
    for item in data:
        assert set(item) >= {"text", "score", "section", "heading", "source", "matched", "passage_id"}
        assert set(item["source"]) >= {"id", "title", "organisation", "year"}


def test_cli_rejects_an_unknown_section():
    result = run_cli("suggest", "--form", "finsam-malmo", "--section", "nope", "--text", "x")
    assert result.returncode == 2 and "nope" in result.stderr and "Traceback" not in result.stderr


def test_an_unfinished_last_word_is_completed_while_typing(builtin_index):
    whole = _ask(builtin_index, "styrgrupp med representanter", section="organisering")
    typing = _ask(builtin_index, "styrgrupp med repre", section="organisering")
    assert whole and typing and typing[0].passage_id == whole[0].passage_id
    assert _ask(builtin_index, "bredb") == []  # a prefix of nothing in the library stays silent


# ---------------------------------------------------------------------------------------------
# The gate, following the writer, saying why


def test_the_gate_hides_far_off_topic_text_and_shows_a_long_paraphrase(builtin_index):
    assert _ask(builtin_index, "vi vill bygga en ny konstgräsplan för fotbollsklubbens ungdomslag") == []
    assert _ask(builtin_index, "kostnader för snöröjning på kommunens vägar under vintern", section="budget") == []
    paraphrase = (
        "Vi tar in mentorer från psykiatrin som själva har haft psykisk ohälsa och kan stötta "
        "deltagarna med sin egen erfarenhet."
    )
    found = _ask(builtin_index, paraphrase, section="aktiviteter")
    assert found and "mentorer" in found[0].text and "Psykiatri" in found[0].text


def test_one_word_of_the_writers_and_a_concept_as_rare_as_another_pass_the_gate(builtin_index):
    # "jämn" is in no passage; the vocabulary files it under jämställdhet, which few passages speak of.
    found = _ask(builtin_index, "jämn könsfördelning bland deltagarna", section="mal")
    assert found and "jämn → jämställdhet / kvinnor och män" in found[0].matched


def test_the_gate_does_not_count_rank_or_section(builtin_index):
    # A stray common word of the field is not enough, whatever section the writer is in.
    for section in ("budget", "malgrupp", "aktiviteter"):
        assert _ask(builtin_index, "nya datorer till personalen", section=section) == []


def test_a_sentences_hit_survives_while_the_paragraph_grows(builtin_index):
    sentence = "Deltagarna får stöd av mentorer med egen erfarenhet av psykisk ohälsa."
    first = _ask(builtin_index, sentence, section="aktiviteter")[0].passage_id
    paragraph = sentence
    for more in (
        " Vi följer upp varje deltagare varje månad.",
        " Styrgruppen med Arbetsförmedlingen och Försäkringskassan träffas fyra gånger om året.",
        " Efter projektet ska arbetssättet bli en del av ordinarie verksamhet i kommunen.",
    ):
        paragraph += more
        assert first in [s.passage_id for s in _ask(builtin_index, paragraph, section="aktiviteter")]


def test_the_rest_of_the_paragraph_is_weaker_context(builtin_index):
    sentence = "Deltagarna får stöd av mentorer med egen erfarenhet av psykisk ohälsa."
    alone = _ask(builtin_index, sentence, section="aktiviteter")[0]
    after = "Efter projektet ska arbetssättet bli en del av ordinarie verksamhet i kommunen."
    with_context = _ask(builtin_index, sentence, section="aktiviteter", context=after)
    assert with_context[0].passage_id == alone.passage_id  # the sentence at the cursor still leads
    assert len({s.passage_id for s in with_context}) >= 2


def test_a_suggestion_says_what_matched_words_forms_ngrams_and_vocabulary(builtin_index):
    typo = _ask(builtin_index, "arbetstränning på olika nivåer i verkstäder", section="aktiviteter")[0]
    assert any(m.startswith("arbetstränning ≈ arbetsträning") for m in typo.matched)
    assert any(e["how"] == "ngram" and e["query"] == "arbetstränning" for e in typo.evidence)
    form = _ask(builtin_index, "mentorrer med egen erfarenhet av psykisk ohälsa", section="aktiviteter")[0]
    assert "mentorrer ≈ mentorer" in form.matched and "erfarenhet" in form.matched
    everyday = _ask(builtin_index, "jobbcoach som ger stöd på arbetsplatsen", section="aktiviteter")
    assert everyday and all(any(m.startswith("jobbcoach → IPS") for m in s.matched) for s in everyday[:2])
    assert any(e["how"] == "vocabulary" and e["label"].startswith("IPS") for e in everyday[0].evidence)


def test_the_writing_loop_query_finds_ips_passages(builtin_index):
    found = _ask(builtin_index, "samverkan arbetsförmedlingen psykiatrin IPS", section="aktiviteter")
    assert found and any("IPS" in s.text or "Supported Employment" in s.text for s in found)


def test_under_a_passing_passage_the_ranking_shows_what_holds_the_writers_own_words(tmp_path):
    user = tmp_path / "user"
    text = "mentorer med egen erfarenhet av psykisk ohälsa, beroende och långvarig arbetslöshet stöttar deltagarna"
    _user_entry(
        user,
        "foljare-2024",
        {
            "aktiviteter": f"I projektet {text} varje vecka.\n\n"
            "Mentorer finns också i kommunens andra verksamheter, för äldre och för barn i skolan.\n\n"
            "Vi har personal i projektet som träffar deltagarna varje vecka och gör saker tillsammans "
            "med dem i olika grupper.",
        },
    )
    index = Index([(user, False)], tmp_path / "index.sqlite")
    index.refresh()
    found = suggest(text, form_id="finsam-malmo", section="aktiviteter", index=index)
    ungated = suggest(text, form_id="finsam-malmo", section="aktiviteter", index=index, gated=False)
    index.close()
    assert found[0].text.startswith("I projektet mentorer")
    # The second holds one of the writer's specific words ("mentorer"), a small share of what the
    # writer wrote: shown below the first all the same.
    assert [s.text.startswith("Mentorer finns") for s in found[1:]] == [True]
    # The third shares only everyday words: ranked before the gate, never shown.
    assert any(s.text.startswith("Vi har personal") for s in ungated)


def test_a_sentence_that_finds_nothing_does_not_crowd_out_what_the_one_before_found(tmp_path):
    user = tmp_path / "user"
    first = "mentorer med egen erfarenhet av psykisk ohälsa, beroende och långvarig arbetslöshet stöttar deltagarna"
    _user_entry(
        user,
        "trangsel-2024",
        {
            "aktiviteter": f"I projektet {first} varje vecka.\n\n"
            "Lokalen ligger centralt nära stationen, med fyra rum och ett stort kök för verksamheten.",
        },
    )
    index = Index([(user, False)], tmp_path / "index.sqlite")
    index.refresh()
    later = "Vi bjuder på kaffe och frukt i lokalen varje morgon."
    alone = suggest(later, form_id="finsam-malmo", section="aktiviteter", index=index, gated=False)
    found = suggest(f"{first}. {later}", form_id="finsam-malmo", section="aktiviteter", index=index)
    index.close()
    assert any(s.text.startswith("Lokalen") for s in alone)  # ranked for the later sentence alone ...
    assert [s.text[:22] for s in found] == ["I projektet mentorer m"]  # ... but not shown beside the first's
