"""The forms a draft can follow: the shipped ones and those the user added; checking a form
file someone wrote, and writing one from a funder's blank form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import DocumentError, FormError, UserError

if TYPE_CHECKING:
    from assistant.core.model.forms import Form, FormCheck
    from assistant.core.model.forms.outline import FormOutline


def list_forms(*, warn: Callable[[UserError], None] | None = None) -> list[Form]:
    """Every form that loads; a broken form file is reported through `warn` and skipped, so one bad
    file in the user's forms folder never hides the others."""
    from assistant.core.model.forms import available_forms, load_form

    forms = []
    for form_id in available_forms():
        try:
            forms.append(load_form(form_id))
        except UserError as exc:
            if warn is not None:
                warn(exc)
    return forms


def get_form(form_id: str) -> Form:
    """The form with this id, or a UserError naming the forms there are."""
    from assistant.core.model.forms import load_form

    return load_form(form_id)


def check_form_file(path: Path | str) -> Form:
    """A form file the user wrote, read and validated (a UserError names the line that is wrong)."""
    from assistant.core.model.forms import load_form_file

    return load_form_file(Path(path).expanduser())


def inspect_form_file(path: Path | str) -> FormCheck:
    """Every problem of a form file (errors, warnings, notes), each naming its line; a file that
    cannot be read at all (missing, not UTF-8, too large) is a FormError."""
    from assistant.core.model.forms import check_form_file as check

    return check(Path(path).expanduser())


def user_forms_folder() -> Path:
    """Where the user's own form files go ($ANSOKAN_FORMS, else the platform's data folder)."""
    from assistant.core.storage import paths

    return paths.user_forms_dir()


@dataclass(frozen=True)
class NewForm:
    """A form file written from a blank form: where, what was read, and what is left to fill in
    (`check.errors` are the TODO lines of required keys)."""

    path: Path
    outline: FormOutline
    check: FormCheck


def form_from_blank(
    source: Path | str, form_id: str, output: Path | str | None = None, *, force: bool = False
) -> NewForm:
    """Read a funder's blank form (.docx, .pdf, .txt) and write the form file `<id>.toml` (or
    `output`): its headings, guidance, page limit, signature block, budget and contact tables,
    and a `# TODO` line for each value it could not decide."""
    from assistant.core.model.forms import check_form_text
    from assistant.core.model.forms.form_writer import form_toml
    from assistant.core.model.forms.validate_rules import FORM_ID_RE
    from assistant.core.sources.blank_form import read_blank_form
    from assistant.core.storage import paths
    from assistant.core.storage.atomic import atomic_write_text

    if not FORM_ID_RE.match(form_id):
        raise FormError(
            f"formulärets id `{form_id}` får bara innehålla a–z, 0–9 och bindestreck (t.ex. `lund-forbund`)",
            f"the form id `{form_id}` may only contain a–z, 0–9 and hyphens (e.g. `lund-forbund`)",
        )
    if (paths.forms_dir() / f"{form_id}.toml").exists():
        raise FormError(
            f"id:t `{form_id}` har redan ett formulär som följer med programmet; välj ett annat",
            f"the id `{form_id}` is already a form shipped with the program; choose another",
        )
    target = Path(output).expanduser() if output else Path(f"{form_id}.toml")
    _check_target(target, force=force)
    outline = read_blank_form(Path(source).expanduser(), form_id, list_forms())
    if not outline.headings:
        raise DocumentError(
            "hittade inga rubriker i blanketten",
            "found no headings in the blank form",
            where=Path(source),
            hint_sv="Word: rubrikformat (Rubrik 1–3); PDF och text: numrerade rubriker som ”2. Bakgrund”",
            hint_en="Word: heading styles (Heading 1–3); PDF and text: numbered headings like “2. Bakgrund”",
        )
    text = form_toml(outline)
    atomic_write_text(target, text, backup=True, what="file")
    return NewForm(target, outline, check_form_text(text, target))


def _check_target(target: Path, *, force: bool) -> None:
    if target.suffix.lower() != ".toml":
        raise UserError("formulärfilen ska sluta på .toml", "the form file must end in .toml", where=target)
    if target.is_dir():
        raise UserError("är en mapp", "is a folder", where=target)
    if target.exists() and not force:
        raise UserError(
            "filen finns redan",
            "the file already exists",
            where=target,
            hint_sv="välj ett annat namn med -o, eller --force för att skriva över (en kopia sparas)",
            hint_en="choose another name with -o, or --force to overwrite (a backup is kept)",
        )
    if not target.parent.is_dir() and str(target.parent):
        raise UserError("mappen finns inte", "the folder does not exist", where=target.parent)
