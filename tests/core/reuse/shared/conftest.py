"""One throwaway PostgreSQL server per test process, and a fresh database for every test."""

from tests.pgserver import pg_server, pg_url

__all__ = ["pg_server", "pg_url"]
