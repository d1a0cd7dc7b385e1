"""`ansokan forms list|show|check|new`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from assistant.commands._common import print_json, warn
from assistant.core.errors import UserError
from assistant.core.i18n import language, tr
from assistant.usecases.forms import form_from_blank, get_form, inspect_form_file, list_forms

if TYPE_CHECKING:
    from assistant.core.model.forms import Form
    from assistant.usecases.forms import NewForm


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("forms", help=tr("formulär: list, show, check, new", "forms: list, show, check, new"))
    fs = p.add_subparsers(dest="forms_command", metavar="list|show|check|new", required=True)
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
    new = fs.add_parser(
        "new",
        help=tr("skriv en formulärfil ur förbundets blankett", "write a form file from the funder's blank form"),
    )
    new.add_argument(
        "id", help=tr("det nya formulärets id (t.ex. lund-forbund)", "the new form's id (e.g. lund-forbund)")
    )
    new.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar=tr("BLANKETT", "BLANK_FORM"),
        help=tr("förbundets tomma blankett (.docx, .pdf, .txt)", "the funder's blank form (.docx, .pdf, .txt)"),
    )
    new.add_argument(
        "-o", "--output", help=tr("formulärfilen (standard: ID.toml här)", "the form file (default: ID.toml here)")
    )
    new.add_argument(
        "--force", action="store_true", help=tr("skriv över en befintlig fil", "overwrite an existing file")
    )
    new.set_defaults(func=cmd_new)


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
    """Every problem of the form file, one line each naming the line; exit 1 when one is an error."""
    check = inspect_form_file(args.file)
    for line in check.lines(language()):
        print(f"ansokan: {line}", file=sys.stderr)
    if check.errors:
        count = len(check.errors)
        print(tr(f"{args.file}: {count} fel", f"{args.file}: {count} error{'s' if count > 1 else ''}"), file=sys.stderr)
        return 1
    form = check.form
    assert form is not None  # no errors: the form was built
    warned = len(check.warnings)
    extra = tr(f", {warned} varningar", f", {warned} warnings") if warned else ""
    print(
        tr(
            f"{args.file}: formuläret `{form.id}` är giltigt ({len(form.headings)} rubriker{extra})",
            f"{args.file}: the form `{form.id}` is valid ({len(form.headings)} headings{extra})",
        )
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    made = form_from_blank(args.source, args.id, args.output, force=args.force)
    print(_what_was_read(made))
    todo = made.check.errors
    if todo:
        print(tr(f"Att fylla i ({len(todo)}):", f"To fill in ({len(todo)}):"))
        for problem in sorted(todo, key=lambda p: p.line or 0):
            print(f"  {problem.message(str(made.path), language())}")
    print(
        tr(
            f"Fyll i raderna som börjar med `# TODO `, kontrollera med `ansokan forms check {made.path}` "
            f"och lägg sedan filen i {_forms_folder()}.",
            f"Fill in the lines starting with `# TODO `, check with `ansokan forms check {made.path}`, "
            f"then put the file in {_forms_folder()}.",
        )
    )
    return 0


def _what_was_read(made: NewForm) -> str:
    o = made.outline
    parts = [tr(f"{len(o.headings)} rubriker", f"{len(o.headings)} headings")]
    if o.max_pages:
        parts.append(tr(f"max {o.max_pages} sidor", f"max {o.max_pages} pages"))
    if o.uncounted:
        parts.append(tr("räknas inte: ", "not counted: ") + ", ".join(o.uncounted))
    if o.signature_lines:
        parts.append(tr(f"underskrift: {max(1, o.signatories)} block", f"signature: {max(1, o.signatories)} blocks"))
    if o.budget_categories:
        count = len(o.budget_categories)
        parts.append(tr(f"budget: {count} kostnadsslag", f"budget: {count} categories"))
    if o.contact_columns:
        parts.append(tr("kontakttabell", "contact table"))
    return tr(f"Skrev {made.path}: ", f"Wrote {made.path}: ") + ", ".join(parts)


def _forms_folder() -> str:
    from assistant.usecases.forms import user_forms_folder

    return str(user_forms_folder())
