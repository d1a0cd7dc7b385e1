"""`ansokan forms list|show|check`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.commands._common import lang, print_json, t
from assistant.core.errors import UserError
from assistant.core.model.forms import available_forms, load_form, load_form_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="formulär: list, show, check")
    fs = p.add_subparsers(dest="forms_command", metavar="list|show|check", required=True)
    ls = fs.add_parser("list", help="lista formulären")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    show = fs.add_parser("show", help="visa ett formulärs rubriker och regler")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)
    check = fs.add_parser("check", help="kontrollera en formulärfil du skrivit")
    check.add_argument("file")
    check.set_defaults(func=cmd_check)


def _summary(form) -> dict:
    return {
        "id": form.id,
        "name": form.name,
        "funder": form.funder,
        "headings": len(form.headings),
        "max_pages": form.page.max_pages,
        "uncounted": list(form.page.uncounted),
        "source": form.source,
    }


def cmd_list(args: argparse.Namespace) -> int:
    forms = []
    for form_id in available_forms():
        try:
            forms.append(load_form(form_id))
        except UserError as exc:  # one broken form file must not hide the others
            print(f"ansokan: {exc.message(lang(args))}", file=sys.stderr)
    if args.json:
        print_json([_summary(f) for f in forms])
        return 0
    for form in forms:
        limit = (
            t(args, f"max {form.page.max_pages} sidor", f"max {form.page.max_pages} pages")
            if form.page.max_pages
            else t(args, "ingen sidgräns", "no page limit")
        )
        print(f"{form.id:22} {form.name} ({limit})")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    form = load_form(args.id)
    if args.json:
        data = _summary(form)
        data["headings"] = [
            {
                "key": h.key,
                "number": h.number,
                "title": h.title,
                "required": h.required,
                "kind": h.kind,
                "guidance": h.guidance,
            }
            for h in form.headings
        ]
        data["budget"] = {
            "categories": list(form.budget.categories),
            "detailed_required": form.budget.detailed_required,
            "compiled_required": form.budget.compiled_required,
            "cap": str(form.budget.cap) if form.budget.cap is not None else None,
            "source": form.budget.source,
        }
        data["page"] = {"font": form.page.font, "font_size": form.page.font_size, "source": form.page.source}
        data["checks"] = form.checks
        print_json(data)
        return 0
    print(f"{form.name}  [{form.id}]")
    print(f"{form.funder}")
    limit = form.page.max_pages
    print(
        t(args, f"Sidgräns: {limit or 'ingen'}", f"Page limit: {limit or 'none'}")
        + (
            t(
                args,
                f" (räknas inte: {', '.join(form.page.uncounted)})",
                f" (not counted: {', '.join(form.page.uncounted)})",
            )
            if form.page.uncounted
            else ""
        )
    )
    print(f"{form.page.size}, {form.page.font} {form.page.font_size:g} pt")
    print()
    for h in form.headings:
        req = "" if h.required else t(args, " (frivillig)", " (optional)")
        indent = "  " * (h.level - 1)
        print(f"{indent}{h.display}{req}   [{h.key}]")
        print(f"{indent}    {h.guidance}")
    print()
    print(t(args, "Budgetkategorier: ", "Budget categories: ") + ", ".join(form.budget.categories))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    form = load_form_file(Path(args.file))
    print(
        t(
            args,
            f"{args.file}: formuläret `{form.id}` är giltigt ({len(form.headings)} rubriker)",
            f"{args.file}: the form `{form.id}` is valid ({len(form.headings)} headings)",
        )
    )
    return 0
