"""Drafts as both faces use them: open, save, create (empty or from an earlier application),
how far a draft has come, and the user's own copy of the demo.

The rules about where a new draft may be written live here once: an existing file is not
overwritten unless asked, a directory is not a draft, and only the one missing folder the
caller named is created, never a chain. Core modules are imported inside the functions so
that importing this module stays instant (`ansokan --help`, the interface's start-up).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft, ExtraSection, SectionStatus
    from assistant.core.model.forms import Form
    from assistant.core.sources.start import StartReport

DRAFTS_ENV = "ANSOKAN_DRAFTS"
DRAFT_SUFFIX = ".md"


def drafts_dir() -> Path:
    """Where new drafts and the demo copy go by default: $ANSOKAN_DRAFTS or ~/Documents/Ansökan."""
    env = os.environ.get(DRAFTS_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Ansökan"


def open_draft(path: Path | str) -> Draft:
    """The draft in the file, or one clear UserError naming the file (and line) that is wrong."""
    from assistant.core.model.drafts import load_draft

    return load_draft(Path(path).expanduser())


def save_draft(draft: Draft, path: Path | None = None, *, force: bool = False) -> Path:
    """Save atomically with a backup; refuses a file someone else changed since it was read."""
    from assistant.core.model.drafts import save_draft as _save

    return _save(draft, path, force=force)


@dataclass(frozen=True)
class CreatedDraft:
    """A new draft on disk, and the folder created for it (when the caller asked for one)."""

    draft: Draft
    path: Path
    form: Form
    created_dir: Path | None  # the one folder made for it, when the caller allowed that


@dataclass(frozen=True)
class StartedDraft(CreatedDraft):
    """A draft read out of an earlier application, with what could not be placed."""

    report: StartReport


def create_draft(
    form_id: str, path: Path | str, *, title: str = "", force: bool = False, create_parent: bool = False
) -> CreatedDraft:
    """An empty draft for the form, saved at `path` (the rules are in `check_new_target`)."""
    from assistant.core.model.drafts import new_draft
    from assistant.core.model.forms import load_form

    form = load_form(form_id)
    target = Path(path).expanduser()
    check_new_target(target, force=force, create_parent=create_parent)
    created = ensure_parent(target, create=create_parent)
    draft = new_draft(form, title=title)
    save_draft(draft, target, force=True)
    return CreatedDraft(draft=draft, path=target, form=form, created_dir=created)


def start_from_source(
    form_id: str,
    source: Path | str,
    path: Path | str,
    *,
    title: str = "",
    force: bool = False,
    create_parent: bool = False,
) -> StartedDraft:
    """A draft started from an earlier application (.txt, .md, .docx, .pdf), saved at `path`.

    `title` replaces the title found in the source; the report says what did not fit."""
    from assistant.core.model.forms import load_form
    from assistant.core.sources.start import draft_from_source

    form = load_form(form_id)
    target = Path(path).expanduser()
    check_new_target(target, force=force, create_parent=create_parent)
    draft, report = draft_from_source(form, Path(source).expanduser())
    if title:
        draft.title = title
    created = ensure_parent(target, create=create_parent)  # only once the source could be read
    save_draft(draft, target, force=True)
    return StartedDraft(draft=draft, path=target, form=form, created_dir=created, report=report)


def check_new_target(target: Path, *, force: bool, create_parent: bool) -> None:
    """Refuse, before any work, a file that exists (unless `force`), a directory, or a folder
    that is missing and may not be made (only the one named folder may be, and only when asked)."""
    if (target.exists() or target.is_symlink()) and not force:
        raise UserError(
            "filen finns redan; välj ett annat namn eller använd --force",
            "the file already exists; choose another name or use --force",
            where=target,
        )
    if target.is_dir():
        raise UserError("är en katalog; ange ett filnamn", "is a directory; give a file name", where=target)
    parent = target.parent
    if not parent.is_dir() and (not create_parent or not parent.parent.is_dir()):
        raise UserError("katalogen finns inte", "the directory does not exist", where=parent)


def ensure_parent(target: Path, *, create: bool) -> Path | None:
    """Create the one missing folder the caller named for `target`, never a chain of folders."""
    parent = target.parent
    if parent.is_dir():
        return None
    if not create or not parent.parent.is_dir():
        raise UserError("katalogen finns inte", "the directory does not exist", where=parent)
    try:
        parent.mkdir()
    except FileExistsError:
        raise UserError("är en fil, inte en katalog", "is a file, not a directory", where=parent) from None
    except OSError as exc:
        raise UserError(
            f"kan inte skapa katalogen: {exc.strerror}", f"cannot create the directory: {exc.strerror}", where=parent
        ) from None
    return parent


@dataclass(frozen=True)
class DraftStatus:
    """How far a draft has come: words per form heading, extra sections, the share done."""

    draft: Draft
    form: Form
    sections: list[SectionStatus]
    completion: float  # 0–1, share of the required headings that have text
    extra: list[ExtraSection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def draft_status(draft: Draft | Path | str) -> DraftStatus:
    """The status of a draft (an open one, or the one in a file)."""
    from assistant.core.model.drafts import completion, section_status

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    form = draft.form
    statuses = section_status(draft, form)
    return DraftStatus(
        draft=draft,
        form=form,
        sections=statuses,
        completion=completion(statuses),
        extra=list(draft.extra),
        warnings=list(draft.warnings),
    )


def demo_copy(directory: Path | None = None) -> Path:
    """The user's own copy of the shipped demo draft, made on first use and reused after.

    The shipped file is never edited; the copy goes to `directory` (default `drafts_dir()`,
    the assistant's own folder, created when missing) and is written atomically."""
    from assistant.core.storage import paths
    from assistant.core.storage.atomic import atomic_write_bytes

    shipped = paths.demo_draft()
    if not shipped.is_file():
        raise UserError(
            "demoutkastet saknas i installationen", "the demo draft is missing from the installation", where=shipped
        )
    target = (directory or drafts_dir()) / shipped.name
    if target.is_symlink() or target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"kan inte skapa katalogen: {exc.strerror}",
            f"cannot create the directory: {exc.strerror}",
            where=target.parent,
        ) from None
    atomic_write_bytes(target, shipped.read_bytes(), backup=False)
    return target
