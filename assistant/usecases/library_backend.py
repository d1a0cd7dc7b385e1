"""Where the library lives: local files (the default) or an organisation's shared PostgreSQL library.

Both backends answer the same few questions (`LibraryBackend`), so every library use case and both
faces work on either. Which one: a `--library-url` the face got (postgresql://…), else
$ANSOKAN_LIBRARY_URL, else `library_url` in the settings file; a `--library DIR` given on the command
line is a local library whatever the environment says. The shared backend reads from the writer's
offline copy (kept in step with the server whenever it answers) and writes to the server.
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.core.errors import UserError

if TYPE_CHECKING:
    from assistant.core.reuse.index import Index
    from assistant.core.reuse.shared.cache import Cache
    from assistant.core.reuse.shared.store import SharedLibrary, StoredEntry
    from assistant.core.reuse.suggest import Suggestion

URL_ENV = "ANSOKAN_LIBRARY_URL"
ORGANISATION_ENV = "ANSOKAN_LIBRARY_ORGANISATION"
URL_SCHEMES = ("postgresql://", "postgres://")
RETRY_AFTER = 30.0  # s: a server that did not answer is not asked again per keystroke


def is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(URL_SCHEMES)


def library_url(library: str | Path | None = None) -> str | None:
    """The shared library's address, or None for the local library (see the module's docstring)."""
    if is_url(library):
        return str(library)
    if library is not None:
        return None  # --library DIR: the writer asked for a local folder
    from assistant.usecases.drafts import configured_setting

    value = os.environ.get(URL_ENV) or configured_setting("library_url")
    if value and not is_url(value):
        raise UserError(
            f"biblioteksadressen `{value}` är ingen postgresql://-adress",
            f"the library address `{value}` is no postgresql:// address",
            hint_sv=f"rätta ${URL_ENV} eller library_url i config.toml",
            hint_en=f"fix ${URL_ENV} or library_url in config.toml",
        )
    return value or None


class LibraryBackend(Protocol):
    """What a library must answer, wherever it lives."""

    def dirs(self) -> list[tuple[Path, bool]]:
        """(folder, is_builtin): the library as files, for the local engine (index, adaptation)."""
        ...

    def index(self) -> Index | None:
        """The index suggestions search (None: the local engine's own over `dirs`)."""
        ...


@dataclass
class SyncReport:
    """What a sync did: entries copied and removed, pending takes and imports sent."""

    online: bool
    entries: int = 0
    written: int = 0
    removed: int = 0
    sent_takes: int = 0
    sent_imports: int = 0
    generation: int = -1
    stored: list[StoredEntry] = field(default_factory=list)


class SharedBackend:
    """The shared library at `url`: the server, and the writer's copy of what it may see."""

    def __init__(self, url: str, organisation: str | None = None) -> None:
        from assistant.core.reuse.shared import SharedLibrary
        from assistant.core.reuse.shared.cache import Cache

        self.url = url
        # For the library owner's own account only (a member's organisation is the database's).
        self.organisation = organisation or os.environ.get(ORGANISATION_ENV) or None
        self.server: SharedLibrary = SharedLibrary(url)
        self.cache: Cache = Cache.for_url(url)
        self.offline_since = 0.0
        self._index: Index | None = None
        self._lock = threading.Lock()

    # -- the server, or the copy ------------------------------------------------------------

    def reachable(self) -> bool:
        """Whether the server answers now (not asked again for RETRY_AFTER s after it did not)."""
        if self.offline_since and time.monotonic() - self.offline_since < RETRY_AFTER:
            return False
        try:
            self.server.check()
        except UserError as exc:
            if "schema" in exc.en or "member" in exc.en:
                raise  # reached, but the library is not usable: say so, do not hide it as offline
            self.offline_since = time.monotonic()
            return False
        self.offline_since = 0.0
        return True

    def ready(self) -> bool:
        """Bring the copy in step when the server answers; True when it did. Without a server and
        without a copy there is nothing to read: one clear line."""
        with self._lock:
            if self.reachable():
                if self.server.generation() != self.cache.state().generation or self.cache.state().pending:
                    self._sync()
                return True
        if not self.cache.exists():
            from assistant.core.reuse.shared.store import shown_url

            raise UserError(
                f"kan inte nå det delade biblioteket på {shown_url(self.url)} och har ingen kopia av det",
                f"cannot reach the shared library at {shown_url(self.url)} and have no copy of it",
                hint_sv="kör `ansokan library sync` när servern går att nå",
                hint_en="run `ansokan library sync` while the server can be reached",
            )
        return False

    def sync(self) -> SyncReport:
        with self._lock:
            if not self.reachable():
                self.server.check()  # raises the server's own one-line reason
            return self._sync()

    def _sync(self) -> SyncReport:
        report = SyncReport(online=True)
        state = self.cache.state()
        takes = [p for p in state.pending if p["kind"] == "take"]
        if takes:
            report.sent_takes = self.server.record_takes([(p["id"], p["passage"]) for p in takes])
        for item in [p for p in state.pending if p["kind"] == "import"]:
            report.stored += self._send_import(Path(item["folder"])).values()
            report.sent_imports += 1
        self.cache.done({p["id"] for p in state.pending})
        generation, entries, allowed, owners = self.server.snapshot()
        report.written, report.removed = self.cache.replace_entries(entries)
        self.cache.synced(generation, allowed, owners)
        report.entries, report.generation = len(entries), generation
        index: Any = self._index
        if index is not None and index.allowed != allowed:
            index.allowed = allowed
            index.generation += 1  # what may be suggested changed: the remembered searches are stale
        return report

    def _send_import(self, folder: Path) -> dict[str, StoredEntry]:
        """Each staged entry stored on the server (by its staged id); the folder is emptied, and a
        second send of it (a sync after a lost answer) stores nothing twice: content hash."""
        import shutil

        from assistant.core.reuse.library import entry_files, load_entry

        stored = {}
        for path in entry_files(folder):
            entry = load_entry(path)
            stored[entry.id] = self.server.add(entry, organisation=self.organisation)
        shutil.rmtree(folder, ignore_errors=True)
        return stored

    def remove(self, entry_id: str) -> str:
        from assistant.core.reuse.shared.store import shown_url

        self.server.remove(entry_id)
        with self._lock:
            self._sync()
        return shown_url(self.url)

    # -- LibraryBackend -----------------------------------------------------------------------

    def dirs(self) -> list[tuple[Path, bool]]:
        from assistant.core.storage import paths

        return [(paths.builtin_library_dir(), True), (self.cache.entries, False)]

    def index(self) -> Index:
        from assistant.core.reuse.shared.ranking import SharedIndex

        online = self.ready()
        if self._index is None:
            db = self.cache.folder / "index.sqlite"
            self._index = SharedIndex(self.dirs(), db, library=self.server, allowed=self.cache.state().allowed)
        index: Any = self._index
        index.online = online
        index.refresh(max_age=2.0)
        return self._index

    # -- writing ------------------------------------------------------------------------------

    def staging(self) -> Path:
        """A folder for an import on its way to the server; kept in the copy while offline."""
        base = self.cache.folder / "outbox"
        base.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix="import-", dir=base))

    def send_import(self, folder: Path) -> tuple[dict[str, StoredEntry], bool]:
        """The entries imported into `folder` stored on the server, or queued for the next sync
        when it does not answer (second value False)."""
        if self.reachable():
            stored = self._send_import(folder)
            with self._lock:
                self._sync()
            return stored, True
        self.cache.queue("import", folder=str(folder))
        return {}, False

    def record_take(self, passage_id: str) -> threading.Thread:
        """Count a take: queued in the copy at once (the writer never waits for the server), sent
        by a thread of its own when the server answers, else on the next sync (by its own id, so
        a take sent twice is counted once). Returns the sending thread."""
        item = self.cache.queue("take", passage=passage_id)
        sender = threading.Thread(target=self._send_take, args=(item,), name="ansokan-take", daemon=True)
        sender.start()
        return sender

    def _send_take(self, item: dict[str, Any]) -> None:
        try:
            if self.reachable():
                self.server.record_takes([(item["id"], item["passage"])])
                self.cache.done({item["id"]})
        except UserError:
            pass  # the take is the writer's; counting it waits for the next sync

    def with_governance(self, found: list[Suggestion]) -> list[Suggestion]:
        """Each suggestion with its owning organisation and its application's status."""
        owners = self.cache.state().owners
        for s in found:
            info = owners.get(str(s.source.get("id", "")), {})
            s.source["owner"] = info.get("owner", "")
            s.source["status"] = info.get("status", "")
        return found


_BACKENDS: dict[str, SharedBackend] = {}
_BACKENDS_LOCK = threading.Lock()


def shared_backend(url: str) -> SharedBackend:
    """One backend per address in a process (its pool, its copy, its index)."""
    with _BACKENDS_LOCK:
        backend = _BACKENDS.get(url)
        if backend is None:
            backend = _BACKENDS[url] = SharedBackend(url)
        return backend


def close_shared_backends() -> None:
    """Close every shared library's connections (at the end of a session); the copies stay."""
    with _BACKENDS_LOCK:
        for backend in _BACKENDS.values():
            backend.server.close()
            if backend._index is not None:
                backend._index.close()
        _BACKENDS.clear()
