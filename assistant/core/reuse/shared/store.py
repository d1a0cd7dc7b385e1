"""The shared library's store: entries, their sections and passages in PostgreSQL.

Every statement is parameterised (the library's text is data, never SQL). Connections come from a
psycopg pool, so the terminal UI's suggestion worker and a save can use the library at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from assistant.core.errors import UserError
from assistant.core.reuse.library.entries import Entry, Section, content_hash, passages
from assistant.core.reuse.shared.governance import Governance
from assistant.core.reuse.vocabulary import TOKEN_PREFIX

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_RE = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# One number for "migrations are being applied": two `library init` at once wait for each other.
_MIGRATION_LOCK = 7_306_142
_TERM_RE = re.compile(r"[^\W_]+")  # letters and digits: a term is quoted into a tsquery as it is
TRIGRAM_BELOW = 10  # full-text candidates under this: trigram similarity adds some


def migrations() -> list[tuple[int, Path]]:
    """The schema's versions in order: (1, 0001_library.sql), …"""
    found = [(int(m.group(1)), p) for p in MIGRATIONS.iterdir() if (m := _MIGRATION_RE.match(p.name))]
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]


@dataclass(frozen=True)
class StoredEntry:
    """An application in the shared library, as `library list` shows it."""

    id: str
    title: str
    organisation: str
    year: int | None
    status: str
    passages: int
    created: bool = False  # by this import (False: the same application was there already)


@dataclass(frozen=True)
class Candidate:
    """A passage the database found for a query, before the shared second-stage ranking."""

    passage_id: str
    entry_id: str
    section: str
    heading: str
    text: str
    score: float


class SharedLibrary(Governance):
    """One organisation's view of a shared library at `url` (postgresql://…)."""

    def __init__(self, url: str, *, max_connections: int = 4) -> None:
        self.url = url
        self._max = max_connections
        self._pool: ConnectionPool | None = None

    # -- connections ---------------------------------------------------------------------------

    def __enter__(self) -> SharedLibrary:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        try:
            import psycopg
            from psycopg_pool import ConnectionPool, PoolTimeout
        except ImportError as exc:
            raise UserError(
                "det delade biblioteket behöver psycopg: installera med `pip install 'ansokan[postgres]'`",
                "the shared library needs psycopg: install with `pip install 'ansokan[postgres]'`",
            ) from exc

        try:
            if self._pool is None:
                psycopg.connect(self.url, connect_timeout=5).close()  # fails at once, the pool only after its timeout
                self._pool = ConnectionPool(self.url, min_size=1, max_size=self._max, open=True, timeout=10)
            with self._pool.connection() as conn:
                yield conn
        except (psycopg.OperationalError, PoolTimeout) as exc:
            raise UserError(
                f"kan inte nå det delade biblioteket på {shown_url(self.url)}: {_first_line(exc)}",
                f"cannot reach the shared library at {shown_url(self.url)}: {_first_line(exc)}",
                hint_sv="kontrollera adressen (ANSOKAN_LIBRARY_URL) och att servern är igång",
                hint_en="check the address (ANSOKAN_LIBRARY_URL) and that the server is running",
            ) from exc
        except psycopg.errors.InsufficientPrivilege as exc:  # a role or a row-level policy said no
            raise UserError(
                f"det delade biblioteket på {shown_url(self.url)} tillåter inte det här: {_first_line(exc)}",
                f"the shared library at {shown_url(self.url)} does not allow this: {_first_line(exc)}",
                hint_sv="be den som sköter biblioteket om rätt roll (`ansokan library grant …`)",
                hint_en="ask whoever runs the library for the right role (`ansokan library grant …`)",
            ) from exc

    # -- schema --------------------------------------------------------------------------------

    def version(self) -> int:
        """The schema version the database has: 0 before `library init`."""
        with self._connection() as conn:
            exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
            if not exists or not exists[0]:
                return 0
            row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
            return int(row[0]) if row else 0

    def init(self) -> list[int]:
        """Apply the migrations the database does not have yet, all in one transaction, and
        return their versions (empty when it was up to date). Safe to run twice, or twice at once."""
        applied: list[int] = []
        with self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
            )
            have = {int(r[0]) for r in conn.execute("SELECT version FROM schema_migrations")}
            for version, path in migrations():
                if version in have:
                    continue
                conn.execute(path.read_text(encoding="utf-8"))  # our own files, never user text
                conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, path.name))
                applied.append(version)
            missing = conn.execute("SELECT id, body FROM passages WHERE terms IS NULL").fetchall()
            with conn.cursor() as cur:
                cur.executemany(
                    "UPDATE passages SET terms = to_tsvector('simple', %s) WHERE id = %s",
                    [(search_terms(str(body)), pid) for pid, body in missing],
                )
        return applied

    def check(self) -> None:
        """Refuse to work on a database without the schema this program knows (one clear line)."""
        version = self.version()
        if version < SCHEMA_VERSION:
            raise UserError(
                f"det delade biblioteket på {shown_url(self.url)} har schemaversion {version}, "
                f"programmet behöver {SCHEMA_VERSION}",
                f"the shared library at {shown_url(self.url)} has schema version {version}, "
                f"this program needs {SCHEMA_VERSION}",
                hint_sv="kör `ansokan library init --url …` (den som sköter servern)",
                hint_en="run `ansokan library init --url …` (whoever runs the server)",
            )
        if version > SCHEMA_VERSION:
            raise UserError(
                f"det delade biblioteket har schemaversion {version}, nyare än programmets {SCHEMA_VERSION}",
                f"the shared library has schema version {version}, newer than this program's {SCHEMA_VERSION}",
                hint_sv="uppdatera ansokan",
                hint_en="update ansokan",
            )

    # -- entries -------------------------------------------------------------------------------

    def add(self, entry: Entry, *, organisation: str | None = None) -> StoredEntry:
        """Store an application with its sections and passages, once per organisation: the same
        content (by hash) imported again is the entry already there. The organisation is the
        connected member's own (the database enforces it); `organisation` serves the library's
        owner account, which is no member. Passages wait for an approver where the library says so."""
        digest = content_hash(entry)
        with self._connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT coalesce(library_organisation(), %s), library_role(), require_approval FROM library_settings",
                (organisation,),
            ).fetchone()
            owner, role, require_approval = (row[0], row[1], bool(row[2])) if row else (organisation, None, False)
            if not owner:
                raise UserError(
                    f"{shown_url(self.url)}: kontot är inte medlem i någon organisation i biblioteket",
                    f"{shown_url(self.url)}: this account is no member of any organisation of the library",
                    hint_sv="be den som sköter biblioteket köra `ansokan library grant …` (bibliotekets ägarkonto:"
                    " ange organisationen i $ANSOKAN_LIBRARY_ORGANISATION)",
                    hint_en="ask whoever runs the library to run `ansokan library grant …` (the library's owner"
                    " account: name the organisation in $ANSOKAN_LIBRARY_ORGANISATION)",
                )
            if role is None:  # the owner's account: the organisation may be new
                conn.execute(
                    "INSERT INTO organisations (id, name) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING", (owner, owner)
                )
            held = conn.execute(
                "SELECT id FROM entries WHERE organisation = %s AND content_hash = %s", (owner, digest)
            ).fetchone()
            if held is not None:
                return self._stored(conn, str(held[0]))
            entry_id = self._insert_entry(conn, entry, owner, digest)
            if entry_id is None:
                held = conn.execute(
                    "SELECT id FROM entries WHERE organisation = %s AND content_hash = %s", (owner, digest)
                ).fetchone()
                return self._stored(conn, str(held[0]) if held else entry.id)
            stored = Entry(**{**entry.__dict__, "id": entry_id})
            approved = not require_approval or role in (None, "approver")
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO sections (entry_id, position, key, heading, body) VALUES (%s, %s, %s, %s, %s)",
                    [(entry_id, i, s.key, s.heading, s.text) for i, s in enumerate(entry.sections)],
                )
                cur.executemany(
                    "INSERT INTO passages (id, entry_id, section, heading, body, approved, terms)"
                    " VALUES (%s, %s, %s, %s, %s, %s, to_tsvector('simple', %s))",
                    [
                        (p.id, entry_id, p.section, p.heading, p.text, approved, search_terms(p.text))
                        for p in passages(stored)
                    ],
                )
            result = self._stored(conn, entry_id)
        return StoredEntry(**{**result.__dict__, "created": True})

    def _insert_entry(self, conn: psycopg.Connection[Any], entry: Entry, owner: str, digest: str) -> str | None:
        """Insert the entry's row under its id, or under the organisation's prefix and a number when
        another organisation (whose entries this one may not even see) has that id already."""
        import psycopg

        for n in range(1, 100):
            entry_id = entry.id if n == 1 else f"{owner}-{entry.id}" if n == 2 else f"{owner}-{entry.id}-{n - 1}"
            try:
                with conn.transaction():  # a savepoint: a taken id rolls back this insert only
                    conn.execute(
                        "INSERT INTO entries (id, organisation, title, funder, form, applicant, municipality, year,"
                        " period_start, period_end, status, source, projects, content_hash)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        (
                            entry_id,
                            owner,
                            entry.title,
                            entry.funder,
                            entry.form,
                            entry.organisation,
                            entry.municipality,
                            entry.year,
                            entry.start,
                            entry.end,
                            entry.status,
                            entry.source,
                            list(entry.projects),
                            digest,
                        ),
                    )
                return entry_id
            except psycopg.errors.UniqueViolation as exc:
                if exc.diag.constraint_name == "entries_organisation_content":
                    return None  # the same application, imported at this moment by a colleague
                continue
        raise UserError(f"inget ledigt id för `{entry.id}`", f"no free id for `{entry.id}`")

    def _stored(self, conn: psycopg.Connection[Any], entry_id: str) -> StoredEntry:
        row = conn.execute(
            "SELECT e.id, e.title, e.organisation, e.year, e.status, count(p.id)"
            " FROM entries e LEFT JOIN passages p ON p.entry_id = e.id WHERE e.id = %s"
            " GROUP BY e.id",
            (entry_id,),
        ).fetchone()
        if row is None:
            raise _no_entry(entry_id)
        return StoredEntry(str(row[0]), str(row[1]), str(row[2]), row[3], str(row[4]), int(row[5]))

    def entries(self) -> list[StoredEntry]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT e.id, e.title, e.organisation, e.year, e.status, count(p.id)"
                " FROM entries e LEFT JOIN passages p ON p.entry_id = e.id GROUP BY e.id ORDER BY e.id"
            ).fetchall()
        return [StoredEntry(str(r[0]), str(r[1]), str(r[2]), r[3], str(r[4]), int(r[5])) for r in rows]

    def entry(self, entry_id: str) -> Entry:
        """The application as the local library holds it (for `library show` and adapting)."""
        found = self._entries("WHERE id = %s", (entry_id,))
        if not found:
            raise _no_entry(entry_id)
        return found[0]

    def _entries(self, where: str = "", params: tuple[Any, ...] = ()) -> list[Entry]:
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT id, title, funder, form, applicant, municipality, year, period_start, period_end,"
                f" status, source, projects, imported_at::date FROM entries {where} ORDER BY id",
                params,
            ).fetchall()
            ids = [r[0] for r in rows]
            sections = conn.execute(
                "SELECT entry_id, key, heading, body FROM sections WHERE entry_id = ANY(%s) ORDER BY entry_id, position",
                (ids,),
            ).fetchall()
        by_entry: dict[str, list[Section]] = {}
        for entry_id, key, heading, body in sections:
            by_entry.setdefault(entry_id, []).append(Section(str(key), str(heading), str(body)))
        return [
            Entry(
                id=r[0],
                title=r[1],
                funder=r[2],
                form=r[3],
                organisation=r[4],
                municipality=r[5],
                year=r[6],
                start=r[7],
                end=r[8],
                status=r[9],
                source=r[10],
                projects=list(r[11]),
                imported=r[12],
                sections=by_entry.get(r[0], []),
            )
            for r in rows
        ]

    def generation(self) -> int:
        """The server's change counter: equal to the copy's, the copy is up to date."""
        with self._connection() as conn:
            row = conn.execute("SELECT n FROM changes").fetchone()
        return int(row[0]) if row else 0

    def snapshot(self) -> tuple[int, list[Entry], set[str], dict[str, dict[str, str]]]:
        """What this account may see, for its offline copy: (generation, entries, ids of the
        passages that may be suggested, each entry's owning organisation and status). The counter is read
        first, so a change made meanwhile makes the next sync copy again rather than be missed."""
        generation = self.generation()
        entries = self._entries()
        with self._connection() as conn:
            allowed = {str(r[0]) for r in conn.execute("SELECT id FROM passages WHERE approved AND NOT retired")}
            owners = {
                str(r[0]): {"owner": str(r[1]), "status": str(r[2])}
                for r in conn.execute("SELECT id, organisation, status FROM entries")
            }
        return generation, entries, allowed, owners

    def remove(self, entry_id: str) -> None:
        with self._connection() as conn, conn.transaction():
            if conn.execute("DELETE FROM entries WHERE id = %s", (entry_id,)).rowcount == 0:
                raise _no_entry(entry_id)

    # -- search --------------------------------------------------------------------------------

    def candidates(self, query: str, *, limit: int = 50) -> list[Candidate]:
        """Passages for a query's words: those with one of them, or sharing a Swedish word stem
        with one; approved and not retired, best first (see `matching`)."""
        return self.matching([[w] for w in re.findall(r"\w+", query.lower()) if len(w) > 1], limit=limit)

    def found(
        self, groups: list[list[str]], *, limit: int, compounds: Mapping[str, list[str]] | None = None
    ) -> set[str]:
        """The ids of up to `limit` passages matching any group of terms, unranked (the caller
        ranks them): the server stops at the limit instead of ranking every match of a common
        word (migrations/0005_found.sql, 0006). By the program's own terms; when they find fewer
        than TRIGRAM_BELOW, the `swedish` stems of the same words add passages, then trigram
        similarity (a typo, a compound no stem splits). A term that `compounds` names is also
        found in those words (the compounds it is a part of)."""
        kept = _kept(groups)
        if not kept:
            return set()
        expression = _expression(kept, compounds or {})
        with self._connection() as conn:
            ids = [
                str(r[0])
                for r in conn.execute("SELECT id FROM library_found(%s, %s, %s)", (expression, limit, TRIGRAM_BELOW))
            ]
            text = _plain_text(kept)
            if len(ids) < min(TRIGRAM_BELOW, limit) and text:
                ids += [
                    str(r[0])
                    for r in conn.execute("SELECT * FROM library_resembling(%s, %s, %s)", (text, ids, limit - len(ids)))
                ]
        return set(ids)

    def matching(self, groups: list[list[str]], *, limit: int = 50) -> list[Candidate]:
        """Passages matching any group of terms (all terms of a group): by the local index's own
        terms (`terms`, schema 3) or by the `swedish` configuration's stems of the same words. When
        that finds fewer than TRIGRAM_BELOW, pg_trgm similarity of the words adds passages that
        only resemble them (a typo, a compound no stem splits). Approved, not retired, best first."""
        kept = _kept(groups)
        if not kept:
            return []
        with self._connection() as conn:  # the functions apply the read policy (migrations/0004_search.sql)
            rows = conn.execute("SELECT * FROM library_search(%s, %s)", (_expression(kept), limit)).fetchall()
            text = _plain_text(kept)
            if len(rows) < min(TRIGRAM_BELOW, limit) and text:
                rows += conn.execute(
                    "SELECT * FROM library_resembling(%s, %s, %s)", (text, [r[0] for r in rows], limit - len(rows))
                ).fetchall()
        return [Candidate(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), float(r[5])) for r in rows]


def _kept(groups: list[list[str]]) -> list[list[str]]:
    """The groups whose terms are all letters and digits, which a tsquery takes quoted as they are."""
    return [list(dict.fromkeys(g)) for g in groups if g and all(_TERM_RE.fullmatch(t) for t in g)][:60]


def _expression(kept: list[list[str]], compounds: Mapping[str, list[str]] | None = None) -> str:
    """A tsquery: any group, all terms of a group; a term or any of its compounds."""

    def term(t: str) -> str:
        words = [t] + [c for c in (compounds or {}).get(t, ()) if _TERM_RE.fullmatch(c)]
        return f"'{t}'" if len(words) == 1 else "(" + " | ".join(f"'{w}'" for w in words) + ")"

    return " | ".join("(" + " & ".join(term(t) for t in g) + ")" for g in kept)


def _plain_text(kept: list[list[str]]) -> str:
    """The groups' words without the concept tokens, for trigram similarity."""
    return " ".join(dict.fromkeys(t for g in kept for t in g if not t.startswith(TOKEN_PREFIX)))


def search_terms(text: str) -> str:
    """What the local index files a passage under, before the library-wide compound splits: its
    word stems and its concept tokens."""
    from assistant.core.reuse.textnorm import stems_of, words
    from assistant.core.reuse.vocabulary import load_vocabulary

    stems = stems_of(words(text))
    return " ".join(stems + load_vocabulary().tokens(stems))


def shown_url(url: str) -> str:
    """The address without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":…@")
        return parts._replace(netloc=netloc).geturl()
    return url


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _no_entry(entry_id: str) -> UserError:
    return UserError(
        f"det delade biblioteket har ingen ansökan `{entry_id}` (se `ansokan library list`)",
        f"the shared library has no application `{entry_id}` (see `ansokan library list`)",
    )
