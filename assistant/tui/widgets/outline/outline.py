"""The form's headings with each one's state; the checks that mark problems run in its own worker."""

from __future__ import annotations

import asyncio
import copy
from typing import Any

from rich.text import Text
from textual import work
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.core.model.drafts import Draft, word_count
from assistant.tui.i18n import STATES, tr
from assistant.tui.messages import FindingsReady
from assistant.usecases.checks import check_application

GLYPHS = {"tom": "○", "påbörjad": "◐", "klar": "●", "problem": "!"}
STYLES = {"tom": "dim", "påbörjad": "yellow", "klar": "green", "problem": "bold red"}
PROBLEMS = ("fel", "varning")  # what puts "!" on a heading; notes ("info") do not


def section_state(text: str, *, done: bool, problems: int) -> str:
    if problems:
        return "problem"
    if word_count(text) == 0:
        return "tom"
    return "klar" if done else "påbörjad"


def section_states(draft: Draft, done: set[str], findings: dict[str, list[Any]]) -> dict[str, str]:
    """Each heading's state: empty, started, done (left with /nästa) or with problems."""
    states = {}
    for heading in draft.form.headings:
        problems = [f for f in findings.get(heading.key, []) if f.severity in PROBLEMS]
        text = draft.text(heading.key)
        if heading.kind == "budget" and not text and (draft.budget.compiled or draft.budget.items):
            text = "budget"
        states[heading.key] = section_state(text, done=heading.key in done, problems=len(problems))
    return states


def group_by_section(findings: list[Any]) -> dict[str, list[Any]]:
    """Findings about a section, by its key; an empty required section already shows as "tom"."""
    grouped: dict[str, list[Any]] = {}
    for finding in findings:
        if finding.section and finding.code != "sections.missing":
            grouped.setdefault(finding.section, []).append(finding)
    return grouped


class Outline(OptionList):
    """One option per heading (the option id is the heading key), marked by its state.

    `findings` is None until the first check of the whole draft has finished."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.findings: dict[str, list[Any]] | None = None
        self._draft: Draft | None = None
        self._done: set[str] = set()
        self._shown: tuple | None = None  # what the options were built from

    def show(self, draft: Draft, done: set[str]) -> None:
        """Draw the headings of `draft` with their states, the current one highlighted. The options
        are built again only when a heading's mark or the current heading changed (the outline is
        drawn again after every check and every section change)."""
        self._draft, self._done = draft, done
        form = draft.form
        states = section_states(draft, done, self.findings or {})
        highlighted = self.highlighted
        shown = (draft.current, tuple((h.key, h.level, h.number, h.label, states.get(h.key)) for h in form.headings))
        if shown != self._shown or self.option_count != len(form.headings):
            self._shown = shown
            self.set_options([self.option(heading, states.get(heading.key, "tom"), draft) for heading in form.headings])
        index = form.keys.index(draft.current) if draft.current in form.keys else highlighted
        if index is not None:
            self.highlighted = index

    @staticmethod
    def option(heading: Any, state: str, draft: Draft) -> Option:
        label = Text()
        label.append(f"{GLYPHS[state]} ", style=STYLES[state])
        indent = "  " * (heading.level - 1)
        number = f"{heading.number} " if heading.number else ""
        label.append(f"{indent}{number}{heading.label}", style="bold" if heading.key == draft.current else "")
        label.no_wrap = True
        label.overflow = "ellipsis"
        return Option(label, id=heading.key)

    def redraw(self) -> None:
        if self._draft is not None:
            self.show(self._draft, self._done)

    def mark(self, key: str, findings: list[Any]) -> None:
        """The findings of one section, checked when the writer left it."""
        self.findings = {**(self.findings or {}), key: findings}
        self.redraw()

    def replace_findings(self, findings: dict[str, list[Any]]) -> None:
        self.findings = findings
        self.redraw()

    def check(self, draft: Draft, *, delay: float = 0.0) -> None:
        """Run all checks (about 15 ms on 7 pages) after `delay`; a newer call cancels this one."""
        self._check(draft, delay)

    @work(exclusive=True, group="outline-checks")
    async def _check(self, draft: Draft, delay: float) -> None:
        await asyncio.sleep(delay)
        snapshot = copy.deepcopy(draft)  # the writer goes on typing while the checks read
        try:
            result = await asyncio.to_thread(check_application, snapshot)
        except Exception:  # the marks are a convenience; F8 reports a check that fails
            return
        self.post_message(FindingsReady(group_by_section(result.findings)))

    def on_findings_ready(self, message: FindingsReady) -> None:
        self.replace_findings(message.findings)


def legend() -> Text:
    text = Text()
    for state in ("tom", "påbörjad", "klar", "problem"):
        text.append(f"{GLYPHS[state]} ", style=STYLES[state])
        text.append(f"{tr(*STATES[state])}  ", style="dim")
    return text
