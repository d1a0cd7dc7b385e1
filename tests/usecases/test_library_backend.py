"""Which library the use cases reach (the address's order of precedence), and the shared library
through the same use cases as the local one: import, list, show, suggest, take, remove, on a real
PostgreSQL server, and offline from the writer's copy with the server stopped."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.core.errors import UserError
from assistant.usecases.library import import_to_library, list_library, remove_entry, show_entry
from assistant.usecases.library_backend import close_shared_backends, library_url, shared_backend
from assistant.usecases.library_shared import init_library, library_stats, sync_library
from assistant.usecases.suggestions import record_take, suggest_for
from tests.conftest import SOURCES
from tests.pgserver import database, running_server

QUERY = "unga vuxna får hästunderstödd träning i stallet som väg mot arbete"
APPLICATION = """Ansökan: Stallet

2. Bakgrund

I Lund saknas insatser där unga vuxna kan närma sig arbete genom praktiskt arbete med djur.

5. Målgrupp

Unga vuxna med aktivitetsersättning får hästunderstödd träning i stallet tre dagar i veckan.

Deltagarna lär sig rutiner i stallet, ansvar för djuren och samarbete i grupp som väg mot arbete.
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """An application no built-in one resembles, so the shared library's own passages are found."""
    path = tmp_path / "stallet-2022.txt"
    path.write_text(APPLICATION, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _closed_backends() -> Iterator[None]:
    yield
    close_shared_backends()


@pytest.fixture
def library(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("ANSOKAN_LIBRARY_ORGANISATION", "malmo")  # the owner's own account imports here
    init_library(pg_url)
    return pg_url


def config(isolated_dirs: Path, text: str) -> None:
    folder = isolated_dirs / "ansokan_config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def test_the_address_comes_from_the_flag_then_the_environment_then_the_settings(isolated_dirs, monkeypatch):
    assert library_url(None) is None  # nothing set: the local library
    config(isolated_dirs, 'library_url = "postgresql://settings@server/lib"\n')
    assert library_url(None) == "postgresql://settings@server/lib"
    monkeypatch.setenv("ANSOKAN_LIBRARY_URL", "postgresql://env@server/lib")
    assert library_url(None) == "postgresql://env@server/lib"
    assert library_url("postgresql://flag@server/lib") == "postgresql://flag@server/lib"
    assert library_url(str(isolated_dirs / "min-mapp")) is None  # --library DIR: a local folder, whatever is set


def test_an_address_that_is_no_postgresql_address_is_one_clear_error(isolated_dirs, monkeypatch):
    monkeypatch.setenv("ANSOKAN_LIBRARY_URL", "mysql://server/lib")
    with pytest.raises(UserError) as caught:
        list_library()
    assert "mysql://server/lib" in caught.value.sv and "ANSOKAN_LIBRARY_URL" in (caught.value.hint_en or "")


def test_import_list_show_suggest_take_and_remove_work_on_the_shared_library(library, source):
    result = import_to_library([source], library=library, form_id="finsam-malmo")
    assert not result.queued and not result.failed
    (item,) = result.imported
    entry_id = item.entry.id
    assert item.entry.path is None and len(item.passages) == 3  # on the server, no local file
    assert entry_id in [e.id for e in list_library(library)]
    assert show_entry(entry_id, library).entry.title == item.entry.title

    again = import_to_library([source], library=library, form_id="finsam-malmo")
    assert again.imported == [] and [held.id for _, held in again.duplicates] == [entry_id]

    found = suggest_for(QUERY, form_id="finsam-malmo", section="malgrupp", k=5, library=library)
    shared = [s for s in found if s.source.get("id") == entry_id]
    assert shared, [s.passage_id for s in found]
    assert shared[0].source["owner"] == "malmo" and shared[0].source["status"] == "beviljad"

    from assistant.core.model.drafts import Draft

    draft = Draft(form_id="finsam-malmo")
    record_take(draft, shared[0], "malgrupp", library=library)
    shared_backend(library).record_take(shared[0].passage_id).join()  # a second take, its own id
    sync_library(library)
    stats = library_stats(library)
    assert stats.takes >= 2 and stats.most[0].passage_id == shared[0].passage_id

    assert "hemligt" not in str(remove_entry(entry_id, library))
    assert entry_id not in [e.id for e in list_library(library)]


def test_offline_suggestions_come_from_the_copy_and_what_was_done_offline_is_sent_once(source, monkeypatch):
    """The acceptance's offline case: the server stopped, suggest answers from the synced copy; a
    take and an import made meanwhile reach the server on the next sync, each exactly once."""
    monkeypatch.setenv("ANSOKAN_LIBRARY_ORGANISATION", "malmo")
    with running_server() as server:
        url = database(server.url)
        init_library(url)
        imported = import_to_library([source], library=url, form_id="finsam-malmo").imported[0].entry.id
        sync_library(url)
        online = suggest_for(QUERY, form_id="finsam-malmo", section="malgrupp", k=5, library=url)

        server.stop()
        close_shared_backends()  # a new session of the program, with the server gone
        offline = suggest_for(QUERY, form_id="finsam-malmo", section="malgrupp", k=5, library=url)
        assert [s.passage_id for s in offline] == [s.passage_id for s in online]
        taken = next(s for s in offline if s.source.get("id") == imported)
        shared_backend(url).record_take(taken.passage_id).join()
        second = SOURCES / "003_d09aa5a5bf39ca34.txt"
        queued = import_to_library([second], library=url, form_id="finsam-malmo")
        assert queued.queued and queued.imported  # kept in the copy's outbox, said so
        with pytest.raises(UserError) as caught:
            sync_library(url)
        assert caught.value.en.startswith("cannot reach the shared library")

        server.start()
        close_shared_backends()
        report = sync_library(url)
        assert (report.sent_takes, report.sent_imports) == (1, 1)
        assert report.entries == 2
        again = sync_library(url)  # nothing left to send: nothing counted or stored twice
        assert (again.sent_takes, again.sent_imports) == (0, 0) and again.entries == 2
        stats = library_stats(url)
        assert stats.takes == 1 and stats.most[0].passage_id == taken.passage_id


def test_without_a_server_and_without_a_copy_the_writer_is_told_to_sync(tmp_path: Path):
    url = f"postgresql://ansokan@/lib?host={tmp_path}/no-socket&connect_timeout=1"
    with pytest.raises(UserError) as caught:
        suggest_for(QUERY, form_id="finsam-malmo", section="malgrupp", library=url)
    assert "library sync" in (caught.value.hint_en or "") and "ingen kopia" in caught.value.sv
