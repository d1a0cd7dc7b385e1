"""The document model shared by the export and the page estimate.

A `DocumentModel` is a plain list of paragraphs (`Para`) and tables (`Table`, rows of `Cell`)
with every paragraph style resolved from the form (`ParaStyle`), plus the page geometry in
the exact twips the .docx will contain. The export writes this list and the estimate lays out
the very same list, so the two can never disagree about content.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.core.model.docx_names import EXTRA_HEADING, GENERATED, GENERATED_TABLE
from assistant.core.model.forms import Form
from assistant.core.model.markup import Run, xml_safe

BULLET_INDENT_PT = 18.0  # List Bullet / List Number: text starts 0.25" in (the template's value)
CELL_MARGIN_PT = 5.4  # left/right cell margin (108 twips, Word's default)
CELL_PAD_PT = 1.0  # top/bottom cell margin (20 twips) so text does not touch the borders


@dataclass(frozen=True)
class ParaStyle:
    """A paragraph style with every property the layout needs, resolved from the form."""

    word_name: str
    font: str
    size: float
    bold: bool = False
    italic: bool = False
    line_spacing: float = 1.0  # a multiple of the font's single line height
    before: float = 0.0  # points
    after: float = 0.0
    indent: float = 0.0  # left indent of the text, points
    keep_next: bool = False


@dataclass(frozen=True)
class Para:
    """One paragraph: a style name (a key of `DocumentModel.styles`), its runs and overrides."""

    style: str
    runs: tuple[Run, ...] = ()
    align: str = "left"  # left | right | center
    before: float | None = None  # overrides of the style's spacing, points
    after: float | None = None
    keep_next: bool | None = None
    page_break_before: bool = False
    list_id: int = 0  # numbered paragraphs with one id share one numbering

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Cell:
    """One table cell: a single paragraph of runs."""

    runs: tuple[Run, ...] = ()
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    """A table with fixed column widths; `kind` tells the writer's tables from generated ones."""

    widths: tuple[float, ...]  # column widths in points, summing to the text width
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = "text"  # text | contacts | budget-detailed | budget-compiled
    page_break_before: bool = False  # set by the export where the table must start a page

    @property
    def keep_together(self) -> bool:
        """Budget tables stay on one page (a category row never ends a page without its items)."""
        return self.kind.startswith("budget")

    @property
    def kept_rows(self) -> int:
        """How many rows at the top must share a page: a budget table's all, else the first.

        (A header row kept with the row below it, by keepNext, makes LibreOffice 7.4 fill only
        part of the next page when the two just miss a page: measured, so it is not done.)"""
        return len(self.rows) if self.keep_together else min(1, len(self.rows))


@dataclass
class DocumentModel:
    """The whole document: the form it follows, its styles and its items in order."""

    form: Form
    styles: dict[str, ParaStyle]
    items: list[Para | Table] = field(default_factory=list)
    title: str = ""

    @property
    def text_width(self) -> float:
        return text_width_pt(self.form)


def twips(cm: float) -> int:
    """Centimetres as the whole twips python-docx writes into the file (Cm(x).twips)."""
    return round(cm * 360000 / 635)


def text_width_pt(form: Form) -> float:
    page = form.page
    return (twips(page.width_cm) - twips(page.margin_left_cm) - twips(page.margin_right_cm)) / 20


def text_height_pt(form: Form) -> float:
    page = form.page
    return (twips(page.height_cm) - twips(page.margin_top_cm) - twips(page.margin_bottom_cm)) / 20


def table_font_size(form: Form) -> float:
    return max(8.0, form.page.font_size - 1)


def field_text(value: object) -> str:
    """A draft field as one clean line of document text (None and '' alike give '')."""
    return xml_safe(str(value or "")).strip()


def document_styles(form: Form) -> dict[str, ParaStyle]:
    """Every paragraph style the export uses, with explicit values (nothing left to a theme)."""
    page = form.page
    body, heads, size = page.font, page.headings_font, page.font_size
    line, after = page.line_spacing, page.space_after_pt
    return {
        "Normal": ParaStyle("Normal", body, size, line_spacing=line, after=after),
        "Title": ParaStyle("Title", heads, size + 6, bold=True, line_spacing=1.0, after=12),
        "Heading 1": ParaStyle(
            "Heading 1", heads, size + 3, bold=True, line_spacing=1.0, before=18, after=6, keep_next=True
        ),
        "Heading 2": ParaStyle(
            "Heading 2", heads, size + 1, bold=True, line_spacing=1.0, before=12, after=4, keep_next=True
        ),
        "Heading 3": ParaStyle(
            "Heading 3", heads, size, bold=True, line_spacing=1.0, before=10, after=3, keep_next=True
        ),
        "List Bullet": ParaStyle("List Bullet", body, size, line_spacing=line, indent=BULLET_INDENT_PT),
        "List Bullet 2": ParaStyle("List Bullet 2", body, size, line_spacing=line, indent=2 * BULLET_INDENT_PT),
        "List Number": ParaStyle("List Number", body, size, line_spacing=line, indent=BULLET_INDENT_PT),
        "List Number 2": ParaStyle("List Number 2", body, size, line_spacing=line, indent=2 * BULLET_INDENT_PT),
        "Tabelltext": ParaStyle("Tabelltext", body, table_font_size(form), line_spacing=1.0),
        # What the export writes itself (contacts, dates, budget tables, signature block) has its
        # own style names, so that importing the .docx again can tell it from the writer's text.
        GENERATED: ParaStyle(GENERATED, body, size, line_spacing=line, after=after),
        GENERATED_TABLE: ParaStyle(GENERATED_TABLE, body, table_font_size(form), line_spacing=1.0),
        EXTRA_HEADING: ParaStyle(
            EXTRA_HEADING, heads, size, bold=True, line_spacing=1.0, before=10, after=3, keep_next=True
        ),
    }
