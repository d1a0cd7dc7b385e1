"""`ansokan status PATH [--json]`: words per required section, empty or not, overall completion."""

from __future__ import annotations

import argparse

from assistant.commands._common import print_json
from assistant.core.i18n import format_percent, tr
from assistant.usecases.drafts import DraftStatus, draft_status


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
        "start": draft.start,
        "end": draft.end,
        "completion": round(status.completion, 3),
        "sections": [
            {"key": s.key, "heading": s.heading, "required": s.required, "words": s.words, "empty": s.empty}
            for s in status.sections
        ],
        "extra": [{"key": e.key, "heading": e.heading, "words": len(e.text.split())} for e in status.extra],
        "warnings": status.warnings,
    }


def _print_human(status: DraftStatus) -> None:
    print(f"{status.draft.title or tr('(utan titel)', '(untitled)')}  [{status.form.name}]")
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
