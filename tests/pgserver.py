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


class Server:
    """A server of its own in a fresh temporary folder (not pytest's tmp_path: its parents are
    private to root, and the server runs as `postgres`); stop() and start() again keep its data."""

    def __init__(self, *, options: str = "", template: Path | None = None) -> None:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.bin = bin_dir
        self.base = _server_folder()
        self.data, sock = self.base / "data", self.base / "sock"
        sock.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(sock, user.pw_uid, user.pw_gid)
        if template is None:
            _initdb(bin_dir, self.data)
        else:  # a copy of a stopped cluster is a cluster (cp -a keeps the server user's ownership)
            subprocess.run(["cp", "-a", str(template), str(self.data)], check=True, capture_output=True)
        self.options = f"-k {sock} -c listen_addresses='' -c fsync=off -c max_connections=60 {options}".strip()
        self.url = f"postgresql://ansokan@/postgres?host={sock}"

    def start(self) -> None:
        log = self.base / "server.log"
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", self.options, "-l", str(log), "-w", "start"]
        subprocess.run(_as_server_user(command), check=True, capture_output=True)

    def stop(self) -> None:
        command = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]
        subprocess.run(_as_server_user(command), capture_output=True)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)


def _server_folder() -> Path:
    """A fresh folder the server user may write in (root's own temp folders are private to root)."""
    base = Path(tempfile.mkdtemp(prefix="ansokan-pg-"))
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        base.chmod(0o755)
    return base


def _initdb(bin_dir: Path, data: Path) -> None:
    subprocess.run(
        _as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "ansokan", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )


# The data folder `initdb` made once in this test run, shared by every xdist worker's server (initdb
# was half a second of CPU for each worker and each extra server).
_template: Path | None = None


def _initdb_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from filelock import FileLock

    global _template
    basetemp = tmp_path_factory.getbasetemp()
    shared = basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp  # one run's workers
    target = shared / "pg-template"
    with FileLock(str(shared / "pg-template.lock")):
        if not (target / "PG_VERSION").is_file():
            bin_dir = binaries()
            assert bin_dir is not None
            base = _server_folder()
            try:
                _initdb(bin_dir, base / "data")
                shutil.move(str(base / "data"), str(target))
            finally:
                shutil.rmtree(base, ignore_errors=True)
    _template = target
    return target


@contextlib.contextmanager
def running_server(*, options: str = "") -> Iterator[Server]:
    """A started server; stopped and removed at the end. Copied from this run's initdb once the
    session's server made one (pg_server)."""
    server = Server(options=options, template=_template)
    try:
        server.start()
        yield server
    finally:
        server.remove()


@contextlib.contextmanager
def throwaway_server() -> Iterator[str]:
    """Start a server in a fresh temporary folder; yield its URL; stop it and remove the folder."""
    with running_server() as server:
        yield server.url


def database(server_url: str) -> str:
    """A new empty database on that server; its URL."""
    import psycopg

    name = f"test_{next(_numbers)}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # our own name, not input
    return server_url.replace("/postgres?", f"/{name}?")


def member_url(url: str, role_name: str) -> str:
    """The same database, connected as another login role (trust authentication on the socket)."""
    return url.replace("postgresql://ansokan@", f"postgresql://{role_name}@", 1)


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One throwaway server per test process, its cluster copied from one initdb per test run."""
    if binaries() is None:
        if os.environ.get(REQUIRED_ENV):
            pytest.fail(f"PostgreSQL is not installed and ${REQUIRED_ENV} says these tests must run")
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    _initdb_once(tmp_path_factory)
    with throwaway_server() as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """The URL of an empty database of its own, for one test."""
    return database(pg_server)
