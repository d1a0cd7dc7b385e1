"""Figures carried over from another application that the writer has not yet confirmed.

"120 deltagare" in a draft started from Malmö's application is Malmö's figure until the writer
says it holds for their project too (`ansokan check --confirm ID`, or a key in the check screen)
or writes their own. Each open one is a warning with its id, its section and where it came from."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.model.drafts.carried import CarriedFact, open_facts

KIND_WORDS = {
    "amount": ("beloppet", "the amount"),
    "percent": ("andelen", "the share"),
    "count": ("antalet", "the figure"),
}


def check_carried(ctx: Context) -> Iterator[Finding]:
    sections = {key: text for key, text in ctx.texts()}
    for fact in open_facts(ctx.draft.carried, sections):
        yield _ask(ctx, fact)


def _ask(ctx: Context, fact: CarriedFact) -> Finding:
    label = ctx.heading_label(fact.section)
    what_sv, what_en = KIND_WORDS.get(fact.kind, KIND_WORDS["count"])
    found = finding(
        Severity.WARNING,
        "carried",
        fact.section,
        f"”{label}”: {what_sv} ”{fact.text}” kommer från {fact.origin} – stämmer det för ert projekt?",
        f"“{label}”: {what_en} “{fact.text}” comes from {fact.origin} – does it hold for your project?",
        f"skriv er egen siffra, eller bekräfta den: ansokan check --confirm {fact.id}",
        f"write your own figure, or confirm it: ansokan check --confirm {fact.id}",
    )
    return dataclasses.replace(found, ref=fact.id)
