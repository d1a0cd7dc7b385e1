"""`ansokan new --form ID (--title TITLE | --from SOURCE) PATH`."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands._common import t
from assistant.core.errors import UserError
from assistant.core.model.drafts import new_draft, save_draft
from assistant.core.model.forms import load_form


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="skapa ett nytt utkast (tomt eller från en tidigare ansökan)")
    p.add_argument("--form", required=True, metavar="ID", help="formulärets id (se `ansokan forms list`)")
    p.add_argument("--title", metavar="TITEL", help="projektets titel")
    p.add_argument("--from", dest="source", metavar="KÄLLA", help="en tidigare ansökan (.txt, .md, .docx, .pdf)")
    p.add_argument("--force", action="store_true", help="skriv över en befintlig fil")
    p.add_argument("path", metavar="UTKAST", help="filen som skapas, t.ex. ansokan.md")
    p.set_defaults(func=cmd_new)


def cmd_new(args: argparse.Namespace) -> int:
    form = load_form(args.form)
    target = Path(args.path)
    if target.exists() and not args.force:
        raise UserError(
            "filen finns redan; välj ett annat namn eller använd --force",
            "the file already exists; choose another name or use --force",
            where=target,
        )
    if target.is_dir():
        raise UserError("är en katalog; ange ett filnamn", "is a directory; give a file name", where=target)
    if not target.parent.exists():
        raise UserError("katalogen finns inte", "the directory does not exist", where=target.parent)
    if args.source:
        from assistant.core.sources.start import draft_from_source

        draft, report = draft_from_source(form, Path(args.source))
        if args.title:
            draft.title = args.title
        save_draft(draft, target, force=True)
        _print_report(args, form, report, target)
        return 0
    draft = new_draft(form, title=args.title or "")
    save_draft(draft, target, force=True)
    print(
        t(
            args,
            f"Skapade {target} ({form.name}, {len(form.headings)} rubriker). Öppna med: ansokan open {target}",
            f"Created {target} ({form.name}, {len(form.headings)} headings). Open with: ansokan open {target}",
        )
    )
    return 0


def _print_report(args: argparse.Namespace, form, report, target: Path) -> None:
    print(
        t(
            args,
            f"Skapade {target} från källan: {len(report.placed)} av {len(form.headings)} rubriker hittades.",
            f"Created {target} from the source: {len(report.placed)} of {len(form.headings)} headings found.",
        )
    )
    if report.missing:
        print(t(args, "  Saknas i källan: ", "  Missing in the source: ") + "; ".join(report.missing))
    if report.unplaced:
        print(
            t(
                args,
                "  Text som inte kunde placeras under en rubrik (behållen i eget avsnitt): ",
                "  Text that could not be placed under a heading (kept in its own section): ",
            )
            + "; ".join(report.unplaced)
        )
    if report.budget:
        print(t(args, "  Budget – kunde inte läsas:", "  Budget – could not be read:"))
        for line in report.budget:
            print(f"    - {line}")
    for note in report.notes:
        print(f"  {note}")
