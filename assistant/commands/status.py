"""`ansokan status PATH [--json]`: words per required section, empty or not, overall completion."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.commands._common import print_json
from assistant.core.i18n import format_percent, tr
from assistant.usecases.drafts import DraftStatus, draft_status
from assistant.usecases.facts import facts_json

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help=tr("hur långt utkastet har kommit", "how far the draft has come"))
    p.add_argument("path", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument("--json", action="store_true", help=tr("skriv resultatet som JSON", "print the result as JSON"))
    p.set_defaults(func=cmd_status)


def cmd_status(args: argparse.Namespace) -> int:
    status = draft_status(args.path)
    if args.json:
        print_json(_as_json(args.path, status))
    else:
        _print_human(status)
    return 0


def _as_json(path: str, status: DraftStatus) -> dict[str, object]:
    draft = status.draft
    return {
        "path": str(path),
        "form": status.form.id,
        "title": draft.title,
        **facts_json(draft),
        "completion": round(status.completion, 3),
        "sections": [
            {"key": s.key, "heading": s.heading, "required": s.required, "words": s.words, "empty": s.empty}
            for s in status.sections
        ],
        "extra": [{"key": e.key, "heading": e.heading, "words": len(e.text.split())} for e in status.extra],
        "warnings": status.warnings,
    }


def _print_human(status: DraftStatus) -> None:
    draft = status.draft
    print(f"{draft.title or tr('(utan titel)', '(untitled)')}  [{status.form.name}]")
    _print_facts(draft)
    for s in status.sections:
        mark = "·" if s.empty else "✓"
        req = "" if s.required else tr(" (frivillig)", " (optional)")
        words = tr("tom", "empty") if s.empty else tr(f"{s.words} ord", f"{s.words} words")
        print(f"  {mark} {s.heading[:70]:70} {words}{req}")
    for e in status.extra:
        print(tr(f"  + {e.heading[:70]:70} (extra avsnitt, behålls)", f"  + {e.heading[:70]:70} (extra section, kept)"))
    for w in status.warnings:
        print(f"  ! {w}")
    share = format_percent(status.completion)
    print(tr(f"Klart: {share} av de obligatoriska rubrikerna", f"Done: {share} of the required headings"))


def _print_facts(draft: Draft) -> None:
    """The project's own facts, each on a line; what is missing says so."""
    missing = tr("(saknas)", "(missing)")
    period = f"{draft.start or '?'} – {draft.end or '?'}" if draft.start or draft.end else missing
    print(tr("  Organisation: ", "  Organisation: ") + (draft.organisation or missing))
    print(tr("  Kommun:       ", "  Municipality: ") + (draft.municipality or missing))
    print(tr("  Period:       ", "  Period:       ") + period)
    for s in draft.signatories:
        if s.name:
            print(
                tr("  Undertecknar: ", "  Signs:        ")
                + ", ".join(v for v in (s.name, s.title, s.organisation) if v)
            )
    for c in draft.contacts:
        if c.name:
            print(tr("  Kontakt:      ", "  Contact:      ") + ", ".join(v for v in (c.name, c.role, c.email) if v))
