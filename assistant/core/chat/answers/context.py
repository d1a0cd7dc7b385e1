"""What every answer reads: the draft, its form, the route, and the checks and page estimate,
each computed once per question and only when an answer needs it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.chat.answer import Action, ActionKind, Answer
from assistant.core.chat.router import Intent, Route
from assistant.core.i18n import format_number, language
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form

if TYPE_CHECKING:
    from assistant.core.checks import CheckReport, Finding
    from assistant.core.document.layout import PageEstimate
    from assistant.core.reuse.suggest import Suggestion

LibraryDirs = Iterable[tuple[Path, bool]] | None


@dataclass
class Asked:
    draft: Draft
    route: Route
    current: str | None = None  # the heading the writer is in
    library_dirs: LibraryDirs = None
    actions: list[Action] = field(default_factory=list)

    @property
    def form(self) -> Form:
        return self.draft.form

    @property
    def lang(self) -> str:
        return language()

    @property
    def section(self) -> str | None:
        """The heading the question names, or the current one when it says "här"; else none."""
        return self.route.section or (self.current if self.route.here else None)

    @cached_property
    def report(self) -> CheckReport:
        from assistant.core.checks import run_checks

        return run_checks(self.draft, self.form)

    @cached_property
    def estimate(self) -> PageEstimate:
        from assistant.core.document.layout import estimate_pages

        return estimate_pages(self.draft, self.form)

    def name(self, key: str) -> str:
        """A heading as the outline shows it: "3.2 Målgrupp"."""
        heading = self.form.heading(key)
        if heading is not None:
            return f"{heading.number.rstrip('.')} {heading.label}".strip()
        return next((ex.heading for ex in self.draft.extra if ex.key == key), key)

    def link(self, key: str) -> str:
        """The heading in bold, as a link that goes there; the answer's actions get it too."""
        if not any(a.kind is ActionKind.GOTO and a.target == key for a in self.actions):
            self.actions.append(Action(ActionKind.GOTO, key, self.name(key)))
        return f"[**{self.name(key)}**](goto:{key})"

    def section_keys(self) -> list[str]:
        """The form's headings, then the draft's extra sections (not the unplaced text)."""
        return [h.key for h in self.form.headings] + [ex.key for ex in self.draft.extra if not ex.unplaced]

    def text_of(self, key: str) -> str:
        if self.form.heading(key) is not None:
            return self.draft.text(key)
        return next((ex.text for ex in self.draft.extra if ex.key == key), "")

    def done(
        self,
        text: str,
        *,
        intent: Intent | None = None,
        suggestions: Iterable[Suggestion] = (),
        section: str | None = None,
    ) -> Answer:
        return Answer(
            intent=intent or self.route.intent,
            text=text.strip(),
            confidence=self.route.confidence,
            actions=tuple(self.actions),
            kind=self.route.kind,
            section=section if section is not None else self.section,
            suggestions=tuple(suggestions),
            route=self.route,
        )


# A finding's message starts with the heading's name in quotes; an answer links the heading instead.
LABEL_PREFIX_RE = re.compile(r"^[”“\"][^”“\"]{1,120}[”“\"]:?\s*")


def finding_message(finding: Finding, lang: str) -> str:
    """The finding's words without the heading's name in front (the answer links the heading)."""
    return LABEL_PREFIX_RE.sub("", finding.text(lang)) if finding.section else finding.text(lang)


def decimal(value: float) -> str:
    """One decimal in the current language: 2,2 / 2.2."""
    return format_number(round(value, 1), decimals=1)


def bullets(lines: Iterable[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def numbered(lines: Iterable[str]) -> str:
    return "\n".join(f"{n}. {line}" for n, line in enumerate(lines, 1))


def quote(text: str, limit: int = 160) -> str:
    """A passage's first words, cut at a word boundary, on one line."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0] + " …"
