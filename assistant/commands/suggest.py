"""`ansokan suggest --form ID --section KEY --text TEXT [-k 5] [--json] [--adapt DRAFT]`."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from assistant.commands._common import print_json, t
from assistant.core.errors import UserError
from assistant.core.model.forms import load_form
from assistant.core.reuse.library import library_dirs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="föreslå text ur tidigare beviljade ansökningar")
    p.add_argument("--form", required=True, metavar="ID")
    p.add_argument("--section", required=True, metavar="NYCKEL", help="avsnittet du skriver i, t.ex. malgrupp")
    p.add_argument("--text", default="", metavar="TEXT", help="det du skrivit (tomt: rubrikens vägledning)")
    p.add_argument("-k", type=int, default=5, metavar="ANTAL")
    p.add_argument("--json", action="store_true")
    p.add_argument("--adapt", metavar="UTKAST", default=None, help="anpassa förslagen till detta utkast")
    p.set_defaults(func=cmd_suggest)


def cmd_suggest(args: argparse.Namespace) -> int:
    from assistant.core.model.drafts import load_draft
    from assistant.core.reuse.adapt import adapt
    from assistant.core.reuse.suggest import suggest

    form = load_form(args.form)
    if form.heading(args.section) is None:
        raise UserError(
            f"formuläret `{form.id}` har inget avsnitt `{args.section}` (se `ansokan forms show {form.id}`)",
            f"the form `{form.id}` has no section `{args.section}` (see `ansokan forms show {form.id}`)",
        )
    if not 1 <= args.k <= 50:
        raise UserError("-k ska vara mellan 1 och 50", "-k must be between 1 and 50")
    draft = load_draft(Path(args.adapt)) if args.adapt else None
    dirs = library_dirs(args.library)
    found = suggest(args.text, form_id=form.id, section=args.section, k=args.k, library_dirs=dirs)
    adapted = [adapt(s, draft, library_dirs=dirs) for s in found] if draft else [None] * len(found)
    if args.json:
        out = []
        for s, a in zip(found, adapted, strict=False):
            item = s.to_dict()
            if a is not None:
                item["adapted"] = {
                    "text": a.text,
                    "replacements": [vars(r) for r in a.replacements],
                    "unresolved": [vars(m) for m in a.unresolved],
                }
            out.append(item)
        print_json(out)
        return 0
    if not found:
        print(
            t(
                args,
                "Inga förslag: inget i biblioteket liknar texten tillräckligt.",
                "No suggestions: nothing in the library is close enough to the text.",
            )
        )
        return 0
    for n, (s, a) in enumerate(zip(found, adapted, strict=False), 1):
        src = s.source
        print(f"{n}. [{s.score:.0f}] {src.get('title')} ({src.get('organisation')}, {src.get('year')}) · {s.heading}")
        print(textwrap.indent(textwrap.fill(a.text if a else s.text, 96), "   "))
        if a and a.replacements:
            print("   " + t(args, "Utbytt: ", "Replaced: ") + "; ".join(map(str, a.replacements)))
        if a and a.unresolved:
            print(
                "   "
                + t(args, "Anpassa själv: ", "Adapt yourself: ")
                + ", ".join(dict.fromkeys(map(str, a.unresolved)))
            )
        print()
    return 0
