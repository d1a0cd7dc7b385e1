"""The forms there are: the shipped ones and the user's own, by id, each loaded once per change."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assistant.core.errors import FormError
from assistant.core.model.forms.form import Form
from assistant.core.model.forms.form_file import load_form_file
from assistant.core.storage import paths


def _form_files() -> dict[str, Path]:
    files: dict[str, Path] = {}
    for directory in (paths.forms_dir(), paths.user_forms_dir()):
        if directory.is_dir():
            for p in sorted(directory.glob("*.toml")):
                files.setdefault(p.stem, p)
    return files


def available_forms() -> list[str]:
    return sorted(_form_files())


def usable_forms() -> list[str]:
    """The forms that load: a broken form file the user added is left out of menus and guesses
    (`ansokan forms list` names it, and `load_form` on it gives the error)."""
    out = []
    for form_id in available_forms():
        try:
            load_form(form_id)
        except FormError:
            continue
        out.append(form_id)
    return out


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: float) -> Form:
    return load_form_file(path)


def load_form(form_id: str) -> Form:
    """A form by id, from the shipped forms or the user's forms directory."""
    files = _form_files()
    path = files.get(form_id)
    if path is None:
        known = ", ".join(sorted(files)) or "inga"
        raise FormError(
            f"okänt formulär `{form_id}` (finns: {known})", f"unknown form `{form_id}` (available: {known})"
        )
    form = _load_cached(path, path.stat().st_mtime)
    if form.id != path.stem:
        raise FormError(
            f"formulärets id `{form.id}` ska vara samma som filnamnet `{path.stem}`",
            f"the form id `{form.id}` must match the file name `{path.stem}`",
            where=path,
        )
    return form
