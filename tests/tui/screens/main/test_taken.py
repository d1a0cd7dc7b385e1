"""The sources a draft records for taken suggestions follow the text: undone, a passage is no
longer a source; brought back by Ctrl+Y, it is one again."""

from __future__ import annotations

from assistant.core.model.drafts import new_draft
from assistant.tui.screens.main.taken import Taken, TakenPassages
from assistant.usecases.forms import get_form
from tests.pgserver import pg_server, pg_url  # noqa: F401 - the throwaway server, for the shared-library case

PASSAGE = "Deltagarna får stöd av en arbetskonsulent som följer dem hela vägen till ett arbete."


def test_a_passage_undone_then_redone_is_a_source_again() -> None:
    draft = new_draft(get_form("finsam-malmo"))
    record = {"id": "x", "passage_id": "x#bakgrund-1", "section": "bakgrund"}
    draft.sources.append(record)
    taken = TakenPassages([Taken("bakgrund", PASSAGE[:40], PASSAGE[-40:], record)])
    draft.set_text("bakgrund", "Egen text.\n\n" + PASSAGE)

    taken.forget_undone(draft)
    assert draft.sources == [record]

    draft.set_text("bakgrund", "Egen text.")  # Ctrl+Z, then a save
    taken.forget_undone(draft)
    assert draft.sources == []

    draft.set_text("bakgrund", "Egen text.\n\n" + PASSAGE)  # Ctrl+Y, then a save
    taken.forget_undone(draft)
    assert draft.sources == [record]
    taken.forget_undone(draft)
    assert draft.sources == [record]  # recorded once


def test_a_passage_taken_counts_in_the_shared_library_the_app_was_given(tmp_path, pg_url, monkeypatch) -> None:  # noqa: F811
    """`ansokan --library-url …`: the address is the app's, not the environment's."""
    from assistant.usecases.library import import_to_library
    from assistant.usecases.library_backend import close_shared_backends
    from assistant.usecases.library_shared import init_library, library_stats, sync_library
    from assistant.usecases.suggestions import suggest_for
    from tests.usecases.test_library_backend import APPLICATION, QUERY

    monkeypatch.delenv("ANSOKAN_LIBRARY_URL", raising=False)
    monkeypatch.setenv("ANSOKAN_LIBRARY_ORGANISATION", "malmo")
    init_library(pg_url)
    source = tmp_path / "stallet-2022.txt"
    source.write_text(APPLICATION, encoding="utf-8")
    import_to_library([source], library=pg_url, form_id="finsam-malmo")
    try:
        found = suggest_for(QUERY, form_id="finsam-malmo", section="malgrupp", k=5, library=pg_url)
        shared = next(s for s in found if s.source.get("owner"))
        TakenPassages().took(new_draft(get_form("finsam-malmo")), shared, "malgrupp", None, shared.text, library=pg_url)
        sync_library(pg_url)  # sends what the take's own thread has not sent yet
        stats = library_stats(pg_url)
        assert stats.takes == 1 and stats.most[0].passage_id == shared.passage_id
    finally:
        close_shared_backends()
