"""`ansokan library import|list|show|remove`: the library of earlier approved applications."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands._common import lang, print_json, t
from assistant.core.model.forms import load_form
from assistant.core.reuse.library import find_entry, import_files, library_dirs, load_library, passages, remove_entry
from assistant.core.storage import paths

BAR_WIDTH = 30
BAR_FROM = 3  # files; fewer are quick enough to need no bar


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("library", help="biblioteket med tidigare beviljade ansökningar")
    ls = p.add_subparsers(dest="library_command", metavar="import|list|show|remove", required=True)
    imp = ls.add_parser("import", help="importera ansökningar (.txt, .md, .docx, .pdf) till ditt bibliotek")
    imp.add_argument("files", nargs="+", metavar="FIL")
    imp.add_argument("--form", metavar="ID", default=None, help="formuläret ansökan följer (annars gissas det)")
    imp.add_argument(
        "--keep-contacts",
        action="store_true",
        help="behåll avsnittet Kontaktuppgifter (e-post och telefon tas ändå bort)",
    )
    imp.set_defaults(func=cmd_import)
    lst = ls.add_parser("list", help="lista biblioteket")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    show = ls.add_parser("show", help="visa en ansökan i biblioteket")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)
    rm = ls.add_parser("remove", help="ta bort en ansökan du själv importerat")
    rm.add_argument("id")
    rm.set_defaults(func=cmd_remove)


def _progress(args: argparse.Namespace, total: int):
    """A plain text bar on stderr, redrawn in place on a terminal and once per file otherwise."""
    if total < BAR_FROM:
        return None
    tty = sys.stderr.isatty()

    def show(n: int, of: int, path: Path) -> None:
        done = int(BAR_WIDTH * (n - 1) / of)
        bar = "#" * done + "-" * (BAR_WIDTH - done)
        line = f"[{bar}] {n}/{of} {path.name[:40]}"
        sys.stderr.write(("\r" + line.ljust(80)) if tty else line + "\n")
        sys.stderr.flush()

    return show


def cmd_import(args: argparse.Namespace) -> int:
    if args.form:
        load_form(args.form)  # a wrong id is one error, not one per file
    target = paths.user_library_dir(args.library)
    files = [Path(f) for f in args.files]
    progress = _progress(args, len(files))
    result = import_files(
        files, target, form_id=args.form, keep_contacts=args.keep_contacts, progress=progress, lang=lang(args)
    )
    if progress and sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 80 + "\r")
    for entry in result.imported:
        count = len(passages(entry))
        print(
            t(
                args,
                f"{entry.id}: {entry.title} – {len(entry.sections)} avsnitt, {count} stycken ({entry.path})",
                f"{entry.id}: {entry.title} – {len(entry.sections)} sections, {count} passages ({entry.path})",
            )
        )
    for _path, message in result.failed:
        print(f"ansokan: {message}", file=sys.stderr)
    if result.failed:
        print(
            t(
                args,
                f"{len(result.imported)} importerade, {len(result.failed)} misslyckades",
                f"{len(result.imported)} imported, {len(result.failed)} failed",
            ),
            file=sys.stderr,
        )
        return 1
    return 0


def _warn(message: str) -> None:
    print(f"ansokan: {message}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    entries = load_library(library_dirs(args.library), warn=_warn)
    if args.json:
        print_json([e.summary() for e in entries])
        return 0
    if not entries:
        print(t(args, "Biblioteket är tomt.", "The library is empty."))
        return 0
    for e in entries:
        where = t(args, "inbyggd", "built-in") if e.builtin else t(args, "egen", "own")
        period = f"{e.start}–{e.end}" if e.start and e.end else ""
        print(f"{e.id:42} {e.year or '':4}  {e.title[:50]:50} {e.organisation[:24]:24} {period:21} [{where}]")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    entry = find_entry(args.id, library_dirs(args.library))
    if args.json:
        data = entry.summary()
        data["sections"] = [{"key": s.key, "heading": s.heading, "text": s.text} for s in entry.sections]
        data["passages"] = [{"id": p.id, "section": p.section, "words": p.words} for p in passages(entry)]
        print_json(data)
        return 0
    print(f"{entry.title}  [{entry.id}]")
    print(f"{entry.organisation}, {entry.municipality} · {entry.funder} · {entry.start}–{entry.end}")
    print(
        t(
            args,
            f"Källa: {entry.source} · {len(passages(entry))} stycken att återanvända",
            f"Source: {entry.source} · {len(passages(entry))} reusable passages",
        )
    )
    for section in entry.sections:
        print()
        print(f"## {section.heading} [{section.key}]")
        print()
        print(section.text)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    path = remove_entry(args.id, args.library)
    print(t(args, f"Borttagen: {args.id} ({path})", f"Removed: {args.id} ({path})"))
    return 0
