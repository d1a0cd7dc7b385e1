"""`ansokan status PATH [--json]`: words per required section, empty or not, overall completion."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands._common import print_json, t
from assistant.core.model.drafts import completion, load_draft, section_status


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("status", help="hur långt utkastet har kommit")
    p.add_argument("path", metavar="UTKAST")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_status)


def cmd_status(args: argparse.Namespace) -> int:
    draft = load_draft(Path(args.path))
    form = draft.form
    statuses = section_status(draft, form)
    done = completion(statuses)
    if args.json:
        print_json(
            {
                "path": str(args.path),
                "form": form.id,
                "title": draft.title,
                "start": draft.start,
                "end": draft.end,
                "completion": round(done, 3),
                "sections": [
                    {"key": s.key, "heading": s.heading, "required": s.required, "words": s.words, "empty": s.empty}
                    for s in statuses
                ],
                "extra": [{"key": e.key, "heading": e.heading, "words": len(e.text.split())} for e in draft.extra],
                "warnings": draft.warnings,
            }
        )
        return 0
    print(f"{draft.title or t(args, '(utan titel)', '(untitled)')}  [{form.name}]")
    for s in statuses:
        mark = "·" if s.empty else "✓"
        req = "" if s.required else t(args, " (frivillig)", " (optional)")
        words = t(args, "tom", "empty") if s.empty else t(args, f"{s.words} ord", f"{s.words} words")
        print(f"  {mark} {s.heading[:70]:70} {words}{req}")
    for e in draft.extra:
        print(
            t(
                args,
                f"  + {e.heading[:70]:70} (extra avsnitt, behålls)",
                f"  + {e.heading[:70]:70} (extra section, kept)",
            )
        )
    for w in draft.warnings:
        print(f"  ! {w}")
    from babel.numbers import format_percent

    share = format_percent(done, locale="en" if args.lang == "en" else "sv_SE")
    print(t(args, f"Klart: {share} av de obligatoriska rubrikerna", f"Done: {share} of the required headings"))
    return 0
