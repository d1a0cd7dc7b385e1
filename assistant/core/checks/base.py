"""What every check returns (a Finding) and what it reads (a Context)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from assistant.core.i18n import Text
from assistant.core.model.dates import find_period, parse_date
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form

# A 7-page application is about 25 000 characters; text beyond this in one section is not read
# by the text checks (they must stay fast on absurd input too). check_required_sections says so.
MAX_SCAN_CHARS = 200_000


class Severity(StrEnum):
    """How bad a finding is. The values are the Swedish words the JSON output and the draft's
    readers have always used, so `Severity.ERROR == "fel"` and a plain string still compares."""

    ERROR = "fel"
    WARNING = "varning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """0 for the worst: findings are listed worst first."""
        return _RANKS[self]

    @property
    def label(self) -> Text:
        return _LABELS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_LABELS = {
    Severity.ERROR: Text("fel", "error"),
    Severity.WARNING: Text("varning", "warning"),
    Severity.INFO: Text("info", "info"),
}


@dataclass(frozen=True)
class Finding:
    """One remark on a draft. `message` is Swedish; `message_en` the same in English."""

    severity: Severity
    code: str  # e.g. "budget.year_total"
    section: str | None  # the form heading's key, None for the whole application
    message: str
    message_en: str
    hint: str = ""
    hint_en: str = ""
    ref: str = ""  # what the writer can name to act on it (a carried fact's id for `check --confirm`)

    def __post_init__(self) -> None:
        # A plain "fel" becomes Severity.ERROR; an unknown severity is a programming error.
        object.__setattr__(self, "severity", Severity(self.severity))

    def text(self, lang: str = "sv") -> str:
        return self.message_en if lang == "en" else self.message

    def hint_text(self, lang: str = "sv") -> str:
        return self.hint_en if lang == "en" else self.hint

    def as_json(self, lang: str = "sv") -> dict[str, Any]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "section": self.section,
            "message": self.text(lang),
            "hint": self.hint_text(lang),
        } | ({"id": self.ref} if self.ref else {})


def finding(
    severity: Severity, code: str, section: str | None, sv: str, en: str, hint_sv: str = "", hint_en: str = ""
) -> Finding:
    return Finding(severity, code, section, printable(sv), printable(en), printable(hint_sv), printable(hint_en))


def printable(text: str) -> str:
    """One line without control or format codes (escape sequences, bidi overrides): findings quote
    the writer's text and print it to a terminal. Non-breaking spaces in amounts stay."""
    if text.isprintable():
        return text
    cleaned = "".join(" " if unicodedata.category(ch) in _UNSAFE else ch for ch in text)
    return re.sub(r" {2,}", " ", cleaned).strip()


_UNSAFE = {"Cc", "Cf", "Co", "Cs", "Zl", "Zp"}


@dataclass
class Context:
    """The draft, its form and one check's settings, with values several checks need."""

    draft: Draft
    form: Form
    settings: dict[str, Any] = field(default_factory=dict)
    only: str | None = None  # check_section: scan only this section's text

    def texts(self) -> list[tuple[str, str]]:
        """(key, text) of every section with text, the form's first, then the extra ones."""
        out = [(h.key, self.draft.text(h.key)) for h in self.form.headings if self.draft.text(h.key)]
        out += [(ex.key, ex.text) for ex in self.draft.extra if ex.text]
        return [(k, t[:MAX_SCAN_CHARS]) for k, t in out if self.only is None or k == self.only]

    def heading_label(self, key: str | None) -> str:
        if key is None:
            return ""
        heading = self.form.heading(key)
        if heading:
            return heading.label
        return next((ex.heading for ex in self.draft.extra if ex.key == key), key)

    @cached_property
    def period(self) -> tuple[dt.date | None, dt.date | None]:
        """Start and end: the front matter first, else "Startdatum:/Slutdatum:" in the Tidsplan."""
        start, end = self.draft.start, self.draft.end
        if start and end:
            return start, end
        text_start, text_end = find_period(self.tidsplan_text)
        return start or text_start, end or text_end

    @cached_property
    def tidsplan_key(self) -> str | None:
        return next((h.key for h in self.form.headings if h.kind == "tidsplan"), None)

    @cached_property
    def tidsplan_text(self) -> str:
        return self.draft.text(self.tidsplan_key) if self.tidsplan_key else ""

    @cached_property
    def budget_key(self) -> str | None:
        return next((h.key for h in self.form.headings if h.kind == "budget"), None)


__all__ = ["MAX_SCAN_CHARS", "Context", "Finding", "Severity", "finding", "parse_date"]
