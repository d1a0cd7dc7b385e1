"""A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, started on a unix
socket only (no TCP port, nothing another process on the machine can reach), stopped at the end.

PostgreSQL refuses to run as root, so under root (CI) the server runs as the `postgres` user the
Debian package creates. The binaries are found on PATH or where Debian installs each version.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# CI sets this, so a machine without PostgreSQL fails the shared-library tests instead of skipping them.
REQUIRED_ENV = "ANSOKAN_TESTS_NEED_POSTGRES"
_numbers = itertools.count()


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


@contextlib.contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server in a fresh temporary folder; yield its URL; stop it and remove the folder.
    (Not pytest's tmp_path: its parents are private to root, and the server runs as `postgres`.)"""
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="ansokan-pg-"))
    data, sock = base / "data", base / "sock"
    sock.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (base, sock):
            os.chown(path, user.pw_uid, user.pw_gid)
        base.chmod(0o755)
    subprocess.run(
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "ansokan", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    options = f"-k {sock} -c listen_addresses='' -c fsync=off -c max_connections=60"
    log = base / "server.log"
    subprocess.run(
        _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://ansokan@/postgres?host={sock}"
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


def member_url(url: str, role_name: str) -> str:
    """The same database, connected as another login role (trust authentication on the socket)."""
    return url.replace("postgresql://ansokan@", f"postgresql://{role_name}@", 1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """One throwaway server per test process."""
    if binaries() is None:
        if os.environ.get(REQUIRED_ENV):
            pytest.fail(f"PostgreSQL is not installed and ${REQUIRED_ENV} says these tests must run")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with throwaway_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """The URL of an empty database of its own, for one test."""
    import psycopg

    name = f"test_{next(_numbers)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # our own name, not input
    return pg_server.replace("/postgres?", f"/{name}?")
