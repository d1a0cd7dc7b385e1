"""The search index over the library's passages: SQLite FTS5 on disk, kept in step with the files.

Why FTS5: it ships inside Python's sqlite3 (no new dependency), its BM25 answers in a few ms at
60,000 passages (measured, see benchmarks/suggest.py), and SQLite transactions make the index
crash-safe: an update either commits whole or not at all. The FTS column holds pre-normalised
terms (Snowball stems without stopwords, abbreviations spelled out, compounds also filed under
their parts, and the tokens of the domain vocabulary's concepts the passage speaks of), so the
tokenizer only splits on spaces.

The character n-gram channel: every term of the library is also in `termgrams`, an FTS5 table with
the trigram tokenizer, so a word the library does not have (a typo, an unseen compound) finds the
library words that share its letter sequences in a few ms at any library size; it is kept in step
with the terms in the same transaction, never rebuilt per process.

Freshness: every library file is fingerprinted by path, mtime, size and a content hash. `refresh`
re-reads only the files whose fingerprint changed, drops the passages of files that are gone,
and commits that in one transaction: the index is never stale and never half-updated.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core.errors import UserError
from assistant.core.reuse.library import SUFFIX, Entry, load_entry, passages
from assistant.core.reuse.textnorm import expand_terms, stems_of, words
from assistant.core.reuse.vocabulary import Vocabulary, load_vocabulary
from assistant.core.storage import paths

SCHEMA = 6  # 5: concept tokens, the termgrams table, the meta table; 6: no function word as a compound part
DB_NAME = f"library-index-v{SCHEMA}.sqlite"

_DDL = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER, digest TEXT, entry_id TEXT, builtin INTEGER);
CREATE TABLE IF NOT EXISTS entries (
    entry_id TEXT PRIMARY KEY, path TEXT, title TEXT, organisation TEXT, municipality TEXT, year INTEGER,
    projects TEXT, start TEXT, end TEXT);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY, pid TEXT, path TEXT, entry_id TEXT, section TEXT, heading TEXT, text TEXT,
    words INTEGER, dupkey TEXT);
CREATE INDEX IF NOT EXISTS passages_path ON passages(path);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(terms, tokenize = "unicode61 remove_diacritics 0");
CREATE VIRTUAL TABLE IF NOT EXISTS vocab USING fts5vocab(fts, 'row');
CREATE VIRTUAL TABLE IF NOT EXISTS termgrams USING fts5(term, tokenize = "trigram");
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
SIMILAR_TERMS = 12  # library terms the n-gram table offers for one unknown word


@dataclass(frozen=True)
class Fingerprint:
    path: str
    mtime_ns: int
    size: int


# A library file to bring into the index: (path, builtin?, re-read it?, content digest, fingerprint).
_Work = tuple[str, bool, bool, str, Fingerprint]


@dataclass
class RefreshReport:
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def default_db_path(dirs: Iterable[tuple[Path, bool]] = ()) -> Path:
    """One index file per set of library directories, so two libraries never churn one index."""
    key = "\n".join(sorted(f"{Path(d).expanduser().absolute()}|{int(b)}" for d, b in dirs))
    return paths.cache_dir() / f"{DB_NAME.removesuffix('.sqlite')}-{_digest(key.encode())[:12]}.sqlite"


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


_UIDS = itertools.count()


class Index:
    """An open index over some library directories. Cheap to query, safe to share in one process."""

    def __init__(
        self, dirs: Iterable[tuple[Path, bool]], db_path: Path | None = None, *, concepts: Vocabulary | None = None
    ) -> None:
        self.dirs = [(Path(d), bool(b)) for d, b in dirs]
        self.db_path = Path(db_path) if db_path else default_db_path(self.dirs)
        self.concepts = concepts or load_vocabulary()
        self.in_memory = False
        self.db: sqlite3.Connection = self._connect()
        self.checked_at = 0.0
        self.vocabulary: dict[str, int] = {}
        self.sorted_terms: list[str] = []
        self._data_version = -1
        self.generation = 0
        self.uid = next(_UIDS)  # unlike id(), never reused by a later index in the process
        self.documents = 0
        self._lock = threading.RLock()
        self._entries: dict[str, dict[str, Any]] = {}

    # -- connection ---------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        try:
            return self._open(str(self.db_path))
        except sqlite3.OperationalError:
            pass  # locked for too long or not writable: fall through to an index in memory
        except sqlite3.DatabaseError:
            # A cache file that is not a database (disk trouble, an old format): rebuild it from scratch.
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(str(self.db_path) + suffix).unlink()
            with contextlib.suppress(sqlite3.Error, OSError):
                return self._open(str(self.db_path))
        except OSError:
            pass
        # The cache directory cannot be used: suggestions still work, from an index in memory.
        self.in_memory = True
        return self._open(":memory:")

    def _open(self, target: str) -> sqlite3.Connection:
        if target != ":memory:":
            Path(target).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(target, timeout=30, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            if not self._has_schema(db):
                db.executescript(_DDL)
            self._check_concepts(db)
            db.execute("SELECT count(*) FROM files").fetchone()
        except BaseException:
            db.close()
            raise
        return db

    @staticmethod
    def _has_schema(db: sqlite3.Connection) -> bool:
        return db.execute("SELECT 1 FROM sqlite_master WHERE name='fts'").fetchone() is not None

    def _check_concepts(self, db: sqlite3.Connection) -> None:
        """Passages are filed under the vocabulary's concepts: another vocabulary re-files them all."""
        row = db.execute("SELECT value FROM meta WHERE key='vocabulary'").fetchone()
        if row and row[0] == self.concepts.version:
            return
        db.execute("BEGIN IMMEDIATE")
        for table in ("files", "entries", "passages", "fts", "termgrams"):
            db.execute(f"DELETE FROM {table}")
        db.execute("INSERT OR REPLACE INTO meta VALUES ('vocabulary', ?)", (self.concepts.version,))
        db.execute("COMMIT")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()

    # -- keeping in step with the files ------------------------------------------------------

    def _scan(self) -> dict[str, tuple[Fingerprint, bool]]:
        """Fingerprints of every library file; os.scandir keeps this to ~1 ms per 100 files."""
        found: dict[str, tuple[Fingerprint, bool]] = {}
        for directory, builtin in self.dirs:
            if not directory.is_dir():
                continue
            base = str(directory.resolve())
            with contextlib.suppress(OSError), os.scandir(base) as it:
                for item in it:
                    if not item.name.endswith(SUFFIX) or item.name.startswith(".") or not item.is_file():
                        continue
                    with contextlib.suppress(OSError):
                        st = item.stat()
                        key = os.path.join(base, item.name)
                        found.setdefault(key, (Fingerprint(key, st.st_mtime_ns, st.st_size), builtin))
        return found

    def refresh(self, *, max_age: float = 0.0) -> RefreshReport:
        """Bring the index in step with the library files (skipped if checked < max_age s ago)."""
        now = time.monotonic()
        if max_age and now - self.checked_at < max_age and self.vocabulary:
            return RefreshReport()
        with self._lock:
            report = self._refresh()
            self.checked_at = time.monotonic()
            report.seconds = self.checked_at - now
            return report

    def _refresh(self) -> RefreshReport:
        report = RefreshReport()
        found = self._scan()
        known = {row[0]: row[1:] for row in self.db.execute("SELECT path, mtime_ns, size, digest FROM files")}
        work: list[_Work] = []
        for key, (fp, builtin) in found.items():
            old = known.get(key)
            if old and old[0] == fp.mtime_ns and old[1] == fp.size:
                report.unchanged += 1
                continue
            try:
                data = Path(key).read_bytes()
            except OSError:
                continue
            digest = _digest(data)
            if old and old[2] == digest:
                work.append((key, builtin, False, digest, fp))  # touched, same content: new mtime only
                report.unchanged += 1
                continue
            work.append((key, builtin, True, digest, fp))
            if old:
                report.changed += 1
            else:
                report.added += 1
        gone = [key for key in known if key not in found]
        report.removed = len(gone)
        delta: Counter[str] | None = None
        if work or gone:
            delta = self._apply(work, gone, report)
        version = self.db.execute("PRAGMA data_version").fetchone()[0]
        if not self.vocabulary or version != self._data_version:
            self._load_vocabulary()  # the first time, or another process has updated the index
            self._data_version = version
        elif delta:
            self._update_vocabulary(delta)  # re-reading fts5vocab costs ~1 s at 300,000 passages
        return report

    def _apply(self, work: list[_Work], gone: list[str], report: RefreshReport) -> Counter[str]:
        """Write the changes in one transaction; returns how each term's passage count changed.

        Streamed in two passes so memory stays flat at any size: each file is read and its passages
        written, keeping only their stems; then, with the whole vocabulary known, compounds are
        split and the search terms go into FTS5."""
        vocabulary = set(self.vocabulary)
        delta: Counter[str] = Counter()
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            for key in gone + [w[0] for w in work if w[2]]:
                self._drop_file(key, delta)
            pending: list[tuple[int, str]] = []  # (passage row id, its stems) waiting for pass 2
            for key, builtin, reread, digest, fp in work:
                entry_id = None
                if reread:
                    try:
                        entry = load_entry(Path(key), builtin=builtin)
                    except UserError as exc:  # recorded as empty so it is not retried every time
                        report.failed.append(exc.message())
                    else:
                        entry_id = entry.id
                        pending += self._insert_entry(key, entry, vocabulary)
                else:
                    entry_id = db.execute("SELECT entry_id FROM files WHERE path=?", (key,)).fetchone()[0]
                db.execute(
                    "INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?)",
                    (key, fp.mtime_ns, fp.size, digest, entry_id, int(builtin)),
                )
            self._index_terms(pending, frozenset(vocabulary), delta)
            self._update_termgrams(delta)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return delta

    def _drop_file(self, key: str, delta: Counter[str]) -> None:
        rows = self.db.execute(
            "SELECT rowid, terms FROM fts WHERE rowid IN (SELECT id FROM passages WHERE path=?)", (key,)
        ).fetchall()
        for _, terms in rows:
            delta.subtract(set(terms.split()))
        delta["\0passages"] -= len(rows)
        self.db.executemany("DELETE FROM fts WHERE rowid=?", [(r[0],) for r in rows])
        self.db.execute("DELETE FROM passages WHERE path=?", (key,))
        self.db.execute("DELETE FROM entries WHERE path=?", (key,))
        self.db.execute("DELETE FROM files WHERE path=?", (key,))

    def _insert_entry(self, key: str, entry: Entry, vocabulary: set[str]) -> list[tuple[int, str]]:
        """Write an entry and its passages; returns (row id, stems) for the search terms."""
        if self.db.execute("SELECT 1 FROM entries WHERE entry_id=?", (entry.id,)).fetchone():
            return []  # the same id twice (built-in and user copy): the first one found wins
        self.db.execute(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?)",
            (
                entry.id,
                key,
                entry.title,
                entry.organisation,
                entry.municipality,
                entry.year,
                "\n".join(entry.projects),
                entry.start.isoformat() if entry.start else "",
                entry.end.isoformat() if entry.end else "",
            ),
        )
        first = (self.db.execute("SELECT coalesce(max(id), 0) FROM passages").fetchone()[0]) + 1
        records, pending = [], []
        for n, passage in enumerate(passages(entry)):
            all_words = words(passage.text)  # one scan gives the stems, the length and the copy key
            terms = stems_of(all_words)
            vocabulary.update(terms)
            records.append(
                (
                    first + n,
                    passage.id,
                    key,
                    entry.id,
                    passage.section,
                    passage.heading,
                    passage.text,
                    len(all_words),
                    " ".join(all_words),
                )
            )
            pending.append((first + n, " ".join(terms)))
        self.db.executemany(
            "INSERT INTO passages (id, pid, path, entry_id, section, heading, text, words, dupkey)"
            " VALUES (?,?,?,?,?,?,?,?,?)",
            records,
        )
        return pending

    def _index_terms(self, pending: list[tuple[int, str]], vocabulary: frozenset[str], delta: Counter[str]) -> None:
        splits: dict[str, list[str]] = {}
        batch: list[tuple[int, str]] = []
        for rowid, terms in pending:
            ordered = terms.split()
            indexed = " ".join(expand_terms(ordered, vocabulary, splits) + self.concepts.tokens(ordered))
            batch.append((rowid, indexed))
            delta.update(set(indexed.split()))
            if len(batch) >= 2000:
                self.db.executemany("INSERT INTO fts(rowid, terms) VALUES (?,?)", batch)
                batch = []
        self.db.executemany("INSERT INTO fts(rowid, terms) VALUES (?,?)", batch)
        delta["\0passages"] += len(pending)

    def _update_termgrams(self, delta: Counter[str]) -> None:
        """Terms that enter the library go into the n-gram table, terms that leave it go out."""
        new, gone = [], []
        for term, change in delta.items():
            if term.startswith("\0") or not change:
                continue
            before = self.vocabulary.get(term, 0)
            if before <= 0 < before + change:
                new.append((term,))
            elif before > 0 >= before + change:
                gone.append((term,))
        self.db.executemany("DELETE FROM termgrams WHERE term = ?", gone)
        self.db.executemany("INSERT INTO termgrams(term) VALUES (?)", new)

    def _load_vocabulary(self) -> None:
        self.vocabulary = {term: doc for term, doc in self.db.execute("SELECT term, doc FROM vocab")}
        self.documents = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        self._after_vocabulary_change()

    def _update_vocabulary(self, delta: Counter[str]) -> None:
        self.documents += delta.pop("\0passages", 0)
        for term, change in delta.items():
            count = self.vocabulary.get(term, 0) + change
            if count > 0:
                self.vocabulary[term] = count
            else:
                self.vocabulary.pop(term, None)
        self._after_vocabulary_change()

    def _after_vocabulary_change(self) -> None:
        # Sorted, for another form of a word and the completion of an unfinished one (bisect).
        self.sorted_terms = sorted(self.vocabulary)
        self._entries = {}
        self.generation += 1  # what was computed from the old terms is stale (suggest's window cache)

    # -- reading -------------------------------------------------------------------------------

    def candidates(self, match: str, limit: int = 60, *, ranked: bool = True) -> list[tuple[int, float]]:
        """(passage row id, bm25) for an FTS5 MATCH expression of quoted terms, best first.
        Unranked: the first matches in index order, bm25 0 (for queries of only common words)."""
        if not match:
            return []
        with self._lock:
            if not ranked:
                return [
                    (r[0], 0.0)
                    for r in self.db.execute("SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?", (match, limit))
                ]
            return self.db.execute(
                "SELECT rowid, bm25(fts) FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?", (match, limit)
            ).fetchall()

    def similar_terms(self, term: str, limit: int = SIMILAR_TERMS) -> list[str]:
        """Library terms sharing the most (rarest) letter trigrams with `term`, from the n-gram table."""
        padded = term.replace('"', "")
        grams = {padded[i : i + 3] for i in range(len(padded) - 2)}
        if not grams:
            return []
        match = " OR ".join(f'"{g}"' for g in sorted(grams))
        with self._lock:
            rows = self.db.execute(
                "SELECT term FROM termgrams WHERE termgrams MATCH ? ORDER BY rank LIMIT ?", (match, limit)
            ).fetchall()
        return [r[0] for r in rows if r[0] in self.vocabulary]

    def count(self, match: str) -> int:
        with self._lock:
            return int(self.db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match,)).fetchone()[0])

    def passages_by_id(self, ids: list[int]) -> dict[int, sqlite3.Row]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            rows = self.db.execute(
                f"SELECT p.id, p.pid, p.entry_id, p.section, p.heading, p.text, f.terms, p.words, p.dupkey"
                f" FROM passages p JOIN fts f ON f.rowid = p.id WHERE p.id IN ({marks})",
                ids,
            ).fetchall()
        return {row[0]: row for row in rows}

    def entry(self, entry_id: str) -> dict[str, Any]:
        if entry_id not in self._entries:
            with self._lock:
                row = self.db.execute(
                    "SELECT entry_id, title, organisation, municipality, year, projects, start, end"
                    " FROM entries WHERE entry_id=?",
                    (entry_id,),
                ).fetchone()
            self._entries[entry_id] = (
                {}
                if row is None
                else {
                    "id": row[0],
                    "title": row[1],
                    "organisation": row[2],
                    "municipality": row[3],
                    "year": row[4],
                    "projects": [p for p in (row[5] or "").split("\n") if p],
                    "start": row[6],
                    "end": row[7],
                }
            )
        return self._entries[entry_id]

    def passage(self, pid: str) -> sqlite3.Row | None:
        with self._lock:
            row = self.db.execute("SELECT id FROM passages WHERE pid=?", (pid,)).fetchone()
        return self.passages_by_id([row[0]]).get(row[0]) if row else None


_OLD_SCHEMA = re.compile(r"library-index-v(\d+)-[0-9a-f]+\.sqlite(-wal|-shm)?")


def drop_old_schemas(directory: Path) -> list[Path]:
    """Remove the index files an older version of the index left in the cache directory (an index
    of 60,000 passages is about 100 MB, rebuilt under the new schema's name); returns what went."""
    gone: list[Path] = []
    with contextlib.suppress(OSError), os.scandir(directory) as it:
        for item in it:
            found = _OLD_SCHEMA.fullmatch(item.name)
            if found and int(found[1]) < SCHEMA:
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
                    gone.append(Path(item.path))
    return gone


# One open index per (db, library dirs) in a process, so the UI does not reopen it per keystroke.
_OPEN: dict[tuple[str, tuple[tuple[str, bool], ...]], Index] = {}
_OPEN_LOCK = threading.Lock()


def open_index(dirs: Iterable[tuple[Path, bool]], db_path: Path | None = None, *, max_age: float = 2.0) -> Index:
    dirs = [(Path(d).resolve() if Path(d).exists() else Path(d), b) for d, b in dirs]
    key = (str(db_path or default_db_path(dirs)), tuple((str(d), b) for d, b in dirs))
    with _OPEN_LOCK:
        index = _OPEN.get(key)
        if index is None:
            if db_path is None:
                drop_old_schemas(paths.cache_dir())
            index = _OPEN[key] = Index(dirs, db_path)
    index.refresh(max_age=max_age)
    return index


def forget_open_indexes() -> None:
    with _OPEN_LOCK:
        for index in _OPEN.values():
            index.close()
        _OPEN.clear()
