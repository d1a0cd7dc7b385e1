"""The forms a draft can follow: the shipped ones and those the user added."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError

if TYPE_CHECKING:
    from assistant.core.model.forms import Form


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
