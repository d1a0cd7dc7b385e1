"""`ansokan demo`: the user's own copy of the shipped demo application, opened in the interface."""

from __future__ import annotations

import argparse

from assistant.commands._common import OpenInterface
from assistant.core.i18n import tr
from assistant.usecases.drafts import demo_copy


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help=tr(
            "öppna demoansökan (en kopia, originalet ändras aldrig)",
            "open the demo application (a copy; the original never changes)",
        ),
    )
    p.add_argument(
        "--path-only",
        action="store_true",
        help=tr("skriv bara ut var kopian ligger", "only print where the copy is"),
    )
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int | OpenInterface:
    target = demo_copy()
    if args.path_only:
        print(target)
        return 0
    print(tr(f"Demoutkastet: {target}", f"The demo draft: {target}"))
    return OpenInterface(target)
