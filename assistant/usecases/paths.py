"""The one check of a name the writer gave for something to be written (a new draft, an export's
`-o`, the drafts folder, the library folder), made before anything is written.

A name the file system cannot hold (over 255 bytes, a path over its limit), a name with a line
break or another control character, one that starts with a dash (which other tools take for an
option), a folder where a file is wanted and a file where a folder is wanted: each is one clear
line naming the path, never a traceback after half the work is done.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from assistant.core.errors import UserError

NAME_MAX = 255  # bytes in one name, where the file system does not say
PATH_MAX = 4096  # bytes in a whole path, likewise
SHOWN_NAME = 60  # characters of a too-long name shown in the message


def check_path(path: Path | str, *, folder: bool = False) -> Path:
    """`path` as a Path when it may be written (as a file, or as a folder when `folder`);
    a UserError naming it otherwise. Only the parts that do not exist yet are held to the naming
    rules (and the name itself): an existing folder on the way is the writer's own business."""
    target = Path(path).expanduser()
    if not str(path).strip():
        raise UserError("ange ett namn", "give a name")
    existing = _nearest_existing(target)
    for part in _new_parts(target, existing):
        _check_name(part, target, existing)
    _check_length(target, existing)
    _check_kinds(target, existing, folder=folder)
    return target


def check_lengths(path: Path | str) -> Path:
    """`path` as a Path when the file system can look it up (each name and the whole within its
    limits); for a place that is read, where the other naming rules do not apply."""
    target = Path(path).expanduser()
    existing = _nearest_existing(target)
    for part in _new_parts(target, existing):
        _check_size(part, existing)
    _check_length(target, existing)
    return target


def shown(path: Path | str) -> str:
    """A path as one printable line: control characters written as \\n, \\t or \\xNN."""
    text = str(path)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _nearest_existing(target: Path) -> Path:
    """The deepest existing part of the path (a file or folder), or '.' / '/' at the top."""
    for candidate in (target, *target.parents):
        if os.path.lexists(candidate):
            return candidate
    return Path(target.anchor or ".")


def _new_parts(target: Path, existing: Path) -> list[str]:
    """The parts to be created, and always the name itself (the thing being written)."""
    if target == existing:
        return [target.name] if target.name else []
    try:
        return list(target.relative_to(existing).parts)
    except ValueError:  # '..' in the path: hold every part to the rules
        return [p for p in target.parts if p not in (target.anchor, "..", ".")]


def _check_name(part: str, target: Path, existing: Path) -> None:
    where = shown(target)
    if any(unicodedata.category(ch) == "Cc" for ch in part):
        raise UserError(
            "namnet innehåller en radbrytning eller ett annat styrtecken; välj ett annat namn",
            "the name contains a line break or another control character; choose another name",
            where=where,
        )
    if part.startswith("-"):
        raise UserError(
            f"namnet ”{shown(part)}” börjar med ett bindestreck, som andra program tar för en flagga; välj ett annat namn",
            f"the name “{shown(part)}” starts with a dash, which other programs take for an option; choose another name",
            where=where,
        )
    _check_size(part, existing)


def _check_size(part: str, existing: Path) -> None:
    size = len(os.fsencode(part))
    limit = _limit(existing, "PC_NAME_MAX", NAME_MAX)
    if size > limit:
        name = shown(part)
        short = name if len(name) <= SHOWN_NAME else name[:SHOWN_NAME] + "…"
        raise UserError(
            f"namnet är för långt för filsystemet ({size} byte, högst {limit}): {short}",
            f"the name is too long for the file system ({size} bytes, at most {limit}): {short}",
        )


def _check_length(target: Path, existing: Path) -> None:
    size = len(os.fsencode(str(target.absolute())))
    limit = _limit(existing, "PC_PATH_MAX", PATH_MAX)
    if size >= limit:
        raise UserError(
            f"sökvägen är för lång för filsystemet ({size} byte, högst {limit - 1})",
            f"the path is too long for the file system ({size} bytes, at most {limit - 1})",
        )


def _check_kinds(target: Path, existing: Path, *, folder: bool) -> None:
    if existing == target:
        if folder and not target.is_dir():
            raise UserError("är en fil, inte en katalog", "is a file, not a directory", where=shown(target))
        if not folder and target.is_dir():
            raise UserError("är en katalog; ange ett filnamn", "is a directory; give a file name", where=shown(target))
    elif os.path.lexists(existing) and not existing.is_dir():
        raise UserError("är en fil, inte en katalog", "is a file, not a directory", where=shown(existing))


def _limit(existing: Path, name: str, default: int) -> int:
    folder = existing if existing.is_dir() else existing.parent
    try:
        return int(os.pathconf(folder, name))
    except (OSError, ValueError):
        return default
