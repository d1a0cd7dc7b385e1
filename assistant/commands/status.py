"""`ansokan status PATH [--json]`: words per required section, empty or not, overall completion."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from assistant.commands._common import print_json
from assistant.core.i18n import format_percent, tr
from assistant.usecases.drafts import DraftStatus, draft_status
from assistant.usecases.facts import facts_json
from assistant.usecases.submission import Readiness, readiness

if TYPE_CHECKING:
    from assistant.core.model.drafts import Draft


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help=tr("hur långt utkastet har kommit", "how far the draft has come"))
    p.add_argument("path", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument("--json", action="store_true", help=tr("skriv resultatet som JSON", "print the result as JSON"))
    p.set_defaults(func=cmd_status)


def cmd_status(args: argparse.Namespace) -> int:
    status = draft_status(args.path)
    ready = readiness(status.draft)
    if args.json:
        print_json({**_as_json(args.path, status), "submission": _submission_json(ready)})
    else:
        _print_human(status, ready)
    return 0


def _submission_json(ready: Readiness) -> dict[str, object]:
    return {
        "ready": ready.ready,
        "deadline": ready.draft.deadline.isoformat() if ready.draft.deadline else None,
        "days_left": ready.days_left,
        "errors": len(ready.errors),
        "markers": ready.markers,
        "attachments": [
            {"kind": p.rule.kind, "partner": p.partner, "required": p.rule.required, "present": p.present}
            for p in ready.pieces
        ],
        "missing": [t.render() for t in ready.blockers()],
    }


def _print_submission(ready: Readiness) -> None:
    """Inskickning: the deadline, each attachment, and what is still missing before sending."""
    from assistant.usecases.package import days_phrase

    print(tr("Inskickning:", "Submission:"))
    if ready.draft.deadline:
        print(tr("  Sista dag:    ", "  Deadline:     ") + f"{ready.draft.deadline} ({days_phrase(ready)})")
    else:
        print(
            tr(
                "  Sista dag:    (saknas; `ansokan attach UTKAST --deadline DATUM`)",
                "  Deadline:     (missing; `ansokan attach DRAFT --deadline DATE`)",
            )
        )
    for piece in ready.pieces:
        mark = "✓" if piece.present else ("·" if piece.rule.required else "-")
        print(f"  {mark} {piece.name.render()}")
    for reason in ready.blockers():
        print(f"  ! {reason.render()}")
    if ready.ready:
        print(
            tr(
                "  Redo att skickas: `ansokan package UTKAST -o KATALOG`",
                "  Ready to send: `ansokan package DRAFT -o DIR`",
            )
        )


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


def _print_human(status: DraftStatus, ready: Readiness) -> None:
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
    _print_submission(ready)
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
