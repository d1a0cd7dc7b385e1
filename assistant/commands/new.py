"""`ansokan new --form ID [--title TITLE] [--from SOURCE] [project facts] PATH`.

The project facts (`--organisation`, `--municipality`, `--start`, `--end`, `--signatory`,
`--contact`) are checked by `usecases.facts` and, with `--from`, win over what the source says.
"""

from __future__ import annotations

import argparse

from assistant.core.i18n import tr
from assistant.usecases.drafts import StartedDraft, create_draft, start_from_source
from assistant.usecases.facts import ProjectFacts, parse_facts

# The fact each flag sets, so an error names the flag the writer typed.
FLAGS = {
    "organisation": "--organisation",
    "municipality": "--municipality",
    "start": "--start",
    "end": "--end",
    "signatories": "--signatory",
    "contacts": "--contact",
}


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
    _add_fact_flags(p)
    p.add_argument("--force", action="store_true", help=tr("skriv över en befintlig fil", "overwrite an existing file"))
    p.add_argument(
        "path",
        metavar=tr("UTKAST", "DRAFT"),
        help=tr("filen som skapas, t.ex. ansokan.md", "the file to create, e.g. ansokan.md"),
    )
    p.set_defaults(func=cmd_new)


def _add_fact_flags(p: argparse.ArgumentParser) -> None:
    name = tr("NAMN", "NAME")
    p.add_argument("--organisation", metavar=name, help=tr("den sökande organisationen", "the applying organisation"))
    p.add_argument("--municipality", metavar=name, help=tr("kommunen insatsen gäller", "the municipality"))
    p.add_argument(
        "--start", metavar=tr("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"), help=tr("projektets start", "the project's start")
    )
    p.add_argument("--end", metavar=tr("ÅÅÅÅ-MM-DD", "YYYY-MM-DD"), help=tr("projektets slut", "the project's end"))
    p.add_argument(
        "--signatory",
        action="append",
        metavar=tr("”Namn, titel, organisation”", '"Name, title, organisation"'),
        help=tr("en som skriver under (kan upprepas)", "one who signs (may be repeated)"),
    )
    p.add_argument(
        "--contact",
        action="append",
        metavar=tr("”Namn, roll, organisation, telefon, e-post”", '"Name, role, organisation, phone, e-mail"'),
        help=tr("en kontaktperson (kan upprepas)", "a contact person (may be repeated)"),
    )


def facts_from(args: argparse.Namespace) -> ProjectFacts:
    return parse_facts(
        organisation=args.organisation,
        municipality=args.municipality,
        start=args.start,
        end=args.end,
        signatories=args.signatory,
        contacts=args.contact,
        labels=FLAGS,
    )


def cmd_new(args: argparse.Namespace) -> int:
    facts = facts_from(args)
    title = args.title or ""
    if args.source:
        started = start_from_source(args.form, args.source, args.path, title=title, force=args.force, facts=facts)
        _print_report(started)
        return 0
    made = create_draft(args.form, args.path, title=title, force=args.force, facts=facts)
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
    if started.replacements or started.markers:
        print(
            tr(
                f"  Texten anpassad till era uppgifter: {started.replacements} ersättningar; "
                f"{started.markers} markeringar ⟦… → ?⟧ kvar att skriva om (`ansokan check {target}` listar dem).",
                f"  The text adapted to your facts: {started.replacements} replacements; "
                f"{started.markers} markers ⟦… → ?⟧ left to rewrite (`ansokan check {target}` lists them).",
            )
        )
