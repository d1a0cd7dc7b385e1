"""`ansokan open DRAFT` (and a bare `ansokan`): the terminal interface."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="öppna ett utkast i den interaktiva assistenten")
    p.add_argument("draft", help="utkastet (.md) att fortsätta skriva på")
    p.set_defaults(func=cmd_open)


def cmd_open(args: argparse.Namespace) -> int:
    from assistant.cli import language

    return run_ui(args.draft, lang=language(args), library=args.library)


def _explicit_lang() -> bool:
    """Whether --lang or $ANSOKAN_LANG chose the language (else config.toml may)."""
    return bool(os.environ.get("ANSOKAN_LANG")) or any(a == "--lang" or a.startswith("--lang=") for a in sys.argv)


def run_ui(path: str | None, *, lang: str | None, library: str | None) -> int:
    """Start the interface on a draft, or on the start screen when `path` is None."""
    from assistant.tui.app import run  # Textual is imported only when the interface starts

    return run(path, lang_code=lang if (lang and _explicit_lang()) else "", library=library)
