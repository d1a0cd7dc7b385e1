"""`ansokan suggest --form ID --section KEY --text TEXT [--context TEXT] [-k 5] [--json] [--adapt DRAFT]`."""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING, Any

from assistant.commands._common import print_json
from assistant.core.i18n import tr
from assistant.usecases.drafts import open_draft
from assistant.usecases.suggestions import adapt_suggestion, suggest_for

if TYPE_CHECKING:
    from assistant.usecases.suggestions import Adapted, Suggestion


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "suggest",
        help=tr("föreslå text ur tidigare beviljade ansökningar", "suggest text from earlier approved applications"),
    )
    p.add_argument("--form", required=True, metavar="ID")
    p.add_argument(
        "--section",
        required=True,
        metavar=tr("NYCKEL", "KEY"),
        help=tr("avsnittet du skriver i, t.ex. malgrupp", "the section you are writing, e.g. malgrupp"),
    )
    p.add_argument(
        "--text",
        default="",
        metavar="TEXT",
        help=tr("det du skrivit (tomt: rubrikens vägledning)", "what you wrote (empty: the heading's guidance)"),
    )
    p.add_argument(
        "--context",
        default="",
        metavar="TEXT",
        help=tr(
            "resten av stycket: räknas svagare än texten, så ett förslag står kvar medan du skriver",
            "the rest of the paragraph: counts less than the text, so a suggestion stays while you write",
        ),
    )
    p.add_argument("-k", type=int, default=5, metavar=tr("ANTAL", "COUNT"))
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--adapt",
        metavar=tr("UTKAST", "DRAFT"),
        default=None,
        help=tr("anpassa förslagen till detta utkast", "adapt the suggestions to this draft"),
    )
    p.set_defaults(func=cmd_suggest)


def cmd_suggest(args: argparse.Namespace) -> int:
    draft = open_draft(args.adapt) if args.adapt else None
    found = suggest_for(
        args.text, form_id=args.form, section=args.section, k=args.k, library=args.library, context=args.context
    )
    adapted: list[Adapted | None] = (
        [adapt_suggestion(s, draft, library=args.library) for s in found] if draft else [None] * len(found)
    )
    if args.json:
        print_json([_as_json(s, a) for s, a in zip(found, adapted, strict=True)])
        return 0
    if not found:
        print(
            tr(
                "Inga förslag: inget i biblioteket liknar texten tillräckligt.",
                "No suggestions: nothing in the library is close enough to the text.",
            )
        )
        return 0
    for n, (s, a) in enumerate(zip(found, adapted, strict=True), 1):
        _print_one(n, s, a)
    return 0


def _as_json(suggestion: Suggestion, adapted: Adapted | None) -> dict[str, Any]:
    item = suggestion.to_dict()
    if adapted is not None:
        item["adapted"] = {
            "text": adapted.text,
            "replacements": [vars(r) for r in adapted.replacements],
            "unresolved": [vars(m) for m in adapted.unresolved],
        }
    return item


def _print_one(n: int, s: Suggestion, a: Adapted | None) -> None:
    src = s.source
    known = ", ".join(str(v) for v in (src.get("organisation"), src.get("year")) if v)  # an unknown year: not "None"
    print(f"{n}. [{s.score:.0f}] {src.get('title')}" + (f" ({known})" if known else "") + f" · {s.heading}")
    if src.get("owner"):  # from a shared library: whose it is and how it went
        print("   " + tr("Delad av ", "Shared by ") + f"{src['owner']} · {src.get('status', '')}")
    print(textwrap.indent(textwrap.fill(a.text if a else s.text, 96), "   "))
    if s.matched:
        print("   " + tr("Träffar: ", "Matched: ") + ", ".join(s.matched[:10]))
    if a and a.replacements:
        print("   " + tr("Utbytt: ", "Replaced: ") + "; ".join(map(str, a.replacements)))
    if a and a.unresolved:
        print("   " + tr("Anpassa själv: ", "Adapt yourself: ") + ", ".join(dict.fromkeys(map(str, a.unresolved))))
    print()
