"""`ansokan package DRAFT -o DIR|FILE.zip [--force] [--no-pdf]`: the .docx, the PDF, the budget
spreadsheet, the attachments and a checklist in one folder (or .zip), refused (exit 1, listing
why, writing nothing) while something required is missing, unless --force."""

from __future__ import annotations

import argparse
import sys

from assistant.core.i18n import tr
from assistant.usecases.package import PackageRefused, package_application


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "package",
        help=tr("allt som ska skickas in, i en katalog eller .zip", "everything to send, in one folder or .zip"),
    )
    p.add_argument("draft", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=tr("KATALOG", "DIR"),
        help=tr("en ny katalog, eller en fil som slutar på .zip", "a new directory, or a file ending in .zip"),
    )
    p.add_argument(
        "--force", action="store_true", help=tr("skriv trots det som saknas", "write despite what is missing")
    )
    p.add_argument("--no-pdf", action="store_true", help=tr("utan PDF (ingen LibreOffice)", "without the PDF"))
    p.set_defaults(func=cmd_package)


def cmd_package(args: argparse.Namespace) -> int:
    try:
        result = package_application(args.draft, args.output, force=args.force, pdf=not args.no_pdf)
    except PackageRefused as refused:
        for reason in refused.reasons:
            print(f"  {reason.render()}", file=sys.stderr)
        raise
    for reason in result.readiness.blockers():
        print(tr(f"ansokan: kvar: {reason.render()}", f"ansokan: still open: {reason.render()}"), file=sys.stderr)
    print(tr(f"Skrev {result.target}:", f"Wrote {result.target}:"))
    for name in result.files:
        print(f"  {name}")
    return 0
