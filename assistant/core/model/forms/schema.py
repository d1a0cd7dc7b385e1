"""Every key a form file may hold, declared once: its type, default, limits and what it does.

The form reader (`validate`) accepts exactly these keys and converts each value by its type;
`docs/forms.md` documents exactly these (a test compares the two), and `forms new` writes its
TODO comments from the descriptions. A key the form leaves out takes its `default`; `REQUIRED`
means the form must give it.
"""

from __future__ import annotations

from assistant.core.model.forms.schema_checks import CHECKS, COMMON_CHECK_KEYS
from assistant.core.model.forms.schema_types import (
    AMOUNT,
    BOOLEAN,
    CONTACT_FIELDS,
    HEADING_KEY,
    HEADING_KEYS,
    HEADING_KINDS,
    INTEGER,
    NUMBER,
    NUMBERS,
    PAGE_SIZES,
    REQUIRED,
    TABLE,
    TABLES,
    TEXT,
    TEXT_TABLE,
    TEXTS,
    Key,
)
from assistant.core.model.forms.schema_types import key as _k

_SOURCE = _k("source", TEXT, "", "Var regeln kommer ifrån (blanketten, riktlinjerna).", "Where the rule comes from.")

TOP = (
    _k(
        "id",
        TEXT,
        REQUIRED,
        "Formulärets id: a–z, 0–9 och bindestreck, samma som filnamnet.",
        "The form's id: a–z, 0–9 and hyphens, the same as the file name.",
    ),
    _k("name", TEXT, REQUIRED, "Formulärets namn i menyer och listor.", "The form's name in menus and lists."),
    _k("funder", TEXT, REQUIRED, "Förbundet som ger ut formuläret.", "The funder who issues the form."),
    _k(
        "source",
        TEXT,
        REQUIRED,
        "Var formuläret kommer ifrån (blankettens namn och version).",
        "Where the form comes from (the blank form's name and version).",
    ),
    _k(
        "title_template",
        TEXT,
        "Ansökan: {{ title }}",
        "Exportens titelrad; {{ title }} och utkastets andra fält fylls i.",
        "The export's title line; {{ title }} and the draft's other fields are filled in.",
    ),
    _k(
        "preamble",
        TEXT,
        "",
        "Blankettens ingress, tryckt i kursiv under titeln (vanlig text, inga rubriker).",
        "The form's preamble, printed in italics under the title (plain text, no headings).",
    ),
    _k(
        "template",
        TEXT,
        "",
        "Förbundets egen .docx (logga, sidhuvud, formatmallar), sökväg från formulärfilen.",
        "The funder's own .docx (logo, header, styles), a path from the form file.",
    ),
    _k("page", TABLE, {}, "Sidformat, typsnitt och sidgräns.", "Page setup, font and page limit.", shown="see below"),
    _k(
        "budget",
        TABLE,
        {},
        "Budgetens kostnadsslag och tabeller.",
        "The budget's categories and tables.",
        shown="see below",
    ),
    _k(
        "contacts",
        TABLE,
        None,
        "Kontakttabellens kolumner; utan den en rad per kontaktperson.",
        "The contact table's columns; without it one line per contact.",
    ),
    _k("signature", TABLE, {}, "Underskriftsblocket.", "The signature block.", shown="see below"),
    _k(
        "headings",
        TABLES,
        REQUIRED,
        "Rubrikerna i blankettens ordning, en [[headings]] var.",
        "The headings in the form's order, one [[headings]] each.",
    ),
    _k(
        "checks",
        TABLE,
        {},
        "Kontrollerna, en [checks.<id>] var.",
        "The checks, one [checks.<id>] each.",
        shown="see below",
    ),
    _k(
        "attachments",
        TABLES,
        (),
        "Bilagorna som ska skickas med, en [[attachments]] var.",
        "The attachments to send with it, one [[attachments]] each.",
        shown="none",
    ),
)

ATTACHMENT = (
    _k(
        "kind",
        TEXT,
        REQUIRED,
        "Bilagans nyckel (gemena a–z, 0–9 och _): `ansokan attach UTKAST FIL --as NYCKEL`.",
        "The attachment's key (lowercase a–z, 0–9 and _): `ansokan attach DRAFT FILE --as KEY`.",
    ),
    _k("title", TEXT, REQUIRED, "Bilagans namn i checklistan.", "The attachment's name in the checklist."),
    _k(
        "per_partner",
        BOOLEAN,
        False,
        "En från varje partnerorganisation (underskrivare, kontakter, medfinansiärer).",
        "One from each partner organisation (signatories, contacts, co-financers).",
    ),
    _k("required", BOOLEAN, True, "Ansökan skickas inte utan den.", "The application is not sent without it."),
    _SOURCE,
)

PAGE = (
    _k("size", TEXT, "A4", "Pappersformat (bara A4).", "Paper size (A4 only).", choices=PAGE_SIZES),
    _k("width_cm", NUMBER, 21.0, "Sidans bredd i cm.", "Page width in cm.", minimum=10, maximum=60),
    _k("height_cm", NUMBER, 29.7, "Sidans höjd i cm.", "Page height in cm.", minimum=10, maximum=90),
    _k("margin_top_cm", NUMBER, 2.5, "Övre marginal i cm.", "Top margin in cm.", minimum=0, maximum=10),
    _k("margin_bottom_cm", NUMBER, 2.5, "Nedre marginal i cm.", "Bottom margin in cm.", minimum=0, maximum=10),
    _k("margin_left_cm", NUMBER, 2.5, "Vänster marginal i cm.", "Left margin in cm.", minimum=0, maximum=10),
    _k("margin_right_cm", NUMBER, 2.5, "Höger marginal i cm.", "Right margin in cm.", minimum=0, maximum=10),
    _k("font", TEXT, "Calibri", "Brödtextens typsnitt i exporten.", "The export's body font."),
    _k(
        "font_size",
        NUMBER,
        11.0,
        "Brödtextens storlek i punkter.",
        "Body text size in points.",
        minimum=6,
        maximum=20,
    ),
    _k("heading_font", TEXT, "", "Rubrikernas typsnitt; tomt = samma som `font`.", "Headings' font; empty = `font`."),
    _k(
        "line_spacing",
        NUMBER,
        1.15,
        "Radavstånd (1.0 = enkelt).",
        "Line spacing (1.0 = single).",
        minimum=0.5,
        maximum=3,
    ),
    _k(
        "space_after_pt",
        NUMBER,
        6.0,
        "Luft efter varje stycke i punkter.",
        "Space after each paragraph in points.",
        minimum=0,
        maximum=72,
    ),
    _k(
        "max_pages",
        INTEGER,
        None,
        "Sidgränsen; utan den räknas sidorna men ingen gräns kontrolleras.",
        "The page limit; without it pages are counted but no limit is checked.",
        minimum=1,
        maximum=500,
    ),
    _k(
        "uncounted",
        HEADING_KEYS,
        (),
        "Rubriker vars sidor inte räknas (t.ex. underskriftssidan).",
        "Headings whose pages do not count (e.g. the signature page).",
    ),
    _k(
        "allowed_fonts",
        TEXTS,
        (),
        "Typsnitt blanketten tillåter; `font` måste vara ett av dem.",
        "Fonts the form allows; `font` must be one of them.",
    ),
    _k(
        "allowed_sizes",
        NUMBERS,
        (),
        "Storlekar blanketten tillåter; `font_size` måste vara en av dem.",
        "Sizes the form allows; `font_size` must be one of them.",
    ),
    _SOURCE,
)

BUDGET = (
    _k(
        "categories",
        TEXTS,
        ("Personal", "Externa tjänster", "Lokaler", "Övriga kostnader"),
        "Kostnadsslagen, raderna i den sammanställda budgeten.",
        "The cost categories, the compiled budget's rows.",
    ),
    _k(
        "category_aliases",
        TEXT_TABLE,
        {},
        'Andra namn på ett kostnadsslag vid import: "Lokalkostnader" = "Lokaler".',
        'Other names of a category when importing: "Lokalkostnader" = "Lokaler".',
    ),
    _k(
        "detailed_required",
        BOOLEAN,
        True,
        "Kräver en detaljerad budget (poster med belopp).",
        "Requires a detailed budget (items with amounts).",
    ),
    _k(
        "compiled_required",
        BOOLEAN,
        True,
        "Kräver en sammanställd budget per år.",
        "Requires a compiled budget per year.",
    ),
    _k(
        "total_column",
        BOOLEAN,
        True,
        "Den sammanställda tabellen får en kolumn Totalt.",
        "The compiled table gets a Total column.",
    ),
    _k(
        "per_year",
        BOOLEAN,
        True,
        "Budgeten redovisas per år; åren jämförs med tidsplanen.",
        "The budget is given per year; the years are compared with the Tidsplan.",
    ),
    _k(
        "cap",
        AMOUNT,
        None,
        "Högsta belopp man kan söka, i kronor.",
        "The most one may apply for, in kronor.",
        minimum=1,
    ),
    _k(
        "rounding",
        TEXT,
        "krona",
        "Vad formler och andelar avrundas till: krona, hundratal eller tusental; ett belopp som inte är "
        "avrundat så får en varning.",
        "What formulas and shares are rounded to: krona, hundratal or tusental; an amount not rounded "
        "so gets a warning.",
        choices=("krona", "hundratal", "tusental"),
    ),
    _k(
        "overhead_cap",
        NUMBER,
        None,
        "Högsta overhead i procent av det den räknas på (en post ”15 % av Personal” eller en post som "
        "heter overhead, OH, indirekta eller administrativa kostnader); över taket är fel.",
        "The most overhead may be, in per cent of what it is a share of (an item “15 % av Personal” or "
        "an item named overhead, OH, indirect or administrative costs); above it is an error.",
        minimum=0,
        maximum=100,
    ),
    _SOURCE,
)

CONTACTS = (
    _k(
        "columns",
        TEXTS,
        ("Namn", "Organisation", "Telefonnummer", "Mailadress"),
        "Kolumnrubrikerna som tryckta.",
        "The column headings as printed.",
    ),
    _k(
        "fields",
        TEXTS,
        ("name", "organisation", "phone", "email"),
        "Kontaktuppgiften i varje kolumn: name, role, organisation, phone eller email.",
        "The contact detail in each column: name, role, organisation, phone or email.",
        choices=CONTACT_FIELDS,
    ),
)

SIGNATURE = (
    _k(
        "lines",
        TEXTS,
        ("Ort och datum:", "Namnteckning", "Namnförtydligande och organisation"),
        "Raderna under varje underskrift; en rad som slutar med kolon fylls i på samma rad.",
        "The lines of each signature; a line ending in a colon is filled in on the same line.",
    ),
    _k(
        "signatories",
        INTEGER,
        2,
        "Hur många som skriver under (block).",
        "How many sign (blocks).",
        minimum=1,
        maximum=20,
    ),
    _SOURCE,
)

HEADING = (
    _k(
        "key",
        HEADING_KEY,
        REQUIRED,
        "Rubrikens nyckel: gemena a–z, 0–9 och _, unik i formuläret.",
        "The heading's key: lowercase a–z, 0–9 and _, unique in the form.",
    ),
    _k(
        "title",
        TEXT,
        REQUIRED,
        "Rubriken exakt som blanketten trycker den.",
        "The heading exactly as the form prints it.",
    ),
    _k("number", TEXT, "", 'Numret som trycks före rubriken ("3.1.").', 'The number printed before it ("3.1.").'),
    _k("short", TEXT, "", "Kort namn i dispositionen.", "A short label for the outline."),
    _k("required", BOOLEAN, True, "Avsnittet måste fyllas i.", "The section must be filled in."),
    _k(
        "guidance",
        TEXT,
        REQUIRED,
        "Vad förbundet vill se här, 1–3 meningar.",
        "What the funder wants here, 1–3 sentences.",
    ),
    _k("level", INTEGER, 1, "Rubriknivå 1–3.", "Heading level 1–3.", minimum=1, maximum=3),
    _k(
        "kind",
        TEXT,
        "text",
        "Vad exporten skriver under rubriken: text, contacts, tidsplan, budget eller signature.",
        "What the export writes under it: text, contacts, tidsplan, budget or signature.",
        choices=HEADING_KINDS,
    ),
    _k(
        "aliases",
        TEXTS,
        (),
        "Andra sätt rubriken skrivits i tidigare ansökningar.",
        "Other ways the heading was written in earlier applications.",
    ),
    _k(
        "own_page",
        BOOLEAN,
        False,
        "Rubriken börjar en ny sida.",
        "The heading starts a new page.",
        shown='false; true for kind = "signature"',
    ),
    _k(
        "max_words",
        INTEGER,
        None,
        "Högsta antal ord i avsnittet.",
        "The most words the section may have.",
        minimum=1,
    ),
    _k(
        "max_chars",
        INTEGER,
        None,
        "Högsta antal tecken (med mellanslag) i avsnittet.",
        "The most characters (spaces included) the section may have.",
        minimum=1,
    ),
)

TABLE_KEYS: dict[str, tuple[Key, ...]] = {
    "": TOP,
    "page": PAGE,
    "budget": BUDGET,
    "contacts": CONTACTS,
    "signature": SIGNATURE,
    "headings": HEADING,
    "attachments": ATTACHMENT,
}


def keys_of(table: str) -> tuple[Key, ...]:
    """The keys of a table: "", "page", "headings", … or "checks.<id>"."""
    if table.startswith("checks."):
        check = CHECKS.get(table.removeprefix("checks."))
        return COMMON_CHECK_KEYS + (check.keys if check else ())
    return TABLE_KEYS[table]


def all_tables() -> list[str]:
    """Every table of the form file, for the reference in docs/forms.md."""
    return list(TABLE_KEYS) + [f"checks.{check_id}" for check_id in CHECKS]


def closest(name: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice `name` was most likely meant to be (a misspelt key), or None."""
    import difflib

    found = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None
