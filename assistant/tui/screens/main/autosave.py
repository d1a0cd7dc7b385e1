"""Saving the draft while the writer types: when (the policy) and how (one save at a time, in a worker).

The policy: save AUTOSAVE_DELAY after the last keystroke, but never later than AUTOSAVE_MAX_WAIT
after the first unsaved one, so a writer who never pauses loses seconds, not everything.
A save copies the draft on the UI thread and writes the copy in a thread; saves run one after
another (a later one always writes newer text), and each posts DraftSaved, SaveFailed (retried
after RETRY_DELAY, doubling up to RETRY_MAX while the place cannot be written) or SaveConflict
(someone else wrote the file: nothing is written).

Between saves every edit goes to the recovery journal (usecases.saving.draft_journal) at once, so
a killed process loses only what the kernel had not been handed: the edit being typed. A save
marks the journal's edits it wrote; a failed one leaves them there for the next open.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from textual.timer import Timer
from textual.widget import Widget

from assistant.core.errors import LockedError, UserError
from assistant.core.model.drafts import Draft, changed_on_disk
from assistant.core.storage.journal import Journal
from assistant.tui.conversation import Message, save_conversation
from assistant.tui.i18n import lang
from assistant.tui.messages import DraftSaved, SaveConflict, SaveFailed
from assistant.usecases.drafts import save_draft
from assistant.usecases.saving import FIELDS_KEY, draft_journal, fields_text

AUTOSAVE_DELAY = 3.0
AUTOSAVE_MAX_WAIT = 8.0
RETRY_DELAY = 5.0
RETRY_MAX = 60.0  # a place that stays unwritable is tried once a minute (and after each edit)
FIELDS_WATCH_S = 1.0  # the budget's and facts' edits reach the journal within this (the journal's fsync)


@dataclass
class AutosavePolicy:
    """When the next save is due, from when the writer edits."""

    delay: float = AUTOSAVE_DELAY
    max_wait: float = AUTOSAVE_MAX_WAIT
    retry: float = RETRY_DELAY
    unsaved_since: float | None = None  # the first edit since the last save started

    def due_in(self, now: float) -> float:
        """Seconds from `now` (an edit) until the save."""
        if self.unsaved_since is None:
            self.unsaved_since = now
        return min(self.delay, max(0.0, self.unsaved_since + self.max_wait - now))

    def saving(self) -> None:
        self.unsaved_since = None

    def retry_in(self, failures: int) -> float:
        """Seconds until the next try after `failures` failed saves in a row (1, 2, …)."""
        return min(RETRY_MAX, self.retry * 2 ** max(0, failures - 1))


class Conflict(UserError):
    """The file changed on disk since the draft was read or last saved."""


@dataclass(frozen=True)
class SaveJob:
    """A copy of what to write: nothing here changes while the thread writes it."""

    draft: Draft
    target: Path | None  # None: only the conversation
    force: bool
    messages: list[Message]
    done: list[str]
    conversation_of: Path | None  # the draft file the conversation sidecar belongs to
    seq: int = 0  # the journal's newest edit when the copy was taken


def write(job: SaveJob) -> Draft:
    """Write the draft and its conversation (run in a thread). Returns the draft copy as saved."""
    if job.target is not None:
        if not job.force and job.target == job.draft.path and changed_on_disk(job.draft):
            raise Conflict("filen har ändrats på disken", "the file changed on disk", where=job.target)
        save_draft(job.draft, job.target, force=job.force)
    if job.conversation_of is not None:
        # The conversation is a convenience; the draft's own save reports disk problems.
        with contextlib.suppress(UserError, OSError):
            save_conversation(job.conversation_of, job.messages, job.done)
    return job.draft


def free_copy_name(original: Path) -> Path:
    """`name.kopia.md`, `name.kopia2.md` … : the first that does not exist."""
    n = 1
    while True:
        target = original.with_name(f"{original.stem}.kopia{'' if n == 1 else n}{original.suffix}")
        if not target.exists():
            return target
        n += 1


class Autosave:
    """The main screen's saving. `draft` and `conversation` give what to save when a save starts;
    `prepare` runs on the UI thread just before (to bring the draft up to date).

    `problem` is why the last save failed (None once a save succeeds): the text is then only in
    memory and in the journal, and the screen says so until a save gets through."""

    def __init__(
        self,
        node: Widget,
        draft: Callable[[], Draft],
        conversation: Callable[[], tuple[list[Message], set[str]]],
        prepare: Callable[[], None] = lambda: None,
        policy: AutosavePolicy | None = None,
    ) -> None:
        self.node = node
        self.policy = policy or AutosavePolicy()
        self._draft = draft
        self._conversation = conversation
        self._prepare = prepare
        self._lock = asyncio.Lock()
        self._timer: Timer | None = None
        self._sync_timer: Timer | None = None
        self._journal: Journal | None = None
        self.failures = 0  # failed saves in a row
        self.problem: str | None = None
        self._fields: str | None = None  # the facts and budget as last journaled (or opened)

    def edited(self) -> None:
        """The writer changed the text: journal it, save after a pause (or the maximum wait)."""
        self.record()
        self._schedule(self.policy.due_in(time.monotonic()))

    def record(self) -> None:
        """The current section's text into the journal (a journal that cannot be written is
        no reason to stop the writer: the saves themselves report the disk)."""
        draft = self._draft()
        journal = self.journal()
        if journal is not None and draft.current:
            with contextlib.suppress(UserError):
                journal.record(draft.current, draft.text(draft.current))
            if self._sync_timer is None:  # the last edits of a burst reach the platter within a second too
                self._sync_timer = self.node.set_timer(journal.interval, self._sync, name="journal-sync")

    def record_fields(self) -> bool:
        """The draft's facts and budget into the journal if they changed since last time (the
        first call only notes them); True when they had changed."""
        text = fields_text(self._draft())
        if self._fields is None or text == self._fields:
            self._fields = text
            return False
        self._fields = text
        journal = self.journal()
        if journal is not None:
            with contextlib.suppress(UserError):
                journal.record(FIELDS_KEY, text)
            if self._sync_timer is None:
                self._sync_timer = self.node.set_timer(journal.interval, self._sync, name="journal-sync")
        return True

    def watch_fields(self, every: float = FIELDS_WATCH_S) -> None:
        """While another screen is over this one (the budget, Projektuppgifter), journal the facts
        and budget it changes within `every` seconds: a kill there loses no more than typing does."""
        self.record_fields()  # what the draft opened with
        self.node.set_interval(every, self._watch, name="fields-journal")

    def _watch(self) -> None:
        if self.node.app.screen is not self.node:
            self.record_fields()

    def _sync(self) -> None:
        self._sync_timer = None
        if self._journal is not None:
            self._journal.sync()

    def journal(self) -> Journal | None:
        """The open draft's journal (made on first use, for the draft's file as it is now)."""
        path = self._draft().path
        if path is None:
            return None
        if self._journal is None or self._journal.draft != path:
            self._journal = draft_journal(path)
        return self._journal

    def forget_journal(self) -> None:
        """The writer declined what the journal held: it goes."""
        journal = self.journal()
        if journal is not None:
            journal.discard()

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.node.set_timer(delay, self.save, name="autosave")

    def save(self, *, announce: str | None = None, target: Path | None = None, force: bool = False) -> None:
        """Save now, in a worker (after a save already running). `target`: save as that file."""
        self.record_fields()  # a change of the facts or budget reaches the journal before the disk
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.policy.saving()
        self.node.run_worker(self._save(announce, target, force), group="save", exit_on_error=False)

    def save_conversation(self) -> None:
        """Write only the conversation sidecar (after a save already running)."""
        self.node.run_worker(self._save(None, None, False, draft_too=False), group="save", exit_on_error=False)

    async def _save(self, announce: str | None, target: Path | None, force: bool, *, draft_too: bool = True) -> None:
        async with self._lock:
            job, draft = self._job(target, force, draft_too)
            if job is None:
                return
            try:
                await self._write(job, draft)
            except Conflict:
                self.node.post_message(SaveConflict(draft.path or Path()))
                return
            except UserError as exc:
                self._failed(exc)
                return
            if job.target is not None:
                self.node.post_message(DraftSaved(job.target, announce=announce))

    async def save_as(self, target: Path, announce: str | None = None) -> str | None:
        """Save as `target` now and continue on it (the writer's "Spara som"), awaited: None when
        the text is there, else why not (the draft stays on its old file)."""
        if self._timer is not None:
            self._timer.stop()
        async with self._lock:
            job, draft = self._job(target, True, True)
            if job is None:
                return None
            job.draft.loaded_digest = None  # a new file: nothing on disk to compare with
            try:
                await self._write(job, draft)
            except UserError as exc:
                return exc.message(lang())
        self.node.post_message(DraftSaved(target, announce=announce))
        return None

    async def _write(self, job: SaveJob, draft: Draft) -> None:
        """Write the job in a thread; after it, the draft, the journal and the failure count
        follow what is on disk."""
        journal = self.journal()
        saved = await asyncio.to_thread(write, job)
        if job.target is None:
            return
        draft.path, draft.loaded_digest = saved.path, saved.loaded_digest
        self.failures, self.problem = 0, None
        if journal is not None:
            with contextlib.suppress(UserError):
                if saved.path is not None and saved.path != journal.draft:
                    self._journal = journal.saved_as(job.seq, saved.path)
                else:
                    journal.saved(job.seq)

    def _failed(self, exc: UserError) -> None:
        """Keep the text (memory and journal), say why, and try again later: soon when another
        program holds the lock, backing off while the place stays unwritable."""
        self.problem = exc.message(lang())
        self.failures += 1
        delay = self.policy.retry if isinstance(exc, LockedError) else self.policy.retry_in(self.failures)
        self.node.post_message(SaveFailed(self.problem))
        self._schedule(delay)

    def _job(self, target: Path | None, force: bool, draft_too: bool) -> tuple[SaveJob | None, Draft]:
        self._prepare()
        draft = self._draft()
        file = target or draft.path
        if file is None:
            return None, draft
        journal = self.journal()
        messages, done = self._conversation()
        job = SaveJob(
            draft=copy.deepcopy(draft),
            target=file if draft_too else None,
            force=force,
            messages=list(messages),
            done=sorted(done),
            conversation_of=file,
            seq=journal.last if journal is not None else 0,
        )
        return job, draft

    async def final(self) -> str | None:
        """The save on quit, awaited: a conflict saves a copy instead of asking. Returns None when
        the text is on disk, else why not (the disk is full, the folder read-only …): the text is
        then still in the journal, which the next open offers back."""
        self.record_fields()
        if self._timer is not None:
            self._timer.stop()
        async with self._lock:
            job, draft = self._job(None, False, True)
            if job is None:
                return None
            try:
                try:
                    await self._write(job, draft)
                except Conflict:
                    job.draft.loaded_digest = None
                    await self._write(replace(job, target=free_copy_name(job.target or Path())), draft)
            except UserError as exc:
                self._failed(exc)  # the writer may stay: the warning shows and the retries go on
                return self.problem
            return None
