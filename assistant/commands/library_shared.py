"""`ansokan library init|sync|grant|approve|retire|edit|history|waiting|share|stats`: the shared library's own
subcommands (the library named by --library-url, $ANSOKAN_LIBRARY_URL or library_url in config.toml)."""

from __future__ import annotations

import argparse
import textwrap

from assistant.commands._common import print_json
from assistant.core.i18n import tr
from assistant.usecases.library_shared import (
    approve,
    edit,
    grant_member,
    history,
    init_library,
    library_stats,
    retire,
    share,
    sync_library,
    waiting,
)

SUBCOMMANDS = "init|sync|grant|approve|retire|edit|history|waiting|share|stats"


def register(ls: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = ls.add_parser(
        "init",
        help=tr(
            "skapa eller uppgradera ett delat bibliotek i PostgreSQL (den som sköter servern)",
            "create or upgrade a shared library in PostgreSQL (whoever runs the server)",
        ),
    )
    init.add_argument("--url", metavar="postgresql://…", default=None)
    approval = init.add_mutually_exclusive_group()
    approval.add_argument(
        "--require-approval",
        dest="require_approval",
        action="store_true",
        default=None,
        help=tr(
            "det en skribent importerar väntar på en godkännare",
            "what a writer imports waits for an approver",
        ),
    )
    approval.add_argument(
        "--no-require-approval",
        dest="require_approval",
        action="store_false",
        help=tr("det en skribent importerar godkänns direkt", "what a writer imports is approved at once"),
    )
    init.set_defaults(func=cmd_init)
    sync = ls.add_parser(
        "sync",
        help=tr(
            "hämta det du får se till din kopia och skicka det som väntar",
            "copy what you may see and send what waits",
        ),
    )
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(func=cmd_sync)
    grant = ls.add_parser(
        "grant",
        help=tr(
            "gör en databasroll till medlem i en organisation (läsare, skribent, godkännare)",
            "make a database role a member of an organisation (reader, writer, approver)",
        ),
    )
    grant.add_argument("role_name", metavar=tr("ROLL", "ROLE"))
    grant.add_argument("--organisation", required=True, metavar="ORG")
    grant.add_argument("--role", required=True, choices=("reader", "writer", "approver"))
    grant.set_defaults(func=cmd_grant)
    for name, sv, en, func in (
        (
            "approve",
            "godkänn stycken (eller en hel ansökan) för återbruk",
            "approve passages (or a whole application)",
            cmd_approve,
        ),
        ("retire", "ta stycken (eller en hel ansökan) ur bruk", "retire passages (or a whole application)", cmd_retire),
    ):
        p = ls.add_parser(name, help=tr(sv, en))
        p.add_argument("ids", nargs="+", metavar="ID")
        p.set_defaults(func=func)
    ed = ls.add_parser(
        "edit",
        help=tr("ny lydelse för ett stycke (den gamla sparas)", "new wording for a passage (the old one is kept)"),
    )
    ed.add_argument("id", metavar="ID")
    ed.add_argument("--text", required=True, metavar="TEXT")
    ed.set_defaults(func=cmd_edit)
    hist = ls.add_parser("history", help=tr("ett stycks tidigare lydelser", "a passage's earlier wordings"))
    hist.add_argument("id", metavar="ID")
    hist.add_argument("--json", action="store_true")
    hist.set_defaults(func=cmd_history)
    wait = ls.add_parser("waiting", help=tr("stycken som väntar på godkännande", "passages waiting for approval"))
    wait.add_argument("--json", action="store_true")
    wait.set_defaults(func=cmd_waiting)
    sh = ls.add_parser(
        "share", help=tr("dela en ansökan med andra organisationer", "share an application with other organisations")
    )
    sh.add_argument("id")
    sh.add_argument(
        "--with",
        dest="organisations",
        nargs="+",
        required=True,
        metavar="ORG",
        help=tr("organisationer, eller alla", "organisations, or all"),
    )
    sh.set_defaults(func=cmd_share)
    st = ls.add_parser(
        "stats", help=tr("mest återanvända och aldrig använda stycken", "most reused and never used passages")
    )
    st.add_argument("--top", type=int, default=10)
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_stats)


def cmd_init(args: argparse.Namespace) -> int:
    report = init_library(args.url or args.library, require_approval=args.require_approval)
    applied = ", ".join(map(str, report.applied)) or tr("inga", "none")
    approval = (
        tr("importer väntar på godkännande", "imports wait for approval")
        if report.require_approval
        else tr("importer godkänns direkt", "imports are approved at once")
    )
    print(
        tr(
            f"Delat bibliotek på {report.url}: schemaversion {report.version} (nya nu: {applied}); {approval}.",
            f"Shared library at {report.url}: schema version {report.version} (applied now: {applied}); {approval}.",
        )
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    report = sync_library(args.library)
    if args.json:
        print_json(vars(report) | {"stored": [vars(s) for s in report.stored]})
        return 0
    print(
        tr(
            f"Synkat: {report.entries} ansökningar i kopian ({report.written} uppdaterade, {report.removed} borttagna);"
            f" skickat {report.sent_takes} användningar och {report.sent_imports} importer.",
            f"Synced: {report.entries} applications in the copy ({report.written} updated, {report.removed} removed);"
            f" sent {report.sent_takes} takes and {report.sent_imports} imports.",
        )
    )
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    grant_member(args.library, args.role_name, organisation=args.organisation, role=args.role)
    print(
        tr(
            f"{args.role_name} är nu {args.role} i {args.organisation}.",
            f"{args.role_name} is now {args.role} in {args.organisation}.",
        )
    )
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    n = approve(args.library, args.ids)
    print(tr(f"Godkända: {n} stycken.", f"Approved: {n} passages."))
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    n = retire(args.library, args.ids)
    print(tr(f"Ur bruk: {n} stycken (föreslås inte längre).", f"Retired: {n} passages (no longer suggested)."))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    edit(args.library, args.id, args.text)
    print(
        tr(
            f"{args.id}: ny lydelse sparad (den gamla finns i historiken).",
            f"{args.id}: new wording saved (the old one is in the history).",
        )
    )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    found = history(args.library, args.id)
    if args.json:
        print_json([{"text": text, "changed_by": who, "changed_at": when} for text, who, when in found])
        return 0
    if not found:
        print(tr(f"{args.id} har inte ändrats.", f"{args.id} has not been edited."))
    for text, who, when in found:
        _print_passage(f"{when}  {who}", text)
    return 0


def cmd_waiting(args: argparse.Namespace) -> int:
    found = waiting(args.library)
    if args.json:
        print_json([{"id": pid, "text": text} for pid, text in found])
        return 0
    if not found:
        print(tr("Inget väntar på godkännande.", "Nothing waits for approval."))
    for pid, text in found:
        _print_passage(pid, text)
    return 0


def _print_passage(head: str, text: str) -> None:
    """A passage under its heading line, wrapped and indented, with a blank line after it."""
    print(f"{head}\n{textwrap.indent(textwrap.fill(text, 96), '   ')}\n")


def cmd_share(args: argparse.Namespace) -> int:
    share(args.library, args.id, args.organisations)
    print(
        tr(
            f"{args.id} delas med {', '.join(args.organisations)}.",
            f"{args.id} is shared with {', '.join(args.organisations)}.",
        )
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    stats = library_stats(args.library, top=args.top)
    if args.json:
        print_json(
            {"takes": stats.takes, "most": [vars(u) for u in stats.most], "never": [vars(u) for u in stats.never]}
        )
        return 0
    print(tr(f"Användningar totalt: {stats.takes}", f"Takes in all: {stats.takes}"))
    print()
    print(tr("Mest återanvända:", "Most reused:"))
    for use in stats.most:
        print(f"  {use.takes:4}  {use.passage_id}  ({use.organisation})  {use.text[:70]}")
    print()
    print(tr("Aldrig använda:", "Never used:"))
    for use in stats.never:
        print(f"        {use.passage_id}  ({use.organisation})  {use.text[:70]}")
    return 0
