"""`ansokan check DRAFT [--json] [--exact]`: every check the form asks for.

Exit 0 when nothing is `fel`, 1 when something is, 2 when the draft cannot be read.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands._common import lang, print_json, t
from assistant.core.checks import CheckReport, run_checks
from assistant.core.model.drafts import load_draft

MARKS = {"fel": ("FEL", "ERROR"), "varning": ("VARNING", "WARNING"), "info": ("info", "info")}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="kontrollera ett utkast: rubriker, sidgräns, budget, innehåll")
    p.add_argument("draft", metavar="UTKAST", help="utkastet (.md)")
    p.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    p.add_argument("--exact", action="store_true", help="räkna sidorna exakt med LibreOffice (några sekunder)")
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    draft = load_draft(Path(args.draft))
    form = draft.form
    report = run_checks(draft, form, exact=args.exact)
    if args.json:
        print_json(report.as_json(lang(args)))
    else:
        _print_human(args, report, draft, form)
    return 1 if report.has_errors else 0


def _print_human(args: argparse.Namespace, report: CheckReport, draft, form) -> None:
    language = lang(args)
    titles = {h.key: f"{h.number} {h.label}".strip() for h in form.headings}
    titles.update({ex.key: ex.heading for ex in draft.extra})
    current: object = object()
    for f in report.findings:
        if f.section != current:
            current = f.section
            heading = titles.get(f.section, f.section) if f.section else t(args, "Hela ansökan", "Whole application")
            print(f"\n{heading}")
        mark = MARKS.get(f.severity, (f.severity, f.severity))[1 if language == "en" else 0]
        print(f"  {mark:8} {f.text(language)}")
        if f.hint_text(language):
            print(f"           → {f.hint_text(language)}")
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in MARKS}
    print()
    warnings_sv = "varning" if counts["varning"] == 1 else "varningar"
    errors_en = "error" if counts["fel"] == 1 else "errors"
    warnings_en = "warning" if counts["varning"] == 1 else "warnings"
    print(
        t(
            args,
            f"{counts['fel']} fel, {counts['varning']} {warnings_sv}, {counts['info']} info",
            f"{counts['fel']} {errors_en}, {counts['varning']} {warnings_en}, {counts['info']} info",
        )
    )
