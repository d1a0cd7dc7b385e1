"""The writer's offline copy of a shared library: one folder per library (never per password),
entries as ordinary library files, and a queue of what waits to be sent."""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.core.reuse.library import load_entry
from assistant.core.reuse.shared.cache import Cache, cache_folder
from tests.core.reuse.shared.test_store import application


def test_one_folder_per_server_database_and_user_never_per_password():
    one = cache_folder("postgresql://anna:gammalt@server/lib")
    assert one == cache_folder("postgresql://anna:nytt@server/lib")  # a changed password keeps the copy
    assert one != cache_folder("postgresql://bertil@server/lib")
    assert one != cache_folder("postgresql://anna@server/annat")
    assert "gammalt" not in str(one)


def test_the_copy_holds_exactly_the_entries_it_was_given_and_rewrites_only_what_changed(tmp_path: Path):
    cache = Cache(tmp_path / "copy")
    a, b = application("a"), application("b", text="Ett annat stycke om samverkan.")
    assert cache.replace_entries([a, b]) == (2, 0)
    assert load_entry(cache.entries / "a.md").sections[1].text == a.sections[1].text
    before = (cache.entries / "a.md").stat().st_mtime_ns
    assert cache.replace_entries([a]) == (0, 1)  # b was removed on the server (or may no longer be seen)
    assert (cache.entries / "a.md").stat().st_mtime_ns == before and not (cache.entries / "b.md").exists()


def test_pending_items_survive_a_sync_note_and_leave_only_when_done(tmp_path: Path):
    cache = Cache(tmp_path / "copy")
    assert not cache.exists() and cache.state().generation == -1
    take = cache.queue("take", passage="a#samverkan-1")
    cache.synced(7, {"a#samverkan-1"}, {"a": {"owner": "lund", "status": "beviljad"}})
    state = Cache(tmp_path / "copy").state()  # read back from the file, as the next program run does
    assert (state.generation, state.allowed, state.owners["a"]["owner"]) == (7, {"a#samverkan-1"}, "lund")
    assert [p["id"] for p in state.pending] == [take["id"]]
    cache.done({take["id"]})
    assert cache.state().pending == []


def test_takes_queued_from_many_threads_are_all_kept(tmp_path: Path):
    cache = Cache(tmp_path / "copy")
    threads = [threading.Thread(target=cache.queue, args=("take",), kwargs={"passage": f"a#x-{n}"}) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(p["passage"] for p in cache.state().pending) == sorted(f"a#x-{n}" for n in range(20))
