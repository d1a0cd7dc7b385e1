"""The form file: one TOML file per form, read with tomllib and validated, every wrong value
reported with its key and line."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from assistant.core.errors import FormError
from assistant.core.model.forms.form import (
    HEADING_KINDS,
    KEY_RE,
    MAX_FORM_BYTES,
    BudgetRules,
    ContactTable,
    Form,
    Heading,
    PageSetup,
    Signature,
)
from assistant.core.storage.files import read_user_file

Table = dict[str, Any]  # a TOML table as tomllib returns it
KeyPath = tuple[str | int, ...]  # ("headings", 3, "guidance")


def locate_line(text: str, path: tuple[str | int, ...]) -> int | None:
    """The 1-based line where `path` (e.g. ("headings", 3, "guidance")) is defined in TOML text.

    tomllib reports only syntax errors with positions; for a wrong value we find the line
    ourselves so that the message can name it. Heuristic, but exact for hand-written forms.
    """
    lines = text.splitlines()
    table: tuple[str | int, ...] = ()
    counters: dict[str, int] = {}
    want_table = tuple(p for p in path[:-1])
    key = path[-1] if path else None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if m := re.match(r"^\[\[\s*([^\]]+?)\s*\]\]", line):
            name = m.group(1)
            counters[name] = counters.get(name, -1) + 1
            table = (*name.split("."), counters[name])
            if table == tuple(path):
                return number
            continue
        if m := re.match(r"^\[\s*([^\]]+?)\s*\]", line):
            table = tuple(s.strip().strip('"') for s in m.group(1).split("."))
            if table == tuple(path):
                return number
            continue
        if isinstance(key, str) and table == want_table and re.match(rf'^"?{re.escape(key)}"?\s*=', line):
            return number
    if len(path) > 1:
        return locate_line(text, path[:-1])
    return None


class _Reader:
    """Reads values out of a parsed TOML document and names the key and line when one is wrong."""

    def __init__(self, text: str, where: Path | str) -> None:
        self.text = text
        self.where = where

    def fail(self, path: tuple[str | int, ...], sv: str, en: str) -> FormError:
        line = locate_line(self.text, path)
        dotted = ".".join(f"[{p}]" if isinstance(p, int) else p for p in path).replace(".[", "[")
        loc = f"{self.where}:{line}" if line else str(self.where)
        return FormError(f"nyckeln `{dotted}`: {sv}", f"key `{dotted}`: {en}", where=loc)

    def get(
        self,
        table: Table,
        path: KeyPath,
        key: str,
        kind: type[Any] | tuple[type[Any], ...],
        default: Any = ...,
    ) -> Any:
        if key not in table:
            if default is ...:
                raise self.fail((*path, key), "saknas men krävs", "is missing but required")
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            names = {str: "text", int: "heltal", float: "tal", bool: "true/false", list: "lista", dict: "tabell"}
            want = names.get(kind, "rätt typ") if isinstance(kind, type) else "rätt typ"
            raise self.fail(
                (*path, key),
                f"ska vara {want}, inte {type(value).__name__}",
                f"must be {kind.__name__ if isinstance(kind, type) else kind}, not {type(value).__name__}",
            )
        return value

    def strings(self, table: Table, path: KeyPath, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        values = self.get(table, path, key, list, list(default))
        if not all(isinstance(v, str) for v in values):
            raise self.fail((*path, key), "ska vara en lista med texter", "must be a list of strings")
        return tuple(values)

    def unknown(self, table: Table, path: KeyPath, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                close = ", ".join(sorted(allowed))
                raise self.fail((*path, key), f"okänd nyckel (tillåtna: {close})", f"unknown key (allowed: {close})")


def parse_form(text: str, where: Path | str = "<form>") -> Form:
    """Parse and validate a form's TOML text. Raises FormError naming the key and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise FormError(f"ogiltig TOML: {exc}", f"invalid TOML: {exc}", where=where) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise FormError(
            "ogiltig TOML: för djupt nästlade listor eller tabeller",
            "invalid TOML: lists or tables nested too deeply",
            where=where,
        ) from None
    r = _Reader(text, where)
    r.unknown(
        data,
        (),
        {
            "id",
            "name",
            "funder",
            "title_template",
            "preamble",
            "template",
            "source",
            "page",
            "budget",
            "contacts",
            "signature",
            "headings",
            "checks",
        },
    )
    form_id = r.get(data, (), "id", str)
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", form_id):
        raise r.fail(("id",), "får bara innehålla a–z, 0–9 och bindestreck", "may only contain a–z, 0–9 and hyphens")
    headings = _parse_headings(r, data)
    page = _parse_page(r, data.get("page", {}), {h.key for h in headings})
    checks = _parse_checks(r, data.get("checks", {}), {h.key for h in headings})
    contacts = None
    if "contacts" in data:
        ct = r.get(data, (), "contacts", dict)
        r.unknown(ct, ("contacts",), {"columns", "fields"})
        contacts = ContactTable(
            columns=r.strings(ct, ("contacts",), "columns", ContactTable.columns),
            fields=r.strings(ct, ("contacts",), "fields", ContactTable.fields),
        )
        if len(contacts.columns) != len(contacts.fields):
            raise r.fail(
                ("contacts", "fields"),
                "ska ha lika många poster som `columns`",
                "must have as many entries as `columns`",
            )
    sig_t = r.get(data, (), "signature", dict, {})
    r.unknown(sig_t, ("signature",), {"lines", "signatories", "source"})
    signature = Signature(
        lines=r.strings(sig_t, ("signature",), "lines", Signature.lines),
        signatories=r.get(sig_t, ("signature",), "signatories", int, 2),
        source=r.get(sig_t, ("signature",), "source", str, ""),
    )
    template = r.get(data, (), "template", str, "")
    _check_template(r, r.get(data, (), "title_template", str, "Ansökan: {{ title }}"))
    return Form(
        id=form_id,
        name=r.get(data, (), "name", str),
        funder=r.get(data, (), "funder", str),
        headings=headings,
        title_template=r.get(data, (), "title_template", str, "Ansökan: {{ title }}"),
        preamble=r.get(data, (), "preamble", str, "").strip(),
        template=template,
        page=page,
        budget=_parse_budget(r, data.get("budget", {})),
        contacts=contacts,
        signature=signature,
        checks=checks,
        source=r.get(data, (), "source", str),
        path=Path(where) if isinstance(where, Path) else None,
    )


def _check_template(r: _Reader, template: str) -> None:
    from jinja2 import TemplateSyntaxError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        SandboxedEnvironment().parse(template)
    except TemplateSyntaxError as exc:
        raise r.fail(("title_template",), f"ogiltig mall: {exc.message}", f"invalid template: {exc.message}") from None


def _parse_headings(r: _Reader, data: Table) -> tuple[Heading, ...]:
    raw = r.get(data, (), "headings", list)
    if not raw:
        raise r.fail(("headings",), "formuläret måste ha minst en rubrik", "a form needs at least one heading")
    allowed = {"key", "title", "number", "short", "required", "guidance", "level", "kind", "aliases", "own_page"}
    headings: list[Heading] = []
    seen: set[str] = set()
    for i, h in enumerate(raw):
        path = ("headings", i)
        if not isinstance(h, dict):
            raise r.fail(path, "ska vara en tabell [[headings]]", "must be a [[headings]] table")
        r.unknown(h, path, allowed)
        key = r.get(h, path, "key", str)
        if not KEY_RE.match(key):
            raise r.fail(
                (*path, "key"),
                "ska vara gemena a–z, 0–9 och _ (t.ex. `malgrupp`)",
                "must be lowercase a–z, 0–9 and _ (e.g. `malgrupp`)",
            )
        if key in seen:
            raise r.fail((*path, "key"), f"`{key}` finns redan i formuläret", f"`{key}` is used twice")
        seen.add(key)
        kind = r.get(h, path, "kind", str, "text")
        if kind not in HEADING_KINDS:
            raise r.fail(
                (*path, "kind"),
                f"ska vara en av {', '.join(HEADING_KINDS)}",
                f"must be one of {', '.join(HEADING_KINDS)}",
            )
        guidance = r.get(h, path, "guidance", str).strip()
        if not guidance:
            raise r.fail((*path, "guidance"), "får inte vara tom", "must not be empty")
        level = r.get(h, path, "level", int, 1)
        if level not in (1, 2, 3):
            raise r.fail((*path, "level"), "ska vara 1, 2 eller 3", "must be 1, 2 or 3")
        title = r.get(h, path, "title", str).strip()
        if not title:
            raise r.fail((*path, "title"), "får inte vara tom", "must not be empty")
        headings.append(
            Heading(
                key=key,
                title=title,
                number=r.get(h, path, "number", str, "").strip(),
                short=r.get(h, path, "short", str, "").strip(),
                required=r.get(h, path, "required", bool, True),
                guidance=" ".join(guidance.split()),
                level=level,
                kind=kind,
                aliases=r.strings(h, path, "aliases"),
                own_page=r.get(h, path, "own_page", bool, kind == "signature"),
            )
        )
    return tuple(headings)


def _parse_page(r: _Reader, t: Any, keys: set[str]) -> PageSetup:
    path = ("page",)
    if not isinstance(t, dict):
        raise r.fail(path, "ska vara en tabell [page]", "must be a [page] table")
    fields = {f for f in PageSetup.__dataclass_fields__}
    r.unknown(t, path, fields)
    values: dict[str, Any] = {}
    for name, f in PageSetup.__dataclass_fields__.items():
        if name not in t:
            continue
        if name in ("uncounted", "allowed_fonts"):
            values[name] = r.strings(t, path, name)
        elif name == "allowed_sizes":
            sizes = r.get(t, path, name, list)
            if not all(isinstance(s, (int, float)) and not isinstance(s, bool) for s in sizes):
                raise r.fail((*path, name), "ska vara en lista med tal", "must be a list of numbers")
            values[name] = tuple(float(s) for s in sizes)
        elif name == "max_pages":
            values[name] = r.get(t, path, name, int)
            if values[name] < 1:
                raise r.fail((*path, name), "ska vara minst 1", "must be at least 1")
        elif f.type in ("float", float):
            values[name] = r.get(t, path, name, float)
            if values[name] < 0:
                raise r.fail((*path, name), "får inte vara negativ", "must not be negative")
        else:
            values[name] = r.get(t, path, name, str)
    for key in values.get("uncounted", ()):
        if key not in keys:
            raise r.fail(
                (*path, "uncounted"), f"`{key}` är ingen rubrik i formuläret", f"`{key}` is not a heading of the form"
            )
    if values.get("size", "A4") not in ("A4",):
        raise r.fail((*path, "size"), "endast A4 stöds", "only A4 is supported")
    page = PageSetup(**values)
    if page.font_size < 6 or page.font_size > 20:
        raise r.fail((*path, "font_size"), "ska vara mellan 6 och 20 punkter", "must be 6–20 pt")
    if page.margin_left_cm + page.margin_right_cm >= page.width_cm - 5:
        raise r.fail(
            (*path, "margin_left_cm"), "marginalerna lämnar ingen plats för text", "the margins leave no room for text"
        )
    return page


def _parse_budget(r: _Reader, t: Any) -> BudgetRules:
    path = ("budget",)
    if not isinstance(t, dict):
        raise r.fail(path, "ska vara en tabell [budget]", "must be a [budget] table")
    r.unknown(
        t,
        path,
        {
            "categories",
            "category_aliases",
            "detailed_required",
            "compiled_required",
            "total_column",
            "per_year",
            "cap",
            "source",
        },
    )
    cap = None
    if "cap" in t:
        raw = t["cap"]
        try:
            cap = Decimal(str(raw).replace(" ", "").replace("\u00a0", ""))
        except InvalidOperation:
            raise r.fail((*path, "cap"), "ska vara ett belopp i kronor", "must be an amount in kronor") from None
    aliases = r.get(t, path, "category_aliases", dict, {})
    if not all(isinstance(v, str) for v in aliases.values()):
        raise r.fail((*path, "category_aliases"), "värdena ska vara kategorinamn", "values must be category names")
    categories = r.strings(t, path, "categories", BudgetRules.categories)
    for alias, target in aliases.items():
        if target not in categories:
            raise r.fail(
                (*path, "category_aliases", alias),
                f"`{target}` finns inte i `categories`",
                f"`{target}` is not in `categories`",
            )
    return BudgetRules(
        categories=categories,
        category_aliases=dict(aliases),
        detailed_required=r.get(t, path, "detailed_required", bool, True),
        compiled_required=r.get(t, path, "compiled_required", bool, True),
        total_column=r.get(t, path, "total_column", bool, True),
        per_year=r.get(t, path, "per_year", bool, True),
        cap=cap,
        source=r.get(t, path, "source", str, ""),
    )


def _parse_checks(r: _Reader, t: Any, keys: set[str]) -> dict[str, dict[str, Any]]:
    if not isinstance(t, dict):
        raise r.fail(("checks",), "ska vara en tabell [checks]", "must be a [checks] table")
    checks: dict[str, dict[str, Any]] = {}
    for check_id, settings in t.items():
        path = ("checks", check_id)
        if not isinstance(settings, dict):
            raise r.fail(path, "ska vara en tabell [checks.<namn>]", "must be a [checks.<name>] table")
        r.get(settings, path, "enabled", bool, True)
        if not r.get(settings, path, "source", str, "").strip():
            raise r.fail(
                (*path, "source"),
                "varje regel behöver en `source` som säger var den kommer ifrån",
                "every rule needs a `source` saying where it comes from",
            )
        for name in ("sections",):
            for key in settings.get(name, []) if isinstance(settings.get(name), list) else []:
                if key not in keys:
                    raise r.fail(
                        (*path, name), f"`{key}` är ingen rubrik i formuläret", f"`{key}` is not a heading of the form"
                    )
        checks[check_id] = dict(settings)
    return checks


def load_form_file(path: Path) -> Form:
    path = Path(path)
    raw = read_user_file(path, FormError, max_bytes=MAX_FORM_BYTES, kind_sv="en formulärfil", kind_en="a form file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FormError(
            f"rad {line}: inte giltig UTF-8; spara filen som UTF-8",
            f"line {line}: not valid UTF-8; save the file as UTF-8",
            where=path,
        ) from None
    return parse_form(text.replace("\r\n", "\n"), path)
