"""The funder's limits per section, in words or characters (`max_words`, `max_chars` on a heading).

A limit is the form's own rule, not a setting of a check: a heading with `max_words = 150` is
checked whenever the form says so, and a section over it is an error (the funder may refuse it).
`ansokan check`, the check screen and `ansokan status` all read `over_limits`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.i18n import Text
from assistant.core.model.drafts import Draft, word_count
from assistant.core.model.forms import Form, Heading


@dataclass(frozen=True)
class OverLimit:
    heading: Heading
    unit: str  # "words" | "chars"
    count: int
    limit: int

    def text(self) -> Text:
        unit_sv, unit_en = ("ord", "words") if self.unit == "words" else ("tecken", "characters")
        return Text(
            f"”{self.heading.display}” har {self.count} {unit_sv} (högst {self.limit})",
            f"“{self.heading.display}” has {self.count} {unit_en} (at most {self.limit})",
        )


def char_count(text: str) -> int:
    """Characters as a funder counts them: spaces included, runs of white space as one space."""
    return len(" ".join(text.split()))


def over_limits(draft: Draft, form: Form, *, only: str | None = None) -> list[OverLimit]:
    """Every section (of the form's headings with a limit) that has more words or characters than it."""
    out = []
    for heading in form.headings:
        if (only is not None and heading.key != only) or not (heading.max_words or heading.max_chars):
            continue
        text = draft.text(heading.key)
        if heading.max_words and (words := word_count(text)) > heading.max_words:
            out.append(OverLimit(heading, "words", words, heading.max_words))
        if heading.max_chars and (chars := char_count(text)) > heading.max_chars:
            out.append(OverLimit(heading, "chars", chars, heading.max_chars))
    return out


def check_section_limits(ctx: Context) -> Iterator[Finding]:
    for over in over_limits(ctx.draft, ctx.form, only=ctx.only):
        message = over.text()
        cut = over.count - over.limit
        unit_sv, unit_en = ("ord", "words") if over.unit == "words" else ("tecken", "characters")
        yield finding(
            Severity.ERROR,
            f"limits.{over.unit}",
            over.heading.key,
            message.sv,
            message.en,
            f"korta texten med minst {cut} {unit_sv}; formuläret tillåter högst {over.limit}",
            f"shorten the text by at least {cut} {unit_en}; the form allows at most {over.limit}",
        )
