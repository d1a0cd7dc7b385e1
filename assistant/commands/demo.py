"""`ansokan demo`: copy the shipped demo application to the user's data dir and open it."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import platformdirs

from assistant.commands._common import t
from assistant.core.storage import paths


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="öppna demoansökan (en kopia, originalet ändras aldrig)")
    p.add_argument("--path-only", action="store_true", help="skriv bara ut var kopian ligger")
    p.set_defaults(func=cmd_demo)


def demo_copy() -> Path:
    """The user's own copy of the demo draft; created on first use, never overwritten."""
    target = Path(platformdirs.user_documents_dir()) / "Ansökan" / paths.demo_draft().name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(paths.demo_draft(), target)
    return target


def cmd_demo(args: argparse.Namespace) -> int:
    target = demo_copy()
    if args.path_only:
        print(target)
        return 0
    print(t(args, f"Demoutkastet: {target}", f"The demo draft: {target}"))
    from assistant.commands.open import run_ui

    return run_ui(str(target), lang=args.lang or "sv", library=args.library)
