"""One throwaway PostgreSQL server per test process, and a fresh database for every test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from tests.pgserver import binaries, throwaway_server

_numbers = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    if binaries() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with throwaway_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """The URL of an empty database of its own."""
    import psycopg

    name = f"test_{next(_numbers)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # our own name, not input
    return pg_server.replace("/postgres?", f"/{name}?")
