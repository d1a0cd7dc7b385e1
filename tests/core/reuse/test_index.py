"""The suggestion index: persisted between processes, with its n-gram table and vocabulary concepts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from assistant.core.reuse.index import Index
from assistant.core.reuse.vocabulary import DATA, Vocabulary, load_vocabulary
from assistant.core.storage import paths

BUILTIN = [(paths.builtin_library_dir(), True)]
ROOT = Path(__file__).resolve().parents[3]

_OPEN = """
import sys
from pathlib import Path
from assistant.core.storage import paths
from assistant.core.reuse.index import Index
index = Index([(paths.builtin_library_dir(), True)], Path(sys.argv[1]))
report = index.refresh()
print(report.added, report.changed, report.unchanged, index.documents, len(index.similar_terms("arbetstränning")))
"""


def _in_a_new_process(db: Path) -> list[int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _OPEN, str(db)], env=env, capture_output=True, text=True, check=True)
    return [int(x) for x in out.stdout.split()]


def test_the_index_is_built_once_and_a_second_process_only_reads_it(tmp_path):
    db = tmp_path / "index.sqlite"
    added, changed, unchanged, documents, similar = _in_a_new_process(db)
    assert added == 4 and documents > 200 and similar > 0
    added, changed, unchanged, documents_again, similar_again = _in_a_new_process(db)
    assert (added, changed, unchanged) == (0, 0, 4)  # nothing re-read: the n-gram table came from disk too
    assert (documents_again, similar_again) == (documents, similar)


def test_the_ngram_table_offers_library_words_for_a_misspelt_one(tmp_path):
    index = Index(BUILTIN, tmp_path / "index.sqlite")
    index.refresh()
    assert "arbetsträning" in index.similar_terms("arbetstränning")
    grams = index.db.execute("SELECT count(*) FROM termgrams").fetchone()[0]
    assert grams == len(index.vocabulary)  # kept in step with the terms, in the same transaction
    index.close()


def test_passages_are_filed_under_the_vocabulary_concepts_they_speak_of(tmp_path):
    index = Index(BUILTIN, tmp_path / "index.sqlite")
    index.refresh()
    assert index.vocabulary.get("zvips", 0) >= 2  # "IPS" and "Supported Employment" passages
    assert index.vocabulary.get("zvcasemanagement", 0) >= 5
    index.close()


def test_another_vocabulary_refiles_every_passage(tmp_path):
    db = tmp_path / "index.sqlite"
    index = Index(BUILTIN, db)
    index.refresh()
    assert "zvips" in index.vocabulary
    index.close()
    plain = Vocabulary((), {}, load_vocabulary(DATA).generic, "without-concepts")
    again = Index(BUILTIN, db, concepts=plain)
    report = again.refresh()
    assert report.added == 4 and "zvips" not in again.vocabulary
    again.close()


def test_opening_the_index_removes_what_an_older_schema_left_in_the_cache(tmp_path, monkeypatch):
    from assistant.core.reuse import index as index_module

    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("ANSOKAN_CACHE", str(cache))
    old = [cache / "library-index-v5-0123456789ab.sqlite", cache / "library-index-v5-0123456789ab.sqlite-wal"]
    for path in old:
        path.write_bytes(b"an index of an older version")
    other = cache / "notes.sqlite"
    other.write_bytes(b"not ours")
    index = index_module.open_index(BUILTIN)
    try:
        assert not any(path.exists() for path in old)
        assert other.exists() and index.db_path.exists() and index.db_path.parent == cache
        assert index.db_path.name.startswith(f"library-index-v{index_module.SCHEMA}-")
    finally:
        index_module.forget_open_indexes()
