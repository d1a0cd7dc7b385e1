"""The form file: one TOML file per form, read and checked against the schema; every mistake
is reported with its key and line (`validate`)."""

from __future__ import annotations

from pathlib import Path

from assistant.core.errors import FormError
from assistant.core.model.forms.form import MAX_FORM_BYTES, Form
from assistant.core.model.forms.lines import locate_line
from assistant.core.model.forms.validate import FormCheck, check_form_text
from assistant.core.storage.files import read_user_file

__all__ = ["check_form_file", "load_form_file", "locate_line", "parse_form", "read_form_text"]


def parse_form(text: str, where: Path | str = "<form>") -> Form:
    """Parse and validate a form's TOML text. Raises FormError naming the first error's key and line."""
    return check_form_text(text, where).raise_for_errors()


def read_form_text(path: Path) -> str:
    """A form file's text: a regular file of at most 1 MB in UTF-8 (a FormError otherwise)."""
    path = Path(path)
    raw = read_user_file(path, FormError, max_bytes=MAX_FORM_BYTES, kind_sv="en formulärfil", kind_en="a form file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormError(
            f"rad {line}: inte giltig UTF-8; spara filen som UTF-8",
            f"line {line}: not valid UTF-8; save the file as UTF-8",
            where=path,
        ) from None
    return text.replace("\r\n", "\n")


def check_form_file(path: Path) -> FormCheck:
    """Every problem of a form file; a file that cannot be read at all is a FormError."""
    path = Path(path)
    return check_form_text(read_form_text(path), path)


def load_form_file(path: Path) -> Form:
    return check_form_file(path).raise_for_errors()
