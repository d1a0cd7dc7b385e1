"""The shared library's own use cases: set it up, sync the writer's copy, approve, retire, share,
members and reuse statistics. Every one names a library by its address (see library_backend.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.usecases.library import Library, shared_library

if TYPE_CHECKING:
    from assistant.core.reuse.shared.governance import PassageUse
    from assistant.usecases.library_backend import SharedBackend, SyncReport


def _shared(library: Library) -> SharedBackend:
    shared = shared_library(library)
    if shared is None:
        raise UserError(
            "det här gäller ett delat bibliotek: ange --library-url postgresql://… (eller $ANSOKAN_LIBRARY_URL)",
            "this is for a shared library: give --library-url postgresql://… (or $ANSOKAN_LIBRARY_URL)",
        )
    return shared


@dataclass(frozen=True)
class InitReport:
    url: str  # without the password
    applied: list[int]
    version: int
    require_approval: bool


def init_library(library: Library, *, require_approval: bool | None = None) -> InitReport:
    """Create or upgrade the shared library's schema (safe to run again); with `require_approval`
    a writer's import waits for an approver, without it what a writer imports is approved at once."""
    from assistant.core.reuse.shared.store import shown_url

    shared = _shared(library)
    applied = shared.server.init()
    if require_approval is not None:
        shared.server.set_require_approval(require_approval)
    return InitReport(shown_url(shared.url), applied, shared.server.version(), shared.server.require_approval())


def sync_library(library: Library = None) -> SyncReport:
    """Send what waits (takes, imports made offline) and copy what this account may see."""
    return _shared(library).sync()


def grant_member(library: Library, role_name: str, *, organisation: str, role: str) -> None:
    _shared(library).server.grant(role_name, organisation=organisation, role=role)


def approve(library: Library, ids: list[str]) -> int:
    shared = _shared(library)
    changed = shared.server.approve(ids)
    shared.sync()
    return changed


def retire(library: Library, ids: list[str]) -> int:
    shared = _shared(library)
    changed = shared.server.retire(ids)
    shared.sync()
    return changed


def edit(library: Library, passage_id: str, text: str) -> None:
    """New wording for a passage of one's own organisation; the old one is kept in its history."""
    shared = _shared(library)
    shared.server.edit(passage_id, text)
    shared.sync()


def history(library: Library, passage_id: str) -> list[tuple[str, str, str]]:
    return _shared(library).server.history(passage_id)


def owners(library: Library = None) -> dict[str, dict[str, str]]:
    """Each shared entry's owning organisation and status, from the writer's copy ({} locally)."""
    shared = shared_library(library)
    return shared.cache.state().owners if shared is not None else {}


def waiting(library: Library) -> list[tuple[str, str]]:
    return _shared(library).server.waiting()


def share(library: Library, entry_id: str, organisations: list[str]) -> None:
    shared = _shared(library)
    shared.server.share(entry_id, ["*" if o in ("*", "alla", "all") else o for o in organisations])
    shared.sync()


@dataclass(frozen=True)
class Stats:
    most: list[PassageUse]
    never: list[PassageUse]
    takes: int


def library_stats(library: Library, *, top: int = 10) -> Stats:
    shared = _shared(library)
    shared.sync()  # takes made offline count too
    most, never, takes = shared.server.stats(top=top)
    return Stats(most, never, takes)


def whoami(library: Library) -> tuple[str, str | None, str | None]:
    return _shared(library).server.whoami()
