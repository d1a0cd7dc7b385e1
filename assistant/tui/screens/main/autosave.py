"""Saving the draft while the writer types: when (the policy) and how (one save at a time, in a worker).

The policy: save AUTOSAVE_DELAY after the last keystroke, but never later than AUTOSAVE_MAX_WAIT
after the first unsaved one, so a writer who never pauses loses seconds, not everything.
A save copies the draft on the UI thread and writes the copy in a thread; saves run one after
another (a later one always writes newer text), and each posts DraftSaved, SaveFailed (retried
after RETRY_DELAY) or SaveConflict (someone else wrote the file: nothing is written).
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

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft, changed_on_disk
from assistant.tui.conversation import Message, save_conversation
from assistant.tui.i18n import lang
from assistant.tui.messages import DraftSaved, SaveConflict, SaveFailed
from assistant.usecases.drafts import save_draft

AUTOSAVE_DELAY = 3.0
AUTOSAVE_MAX_WAIT = 8.0
RETRY_DELAY = 5.0


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
    `prepare` runs on the UI thread just before (to bring the draft up to date)."""

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

    def edited(self) -> None:
        """The writer changed the text: save after a pause (or the maximum wait)."""
        self._schedule(self.policy.due_in(time.monotonic()))

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.node.set_timer(delay, self.save, name="autosave")

    def save(self, *, announce: str | None = None, target: Path | None = None, force: bool = False) -> None:
        """Save now, in a worker (after a save already running). `target`: save as that file."""
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
                saved = await asyncio.to_thread(write, job)
            except Conflict:
                self.node.post_message(SaveConflict(draft.path or Path()))
                return
            except UserError as exc:
                self.node.post_message(SaveFailed(exc.message(lang())))
                self._schedule(self.policy.retry)
                return
            if job.target is not None:
                draft.path, draft.loaded_digest = saved.path, saved.loaded_digest
                self.node.post_message(DraftSaved(job.target, announce=announce))

    def _job(self, target: Path | None, force: bool, draft_too: bool) -> tuple[SaveJob | None, Draft]:
        self._prepare()
        draft = self._draft()
        file = target or draft.path
        if file is None:
            return None, draft
        messages, done = self._conversation()
        job = SaveJob(
            draft=copy.deepcopy(draft),
            target=file if draft_too else None,
            force=force,
            messages=list(messages),
            done=sorted(done),
            conversation_of=file,
        )
        return job, draft

    async def final(self) -> str | None:
        """The save on quit, awaited: a conflict saves a copy instead of asking. Returns None when
        the text is on disk, else why not (the disk is full, the folder read-only …)."""
        if self._timer is not None:
            self._timer.stop()
        async with self._lock:
            job, _draft = self._job(None, False, True)
            if job is None:
                return None
            try:
                try:
                    await asyncio.to_thread(write, job)
                except Conflict:
                    job.draft.loaded_digest = None
                    await asyncio.to_thread(write, replace(job, target=free_copy_name(job.target or Path())))
            except UserError as exc:
                return exc.message(lang())
            return None
