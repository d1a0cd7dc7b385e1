"""The library an organisation shares, on its own PostgreSQL server (psycopg 3 with a pool).

The local library (readable files plus a SQLite index) stays the default and needs nothing
installed; this backend holds the same entries and passages for many writers at once. Its schema
is a series of versioned SQL files (`migrations/NNNN_name.sql`) applied in order by
`SharedLibrary.init()` (`ansokan library init --url …`), and checked when a library is opened.
"""

from assistant.core.reuse.shared.store import SCHEMA_VERSION, SharedLibrary, StoredEntry

__all__ = ["SCHEMA_VERSION", "SharedLibrary", "StoredEntry"]
