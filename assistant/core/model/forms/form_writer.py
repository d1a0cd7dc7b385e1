"""Writing a form file from what a blank form says (`FormOutline`): every value the reader found,
and for each one it could not decide a commented line

    # TODO guidance = ""  # Vad förbundet vill se här, 1–3 meningar.

that the writer fills in and uncomments (remove `# TODO `). The required ones are left out until
then, so `ansokan forms check` names each; the rest have their defaults."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.core.i18n import Text
from assistant.core.model.forms.outline import FormOutline, OutlineHeading
from assistant.core.model.forms.schema import TABLE_KEYS
from assistant.core.model.forms.schema_checks import CHECKS
from assistant.core.model.forms.schema_types import toml_string, toml_value

TODO = "# TODO "
PLACEHOLDERS = ["TODO", "XX+", "\\[\\.\\.\\.\\]", "\\[…\\]", "Lorem ipsum", "FIXME", "\\?\\?\\?"]
MAX_LINE = 100

HEADER = Text(
    "# Formulärfil skapad av `ansokan forms new` ur {source}.\n"
    "# En rad som börjar med `# TODO ` behöver dig: fyll i värdet och ta bort `# TODO `.\n"
    "# Kontrollera sedan filen med: ansokan forms check {id}.toml (se docs/forms.md)",
    "# Form file made by `ansokan forms new` from {source}.\n"
    "# A line starting with `# TODO ` needs you: fill in the value and remove `# TODO `.\n"
    "# Then check the file with: ansokan forms check {id}.toml (see docs/forms.md)",
)
GUESSED_KEY = Text(
    "# TODO? nyckeln är gissad ur rubriken; ändra den om den inte stämmer",
    "# TODO? the key is guessed from the title; change it if it is wrong",
)
FROM_TITLE = Text("# vägledningen är rubrikens egen fråga", "# the guidance is the heading's own question")
OWN_RULE = Text("Egen regel", "Own rule")


def _describe(table: str, name: str) -> str:
    spec = next(k for k in TABLE_KEYS[table] if k.name == name)
    return spec.description.render()


def todo(name: str, example: str, table: str) -> str:
    """A commented line for a value the reader could not decide, with what the key means."""
    return f"{TODO}{name} = {example}  # {_describe(table, name)}"


def _line(name: str, value: object) -> str:
    return f"{name} = {toml_value(value)}"


def _multiline(text: str) -> str:
    """A TOML multi-line basic string (backslashes and quotes escaped)."""
    body = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'"""\n{body}\n"""'


def form_toml(outline: FormOutline) -> str:
    """The form file's text for what the blank form says."""
    source_name = outline.source_name
    parts: list[list[str]] = [
        [HEADER.render().format(source=source_name, id=outline.form_id)],
        _top(outline),
        _page(outline),
        _contacts(outline),
        _budget(outline),
        _signature(outline),
        *[_heading(h) for h in outline.headings],
        *_checks(outline),
    ]
    return "\n\n".join("\n".join(p) for p in parts if p) + "\n"


def _top(o: FormOutline) -> list[str]:
    lines = [_line("id", o.form_id)]
    lines.append(_line("name", o.name) if o.name else todo("name", '""', ""))
    lines.append(_line("funder", o.funder) if o.funder else todo("funder", '""', ""))
    printed = f"'{o.title}', " if o.title else ""
    lines.append(_line("source", f"Blanketten {printed}{o.source_name}"))
    if o.title.endswith(":"):
        lines.append(_line("title_template", o.title + " {{ title }}"))
    elif o.title:
        lines.append(_line("title_template", o.title))
    else:
        lines.append(todo("title_template", toml_string("Ansökan: {{ title }}"), ""))
    if o.preamble:
        lines.append(f"preamble = {_multiline(o.preamble)}")
    lines.append(f'{TODO}template = ""  # {_describe("", "template")}')
    return lines


def _page(o: FormOutline) -> list[str]:
    lines = ["[page]", _line("size", "A4")]
    if o.max_pages:
        lines.append(_line("max_pages", o.max_pages))
    else:
        lines.append(todo("max_pages", "0", "page"))
    if o.uncounted:
        lines.append(_line("uncounted", o.uncounted))
    quotes = " ".join(q for q in (o.page_quote, o.uncounted_quote) if q)
    if quotes:
        lines.append(_line("source", f"Blanketten: '{quotes}'"))
    else:
        lines.append(_line("source", "Blanketten anger ingen sidgräns eller typsnitt; Calibri 11 är Words standard."))
    return lines


def _contacts(o: FormOutline) -> list[str]:
    if not o.contact_columns:
        return []
    lines = ["[contacts]", _line("columns", o.contact_columns)]
    if all(o.contact_fields):
        lines.append(_line("fields", o.contact_fields))
    else:
        shown = [f or "?" for f in o.contact_fields]
        lines.append(todo("fields", toml_value(shown), "contacts"))
    return lines


def _budget(o: FormOutline) -> list[str]:
    if not o.budget_categories:
        return []
    lines = ["[budget]", _line("categories", o.budget_categories)]
    lines.append(_line("detailed_required", o.budget_detailed))
    lines.append(_line("compiled_required", True))
    lines.append(_line("total_column", o.budget_total_column))
    lines.append(_line("per_year", bool(o.budget_years)))
    years = ", ".join(o.budget_years)
    lines.append(_line("source", f"Blankettens budgettabell ({years or 'kostnadsslag'})."))
    return lines


def _signature(o: FormOutline) -> list[str]:
    if not o.signature_lines:
        return []
    return [
        "[signature]",
        _line("lines", o.signature_lines),
        _line("signatories", max(1, o.signatories)),
        _line("source", f"Underskriftssidan i blanketten ({max(1, o.signatories)} block)."),
    ]


def _heading(h: OutlineHeading) -> list[str]:
    lines = ["[[headings]]"]
    if not h.key_sure:
        lines.append(GUESSED_KEY.render())
    lines.append(_line("key", h.key))
    if h.number:
        lines.append(_line("number", h.number))
    lines.append(_line("title", h.title))
    if h.short:
        lines.append(_line("short", h.short))
    if h.level > 1:
        lines.append(_line("level", h.level))
    if h.kind != "text":
        lines.append(_line("kind", h.kind))
    if not h.required:
        lines.append(_line("required", False))
    if h.guidance:
        if h.guidance_from_title:
            lines.append(FROM_TITLE.render())
        lines.append(_line("guidance", h.guidance))
    else:
        lines.append(todo("guidance", '""', "headings"))
    return lines


def _checks(o: FormOutline) -> Iterable[list[str]]:
    """A [checks.<id>] for every check: on with its source when the blank form says what it needs,
    else a TODO (the check stays off until the writer decides)."""
    blank = f"Blanketten {o.source_name}"
    own = OWN_RULE.render()
    keys = {h.kind: h.key for h in o.headings}
    yield ["[checks.required_sections]", _line("source", f"{blank}: rubrikerna.")]
    yield ["[checks.section_order]", _line("source", f"{blank}: rubrikernas ordning.")]
    limit = ["[checks.page_limit]", _line("borderline_lines", 4)]
    yield [*limit, _line("source", f"{blank}: '{o.page_quote}'" if o.page_quote else f"{blank}: ingen sidgräns.")]
    if "tidsplan" in keys:
        yield ["[checks.tidsplan]", _line("source", f"{blank}: rubriken om tidsplan.")]
    else:
        yield ["[checks.tidsplan]", _line("enabled", False), _line("source", f"{blank}: ingen rubrik om tidsplan.")]
    summary = next((h for h in o.headings if "sammanfattning" in h.title.lower()), None)
    if summary is not None:
        yield [
            "[checks.summary]",
            _line("section", summary.key),
            f"{TODO}max_words = 0  # {CHECKS['summary'].keys[1].description.render()}",
            _line("source", f"{blank}: '{summary.title}'."),
        ]
    else:
        yield ["[checks.summary]", _line("enabled", False), _line("source", f"{blank}: ingen sammanfattning.")]
    yield ["[checks.contacts]", _line("source", f"{own}: kansliet måste kunna nå kontaktpersonerna.")]
    yield ["[checks.placeholders]", _line("patterns", PLACEHOLDERS), _line("source", f"{own}: inga platshållare.")]
    yield ["[checks.unadapted]", _line("source", f"{own}: återanvänd text ska vara anpassad.")]
    yield [
        "[checks.gender]",
        _line("enabled", False),
        f"{TODO}sections = []  # {CHECKS['gender'].keys[0].description.render()}",
        _line("source", f"{blank}: nämner inte kvinnor och män; avstängd tills du väljer avsnitt."),
    ]
    yield ["[checks.readability]", _line("source", f"{own} (info): LIX per avsnitt.")]
    if "budget" in keys:
        yield ["[checks.budget]", _line("source", f"{blank}: budgettabellen.")]
    else:
        yield ["[checks.budget]", _line("enabled", False), _line("source", f"{blank}: ingen budget.")]
