"""User-facing errors: one line in Swedish (English on request), never a traceback."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A mistake the user can fix: bad input, a missing file, a malformed form or draft.

    `sv` and `en` are the message in each language; `where` names the file, line, key or cell.
    Exit code 2 is bad usage or unreadable input (the CLI contract).
    """

    exit_code = 2

    def __init__(
        self,
        sv: str,
        en: str | None = None,
        *,
        where: str | Path | None = None,
        hint_sv: str | None = None,
        hint_en: str | None = None,
    ) -> None:
        self.sv = sv
        self.en = en or sv
        self.where = str(where) if where is not None else None
        self.hint_sv = hint_sv
        self.hint_en = hint_en
        super().__init__(self.message("sv"))

    def message(self, lang: str = "sv") -> str:
        text = self.en if lang == "en" else self.sv
        hint = self.hint_en if lang == "en" else self.hint_sv
        prefix = f"{self.where}: " if self.where else ""
        return prefix + text + (f" ({hint})" if hint else "")


class FormError(UserError):
    """A form definition (TOML) that is missing something or has a wrong value."""


class DraftError(UserError):
    """A draft file that cannot be read as a draft."""


class DocumentError(UserError):
    """A document that cannot be imported (not a document, too large, malformed)."""


class LockedError(UserError):
    """Another ansokan process is writing the same file."""
