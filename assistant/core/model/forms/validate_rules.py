"""The rules of a form file beyond each value's type: the headings (unique keys, one heading of
each special kind), references to heading keys, page and budget sense, the title template, the
Word template, and the checks a form leaves off without saying so (warnings)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.core.model.forms.lines import KeyPath, locate_line
from assistant.core.model.forms.schema import closest
from assistant.core.model.forms.schema_checks import CHECKS
from assistant.core.model.forms.schema_types import HEADING_KEY, HEADING_KEYS
from assistant.core.model.forms.validate import NOTE, WARNING, Checker, Table

FORM_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SPECIAL_KINDS = ("contacts", "tidsplan", "budget", "signature")  # at most one heading of each
SIMPLE_TEMPLATE_RE = re.compile(r"(?:[^{}]|\{\{\s*[a-z_]+\s*\}\})*")  # text and {{ field }} only


def check_rules(c: Checker, data: Table, path: Path | None) -> Table:
    """The form's valid values (tables converted), every problem noted on `c`."""
    clean = c.table(data, "", ())
    if "id" in clean and not FORM_ID_RE.match(clean["id"]):
        c.error(("id",), "får bara innehålla a–z, 0–9 och bindestreck", "may only contain a–z, 0–9 and hyphens")
    elif "id" in clean and path is not None and clean["id"] != path.stem:
        c.add(
            WARNING,
            ("id",),
            f"filen ska heta `{clean['id']}.toml` för att formuläret ska gå att välja",
            f"the file must be named `{clean['id']}.toml` for the form to be chosen",
        )
    headings = _headings(c, clean.get("headings"))
    clean["headings"] = headings
    keys = [h["key"] for h in headings if "key" in h]
    for name in ("page", "budget", "contacts", "signature"):
        if name in clean:
            clean[name] = c.table(clean[name], name, (name,))
    _page(c, clean.get("page", {}), keys)
    _budget(c, clean.get("budget", {}))
    _contacts(c, clean.get("contacts"))
    clean["checks"] = _checks(c, clean.get("checks", {}), keys)
    clean["attachments"] = _attachments(c, clean.get("attachments", []))
    if re.search(r"(?m)^[ \t]*#{3,6}[ \t]", clean.get("preamble", "")):
        c.add(
            NOTE,
            ("preamble",),
            "en rad med ### i ingressen trycks som vanlig text (ingressen har inga rubriker)",
            "a ### line in the preamble is printed as ordinary text (the preamble has no headings)",
        )
    if "title_template" in clean:
        _title_template(c, clean["title_template"])
    if clean.get("template"):
        _word_template(c, clean["template"], path)
    _kinds_used(c, clean, headings)
    return clean


def _headings(c: Checker, raw: Any) -> list[Table]:
    if raw is None:
        return []
    if not raw:
        c.error(("headings",), "formuläret måste ha minst en rubrik", "a form needs at least one heading")
        return []
    headings: list[Table] = []
    first_line: dict[str, int | None] = {}
    kinds: dict[str, int] = {}
    for i, h in enumerate(raw):
        path: KeyPath = ("headings", i)
        if not isinstance(h, dict):
            c.error(path, "ska vara en tabell [[headings]]", "must be a [[headings]] table")
            continue
        heading = c.table(h, "headings", path)
        key = heading.get("key")
        if key is not None:
            if key in first_line:
                seen = first_line[key]
                at_sv, at_en = (f" (rad {seen})", f" (line {seen})") if seen else ("", "")
                c.error((*path, "key"), f"`{key}` finns redan i formuläret{at_sv}", f"`{key}` is used twice{at_en}")
            else:
                first_line[key] = locate_line(c.text, (*path, "key"))
        kind = heading.get("kind", "text")
        if kind in SPECIAL_KINDS:
            if kind in kinds:
                c.error(
                    (*path, "kind"),
                    f'bara en rubrik får ha kind = "{kind}" (också headings[{kinds[kind]}])',
                    f'only one heading may have kind = "{kind}" (also headings[{kinds[kind]}])',
                )
            kinds.setdefault(kind, i)
        headings.append(heading)
    return headings


def _missing_keys(c: Checker, path: KeyPath, wanted: tuple[str, ...], keys: list[str]) -> None:
    for key in wanted:
        if key not in keys:
            guess = closest(key, keys)
            more_sv, more_en = (f"; menar du `{guess}`?", f"; did you mean `{guess}`?") if guess else ("", "")
            c.error(
                path, f"`{key}` är ingen rubrik i formuläret{more_sv}", f"`{key}` is not a heading of the form{more_en}"
            )


def _page(c: Checker, page: Table, keys: list[str]) -> None:
    _missing_keys(c, ("page", "uncounted"), page.get("uncounted", ()), keys)
    width = page.get("width_cm", 21.0)
    if page.get("margin_left_cm", 2.5) + page.get("margin_right_cm", 2.5) >= width - 5:
        c.error(
            ("page", "margin_left_cm"), "marginalerna lämnar ingen plats för text", "the margins leave no room for text"
        )
    height = page.get("height_cm", 29.7)
    if page.get("margin_top_cm", 2.5) + page.get("margin_bottom_cm", 2.5) >= height - 5:
        c.error(
            ("page", "margin_top_cm"), "marginalerna lämnar ingen plats för text", "the margins leave no room for text"
        )
    fonts, font = page.get("allowed_fonts", ()), page.get("font", "Calibri")
    if fonts and font not in fonts:
        c.error(("page", "font"), f"`{font}` finns inte i `allowed_fonts`", f"`{font}` is not in `allowed_fonts`")
    sizes, size = page.get("allowed_sizes", ()), page.get("font_size", 11.0)
    if sizes and size not in sizes:
        c.error(("page", "font_size"), f"{size:g} finns inte i `allowed_sizes`", f"{size:g} is not in `allowed_sizes`")


def _budget(c: Checker, budget: Table) -> None:
    from assistant.core.model.forms.schema import BUDGET

    default = next(k.default for k in BUDGET if k.name == "categories")
    categories = budget.get("categories", default)
    if not categories:
        c.error(("budget", "categories"), "behöver minst ett kostnadsslag", "needs at least one category")
    for alias, target in budget.get("category_aliases", {}).items():
        if target not in categories:
            c.error(
                ("budget", "category_aliases", alias),
                f"`{target}` finns inte i `categories`",
                f"`{target}` is not in `categories`",
            )


def _contacts(c: Checker, contacts: Table | None) -> None:
    if not contacts or ("columns" not in contacts and "fields" not in contacts):
        return
    from assistant.core.model.forms.schema import CONTACTS

    default = {k.name: k.default for k in CONTACTS}
    columns, fields = contacts.get("columns", default["columns"]), contacts.get("fields", default["fields"])
    if len(columns) != len(fields):
        c.error(
            ("contacts", "fields"), "ska ha lika många poster som `columns`", "must have as many entries as `columns`"
        )


def _checks(c: Checker, raw: Any, keys: list[str]) -> dict[str, Table]:
    if not isinstance(raw, dict):
        return {}
    checks: dict[str, Table] = {}
    for check_id, settings in raw.items():
        path: KeyPath = ("checks", check_id)
        if check_id not in CHECKS:
            c.unknown(path, check_id, list(CHECKS))
            continue
        clean = c.table(settings, f"checks.{check_id}", path)
        if not isinstance(settings, dict) or len(clean) < len(settings):
            continue  # its problems are noted; a check with a wrong setting is not built
        for spec in CHECKS[check_id].keys:
            if spec.name in clean and spec.type in (HEADING_KEY, HEADING_KEYS):
                value = clean[spec.name]
                _missing_keys(c, (*path, spec.name), value if isinstance(value, tuple) else (value,), keys)
        checks[check_id] = dict(settings)  # the rules read the settings as TOML gives them
    _checks_left_off(c, raw)
    return checks


def _checks_left_off(c: Checker, raw: dict[str, Any]) -> None:
    """A warning for each check that is off without the form saying so; one the form does not
    name at all is placed at the form's first check table, where it would be added."""
    first = next((i for i, line in enumerate(c.text.splitlines(), start=1) if line.startswith("[checks.")), None)
    for check_id, check in CHECKS.items():
        settings = raw.get(check_id)
        if settings is None:
            c.add(
                WARNING,
                None,
                f"kontrollen `{check_id}` är av: formuläret har ingen [checks.{check_id}] "
                "(lägg till den med `source`, eller `enabled = false` för att säga att den ska vara av)",
                f"the check `{check_id}` is off: the form has no [checks.{check_id}] "
                "(add it with a `source`, or `enabled = false` to say it is meant to be off)",
                line=first,
            )
            continue
        if not isinstance(settings, dict) or settings.get("enabled", True) is False:
            continue
        missing = [name for name in check.needs if not settings.get(name)]
        if missing:
            names = ", ".join(f"`{m}`" for m in missing)
            c.add(
                WARNING,
                ("checks", check_id),
                f"kontrollen är av eftersom {names} saknas",
                f"the check is off because {names} is missing",
            )


def _kinds_used(c: Checker, clean: Table, headings: list[Table]) -> None:
    """Settings that do nothing because no heading prints them."""
    kinds = {h.get("kind", "text") for h in headings}
    if not headings:
        return
    on = {check_id for check_id, settings in clean["checks"].items() if settings.get("enabled", True)}
    unused = [
        ("contacts", "contacts" in clean, "kontakttabellen trycks inte", "the contact table is not printed"),
        (
            "budget",
            "budget" in clean or "budget" in on,
            "budgettabellerna trycks inte",
            "the budget tables are not printed",
        ),
        ("signature", "signature" in clean, "underskriftsblocket trycks inte", "the signature block is not printed"),
        ("tidsplan", "tidsplan" in on, "start- och slutdatum trycks inte", "the start and end dates are not printed"),
    ]
    for kind, asked, sv, en in unused:
        if asked and kind not in kinds:
            c.add(
                WARNING,
                ("headings", 0),
                f'ingen rubrik har kind = "{kind}": {sv}',
                f'no heading has kind = "{kind}": {en}',
            )
    page_limit = clean["checks"].get("page_limit")
    if page_limit is not None and page_limit.get("enabled", True) and "max_pages" not in clean.get("page", {}):
        c.add(
            NOTE,
            ("checks", "page_limit"),
            "ingen `max_pages` i [page]: sidorna räknas men ingen gräns kontrolleras",
            "no `max_pages` in [page]: pages are counted but no limit is checked",
        )


def _title_template(c: Checker, template: str) -> None:
    if SIMPLE_TEMPLATE_RE.fullmatch(template):
        return  # plain text and {{ field }}: nothing for jinja2 to refuse (and no 12 ms import)
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        SandboxedEnvironment().parse(template)
    except TemplateSyntaxError as exc:
        c.error(("title_template",), f"ogiltig mall: {exc.message}", f"invalid template: {exc.message}")


def _word_template(c: Checker, name: str, form_path: Path | None) -> None:
    if not name.lower().endswith((".docx", ".dotx")):
        c.error(("template",), "ska vara en Word-fil (.docx)", "must be a Word file (.docx)")
        return
    if form_path is None:
        return
    target = form_path.parent / name
    if not target.is_file():
        c.error(
            ("template",),
            f"filen finns inte (sökt som {target})",
            f"the file does not exist (looked for {target})",
        )


def _attachments(c: Checker, raw: list[Any]) -> list[Table]:
    """The [[attachments]] tables, each kind once."""
    found: list[Table] = []
    kinds: set[str] = set()
    for i, item in enumerate(raw):
        path: KeyPath = ("attachments", i)
        if not isinstance(item, dict):
            c.error(path, "ska vara en tabell [[attachments]]", "must be an [[attachments]] table")
            continue
        table = c.table(item, "attachments", path)
        if table.get("kind") in kinds:
            c.error((*path, "kind"), f"`{table['kind']}` finns redan", f"`{table['kind']}` is used twice")
            continue
        kinds.add(table.get("kind", ""))
        found.append(table)
    return found
