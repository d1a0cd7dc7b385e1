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
from assistant.core.reuse.textnorm import split_compound
from assistant.core.reuse.vocabulary import TOKEN_PREFIX

if TYPE_CHECKING:
    from assistant.core.reuse.shared.store import SharedLibrary

PG_CANDIDATES = 3  # the copy's index offers this many times the passages the rerank takes
SERVER_FOUND = 2000  # unranked matches the server gives: the copy's candidates are kept among them
COMPOUNDS_PER_PART = 40  # a compound part is looked for on the server in at most this many compounds
COMPOUND_CHECKS = 400  # library terms holding a part's letters that are split to see if it is theirs
_QUOTED = re.compile(r'"([^"]+)"')


def match_groups(match: str) -> list[list[str]]:
    """The local index's FTS5 expression ('"a" OR ("b" AND "c")', see suggest.candidate_query) as
    groups of terms: any group, all terms within it."""
    return [_QUOTED.findall(part) for part in re.split(r"\s+OR\s+", match) if _QUOTED.search(part)]


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
        self._builtin: set[int] = set()
        self._allowed: set[int] = set()
        self._by_pid: dict[str, int] = {}
        self._sets_generation = -1
        self._compounds: dict[str, list[str]] = {}
        self._compounds_generation = -1
        self._vocabulary_set: frozenset[str] = frozenset()
        self._all_terms = ""

    def candidates(self, match: str, limit: int = 60, *, ranked: bool = True) -> list[tuple[int, float]]:
        if not match:
            return []
        if self.online and self.library is not None:
            try:
                return self._from_server(match, limit, ranked)
            except UserError:
                self.online = False  # the server went away while the writer types: the copy answers
        return self._from_copy(match, limit, ranked)

    def _rowids(self, pids: Iterable[str]) -> set[int]:
        by_pid = self._row_sets()[2]
        return {by_pid[p] for p in pids if p in by_pid}

    def _from_server(self, match: str, limit: int, ranked: bool) -> list[tuple[int, float]]:
        """The local candidates (BM25 order) that the server found too, or that are built in. The
        server's matches come unranked (the local index ranks): all of them when there are up to
        SERVER_FOUND, so a query of rare words gets exactly the copy's candidates it may see; a
        word the copy finds inside compounds is asked for with those compounds."""
        assert self.library is not None
        wide = max(limit * PG_CANDIDATES, 100)
        groups = match_groups(match)
        found = self.library.found(groups, limit=SERVER_FOUND, compounds=self._compounds_of(groups))
        on_server = self._rowids(found)
        builtin = self._row_sets()[0]
        hits = super().candidates(match, wide, ranked=ranked)
        return [(r, score) for r, score in hits if r in on_server or r in builtin][:limit]

    def _from_copy(self, match: str, limit: int, ranked: bool) -> list[tuple[int, float]]:
        """The local candidates the last sync allowed (approved, not retired, visible), or built in."""
        builtin, allowed, _ = self._row_sets()
        hits = super().candidates(match, max(limit * PG_CANDIDATES, 100), ranked=ranked)
        return [(r, score) for r, score in hits if r in allowed or r in builtin][:limit]

    def _compounds_of(self, groups: list[list[str]]) -> dict[str, list[str]]:
        """The compounds of the library each term of `groups` is a part of, as the copy's index
        splits them ("personal": "personalansv", "projektpersonal", …). The server's terms are the
        passages' own stems, never split, so a part is looked for there as the compounds holding
        it, and the server finds what the copy finds by that part. Worked out per term once per
        generation, by a scan of all the library's terms for the letters of the part."""
        if self._compounds_generation != self.generation:
            self._vocabulary_set = frozenset(self.vocabulary)
            self._all_terms = "\n" + "\n".join(self._vocabulary_set) + "\n"
            self._compounds, self._compounds_generation = {}, self.generation
        for term in {t for g in groups for t in g} - self._compounds.keys():  # concept tokens: never a part
            self._compounds[term] = [] if term.startswith(TOKEN_PREFIX) else self._compounds_holding(term)
        return self._compounds

    def _compounds_holding(self, part: str) -> list[str]:
        found: list[str] = []
        blob, checked, at = self._all_terms, 0, self._all_terms.find(part)
        while at != -1 and checked < COMPOUND_CHECKS and len(found) < COMPOUNDS_PER_PART:
            start, end = blob.rfind("\n", 0, at) + 1, blob.find("\n", at)
            term = blob[start:end]
            if term != part:
                checked += 1
                if part in split_compound(term, self._vocabulary_set):
                    found.append(term)
            at = blob.find(part, end)
        return found

    def _row_sets(self) -> tuple[set[int], set[int], dict[str, int]]:
        """Row ids of the built-in passages and of the allowed ones, and every passage's row id by
        its passage id, worked out once per generation (a sync that changes what is allowed moves
        the generation)."""
        if self._sets_generation != self.generation:
            with self._lock:
                rows = self.db.execute(
                    "SELECT p.id, p.pid, f.builtin FROM passages p JOIN files f ON f.path = p.path"
                ).fetchall()
            self._builtin = {int(r[0]) for r in rows if r[2]}
            self._allowed = {int(r[0]) for r in rows if r[1] in self.allowed}
            self._by_pid = {str(r[1]): int(r[0]) for r in rows}
            self._sets_generation = self.generation
        return self._builtin, self._allowed, self._by_pid
