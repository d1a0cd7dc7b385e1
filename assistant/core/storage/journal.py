"""The recovery journal: what the writer typed since the last save, kept where a crash, a kill or a
draft folder that cannot be written never takes it.

Each edit appends one line (the section's whole text, as JSON) to a journal in the state folder,
named after the draft's real path; the line is written at once (a killed process loses nothing
the kernel has) and fsynced at most once a second (a power cut loses at most that second). A save
that succeeds marks what it wrote; what is left is only the edits made after the copy it saved,
and the journal is removed when nothing is. On the next open, `recover` gives the newest text of
each section the journal holds, for the interface to offer back.

    journal = Journal.for_draft(path)
    seq = journal.record("bakgrund", text)      # on each edit
    journal.sync()                               # from a timer, if you want the fsync sooner
    journal.saved(seq)                           # after a save of the text as of `seq`
    found = recover(path)                        # on open: Recovery(sections, updated) or None
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from assistant.core.storage import paths
from assistant.core.storage.atomic import atomic_write_text, real_target
from assistant.core.storage.failures import WriteError, write_error

VERSION = 1
FSYNC_INTERVAL_S = 1.0
MAX_JOURNAL_BYTES = 50_000_000  # past this the journal is compacted to the newest text of each section


def journal_path(draft_path: Path) -> Path:
    """The journal of a draft: in the state folder, named by the draft's real absolute path."""
    real = real_target(Path(draft_path)).absolute()
    name = hashlib.sha256(os.fsencode(str(real))).hexdigest()[:32]
    return paths.state_dir() / "journal" / f"{name}.jsonl"


@dataclass(frozen=True)
class Recovery:
    """What a journal holds: the newest text of each section, and when it was last written."""

    draft: str  # the draft's path, as the journal recorded it
    sections: dict[str, str]
    updated: dt.datetime

    def differs_from(self, texts: dict[str, str]) -> list[str]:
        """The sections whose journaled text is not what `texts` (the draft on disk) has."""
        return [key for key, text in self.sections.items() if texts.get(key) != text]


class Journal:
    """The append-only journal of one draft's unsaved edits (see the module's text)."""

    def __init__(self, path: Path, draft: Path, *, interval: float = FSYNC_INTERVAL_S) -> None:
        self.path = path
        self.draft = draft
        self.interval = interval
        self._seq = 0
        self._last_sync = 0.0
        self._dirty = False
        self._entries: dict[str, tuple[int, str]] = {}  # key -> (seq, text), the newest per section
        self._size = 0
        self._continue()

    def _continue(self) -> None:
        """Carry on from a journal already there (a run that ended without saving): its edits
        stay until saved or discarded, and new ones are numbered after them."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return
        self._entries = _newest(raw)[0]
        self._seq = max((s for s, _t in self._entries.values()), default=0)
        self._size = len(raw)

    @classmethod
    def for_draft(cls, draft_path: Path, *, interval: float = FSYNC_INTERVAL_S) -> Journal:
        return cls(journal_path(draft_path), Path(draft_path), interval=interval)

    def record(self, key: str, text: str) -> int:
        """Append the section's whole text; returns the edit's sequence number (for `saved`)."""
        self._seq += 1
        self._entries[key] = (self._seq, text)
        line = {"v": VERSION, "seq": self._seq, "t": time.time(), "draft": str(self.draft), "key": key, "text": text}
        data = (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8")
        if self._size + len(data) > MAX_JOURNAL_BYTES:
            self._rewrite()
        else:
            self._append(data)
        if time.monotonic() - self._last_sync >= self.interval:
            self.sync()
        return self._seq

    @property
    def last(self) -> int:
        """The sequence number of the newest edit recorded (0: none): what a save snapshot is as of."""
        return self._seq

    def saved_as(self, seq: int, draft_path: Path) -> Journal:
        """The text as of edit `seq` was saved as another file, which the writer now continues:
        the edits made after it go to that file's journal (returned), and this one is removed."""
        moved = Journal.for_draft(draft_path, interval=self.interval)
        if moved.path == self.path:
            self.saved(seq)
            return self
        later = [
            (key, text) for key, (s, text) in sorted(self._entries.items(), key=lambda item: item[1][0]) if s > seq
        ]
        moved.saved()  # an old journal of that file is about text that file no longer has
        for key, text in later:
            moved.record(key, text)
        moved.sync()
        self.discard()
        return moved

    def sync(self) -> None:
        """fsync what was appended (a no-op when nothing was)."""
        if not self._dirty:
            return
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        self._dirty, self._last_sync = False, time.monotonic()

    def saved(self, seq: int | None = None) -> None:
        """A save of the text as of edit `seq` (None: of every edit) succeeded: forget those edits;
        the journal keeps only newer ones, and is removed when none are left."""
        limit = self._seq if seq is None else seq
        self._entries = {k: (s, t) for k, (s, t) in self._entries.items() if s > limit}
        if not self._entries:
            self.discard()
        else:
            self._rewrite()

    def discard(self) -> None:
        """Remove the journal (the writer chose not to keep what it held, or all of it is saved)."""
        self._entries = {}
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        self._size, self._dirty = 0, False

    def _append(self, data: bytes) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)
        except OSError as exc:
            raise write_error(exc, self.path, what="journal") from None
        self._size += len(data)
        self._dirty = True

    def _rewrite(self) -> None:
        """The journal replaced (atomically) by the newest line of each section still unsaved."""
        lines = [
            json.dumps(
                {"v": VERSION, "seq": s, "t": time.time(), "draft": str(self.draft), "key": k, "text": t},
                ensure_ascii=False,
            )
            for k, (s, t) in sorted(self._entries.items(), key=lambda item: item[1][0])
        ]
        text = "".join(line + "\n" for line in lines)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(exc, self.path, what="journal") from None
        atomic_write_text(self.path, text, backup=False, what="journal")
        self._size, self._dirty, self._last_sync = len(text.encode("utf-8")), False, time.monotonic()


def recover(draft_path: Path) -> Recovery | None:
    """The journal left by a run that did not save all it had, or None. A line cut short by a kill
    (the last one) and lines that are not the journal's are skipped, never an error."""
    path = journal_path(draft_path)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    sections, newest, draft = _newest(raw)
    if not sections:
        return None
    return Recovery(
        draft or str(draft_path), {k: t for k, (_s, t) in sections.items()}, dt.datetime.fromtimestamp(newest)
    )


def _newest(raw: bytes) -> tuple[dict[str, tuple[int, str]], float, str]:
    """The newest (seq, text) of each section in a journal's bytes, its newest time and draft."""
    sections: dict[str, tuple[int, str]] = {}
    newest, draft = 0.0, ""
    for line in raw.split(b"\n"):
        entry = _entry(line)
        if entry is None:
            continue
        if entry.key not in sections or entry.seq >= sections[entry.key][0]:
            sections[entry.key] = (entry.seq, entry.text)
        newest, draft = max(newest, entry.time), entry.draft or draft
    return sections, newest, draft


@dataclass(frozen=True)
class _Line:
    key: str
    seq: int
    text: str
    time: float
    draft: str


def _entry(line: bytes) -> _Line | None:
    """One journal line, or None for a line cut short or not the journal's."""
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    if not isinstance(entry, dict) or entry.get("v") != VERSION:
        return None
    key, seq, text, when, draft = (entry.get(k) for k in ("key", "seq", "text", "t", "draft"))
    if not (isinstance(key, str) and isinstance(seq, int) and isinstance(text, str)):
        return None
    if not isinstance(when, (int, float)):
        return None
    return _Line(key, seq, text, float(when), draft if isinstance(draft, str) else "")


__all__ = ["Journal", "Recovery", "WriteError", "journal_path", "recover"]
