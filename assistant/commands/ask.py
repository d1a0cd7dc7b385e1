"""`ansokan ask DRAFT "fråga" [--json] [--section KEY]`: the chat's answer on the command line,
so the chat is scriptable and testable without the interface."""

from __future__ import annotations

import argparse

from assistant.commands._common import print_json
from assistant.core.i18n import tr
from assistant.usecases.ask import ask


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ask",
        help=tr("fråga assistenten om ett utkast", "ask the assistant about a draft"),
        description=tr(
            "Svarar på en fråga om utkastet (vad saknas, sidor, vad förbundet vill ha, budgeten, exempel, "
            "fel, korta texten); en rad som bara är sökord söker i biblioteket.",
            "Answers a question about the draft (what is missing, pages, what the funder wants, the budget, "
            "examples, errors, shortening); a line of plain search words searches the library.",
        ),
    )
    p.add_argument("path", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument("question", metavar=tr("FRÅGA", "QUESTION"))
    p.add_argument("--json", action="store_true", help=tr("skriv svaret som JSON", "print the answer as JSON"))
    p.add_argument(
        "--section",
        metavar=tr("NYCKEL", "KEY"),
        default=None,
        help=tr("rubriken du står i (annars utkastets)", "the heading you are in (else the draft's)"),
    )
    p.set_defaults(func=cmd_ask)


def cmd_ask(args: argparse.Namespace) -> int:
    answer = ask(args.path, args.question, library=args.library, current_section=args.section)
    if args.json:
        print_json(answer.as_json())
    else:
        print(answer.plain())
    return 0
