"""`ansokan new --form ID (--title TITLE | --from SOURCE) PATH`."""

from __future__ import annotations

import argparse

from assistant.core.i18n import tr
from assistant.usecases.drafts import StartedDraft, create_draft, start_from_source


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "new",
        help=tr(
            "skapa ett nytt utkast (tomt eller från en tidigare ansökan)",
            "create a new draft (empty or from an earlier application)",
        ),
    )
    p.add_argument(
        "--form",
        required=True,
        metavar="ID",
        help=tr("formulärets id (se `ansokan forms list`)", "the form's id (see `ansokan forms list`)"),
    )
    p.add_argument("--title", metavar=tr("TITEL", "TITLE"), help=tr("projektets titel", "the project's title"))
    p.add_argument(
        "--from",
        dest="source",
        metavar=tr("KÄLLA", "SOURCE"),
        help=tr("en tidigare ansökan (.txt, .md, .docx, .pdf)", "an earlier application (.txt, .md, .docx, .pdf)"),
    )
    p.add_argument("--force", action="store_true", help=tr("skriv över en befintlig fil", "overwrite an existing file"))
    p.add_argument(
        "path",
        metavar=tr("UTKAST", "DRAFT"),
        help=tr("filen som skapas, t.ex. ansokan.md", "the file to create, e.g. ansokan.md"),
    )
    p.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    if args.source:
        started = start_from_source(args.form, args.source, args.path, title=args.title or "", force=args.force)
        _print_report(started)
        return 0
    made = create_draft(args.form, args.path, title=args.title or "", force=args.force)
    target, form = made.path, made.form
    print(
        tr(
            f"Skapade {target} ({form.name}, {len(form.headings)} rubriker). Öppna med: ansokan open {target}",
            f"Created {target} ({form.name}, {len(form.headings)} headings). Open with: ansokan open {target}",
        )
    )
    return 0


def _print_report(started: StartedDraft) -> None:
    target, form, report = started.path, started.form, started.report
    placed = len(report.placed)
    print(
        tr(
            f"Skapade {target} från källan: {placed} av {len(form.headings)} rubriker hittades.",
            f"Created {target} from the source: {placed} of {len(form.headings)} headings found.",
        )
    )
    if report.missing:
        print(tr("  Saknas i källan: ", "  Missing in the source: ") + "; ".join(report.missing))
    if report.unplaced:
        print(
            tr(
                "  Text som inte kunde placeras under en rubrik (behållen i eget avsnitt): ",
                "  Text that could not be placed under a heading (kept in its own section): ",
            )
            + "; ".join(report.unplaced)
        )
    if report.budget:
        print(tr("  Budget – kunde inte läsas:", "  Budget – could not be read:"))
        for line in report.budget:
            print(f"    - {line}")
    for note in report.notes:
        print(f"  {note}")
