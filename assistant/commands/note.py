"""`ansokan note DRAFT SECTION "text" [--anchor TEXT] [--author NAME]`: a note on a section for the
reviewers (a Word comment in `export --review`); `--list` shows the notes, `--resolve ID` closes
one and `--reopen ID` opens it again."""

from __future__ import annotations

import argparse

from assistant.commands._common import print_json
from assistant.core.errors import UserError
from assistant.core.i18n import tr
from assistant.usecases.drafts import open_draft
from assistant.usecases.paths import shown
from assistant.usecases.review_notes import note_on_file, resolve_on_file, section_notes


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "note",
        help=tr(
            "en anteckning på ett avsnitt till granskarna (en kommentar i export --review)",
            "a note on a section for the reviewers (a comment in export --review)",
        ),
    )
    p.add_argument("draft", metavar=tr("UTKAST", "DRAFT"))
    p.add_argument("section", nargs="?", metavar=tr("AVSNITT", "SECTION"), help=tr("t.ex. malgrupp", "e.g. malgrupp"))
    p.add_argument("text", nargs="?", metavar=tr("TEXT", "TEXT"), help=tr("vad du vill fråga", "what to ask"))
    p.add_argument(
        "--anchor",
        default="",
        metavar=tr("TEXT", "TEXT"),
        help=tr(
            "texten i avsnittet som anteckningen gäller (annars avsnittets första stycke)",
            "the text in the section the note is about (else the section's first paragraph)",
        ),
    )
    p.add_argument(
        "--author",
        metavar=tr("NAMN", "NAME"),
        help=tr("vem som skriver (annars kontaktpersonen)", "who writes it (else the contact)"),
    )
    p.add_argument("--list", action="store_true", help=tr("visa anteckningarna", "list the notes"))
    p.add_argument(
        "--all", action="store_true", help=tr("med --list: också de lösta", "with --list: the resolved ones too")
    )
    p.add_argument("--resolve", metavar="ID", help=tr("markera anteckningen som löst", "mark the note resolved"))
    p.add_argument("--reopen", metavar="ID", help=tr("öppna en löst anteckning igen", "open a resolved note again"))
    p.add_argument("--json", action="store_true", help=tr("med --list: som JSON", "with --list: as JSON"))
    p.set_defaults(func=cmd_note)


def cmd_note(args: argparse.Namespace) -> int:
    if args.resolve or args.reopen:
        saved = resolve_on_file(args.draft, args.resolve or args.reopen, resolved=bool(args.resolve))
        done = tr("löst", "resolved") if args.resolve else tr("öppen igen", "open again")
        print(f"{saved.note.id} {done}: {saved.note.text}")
        return 0
    if args.list or args.section is None:
        return _list(args)
    if args.text is None:
        raise UserError(
            'ange anteckningens text efter avsnittet, t.ex. ansokan note utkast.md malgrupp "Stämmer siffran?"',
            'give the note\'s text after the section, e.g. ansokan note draft.md malgrupp "Is the figure right?"',
        )
    saved = note_on_file(args.draft, args.section, args.text, anchor=args.anchor, author=args.author)
    print(
        tr(
            f"Lade till anteckning {saved.note.id} på {saved.note.section} i {shown(saved.path)}",
            f"Added note {saved.note.id} on {saved.note.section} in {shown(saved.path)}",
        )
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    draft = open_draft(args.draft)
    notes = section_notes(draft, include_resolved=args.all)
    if args.json:
        print_json([vars(n) for n in notes])
        return 0
    for note in notes:
        state = tr(" (löst)", " (resolved)") if note.resolved else ""
        anchor = f" [{note.anchor}]" if note.anchor else ""
        print(f"{note.id}  {note.section}{anchor}  {note.author} {note.date}{state}: {note.text}")
    if not notes:
        print(tr("Inga öppna anteckningar.", "No open notes."))
    return 0
