"""`ansokan open DRAFT`: the draft in the terminal interface (started by `assistant.cli`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.commands._common import OpenInterface
from assistant.core.i18n import tr


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "open",
        help=tr(
            "öppna ett utkast i den interaktiva assistenten (kort: `ansokan UTKAST.md`)",
            "open a draft in the interactive assistant (short: `ansokan DRAFT.md`)",
        ),
    )
    p.add_argument(
        "draft",
        metavar=tr("UTKAST", "DRAFT"),
        help=tr("utkastet (.md) att fortsätta skriva på", "the draft (.md) to go on with"),
    )
    p.set_defaults(func=cmd_open)


def cmd_open(args: argparse.Namespace) -> OpenInterface:
    # The interface reads the draft before it starts, so a bad file is one line, not a screen.
    return OpenInterface(Path(args.draft).expanduser())
