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
from assistant.usecases.facts import ProjectFacts, update_facts
from assistant.usecases.paths import check_path, shown

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft, ExtraSection, SectionStatus
    from assistant.core.model.forms import Form
    from assistant.core.reuse.adapt import Adapted
    from assistant.core.reuse.library import Entry
    from assistant.core.sources.start import StartReport
    from assistant.core.storage.trash import Trashed

DRAFTS_ENV = "ANSOKAN_DRAFTS"
DRAFT_SUFFIX = ".md"


def drafts_dir() -> Path:
    """Where new drafts and the demo copy go by default: $ANSOKAN_DRAFTS, else `drafts = "…"` in
    the settings file (config.toml), else ~/Documents/Ansökan."""
    env = os.environ.get(DRAFTS_ENV)
    if env:
        return Path(env).expanduser()
    configured = _configured_drafts_dir()
    if configured is not None:
        return configured
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / "Ansökan"


def _configured_drafts_dir() -> Path | None:
    value = configured_setting("drafts")
    return Path(value).expanduser() if value is not None else None


def configured_setting(key: str) -> str | None:
    """A text setting of the settings file (config.toml): `drafts`, `library_url`. The one reader of
    that file outside the interface; a file that cannot be read is the interface's to report
    (tui/settings), here it only means nothing is configured."""
    import tomllib

    from assistant.core.storage import paths

    config = paths.config_dir() / "config.toml"
    try:
        value = tomllib.loads(config.read_text(encoding="utf-8")).get(key) if config.is_file() else None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None


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
    """A draft read out of an earlier application, with what could not be placed and, when the
    writer's facts differ from the source's, how its text was adapted (per section key)."""

    report: StartReport
    adapted: dict[str, Adapted] = field(default_factory=dict)

    @property
    def replacements(self) -> int:
        return sum(len(a.replacements) for a in self.adapted.values())

    @property
    def markers(self) -> int:
        """⟦… → ?⟧ left for the writer (each is listed by `check`)."""
        return sum(len(a.unresolved) for a in self.adapted.values())


def create_draft(
    form_id: str,
    path: Path | str,
    *,
    title: str = "",
    force: bool = False,
    create_parent: bool = False,
    facts: ProjectFacts | None = None,
) -> CreatedDraft:
    """An empty draft for the form with the writer's facts, saved at `path` (the rules are in
    `check_new_target`)."""
    from assistant.core.model.drafts import new_draft
    from assistant.core.model.forms import load_form

    form = load_form(form_id)
    target = Path(path).expanduser()
    check_new_target(target, force=force, create_parent=create_parent)
    draft = new_draft(form, title=title)
    if facts is not None:
        update_facts(draft, facts)
    created = ensure_parent(target, create=create_parent)
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
    facts: ProjectFacts | None = None,
) -> StartedDraft:
    """A draft started from an earlier application (.txt, .md, .docx, .pdf), saved at `path`.

    `title` and the writer's `facts` win over what the source says, and the source's text is then
    adapted to them (`reuse.adapt.adapt_draft`: its organisation, municipality, title and years
    replaced, ⟦… → ?⟧ where that cannot be known). The report says what did not fit."""
    from assistant.core.model.forms import load_form
    from assistant.core.reuse.adapt import adapt_draft
    from assistant.core.sources.start import NO_TITLE, draft_from_source

    form = load_form(form_id)
    target = Path(path).expanduser()
    check_new_target(target, force=force, create_parent=create_parent)
    draft, report = draft_from_source(form, Path(source).expanduser())
    origin = _what_the_source_says(draft)
    if title:
        draft.title = title
        report.notes[:] = [note for note in report.notes if note != NO_TITLE]  # it was given after all
    facts = facts or ProjectFacts()
    _facts_over_source(draft, facts)
    if facts.contacts is not None:
        _set_source_contacts_aside(draft, form, report)
    adapted: dict[str, Adapted] = {}
    if _differs(draft, origin):  # another project's application: adapt it, and ask about its figures
        adapted = adapt_draft(draft, origin)
        named = source_name(origin.title, origin.organisation, origin.year) or Path(source).name
        _remember_carried(draft, form, named, places=[origin.municipality], organisations=[origin.organisation])
    created = ensure_parent(target, create=create_parent)  # only once the source could be read
    save_draft(draft, target, force=True)
    return StartedDraft(draft=draft, path=target, form=form, created_dir=created, report=report, adapted=adapted)


SOURCE_FACTS = ("title", "organisation", "municipality", "start", "end")


def _what_the_source_says(draft: Draft) -> Entry:
    """The source's own facts, as the library entry adapt() reads them from."""
    from assistant.core.reuse.library import Entry

    return Entry(
        id="källa",
        title=draft.title,
        organisation=draft.organisation,
        municipality=draft.municipality,
        year=draft.start.year if draft.start else None,
        start=draft.start,
        end=draft.end,
    )


def source_name(title: object, organisation: object, year: object) -> str:
    """How a carried figure names where it came from: "Case management (Malmö stad, 2017)"."""
    details = ", ".join(str(part) for part in (organisation, year) if part)
    name = str(title or "").strip()
    return f"{name} ({details})" if name and details else name or details


def _remember_carried(draft: Draft, form: Form, origin: str, *, places: list[str], organisations: list[str]) -> None:
    """Every participant count, percentage, staff figure and amount the source's text brought along,
    and every person and place it names (the contact block's people too), is remembered with its
    origin, for the checks to ask about (the budget table itself is the budget check's: it compares
    the table with the text)."""
    from assistant.usecases.carried import remember_carried

    for heading in form.headings:
        if draft.text(heading.key):
            figures = heading.kind not in ("signature", "contacts")
            text = draft.text(heading.key)
            remember_carried(
                draft, heading.key, text, origin, places=places, organisations=organisations, figures=figures
            )


def _facts_over_source(draft: Draft, facts: ProjectFacts) -> None:
    """The writer's facts win; what of the source's contradicts them is not kept. Half a period
    drops the source's other half (a start from 2027 and an end from 2019 are no period); a new
    municipality drops the source's organisation when that was the old municipality's."""
    if (facts.start is None) != (facts.end is None):
        if facts.start is None:
            draft.start = None
        else:
            draft.end = None
    old = draft.municipality.strip()
    moved = facts.municipality is not None and old and facts.municipality != old
    if moved and facts.organisation is None and old in draft.organisation:
        draft.organisation = ""  # "Malmö stad" is not Lund's: unknown, so the text gets ⟦… → ?⟧
    update_facts(draft, facts)


def _set_source_contacts_aside(draft: Draft, form: Form, report: StartReport) -> None:
    """The writer named the contacts, so the source's contact text (other people, another
    organisation) goes to the unplaced notes, which are kept in the draft but not exported."""
    from assistant.core.i18n import Text
    from assistant.core.model.drafts import ExtraSection
    from assistant.core.model.drafts.draft import UNPLACED_KEY
    from assistant.core.sources.start import UNPLACED_HEADING

    heading = next((h for h in form.headings if h.kind == "contacts"), None)
    text = draft.text(heading.key) if heading is not None else ""
    if heading is None or not text:
        return
    draft.sections[heading.key] = ""
    notes = next((extra for extra in draft.extra if extra.unplaced), None)
    if notes is None:
        draft.extra.insert(0, ExtraSection(UNPLACED_KEY, UNPLACED_HEADING, text, after=None))
    else:
        notes.text = f"{notes.text}\n\n{text}"
    report.notes.append(
        Text(
            f"källans kontaktuppgifter ligger nu under ”{UNPLACED_HEADING}”, eftersom kontaktpersonerna angavs",
            f"the source's contact details are now under “{UNPLACED_HEADING}”, since the contacts were given",
        )
    )


def _differs(draft: Draft, origin: Entry) -> bool:
    return any(getattr(draft, name) != getattr(origin, name) for name in SOURCE_FACTS)


def check_new_target(target: Path, *, force: bool, create_parent: bool) -> None:
    """Refuse, before any work, a name that cannot be written (`paths.check_path`), a file that
    exists (unless `force`), a directory, or a folder that is missing and may not be made (only the
    one named folder may be, and only when asked)."""
    if os.path.isdir(target):  # os.path: False, not OSError, for a name too long to look up
        raise UserError("är en katalog; ange ett filnamn", "is a directory; give a file name", where=shown(target))
    check_path(target)
    if (target.exists() or target.is_symlink()) and not force:
        raise UserError(
            "filen finns redan; välj ett annat namn eller använd --force",
            "the file already exists; choose another name or use --force",
            where=shown(target),
        )
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
    folder = directory or drafts_dir()
    if directory is None and os.path.lexists(folder) and not folder.is_dir():
        raise UserError(
            "utkastkatalogen är en fil, inte en katalog",
            "the drafts folder is a file, not a directory",
            where=shown(folder),
            hint_sv=f"ange en katalog i ${DRAFTS_ENV} eller som drafts i config.toml",
            hint_en=f"give a directory in ${DRAFTS_ENV} or as drafts in config.toml",
        )
    check_path(folder, folder=True)
    target = folder / shipped.name
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


def rename_draft(path: Path | str, new_name: str) -> Path:
    """Give the draft at `path` a new file name in the same folder (".md" added when missing),
    moving its backup and sidecars along; refused when that name is taken or cannot be written.
    The draft's lock is held, so a save of another process cannot land in between."""
    from assistant.core.storage import locks, trash

    source = Path(path)
    name = new_name.strip()
    if not name or "/" in name or name in (".", ".."):
        raise UserError("ange ett filnamn (utan katalog)", "give a file name (without a folder)", where=shown(name))
    target = check_path(source.with_name(name if name.endswith(DRAFT_SUFFIX) else name + DRAFT_SUFFIX))
    if target == source:
        return source
    if target.exists() or target.is_symlink():
        raise UserError(
            "det finns redan en fil med det namnet", "a file of that name exists already", where=shown(target)
        )
    if not source.is_file():
        raise UserError("utkastet finns inte", "the draft does not exist", where=shown(source))
    with locks.held(source):
        companions = trash.companions(source)
        try:
            os.rename(source, target)
            for companion in companions:
                os.rename(companion, target.with_name(target.name + companion.name[len(source.name) :]))
        except OSError as exc:
            raise UserError(
                f"kan inte byta namn: {exc.strerror or exc}", f"cannot rename: {exc.strerror or exc}", where=source
            ) from None
    return target


def delete_draft(path: Path | str) -> Trashed:
    """Move the draft (and its backup and sidecars) to the trash; `restore_draft` brings it back."""
    from assistant.core.storage import trash

    return trash.move_to_trash(Path(path))


def restore_draft(trashed: Trashed) -> Path:
    """Put a deleted draft back where it was (refused when a file of its name is there now)."""
    from assistant.core.storage import trash

    return trash.restore(trashed)


def deleted_drafts() -> list[Trashed]:
    """The drafts in the trash, the latest deletion first."""
    from assistant.core.storage import trash

    return trash.trashed_drafts()
