"""Suggestions from the shared library: candidates from PostgreSQL, the local engine's second stage.

The local engine (core/reuse/suggest.py) turns the writer's text into weighted terms, asks its index
for candidates, and reranks them by how much of the query each covers. `SharedIndex` is that index
over the writer's copy of the shared library (cache.py), with one stage changed: while the server
answers, the candidates are the passages PostgreSQL finds (`swedish` full-text search plus pg_trgm
similarity, only approved, not retired and visible to this account, as the database decides at
this moment), and the local index only scores those (BM25 and coverage, exactly as locally). When
the server cannot be reached the copy answers alone, limited to the passages that were allowed at
the last sync. So both backends rank the same library the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.core.reuse.index import Index

if TYPE_CHECKING:
    from assistant.core.reuse.shared.store import SharedLibrary

PG_CANDIDATES = 3  # the server offers this many times the passages the rerank takes
_QUOTED = re.compile(r'"([^"]+)"')


class SharedIndex(Index):
    """The local index over the copy, whose candidates come from the server while it answers."""

    def __init__(
        self,
        dirs: Iterable[tuple[Path, bool]],
        db_path: Path | None,
        *,
        library: SharedLibrary | None,
        allowed: set[str],
    ) -> None:
        super().__init__(dirs, db_path)
        self.library = library
        self.allowed = allowed
        self.online = library is not None
        self._builtin: set[str] = set()
        self._builtin_generation = -1

    def candidates(self, match: str, limit: int = 60, *, ranked: bool = True) -> list[tuple[int, float]]:
        if not match:
            return []
        if self.online and self.library is not None:
            try:
                return self._from_server(match, limit, ranked)
            except UserError:
                self.online = False  # the server went away while the writer types: the copy answers
        return self._from_copy(match, limit, ranked)

    def _rowids(self, pids: Iterable[str]) -> list[int]:
        wanted = list(dict.fromkeys(pids))
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        with self._lock:
            rows = self.db.execute(f"SELECT id, pid FROM passages WHERE pid IN ({marks})", wanted).fetchall()
        return [int(r[0]) for r in rows]

    def _scored(self, match: str, rowids: list[int], limit: int, ranked: bool) -> list[tuple[int, float]]:
        """The local index's own BM25 for these passages only, best first (as Index.candidates)."""
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        order = "ORDER BY rank" if ranked else ""
        score = "bm25(fts)" if ranked else "0.0"
        with self._lock:
            rows = self.db.execute(
                f"SELECT rowid, {score} FROM fts WHERE fts MATCH ? AND rowid IN ({marks}) {order} LIMIT ?",
                (match, *rowids, limit),
            ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def _from_server(self, match: str, limit: int, ranked: bool) -> list[tuple[int, float]]:
        assert self.library is not None
        found = self.library.candidates(" ".join(_QUOTED.findall(match)), limit=max(limit * PG_CANDIDATES, 100))
        builtin = self._builtin_rowids(match, limit, ranked)
        return self._scored(match, self._rowids(c.passage_id for c in found) + builtin, limit, ranked)

    def _from_copy(self, match: str, limit: int, ranked: bool) -> list[tuple[int, float]]:
        hits = super().candidates(match, max(limit * PG_CANDIDATES, 100), ranked=ranked)
        rows = self.passages_by_id([r for r, _ in hits])
        keep = [(r, s) for r, s in hits if r in rows and self._may_suggest(rows[r])]
        return keep[:limit]

    def _may_suggest(self, row: object) -> bool:
        pid = str(row[1])  # type: ignore[index]
        return pid in self.allowed or self._is_builtin(str(row[2]))  # type: ignore[index]

    def _builtin_rowids(self, match: str, limit: int, ranked: bool) -> list[int]:
        """The built-in library is not on the server: its passages compete as they do locally."""
        hits = super().candidates(match, limit, ranked=ranked)
        rows = self.passages_by_id([r for r, _ in hits])
        return [r for r, _ in hits if r in rows and self._is_builtin(str(rows[r][2]))]

    def _is_builtin(self, entry_id: str) -> bool:
        if self._builtin_generation != self.generation:
            with self._lock:
                rows = self.db.execute(
                    "SELECT e.entry_id FROM entries e JOIN files f ON f.path = e.path WHERE f.builtin = 1"
                ).fetchall()
            self._builtin, self._builtin_generation = {str(r[0]) for r in rows}, self.generation
        return entry_id in self._builtin
