"""The assistant's trash: a deleted draft is moved, never removed, so it can be brought back.

Each deletion is a folder of its own under `state_dir()/trash/` holding the draft, the files that
go with it (its backup `name~`, its conversation `name.samtal.json`) and `origin.json` saying
where they came from. Restoring moves them back, refusing to overwrite a file made meanwhile.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from assistant.core.errors import UserError
from assistant.core.storage import paths

ORIGIN = "origin.json"


@dataclass(frozen=True)
class Trashed:
    """A draft in the trash: where it was, the folder holding it now, and when it was deleted."""

    original: Path
    folder: Path
    deleted: dt.datetime

    @property
    def name(self) -> str:
        return self.original.name


def trash_dir() -> Path:
    return paths.state_dir() / "trash"


def companions(path: Path) -> list[Path]:
    """The files that belong to the draft at `path`: its backup and its sidecars (`name.…`)."""
    try:
        siblings = sorted(path.parent.iterdir())
    except OSError:
        return []
    name = path.name
    return [s for s in siblings if s.is_file() and (s.name == name + "~" or s.name.startswith(name + "."))]


def move_to_trash(path: Path) -> Trashed:
    """Move the draft and its companions into a new trash folder; UserError when it cannot."""
    path = Path(path).absolute()
    if not path.is_file():
        raise UserError("utkastet finns inte", "the draft does not exist", where=path)
    deleted = dt.datetime.now(dt.UTC).replace(microsecond=0)
    folder = trash_dir() / f"{deleted:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
    try:
        folder.mkdir(parents=True)
        (folder / ORIGIN).write_text(
            json.dumps({"path": str(path), "deleted": deleted.isoformat()}, ensure_ascii=False), encoding="utf-8"
        )
        _move(path, folder / path.name)  # the draft first: once it is in, the deletion has happened
        for companion in companions(path):
            _move(companion, folder / companion.name)
    except OSError as exc:
        raise UserError(
            f"kan inte flytta utkastet till papperskorgen: {exc.strerror or exc}",
            f"cannot move the draft to the trash: {exc.strerror or exc}",
            where=path,
        ) from None
    return Trashed(path, folder, deleted)


def restore(trashed: Trashed) -> Path:
    """Move a trashed draft and its companions back where they were; the draft's path."""
    target = trashed.original
    stored = trashed.folder / target.name
    if target.exists():
        raise UserError(
            "det finns redan en fil med det namnet; byt namn på den först",
            "a file of that name exists already; rename it first",
            where=target,
        )
    if not stored.is_file():
        raise UserError("utkastet finns inte i papperskorgen", "the draft is not in the trash", where=stored)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _move(stored, target)
        for companion in sorted(trashed.folder.iterdir()):
            if companion.name != ORIGIN and not (target.parent / companion.name).exists():
                _move(companion, target.parent / companion.name)
        shutil.rmtree(trashed.folder, ignore_errors=True)
    except OSError as exc:
        raise UserError(
            f"kan inte återställa utkastet: {exc.strerror or exc}",
            f"cannot restore the draft: {exc.strerror or exc}",
            where=target,
        ) from None
    return target


def trashed_drafts() -> list[Trashed]:
    """What the trash holds, newest first (a folder without a readable origin is skipped)."""
    found = []
    try:
        folders = list(trash_dir().iterdir())
    except OSError:
        return []
    for folder in folders:
        try:
            origin = json.loads((folder / ORIGIN).read_text(encoding="utf-8"))
            found.append(Trashed(Path(origin["path"]), folder, dt.datetime.fromisoformat(origin["deleted"])))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(found, key=lambda t: t.deleted, reverse=True)


def _move(source: Path, target: Path) -> None:
    """Rename when on one file system, else copy (with its times) and remove the source."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != 18:  # EXDEV: another file system
            raise
        shutil.copy2(source, target)
        source.unlink()
