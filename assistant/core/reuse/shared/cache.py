"""The writer's offline copy of the shared library, and what waits to be sent to it.

One folder per library address (the password never counts, nor is it written anywhere) under the
cache dir. It holds the entries the writer may see as ordinary library files, so the local engine
(index, suggestions, adaptation) reads them exactly as it reads a local library, and `state.json`:

- `allowed`: the ids of the passages that may be suggested (approved, not retired), since an
  entry file holds every paragraph of its sections and passage ids count paragraphs;
- `owners`: each entry's owning organisation and status (suggestions show them);
- `generation`: the server's change counter at the last sync (nothing to copy while it is equal);
- `pending`: takes and imports made while the server could not be reached, each with its own
  id, sent on the next sync; the server ignores an id it has already (nothing counted twice).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from assistant.core.reuse.library import SUFFIX, Entry, entry_files, to_text
from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text

STATE = "state.json"


def cache_folder(url: str) -> Path:
    """The folder of this library's copy: one per server, database and user, never per password."""
    parts = urlsplit(url)
    key = f"{parts.username or ''}@{parts.hostname or ''}:{parts.port or ''}{parts.path}?{parts.query}"
    return paths.cache_dir() / "shared" / hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


@dataclass
class CacheState:
    generation: int = -1
    allowed: set[str] = field(default_factory=set)
    pending: list[dict[str, Any]] = field(default_factory=list)
    synced_at: str = ""
    owners: dict[str, dict[str, str]] = field(default_factory=dict)  # entry id -> owner, status


class Cache:
    """The copy in `folder`: entries as files, the state beside them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = folder / "entries"
        self._lock = threading.Lock()  # one read-modify-write of the state at a time in a process

    @classmethod
    def for_url(cls, url: str) -> Cache:
        return cls(cache_folder(url))

    def exists(self) -> bool:
        return (self.folder / STATE).is_file()

    def state(self) -> CacheState:
        try:
            data = json.loads((self.folder / STATE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return CacheState()
        return CacheState(
            generation=int(data.get("generation", -1)),
            allowed=set(data.get("allowed", [])),
            pending=list(data.get("pending", [])),
            synced_at=str(data.get("synced_at", "")),
            owners=dict(data.get("owners", {})),
        )

    def save_state(self, state: CacheState) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        data = {
            "generation": state.generation,
            "allowed": sorted(state.allowed),
            "pending": state.pending,
            "synced_at": state.synced_at,
            "owners": state.owners,
        }
        atomic_write_text(self.folder / STATE, json.dumps(data, ensure_ascii=False, indent=1), backup=False)

    def replace_entries(self, entries: list[Entry]) -> tuple[int, int]:
        """Make the folder hold exactly these entries; returns (written, removed). A file whose text
        is unchanged is left alone, so the local index re-reads only what changed."""
        self.entries.mkdir(parents=True, exist_ok=True)
        wanted = {f"{e.id}{SUFFIX}": to_text(e) for e in entries}
        written = removed = 0
        for name, text in wanted.items():
            path = self.entries / name
            with contextlib.suppress(OSError):
                if path.read_text(encoding="utf-8") == text:
                    continue
            atomic_write_text(path, text, backup=False)
            written += 1
        for path in entry_files(self.entries):
            if path.name not in wanted:
                path.unlink(missing_ok=True)
                removed += 1
        return written, removed

    def synced(self, generation: int, allowed: set[str], owners: dict[str, dict[str, str]]) -> None:
        """Note what the last sync copied (pending items queued meanwhile are kept)."""
        with self._lock:
            state = self.state()
            state.generation, state.allowed, state.owners = generation, allowed, owners
            state.synced_at = time.strftime("%Y-%m-%dT%H:%M:%S%z")
            self.save_state(state)

    def queue(self, kind: str, **data: Any) -> dict[str, Any]:
        """Remember something to send on the next sync (a take, an import), with its own id."""
        with self._lock:
            state = self.state()
            item = {"id": str(uuid.uuid4()), "kind": kind, **data}
            state.pending.append(item)
            self.save_state(state)
        return item

    def done(self, ids: set[str]) -> None:
        with self._lock:
            state = self.state()
            state.pending = [p for p in state.pending if p["id"] not in ids]
            self.save_state(state)
