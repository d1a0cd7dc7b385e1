"""Who owns, approves, retires and reuses what in the shared library.

The rules themselves live in the database (migrations/0002_governance.sql: roles, column grants and
row-level security), so a writer's own connection cannot break them whatever program it runs;
these methods only ask, and turn a refusal into one clear line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.core.errors import UserError

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import psycopg

ROLES = ("reader", "writer", "approver")


@dataclass(frozen=True)
class PassageUse:
    """A passage with how often it was taken, for `library stats`."""

    passage_id: str
    entry_id: str
    organisation: str
    heading: str
    text: str
    takes: int


class Governance:
    """Approval, retiring, members, sharing and the take counts (mixed into SharedLibrary)."""

    url: str

    def _connection(self) -> AbstractContextManager[psycopg.Connection[Any]]:  # provided by SharedLibrary
        raise NotImplementedError

    def _changing(self, sql: str, params: tuple[Any, ...]) -> int:
        with self._connection() as conn, conn.transaction():
            return int(conn.execute(sql, params).rowcount)

    # -- settings and members (the library's owner account) --------------------------------------

    def set_require_approval(self, required: bool) -> None:
        self._changing(
            "UPDATE library_settings SET require_approval = %s",
            (required,),
        )

    def require_approval(self) -> bool:
        with self._connection() as conn:
            row = conn.execute("SELECT require_approval FROM library_settings").fetchone()
        return bool(row and row[0])

    def grant(self, role_name: str, *, organisation: str, role: str) -> None:
        """Make a database login role a member of an organisation as reader, writer or approver."""
        from psycopg import sql

        if role not in ROLES:
            raise UserError(
                f"okänd roll `{role}`: välj {', '.join(ROLES)}", f"unknown role `{role}`: choose {', '.join(ROLES)}"
            )
        with self._connection() as conn, conn.transaction():
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role_name,)).fetchone() is None:
                raise UserError(
                    f"databasen har ingen roll `{role_name}`",
                    f"the database has no role `{role_name}`",
                    hint_sv=f"skapa den först: CREATE ROLE \"{role_name}\" LOGIN PASSWORD '…'",
                    hint_en=f"create it first: CREATE ROLE \"{role_name}\" LOGIN PASSWORD '…'",
                )
            conn.execute(
                "INSERT INTO organisations (id, name) VALUES (%s, %s) ON CONFLICT (id) DO NOTHING",
                (organisation, organisation),
            )
            conn.execute(
                "INSERT INTO members (role_name, organisation, role) VALUES (%s, %s, %s)"
                " ON CONFLICT (role_name) DO UPDATE SET organisation = excluded.organisation, role = excluded.role",
                (role_name, organisation, role),
            )
            for other in ROLES:
                conn.execute(
                    sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(f"ansokan_{other}"), sql.Identifier(role_name))
                )
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(f"ansokan_{role}"), sql.Identifier(role_name)))

    def whoami(self) -> tuple[str, str | None, str | None]:
        """(login role, organisation, role) of this connection."""
        with self._connection() as conn:
            row = conn.execute("SELECT session_user, library_organisation(), library_role()").fetchone()
        return (str(row[0]), row[1], row[2]) if row else ("", None, None)

    # -- passages -------------------------------------------------------------------------------

    def _passages(self, ids: Iterable[str], change: str) -> int:
        """Change passages named by their own id, or all of an entry by the entry's id."""
        wanted = list(dict.fromkeys(ids))
        changed = self._changing(
            f"UPDATE passages SET {change} WHERE id = ANY(%s) OR entry_id = ANY(%s)", (wanted, wanted)
        )
        if not changed:
            raise _not_ours(wanted)
        return changed

    def approve(self, ids: Iterable[str]) -> int:
        return self._passages(
            ids,
            "approved = true, approved_by = session_user, approved_at = now()",
        )

    def retire(self, ids: Iterable[str]) -> int:
        return self._passages(
            ids,
            "retired = true, retired_by = session_user, retired_at = now()",
        )

    def edit(self, passage_id: str, text: str) -> None:
        """Give a passage new wording, kept in its section too (so the copy, `library show` and the
        passage ids stay in step); the old wording goes to the passage's history (a trigger)."""
        new = text.strip()
        if not new or "\n\n" in new.replace("\r", "") or new.startswith("#"):
            raise UserError(
                "den nya lydelsen ska vara ett stycke: inte tom, utan tomma rader",
                "the new wording must be one passage: not empty, without blank lines",
            )
        with self._connection() as conn, conn.transaction():
            row = conn.execute(
                "SELECT p.body, s.position, s.body FROM passages p"
                " JOIN sections s ON s.entry_id = p.entry_id AND s.key = p.section WHERE p.id = %s FOR UPDATE",
                (passage_id,),
            ).fetchone()
            if row is None or str(row[0]) not in str(row[2]):
                raise _not_ours([passage_id])
            old, position, body = str(row[0]), int(row[1]), str(row[2])
            if old == new:
                return
            conn.execute(
                "UPDATE sections SET body = %s WHERE entry_id = (SELECT entry_id FROM passages WHERE id = %s)"
                " AND position = %s",
                (body.replace(old, new, 1), passage_id, position),
            )
            from assistant.core.reuse.shared.store import search_terms

            changed = conn.execute(
                "UPDATE passages SET body = %s, terms = to_tsvector('simple', %s) WHERE id = %s",
                (new, search_terms(new), passage_id),
            )
            if changed.rowcount == 0:
                raise _not_ours([passage_id])

    def history(self, passage_id: str) -> list[tuple[str, str, str]]:
        """(earlier wording, who changed it, when) of a passage, oldest first."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT h.body, h.changed_by, to_char(h.changed_at, 'YYYY-MM-DD HH24:MI')"
                " FROM passage_history h JOIN passages p ON p.id = h.passage_id"
                " WHERE h.passage_id = %s ORDER BY h.changed_at, h.ctid",
                (passage_id,),
            ).fetchall()
        return [(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def waiting(self) -> list[tuple[str, str]]:
        """(passage id, text) of what waits for an approver, oldest entries first."""
        with self._connection() as conn:
            rows = conn.execute(
                "SELECT id, body FROM passages WHERE NOT approved AND NOT retired ORDER BY entry_id, id"
            ).fetchall()
        return [(str(r[0]), str(r[1])) for r in rows]

    def share(self, entry_id: str, organisations: list[str]) -> None:
        """Share an entry with other organisations ('*': every organisation of the library)."""
        changed = self._changing(
            "UPDATE entries SET shared_with = %s WHERE id = %s",
            (organisations, entry_id),
        )
        if not changed:
            raise UserError(
                f"`{entry_id}` finns inte eller är inte er organisations",
                f"`{entry_id}` does not exist or is not your organisation's",
            )

    # -- reuse ----------------------------------------------------------------------------------

    def record_takes(self, takes: list[tuple[str, str]]) -> int:
        """Count takes (take id, passage id); a take id the server has already is not counted again,
        nor a passage that is gone. Returns how many were new."""
        with self._connection() as conn, conn.transaction():
            new = 0
            for take_id, passage_id in takes:
                cur = conn.execute(
                    "INSERT INTO takes (id, passage_id) SELECT %s, id FROM passages WHERE id = %s"
                    " ON CONFLICT (id) DO NOTHING",
                    (take_id, passage_id),
                )
                new += cur.rowcount
        return new

    def stats(self, *, top: int = 10) -> tuple[list[PassageUse], list[PassageUse], int]:
        """The most taken passages, approved passages never taken, and the number of takes."""
        select = (
            "SELECT p.id, p.entry_id, e.organisation, p.heading, p.body, count(t.id) AS n"
            " FROM passages p JOIN entries e ON e.id = p.entry_id LEFT JOIN takes t ON t.passage_id = p.id"
            " WHERE p.approved AND NOT p.retired GROUP BY p.id, e.organisation"
        )
        with self._connection() as conn:
            most = conn.execute(f"{select} HAVING count(t.id) > 0 ORDER BY n DESC, p.id LIMIT %s", (top,)).fetchall()
            never = conn.execute(f"{select} HAVING count(t.id) = 0 ORDER BY p.id LIMIT %s", (top,)).fetchall()
            total = conn.execute("SELECT count(*) FROM takes").fetchone()
        return [_use(r) for r in most], [_use(r) for r in never], int(total[0]) if total else 0


def _not_ours(ids: list[str]) -> UserError:
    return UserError(
        f"inget stycke `{', '.join(ids)}` som tillhör er organisation",
        f"no passage `{', '.join(ids)}` of your organisation",
        hint_sv="se `ansokan library show ID --json` för styckenas id",
        hint_en="see `ansokan library show ID --json` for the passages' ids",
    )


def _use(row: Any) -> PassageUse:
    return PassageUse(str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), int(row[5]))
