"""The checks a form switches on with `[checks.<id>]`, and each one's own settings (see `schema`)."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.i18n import Text
from assistant.core.model.forms.schema_types import (
    BOOLEAN,
    HEADING_KEY,
    HEADING_KEYS,
    INTEGER,
    PATTERNS,
    REQUIRED,
    TEXT,
    TEXTS,
    Key,
)
from assistant.core.model.forms.schema_types import key as _k


@dataclass(frozen=True)
class Check:
    """One check a form can switch on with `[checks.<id>]`, its own settings, and the settings
    without which it is off (`needs`)."""

    id: str
    description: Text
    keys: tuple[Key, ...] = ()
    needs: tuple[str, ...] = ()


COMMON_CHECK_KEYS = (
    _k("enabled", BOOLEAN, True, "false stänger av kontrollen.", "false switches the check off."),
    _k("source", TEXT, REQUIRED, "Var regeln kommer ifrån.", "Where the rule comes from."),
)

CHECKS: dict[str, Check] = {
    c.id: c
    for c in (
        Check(
            "required_sections", Text("Varje obligatoriskt avsnitt är ifyllt.", "Every required section is filled in.")
        ),
        Check("section_order", Text("Avsnitten står i formulärets ordning.", "The sections are in the form's order.")),
        Check(
            "page_limit",
            Text("Sidorna räknas mot `page.max_pages`.", "The pages are counted against `page.max_pages`."),
            (
                _k(
                    "borderline_lines",
                    INTEGER,
                    4,
                    "Så här många rader från gränsen varnar mätaren.",
                    "This many lines from the limit, the meter warns.",
                    minimum=0,
                    maximum=60,
                ),
            ),
        ),
        Check(
            "tidsplan",
            Text("Start- och slutdatum finns och går ihop.", "Start and end dates exist and agree."),
            (
                _k(
                    "max_months",
                    INTEGER,
                    None,
                    "Längsta projekttid i månader.",
                    "The longest project in months.",
                    minimum=1,
                    maximum=240,
                ),
            ),
        ),
        Check(
            "summary",
            Text("Sammanfattningen i ett avsnitt är kort nog.", "A section's opening summary is short enough."),
            (
                _k(
                    "section",
                    HEADING_KEY,
                    None,
                    "Avsnittet som inleds med sammanfattningen.",
                    "The section that opens with the summary.",
                ),
                _k(
                    "max_words",
                    INTEGER,
                    None,
                    "Högst så många ord i första stycket.",
                    "At most this many words in its first paragraph.",
                    minimum=1,
                    maximum=5000,
                ),
            ),
            needs=("section", "max_words"),
        ),
        Check(
            "contacts",
            Text(
                "E-post och telefon till kontaktpersonerna ser riktiga ut.",
                "The contacts' e-mail and phone look right.",
            ),
        ),
        Check(
            "placeholders",
            Text("Inga platshållare (TODO, XX, ⟦…⟧) står kvar.", "No placeholders (TODO, XX, ⟦…⟧) are left."),
            (
                _k(
                    "patterns",
                    PATTERNS,
                    (),
                    "Platshållare att leta efter; ⟦…⟧ hittas alltid.",
                    "Placeholders to look for; ⟦…⟧ is always found.",
                ),
            ),
            needs=("patterns",),
        ),
        Check(
            "unadapted",
            Text(
                "Återanvänd text nämner inte en annan organisation eller gamla år.",
                "Reused text names no other organisation or old years.",
            ),
            (
                _k(
                    "skip_sections",
                    HEADING_KEYS,
                    ("implementering",),
                    "Avsnitt där år efter projektslut är väntade.",
                    "Sections where years after the project's end are expected.",
                ),
            ),
        ),
        Check(
            "gender",
            Text("Avsnitten redovisar kvinnor och män.", "The sections account for women and men."),
            (
                _k(
                    "sections",
                    HEADING_KEYS,
                    (),
                    "Avsnitten som ska nämna kvinnor och män.",
                    "The sections that must mention women and men.",
                ),
                _k("phrases", TEXTS, (), "Fraser som också räknas.", "Phrases that count too."),
            ),
            needs=("sections",),
        ),
        Check("readability", Text("LIX per avsnitt (info).", "LIX per section (info).")),
        Check("budget", Text("Budgetens summor, år och kostnadsslag.", "The budget's sums, years and categories.")),
    )
}
