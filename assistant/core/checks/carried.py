"""Figures and names (people, places, organisations) carried over from another application that the writer has not yet confirmed.

"120 deltagare" in a draft started from Malmö's application is Malmö's figure, and "Lena Oxelgren"
its rektor, until the writer says it holds for their project too (`ansokan check --confirm ID`, or
a key in the check screen) or writes their own. Each open one is a warning with its id, its
section and where it came from."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.model.drafts.carried import NAME_KINDS, CarriedFact, open_facts

KIND_WORDS = {
    "amount": ("beloppet", "the amount"),
    "percent": ("andelen", "the share"),
    "count": ("antalet", "the figure"),
    "person": ("namnet", "the name"),
    "place": ("orten", "the place"),
    "organisation": ("organisationen", "the organisation"),
}


def confirm_hint(kind: str, how_sv: str, how_en: str) -> tuple[str, str]:
    """What the writer can do about a carried fact of this kind, ending in how to confirm it."""
    if kind == "organisation":
        return (
            f"skriv er egen organisation, eller bekräfta den: {how_sv}",
            f"write your own organisation, or confirm it: {how_en}",
        )
    if kind in NAME_KINDS:
        return f"skriv rätt namn, eller bekräfta det: {how_sv}", f"write the right name, or confirm it: {how_en}"
    return f"skriv er egen siffra, eller bekräfta den: {how_sv}", f"write your own figure, or confirm it: {how_en}"


def check_carried(ctx: Context) -> Iterator[Finding]:
    sections = {key: text for key, text in ctx.texts()}
    for fact in open_facts(ctx.draft.carried, sections):
        yield _ask(ctx, fact)


def _ask(ctx: Context, fact: CarriedFact) -> Finding:
    label = ctx.heading_label(fact.section)
    what_sv, what_en = KIND_WORDS.get(fact.kind, KIND_WORDS["count"])
    command = f"ansokan check --confirm {fact.id}"
    hint_sv, hint_en = confirm_hint(fact.kind, command, command)
    found = finding(
        Severity.WARNING,
        "carried",
        fact.section,
        f"”{label}”: {what_sv} ”{fact.text}” kommer från {fact.origin} – stämmer det för ert projekt?",
        f"“{label}”: {what_en} “{fact.text}” comes from {fact.origin} – does it hold for your project?",
        hint_sv,
        hint_en,
    )
    return dataclasses.replace(found, ref=fact.id)
