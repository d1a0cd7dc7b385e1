"""Both backends suggest the same: the built-in applications stored in a shared library on a real
server and searched there (candidates from PostgreSQL, the local second stage) give the same top
passages as the local library for every query of the suggestion evaluation set."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.reuse.index import Index
from assistant.core.reuse.library import load_library, passages
from assistant.core.reuse.shared import SharedLibrary
from assistant.core.reuse.shared.cache import Cache
from assistant.core.reuse.shared.ranking import SharedIndex
from assistant.core.reuse.suggest import suggest
from assistant.core.storage import paths

EVAL = Path(__file__).resolve().parents[3] / "eval" / "suggest_eval.toml"


@pytest.fixture
def both(pg_url: str, tmp_path: Path) -> Iterator[tuple[Index, SharedIndex, SharedLibrary]]:
    builtin = [(paths.builtin_library_dir(), True)]
    with SharedLibrary(pg_url) as server:
        server.init()
        for entry in load_library(builtin):
            server.add(entry, organisation="förbundet")
        cache = Cache(tmp_path / "copy")
        generation, entries, allowed, owners = server.snapshot()
        cache.replace_entries(entries)
        cache.synced(generation, allowed, owners)
        local = Index(builtin, tmp_path / "local.sqlite")
        shared = SharedIndex([(cache.entries, False)], tmp_path / "shared.sqlite", library=server, allowed=allowed)
        local.refresh()
        shared.refresh()
        yield local, shared, server
        local.close()
        shared.close()


def top(index: Index, text: str, section: str | None) -> list[str]:
    return [s.passage_id for s in suggest(text, form_id="finsam-malmo", section=section, k=5, index=index)]


def test_the_shared_library_suggests_the_same_top_passages_as_the_local_one(both):
    local, shared, _ = both
    data = tomllib.loads(EVAL.read_text(encoding="utf-8"))
    library = load_library([(paths.builtin_library_dir(), True)])
    queries = data["query"] + data["offtopic"]
    assert len(queries) >= 30
    same_first = same_five = 0
    hits = {"local": [0, 0], "shared": [0, 0]}
    for q in queries:
        section = q.get("section", "bakgrund")
        mine, theirs = top(local, q["text"], section), top(shared, q["text"], section)
        assert shared.online, "the server answered every query: these are its candidates"
        same_first += mine[:1] == theirs[:1]
        same_five += mine == theirs
        wanted = {
            p.id
            for e in library
            for item in q.get("expect", [])
            if e.id == item["id"]
            for p in passages(e)
            if item["contains"] in p.text
        }
        for name, got in (("local", mine), ("shared", theirs)):
            hits[name][0] += bool(got[:1] and got[0] in wanted)
            hits[name][1] += bool(wanted & set(got))
    n = len(data["query"])
    assert same_first == len(queries), f"top passage differs in {len(queries) - same_first} of {len(queries)}"
    assert same_five == len(queries), f"top five differ in {len(queries) - same_five} of {len(queries)}"
    assert abs(hits["local"][0] - hits["shared"][0]) / n <= 0.02  # recall at 1
    assert abs(hits["local"][1] - hits["shared"][1]) / n <= 0.02  # recall at 5


def test_a_retired_passage_leaves_the_shared_suggestions_and_offline_the_copy_keeps_to_the_last_sync(both):
    local, shared, server = both
    text, section = "deltagaren behöver kunna grundläggande svenska", "malgrupp"
    first = top(shared, text, section)[0]
    assert first == top(local, text, section)[0]
    server.retire([first])
    shared.generation += 1  # what a sync does when the server's change counter moved
    assert first not in top(shared, text, section)  # the server's candidates leave it out
    shared.online = False  # the server gone: the copy answers, with what the last sync allowed
    shared.generation += 1
    assert top(shared, text, section)[0] == first
    shared.allowed = shared.allowed - {first}
    shared.generation += 1
    assert first not in top(shared, text, section)


def test_a_word_the_copy_finds_only_inside_compounds_is_found_by_the_server_too(both):
    _, shared, server = both
    compounds = shared._compounds_of([[part] for part in sorted(shared.vocabulary)])
    parts = [part for part, holding in compounds.items() if holding][:40]
    assert len(parts) >= 10, "the built-in library has compounds of its own words"
    for part in parts:
        copy = {shared.passages_by_id([r])[r][1] for r, _ in Index.candidates(shared, f'"{part}"', 1000)}
        assert copy <= server.found([[part]], limit=2000, compounds=compounds), part
