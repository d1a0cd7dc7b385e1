"""The throwaway PostgreSQL server for the shared-library use cases (tests/pgserver.py)."""

from tests.pgserver import pg_server, pg_url

__all__ = ["pg_server", "pg_url"]
