"""`ansokan library import|list|show|remove`: the library of earlier approved applications (and the
shared library's own subcommands, library_shared.py)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from assistant.commands._common import print_json, warn
from assistant.core.i18n import tr
from assistant.usecases.library import import_to_library, list_library, redaction_counts, remove_entry, show_entry
from assistant.usecases.library_shared import owners

BAR_WIDTH = 30
BAR_FROM = 3  # files; fewer are quick enough to need no bar


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "library",
        help=tr("biblioteket med tidigare beviljade ansökningar", "the library of earlier approved applications"),
    )
    from assistant.commands import library_shared

    ls = p.add_subparsers(
        dest="library_command", metavar=f"import|list|show|remove|{library_shared.SUBCOMMANDS}", required=True
    )
    imp = ls.add_parser(
        "import",
        help=tr(
            "importera ansökningar (.txt, .md, .docx, .pdf) till ditt bibliotek",
            "import applications (.txt, .md, .docx, .pdf) into your library",
        ),
    )
    imp.add_argument("files", nargs="+", metavar=tr("FIL", "FILE"))
    imp.add_argument(
        "--form",
        metavar="ID",
        default=None,
        help=tr("formuläret ansökan följer (annars gissas det)", "the form the application follows (else guessed)"),
    )
    imp.add_argument(
        "--keep-contacts",
        action="store_true",
        help=tr(
            "behåll avsnittet Kontaktuppgifter (e-post och telefon tas ändå bort)",
            "keep the contacts section (e-mail and phone are removed all the same)",
        ),
    )
    imp.add_argument(
        "--keep-names",
        action="store_true",
        help=tr(
            "behåll personers namn (för ett bibliotek som bara är ditt eget; personnummer, e-post och "
            "telefon tas ändå bort)",
            "keep people's names (for a library that is only your own; personnummer, e-mail and phone "
            "are removed all the same)",
        ),
    )
    imp.add_argument(
        "--again",
        action="store_true",
        help=tr(
            "importera även en ansökan som redan finns i biblioteket (som en ny post)",
            "import an application the library holds already (as a new entry)",
        ),
    )
    imp.set_defaults(func=cmd_import)
    lst = ls.add_parser("list", help=tr("lista biblioteket", "list the library"))
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    show = ls.add_parser("show", help=tr("visa en ansökan i biblioteket", "show an application in the library"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)
    rm = ls.add_parser(
        "remove", help=tr("ta bort en ansökan du själv importerat", "remove an application you imported yourself")
    )
    rm.add_argument("id")
    rm.set_defaults(func=cmd_remove)
    library_shared.register(ls)


def _progress(total: int) -> Callable[[int, int, Path], None] | None:
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


def _say_slow(path: Path, size: int) -> None:
    """A line before a file that takes seconds to read and redact, with nothing to see meanwhile."""
    mb = f"{size / 1_000_000:.0f}"
    line = tr(
        f"Läser {path.name} ({mb} MB) och tar bort personuppgifterna; det tar en stund …",
        f"Reading {path.name} ({mb} MB) and removing personal data; this takes a while …",
    )
    sys.stderr.write(("\r" + " " * 80 + "\r" if sys.stderr.isatty() else "") + line + "\n")
    sys.stderr.flush()


def cmd_import(args: argparse.Namespace) -> int:
    progress = _progress(len(args.files))
    result = import_to_library(
        args.files,
        library=args.library,
        form_id=args.form,
        keep_contacts=args.keep_contacts,
        progress=progress,
        again=args.again,
        keep_names=args.keep_names,
        slow=_say_slow,
    )
    if progress and sys.stderr.isatty():
        sys.stderr.write("\r" + " " * 80 + "\r")
    for item in result.imported:
        entry, count = item.entry, len(item.passages)
        where = entry.path or tr("delade biblioteket", "the shared library")
        print(
            tr(
                f"{entry.id}: {entry.title} – {len(entry.sections)} avsnitt, {count} stycken ({where})",
                f"{entry.id}: {entry.title} – {len(entry.sections)} sections, {count} passages ({where})",
            )
        )
    if result.queued:
        print(
            tr(
                "Servern svarar inte: importen skickas till det delade biblioteket vid nästa `ansokan library sync`.",
                "The server does not answer: the import is sent to the shared library on the next `ansokan library sync`.",
            )
        )
    for path, held in result.duplicates:
        print(
            tr(
                f"{path}: finns redan i biblioteket som {held.id} ({held.title}); importera igen med --again",
                f"{path}: already in the library as {held.id} ({held.title}); import it again with --again",
            )
        )
    for _path, message in result.failed:
        warn(message)
    if result.failed:
        print(
            tr(
                f"{len(result.imported)} importerade, {len(result.failed)} misslyckades",
                f"{len(result.imported)} imported, {len(result.failed)} failed",
            ),
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    entries = list_library(args.library, warn=warn)
    if args.json:
        print_json([e.summary() for e in entries])
        return 0
    if not entries:
        print(tr("Biblioteket är tomt.", "The library is empty."))
        return 0
    shared = owners(args.library)
    for e in entries:
        where = tr("inbyggd", "built-in") if e.builtin else tr("egen", "own")
        if e.id in shared:
            held = shared[e.id]
            where = tr(f"delad: {held['owner']}, {held['status']}", f"shared: {held['owner']}, {held['status']}")
        period = f"{e.start}–{e.end}" if e.start and e.end else ""
        print(f"{e.id:42} {e.year or '':4}  {e.title[:50]:50} {e.organisation[:24]:24} {period:21} [{where}]")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    shown = show_entry(args.id, args.library)
    entry = shown.entry
    if args.json:
        data = entry.summary()
        data["sections"] = [{"key": s.key, "heading": s.heading, "text": s.text} for s in entry.sections]
        data["passages"] = [{"id": p.id, "section": p.section, "words": p.words} for p in shown.passages]
        data["redacted"] = redaction_counts(entry)
        print_json(data)
        return 0
    print(f"{entry.title}  [{entry.id}]")
    print(f"{entry.organisation}, {entry.municipality} · {entry.funder} · {entry.start}–{entry.end}")
    count = len(shown.passages)
    print(
        tr(
            f"Källa: {entry.source} · {count} stycken att återanvända",
            f"Source: {entry.source} · {count} reusable passages",
        )
    )
    print(_redaction_line(redaction_counts(entry)))
    highlight = sys.stdout.isatty()
    for section in entry.sections:
        print()
        print(f"## {section.heading} [{section.key}]")
        print()
        print(MARKER_RE.sub(lambda m: f"\x1b[7m{m.group(0)}\x1b[0m", section.text) if highlight else section.text)
    return 0


# The import's markers ([namn], [personnummer], [e-post], [telefon]), shown reversed on a terminal.
MARKER_RE = re.compile(r"\[(?:namn|personnummer|e-post|telefon)\]")


def _redaction_line(counts: dict[str, int]) -> str:
    """One line saying what the import took out, e.g. "Maskerat vid import: 3 namn, 2 e-post"."""
    words = {
        "name": ("namn", "names"),
        "personnummer": ("personnummer", "personal identity numbers"),
        "email": ("e-post", "e-mail addresses"),
        "phone": ("telefon", "phone numbers"),
    }
    parts = [(f"{counts[k]} {sv}", f"{counts[k]} {en}") for k, (sv, en) in words.items() if counts.get(k)]
    if not parts:
        return tr("Maskerat vid import: inget", "Redacted on import: nothing")
    return tr(
        "Maskerat vid import: " + ", ".join(p[0] for p in parts) + " (markerat [namn], [e-post] …)",
        "Redacted on import: " + ", ".join(p[1] for p in parts) + " (marked [namn], [e-post] …)",
    )


def cmd_remove(args: argparse.Namespace) -> int:
    path = remove_entry(args.id, args.library)
    print(tr(f"Borttagen: {args.id} ({path})", f"Removed: {args.id} ({path})"))
    return 0
