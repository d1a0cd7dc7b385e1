"""A funder's form as data: its headings, page setup, budget rules, contact table, signature
block and the settings of each check, every rule with a `source` note saying where it comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

CANONICAL_KEYS = (
    "kontaktuppgifter",
    "bakgrund",
    "presentation",
    "tidsplan",
    "malgrupp",
    "mal",
    "organisering",
    "aktiviteter",
    "implementering",
    "budget",
    "uppfoljning",
    "underskrift",
)
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_FORM_BYTES = 1_000_000


@dataclass(frozen=True)
class Heading:
    key: str
    title: str
    number: str = ""
    short: str = ""
    required: bool = True
    guidance: str = ""
    level: int = 1
    kind: str = "text"
    aliases: tuple[str, ...] = ()
    own_page: bool = False
    max_words: int | None = None  # the funder's limit for this section, in words
    max_chars: int | None = None  # … or in characters (spaces included)

    @property
    def display(self) -> str:
        """The heading exactly as the form prints it, number included."""
        return f"{self.number} {self.title}".strip() if self.number else self.title

    @property
    def label(self) -> str:
        """A short label for outlines and menus."""
        return self.short or self.title


@dataclass(frozen=True)
class PageSetup:
    size: str = "A4"
    width_cm: float = 21.0
    height_cm: float = 29.7
    margin_top_cm: float = 2.5
    margin_bottom_cm: float = 2.5
    margin_left_cm: float = 2.5
    margin_right_cm: float = 2.5
    font: str = "Calibri"
    font_size: float = 11.0
    heading_font: str = ""
    line_spacing: float = 1.15
    space_after_pt: float = 6.0
    max_pages: int | None = None
    uncounted: tuple[str, ...] = ()
    allowed_fonts: tuple[str, ...] = ()
    allowed_sizes: tuple[float, ...] = ()
    source: str = ""

    @property
    def headings_font(self) -> str:
        return self.heading_font or self.font


@dataclass(frozen=True)
class BudgetRules:
    categories: tuple[str, ...] = ("Personal", "Externa tjänster", "Lokaler", "Övriga kostnader")
    category_aliases: dict[str, str] = field(default_factory=dict)
    detailed_required: bool = True
    compiled_required: bool = True
    total_column: bool = True
    per_year: bool = True
    cap: Decimal | None = None
    rounding: str = "krona"  # one of ROUNDING: what formulas and shares are rounded to
    overhead_cap: float | None = None  # the most overhead may be, in per cent of what it is a share of
    source: str = ""

    @property
    def rounding_unit(self) -> Decimal:
        """1 for whole kronor, 100 for hundratal, 1000 for tusental."""
        return ROUNDING[self.rounding]


# The form's `[budget] rounding`, and what an amount is then rounded to.
ROUNDING = {"krona": Decimal(1), "hundratal": Decimal(100), "tusental": Decimal(1000)}


@dataclass(frozen=True)
class ContactTable:
    columns: tuple[str, ...] = ("Namn", "Organisation", "Telefonnummer", "Mailadress")
    fields: tuple[str, ...] = ("name", "organisation", "phone", "email")


@dataclass(frozen=True)
class Signature:
    lines: tuple[str, ...] = ("Ort och datum:", "Namnteckning", "Namnförtydligande och organisation")
    signatories: int = 2
    source: str = ""


@dataclass(frozen=True)
class AttachmentRule:
    """A document the funder wants with the application, e.g. a letter of intent from each partner."""

    kind: str  # the draft records an attachment under this name: `ansokan attach DRAFT FILE --as KIND`
    title: str  # as the checklist names it ("Avsiktsförklaring")
    per_partner: bool = False  # one from each partner organisation
    required: bool = True
    source: str = ""


@dataclass(frozen=True)
class Form:
    id: str
    name: str
    funder: str
    headings: tuple[Heading, ...]
    title_template: str = "Ansökan: {{ title }}"
    preamble: str = ""
    template: str = ""
    page: PageSetup = field(default_factory=PageSetup)
    budget: BudgetRules = field(default_factory=BudgetRules)
    contacts: ContactTable | None = None
    signature: Signature = field(default_factory=Signature)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    attachments: tuple[AttachmentRule, ...] = ()
    source: str = ""
    path: Path | None = None

    def heading(self, key: str) -> Heading | None:
        for heading in self.headings:
            if heading.key == key:
                return heading
        return None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(h.key for h in self.headings)

    def check_settings(self, check_id: str) -> dict[str, Any] | None:
        """A check's settings, or None when the form switches it off or does not mention it."""
        settings = self.checks.get(check_id)
        if settings is None or not settings.get("enabled", True):
            return None
        return settings
