"""`ansokan attach DRAFT FILE --as KIND [--partner ORG]` and `ansokan attach DRAFT --deadline DATE`:
record an attachment the form asks for, or the deadline, in the draft (`ansokan status` shows
what is still missing, `ansokan package` puts it all in one folder)."""

from __future__ import annotations

import argparse

from assistant.core.errors import UserError
from assistant.core.i18n import tr
from assistant.core.model.dates import iso_date
from assistant.usecases.submission import attach, set_deadline


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "attach",
        help=tr(
            "lägg till en bilaga (eller sista ansökningsdag) i utkastet",
            "add an attachment (or the deadline) to the draft",
        ),
    )
    p.add_argument("draft", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument("file", nargs="?", metavar=tr("FIL", "FILE"), help=tr("bilagans fil", "the attachment's file"))
    p.add_argument(
        "--as",
        dest="kind",
        metavar=tr("SLAG", "KIND"),
        help=tr("bilagans slag enligt formuläret, t.ex. avsiktsforklaring", "the form's kind, e.g. avsiktsforklaring"),
    )
    p.add_argument("--partner", default="", metavar="ORG", help=tr("partnern bilagan kommer från", "the partner"))
    p.add_argument(
        "--deadline",
        metavar=tr("DATUM", "DATE"),
        help=tr(
            "sista ansökningsdag, t.ex. 2027-03-01 (tomt: ta bort)", "the deadline, e.g. 2027-03-01 (empty: remove)"
        ),
    )
    p.set_defaults(func=cmd_attach)


def cmd_attach(args: argparse.Namespace) -> int:
    if args.deadline is None and not args.file:
        raise UserError(
            "ange en fil med --as SLAG, eller --deadline DATUM", "give a file with --as KIND, or --deadline DATE"
        )
    if args.deadline is not None:
        day = iso_date(args.deadline) if args.deadline.strip() else None
        if args.deadline.strip() and day is None:
            raise UserError(
                "ska vara ett datum som 2027-03-01", "must be a date such as 2027-03-01", where=args.deadline
            )
        set_deadline(args.draft, day)
        print(tr(f"Sista ansökningsdag: {day or '(ingen)'}", f"Deadline: {day or '(none)'}"))
    if args.file:
        if not args.kind:
            raise UserError("ange bilagans slag med --as", "give the attachment's kind with --as")
        added = attach(args.draft, args.file, args.kind, args.partner)
        who = f" ({added.partner})" if added.partner else ""
        print(tr(f"Bilaga {added.kind}{who}: {added.path}", f"Attachment {added.kind}{who}: {added.path}"))
    return 0
