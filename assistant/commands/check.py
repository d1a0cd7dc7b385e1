"""`ansokan check DRAFT [--json] [--exact] [--confirm ID]`: every check the form asks for.

Exit 0 when nothing is `fel`, 1 when something is, 2 when the draft cannot be read.
"""

from __future__ import annotations

import argparse
import sys

from assistant.commands._common import print_json
from assistant.core.i18n import Text, language, tr
from assistant.usecases.checks import ApplicationCheck, check_application, confirm_carried

MARKS = {"fel": Text("FEL", "ERROR"), "varning": Text("VARNING", "WARNING"), "info": Text("info", "info")}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help=tr(
            "kontrollera ett utkast: rubriker, sidgräns, budget, innehåll",
            "check a draft: headings, page limit, budget, content",
        ),
    )
    p.add_argument("draft", metavar=tr("UTKAST", "DRAFT"), help=tr("utkastet (.md)", "the draft (.md)"))
    p.add_argument("--json", action="store_true", help=tr("skriv resultatet som JSON", "print the result as JSON"))
    p.add_argument(
        "--exact",
        action="store_true",
        help=tr(
            "räkna sidorna exakt med LibreOffice (några sekunder)",
            "count the pages exactly with LibreOffice (a few seconds)",
        ),
    )
    p.add_argument(
        "--confirm",
        action="append",
        default=[],
        metavar="ID",
        help=tr(
            "bekräfta ett överfört värde eller namn (id:t som kontrollen visar); kan upprepas",
            "confirm a carried-over figure or name (the id the check shows); may be repeated",
        ),
    )
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    if args.confirm:
        for fact in confirm_carried(args.draft, args.confirm):
            # stderr: the check's own output (--json) stays what it was
            print(tr(f"bekräftat: ”{fact.text}” ({fact.id})", f"confirmed: “{fact.text}” ({fact.id})"), file=sys.stderr)
    checked = check_application(args.draft, exact=args.exact)
    if args.json:
        print_json(checked.report.as_json(language()))
    else:
        _print_human(checked)
    return 1 if checked.has_errors else 0


def _print_human(checked: ApplicationCheck) -> None:
    lang = language()
    titles = checked.section_titles()
    current: object = object()
    for f in checked.findings:
        if f.section != current:
            current = f.section
            heading = titles.get(f.section, f.section) if f.section else tr("Hela ansökan", "Whole application")
            print(f"\n{heading}")
        mark = str(MARKS.get(f.severity, Text(f.severity, f.severity)))
        print(f"  {mark:8} {f.text(lang)}")
        if f.hint_text(lang):
            print(f"           → {f.hint_text(lang)}")
    counts = checked.counts()
    print()
    warnings_sv = "varning" if counts["varning"] == 1 else "varningar"
    errors_en = "error" if counts["fel"] == 1 else "errors"
    warnings_en = "warning" if counts["varning"] == 1 else "warnings"
    print(
        tr(
            f"{counts['fel']} fel, {counts['varning']} {warnings_sv}, {counts['info']} info",
            f"{counts['fel']} {errors_en}, {counts['varning']} {warnings_en}, {counts['info']} info",
        )
    )
