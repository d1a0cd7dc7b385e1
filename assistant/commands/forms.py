"""`ansokan forms list|show|check`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from assistant.commands._common import print_json, warn
from assistant.core.errors import UserError
from assistant.core.i18n import language, tr
from assistant.usecases.forms import check_form_file, get_form, list_forms

if TYPE_CHECKING:
    from assistant.core.model.forms import Form


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("forms", help=tr("formulär: list, show, check", "forms: list, show, check"))
    fs = p.add_subparsers(dest="forms_command", metavar="list|show|check", required=True)
    ls = fs.add_parser("list", help=tr("lista formulären", "list the forms"))
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    show = fs.add_parser("show", help=tr("visa ett formulärs rubriker och regler", "show a form's headings and rules"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)
    check = fs.add_parser("check", help=tr("kontrollera en formulärfil du skrivit", "check a form file you wrote"))
    check.add_argument("file")
    check.set_defaults(func=cmd_check)


def _summary(form: Form) -> dict[str, Any]:
    return {
        "id": form.id,
        "name": form.name,
        "funder": form.funder,
        "headings": len(form.headings),
        "max_pages": form.page.max_pages,
        "uncounted": list(form.page.uncounted),
        "source": form.source,
    }


def _warn_broken(exc: UserError) -> None:
    warn(exc.message(language()))


def cmd_list(args: argparse.Namespace) -> int:
    forms = list_forms(warn=_warn_broken)  # one broken form file must not hide the others
    if args.json:
        print_json([_summary(f) for f in forms])
        return 0
    for form in forms:
        limit = (
            tr(f"max {form.page.max_pages} sidor", f"max {form.page.max_pages} pages")
            if form.page.max_pages
            else tr("ingen sidgräns", "no page limit")
        )
        print(f"{form.id:22} {form.name} ({limit})")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    form = get_form(args.id)
    if args.json:
        print_json(_details(form))
        return 0
    print(f"{form.name}  [{form.id}]")
    print(f"{form.funder}")
    limit = form.page.max_pages
    uncounted = ", ".join(form.page.uncounted)
    print(
        tr(f"Sidgräns: {limit or 'ingen'}", f"Page limit: {limit or 'none'}")
        + (tr(f" (räknas inte: {uncounted})", f" (not counted: {uncounted})") if uncounted else "")
    )
    print(f"{form.page.size}, {form.page.font} {form.page.font_size:g} pt")
    print()
    for h in form.headings:
        req = "" if h.required else tr(" (frivillig)", " (optional)")
        indent = "  " * (h.level - 1)
        print(f"{indent}{h.display}{req}   [{h.key}]")
        print(f"{indent}    {h.guidance}")
    print()
    print(tr("Budgetkategorier: ", "Budget categories: ") + ", ".join(form.budget.categories))
    return 0


def _details(form: Form) -> dict[str, Any]:
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
    return data


def cmd_check(args: argparse.Namespace) -> int:
    form = check_form_file(args.file)
    print(
        tr(
            f"{args.file}: formuläret `{form.id}` är giltigt ({len(form.headings)} rubriker)",
            f"{args.file}: the form `{form.id}` is valid ({len(form.headings)} headings)",
        )
    )
    return 0
