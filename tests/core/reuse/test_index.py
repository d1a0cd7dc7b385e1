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
