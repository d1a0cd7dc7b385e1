"""Export a draft as a .docx ready for signature.

The export runs in two steps: `build_document` turns the draft into a plain list of paragraphs
and tables (`Para`, `Table`) with their formatting resolved from the form, and `render_docx`
writes that list with python-docx. The page estimate (`assistant.core.document.layout`) lays out the
very same list, so the estimate and the exported file can never disagree about content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from assistant.core.errors import UserError
from assistant.core.model.amounts import AmountError, parse_amount
from assistant.core.model.amounts import format_amount as _format_amount
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form, Heading
from assistant.core.model.markup import Block, Run, parse_blocks, xml_safe
from assistant.core.storage.atomic import atomic_write_bytes

# ---------------------------------------------------------------------------------------------
# The document model shared with the page estimate

BULLET_INDENT_PT = 18.0  # List Bullet / List Number: text starts 0.25" in (the template's value)
CELL_MARGIN_PT = 5.4  # left/right cell margin (108 twips, Word's default)
CELL_PAD_PT = 1.0  # top/bottom cell margin (20 twips) so text does not touch the borders
LABEL_BEFORE_PT = 10.0  # space above "Detaljerad budget" / "Sammanställd budget"
SUM_LABEL = "Summa kostnader"
MISSING = "–"


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
    runs: tuple[Run, ...] = ()
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    widths: tuple[float, ...]  # column widths in points, summing to the text width
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = "text"  # text | contacts | budget-detailed | budget-compiled

    @property
    def keep_together(self) -> bool:
        """Budget tables stay on one page (a category row never ends a page without its items)."""
        return self.kind.startswith("budget")


@dataclass
class DocumentModel:
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


GENERATED = "Ansökan genererad"
GENERATED_TABLE = "Ansökan tabell"
EXTRA_HEADING = "Ansökan extra rubrik"
DATA_NAMESPACE = "urn:ansokan:draft:1"
RT_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"


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


# ---------------------------------------------------------------------------------------------
# Building the model from a draft


@lru_cache(maxsize=4096)
def format_amount(value: Decimal) -> str:
    """Swedish amount text (cached: the estimate rebuilds the budget tables on every keystroke)."""
    return _format_amount(value)


@lru_cache(maxsize=32)
def _title_template(source: str):
    """The compiled title template (sandboxed: a form's template never reaches Python internals)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False).from_string(source)


def render_title(draft: Draft, form: Form) -> str:
    """The form's title line filled in from the draft; a missing field is a clear error."""
    from jinja2 import TemplateError, UndefinedError

    try:
        return xml_safe(_title_template(form.title_template).render(**draft.fields())).strip()
    except UndefinedError as exc:
        m = re.search(r"'([^']+)' is undefined", str(exc))
        name = m.group(1) if m else str(exc)
        raise UserError(
            f"formulärets rubrikmall använder fältet `{name}`, som utkastet inte har",
            f"the form's title template uses the field `{name}`, which the draft does not have",
            where=form.path or form.id,
            hint_sv="ändra `title_template` i formuläret",
            hint_en="change `title_template` in the form",
        ) from None
    except TemplateError as exc:
        raise UserError(
            f"formulärets rubrikmall kan inte fyllas i: {exc}",
            f"the form's title template cannot be filled in: {exc}",
            where=form.path or form.id,
        ) from None


def _text(value: object) -> str:
    return xml_safe(str(value or "")).strip()


def _section_paras(text: str, model: DocumentModel, *, italic: bool = False) -> None:
    """The section's markup as paragraphs and tables, appended to the model."""
    previous_kind = ""
    for block in parse_blocks(text):
        if block.kind == "table":
            model.items.append(_markup_table(block, model))
        elif block.kind in ("bullet", "number"):
            _list_item(block, model, continues=previous_kind == block.kind)
        elif block.kind == "heading":
            model.items.append(Para("Heading 3", block.runs))
        else:
            runs = tuple(Run(r.text, r.bold, True) for r in block.runs) if italic else block.runs
            model.items.append(Para("Normal", runs))
        previous_kind = block.kind


def _list_item(block: Block, model: DocumentModel, *, continues: bool) -> None:
    """List items have no space between them; the last one of a list gets the body spacing."""
    base = "List Bullet" if block.kind == "bullet" else "List Number"
    style = base if block.level == 1 else f"{base} 2"
    items = model.items
    last = items[-1] if items else None
    list_id = 0
    if block.kind == "number":
        if continues and isinstance(last, Para) and last.list_id:
            list_id = last.list_id
        else:
            list_id = 1 + max((i.list_id for i in items if isinstance(i, Para)), default=0)
    if continues and isinstance(last, Para) and last.style.startswith("List"):
        items[-1] = Para(last.style, last.runs, after=0.0, list_id=last.list_id)
    items.append(Para(style, block.runs, after=model.styles["Normal"].after, list_id=list_id))


def _markup_table(block: Block, model: DocumentModel) -> Table:
    """A table typed with tabs; the first row is the header (bold)."""
    return _markup_table_for(block, model.styles["Tabelltext"].font, table_font_size(model.form), model.text_width)


@lru_cache(maxsize=256)
def _markup_table_for(block: Block, font: str, size: float, total: float) -> Table:
    # Cached (and so the same object each time): the estimate rebuilds every table per keystroke.
    rows = []
    for r, row in enumerate(block.rows):
        rows.append(tuple(Cell(tuple(Run(x.text, x.bold or r == 0, x.italic) for x in cell)) for cell in row))
    return Table(_column_widths(rows, font, size, total), tuple(rows))


def column_widths(rows: list[tuple[Cell, ...]], model: DocumentModel) -> tuple[float, ...]:
    return _column_widths(rows, model.styles["Tabelltext"].font, table_font_size(model.form), model.text_width)


def _column_widths(rows: list[tuple[Cell, ...]], font: str, size: float, total: float) -> tuple[float, ...]:
    """Widths that fit the page: every column first gets room for its longest word (so words are
    not broken), then the rest of the width goes to the columns with the most text. Text is
    measured with the fonts' real widths (the page estimate's font tables)."""
    from assistant.core.document.layout import face  # layout builds on this module; import when used

    padding = 2 * CELL_MARGIN_PT + 2

    def measure(cell: Cell) -> tuple[float, float]:
        word = text = 0.0
        for run in cell.runs:
            f = face(font, run.bold, run.italic)
            words = [f.width(w) * size for w in run.text.split()]
            word = max([word, *words])
            text += sum(words) + f.space * size * max(0, len(words) - 1)
        return word, text

    columns = max(len(row) for row in rows)
    longest_word = [padding] * columns
    longest_text = [padding] * columns
    for row in rows:
        for c, cell in enumerate(row):
            word, text = measure(cell)
            longest_word[c] = max(longest_word[c], word + padding)
            longest_text[c] = max(longest_text[c], text + padding)
    minimum = [min(w, total * 0.45) for w in longest_word]
    if sum(minimum) >= total:
        # Too little room: narrow only the widest columns (to a common cap), so short columns
        # such as phone numbers keep their words whole.
        return _share(total, _cap_to_fit(minimum, total))
    extra = [max(0.0, t - m) for t, m in zip(longest_text, minimum, strict=False)]
    spare = total - sum(minimum)
    if sum(extra) <= spare:  # everything fits on one line: share the slack like the text
        return _share(
            total,
            [
                m + e + (spare - sum(extra)) * t / sum(longest_text)
                for m, e, t in zip(minimum, extra, longest_text, strict=False)
            ],
        )
    return _share(total, [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=False)])


def _cap_to_fit(widths: list[float], total: float) -> list[float]:
    """The widths with the largest ones lowered to one cap so that they sum to `total`."""
    ordered = sorted(widths)
    used = 0.0
    for i, width in enumerate(ordered):
        cap = (total - used) / (len(ordered) - i)
        if width > cap:
            return [min(w, cap) for w in widths]
        used += width
    return widths


def _share(total: float, weights: list[float]) -> tuple[float, ...]:
    """Split `total` points in proportion to weights, in whole twips, summing exactly to total."""
    total_tw = round(total * 20)
    parts = [int(total_tw * w / sum(weights)) for w in weights]
    parts[0] += total_tw - sum(parts)
    return tuple(p / 20 for p in parts)


def _label(text: str) -> Para:
    """A bold line that introduces a table and stays on its page (with air above after a table)."""
    return Para(GENERATED, (Run(text, bold=True),), before=LABEL_BEFORE_PT, keep_next=True)


def _contacts(draft: Draft, form: Form, model: DocumentModel) -> None:
    contacts = [c for c in draft.contacts if not c.is_empty()]
    if form.contacts is not None:
        header = tuple(Cell((Run(_text(col), bold=True),)) for col in form.contacts.columns)
        rows = [
            tuple(
                Cell(
                    (
                        Run(
                            _text(getattr(c, f, "")),
                        ),
                    )
                )
                for f in form.contacts.fields
            )
            for c in contacts
        ]
        if not rows:
            rows = [tuple(Cell() for _ in form.contacts.fields)]
        table_rows = [header, *rows]
        model.items.append(Table(column_widths(table_rows, model), tuple(table_rows), kind="contacts"))
        return
    for c in contacts:
        rest = ", ".join(_text(v) for v in (c.role, c.organisation, c.phone and f"tel. {c.phone}", c.email) if v)
        runs = (Run(_text(c.name), bold=True),) if c.name else ()
        if rest:
            runs += (Run((", " if c.name else "") + rest),)
        model.items.append(Para(GENERATED, runs))


def _tidsplan(draft: Draft, model: DocumentModel) -> None:
    start = draft.start.isoformat() if draft.start else MISSING
    end = draft.end.isoformat() if draft.end else MISSING
    model.items.append(Para(GENERATED, (Run("Startdatum: ", bold=True), Run(start)), after=0.0))
    model.items.append(Para(GENERATED, (Run("Slutdatum: ", bold=True), Run(end))))


# Budget ---------------------------------------------------------------------------------------


def _amount_cell(text: str, *, where: str, bold: bool = False) -> tuple[Cell, Decimal | None, bool]:
    """A right-aligned amount cell: (cell, value, ok). A bad cell shows what was typed."""
    try:
        value = parse_amount(text, where=where)
    except AmountError:
        return Cell((Run(_text(text), bold),), "right"), None, False
    shown = format_amount(value if value is not None else Decimal(0))
    return Cell((Run(shown, bold),), "right"), value, True


def _sum_cell(values: list[Decimal | None], ok: bool, *, bold: bool = True) -> Cell:
    """A total, or a question mark when a cell it sums is not an amount (the checks say which)."""
    if not ok:
        return Cell((Run("?", bold),), "right")
    return Cell((Run(format_amount(sum((v or Decimal(0) for v in values), Decimal(0))), bold),), "right")


def _item_amount(item) -> tuple[str, Decimal | None, bool]:
    try:
        value = item.amount()
    except AmountError:
        raw = item.total or " + ".join(v for v in item.per_year.values() if v)
        return _text(raw), None, False
    return format_amount(value if value is not None else Decimal(0)), value, True


def _budget_detailed(draft: Draft, model: DocumentModel) -> None:
    budget = draft.budget
    order = list(budget.categories) + [i.category for i in budget.items if i.category not in budget.categories]
    rows: list[tuple[Cell, ...]] = [(Cell((Run("Post", True),)), Cell((Run("Belopp (kr)", True),), "right"))]
    all_values: list[Decimal | None] = []
    all_ok = True
    for category in dict.fromkeys(order):
        items = [i for i in budget.items if i.category == category]
        if not items:
            continue
        rows.append((Cell((Run(_text(category) or "Övrigt", True),)), Cell()))
        values, ok = [], True
        for item in items:
            text = _text(item.text) + (f" ({_text(item.quantity)})" if item.quantity else "")
            shown, value, good = _item_amount(item)
            rows.append((Cell((Run(text),)), Cell((Run(shown),), "right")))
            values.append(value)
            ok = ok and good
        rows.append((Cell((Run(f"Summa {_text(category).lower()}", True),)), _sum_cell(values, ok)))
        all_values += values
        all_ok = all_ok and ok
    rows.append((Cell((Run(SUM_LABEL, True),)), _sum_cell(all_values, all_ok)))
    amount_width = 95.0
    model.items.append(_label("Detaljerad budget"))
    model.items.append(Table((model.text_width - amount_width, amount_width), tuple(rows), kind="budget-detailed"))


def _budget_compiled(draft: Draft, form: Form, model: DocumentModel) -> None:
    budget = draft.budget
    years = list(budget.years)
    categories = list(dict.fromkeys(list(budget.categories) + list(budget.compiled)))
    with_total = form.budget.total_column
    header = [Cell((Run("Kostnadsslag", True),))] + [Cell((Run(str(y), True),), "right") for y in years]
    if with_total:
        header.append(Cell((Run("Totalt", True),), "right"))
    rows: list[tuple[Cell, ...]] = [tuple(header)]
    column_values: dict[int, list[Decimal | None]] = {y: [] for y in years}
    column_ok: dict[int, bool] = {y: True for y in years}
    for category in categories:
        cells = [Cell((Run(_text(category)),))]
        values, ok = [], True
        for y in years:
            cell, value, good = _amount_cell(budget.cell(category, y), where=f"budget, {category}, år {y}")
            cells.append(cell)
            values.append(value)
            ok = ok and good
            column_values[y].append(value)
            column_ok[y] = column_ok[y] and good
        if with_total:
            cells.append(_sum_cell(values, ok, bold=False))
        rows.append(tuple(cells))
    sums = [Cell((Run(SUM_LABEL, True),))] + [_sum_cell(column_values[y], column_ok[y]) for y in years]
    if with_total:
        every = [v for y in years for v in column_values[y]]
        sums.append(_sum_cell(every, all(column_ok.values())))
    rows.append(tuple(sums))
    amount_columns = len(years) + (1 if with_total else 0)
    amount_width = min(72.0, model.text_width * 0.62 / max(1, amount_columns))
    first = model.text_width - amount_width * amount_columns
    model.items.append(_label("Sammanställd budget"))
    model.items.append(
        Table(_share(model.text_width, [first] + [amount_width] * amount_columns), tuple(rows), kind="budget-compiled")
    )


def _budget(draft: Draft, form: Form, model: DocumentModel) -> None:
    if draft.budget.items:
        _budget_detailed(draft, model)
    if draft.budget.years:
        _budget_compiled(draft, form, model)


# Signature ------------------------------------------------------------------------------------

SIGN_LINE = "_" * 44


def _signature(draft: Draft, form: Form, model: DocumentModel) -> None:
    """The form's signature block once per signatory; names filled in when the draft has them."""
    count = max(len(draft.signatories), form.signature.signatories, 1)
    for i in range(count):
        signatory = draft.signatories[i] if i < len(draft.signatories) else None
        name = ", ".join(v for v in (_text(signatory.name), _text(signatory.organisation)) if v) if signatory else ""
        first = True
        for line in form.signature.lines:
            line = _text(line)
            before = 24.0 if first else None
            first = False
            if line.endswith(":"):
                model.items.append(
                    Para(GENERATED, (Run(f"{line} "), Run(SIGN_LINE[:30])), before=before, keep_next=True)
                )
                continue
            is_name_line = "förtydligande" in line.lower() or "namn och" in line.lower()
            filled = name if is_name_line and name else SIGN_LINE
            model.items.append(
                Para(
                    GENERATED, (Run(filled),), before=before if before is not None else 22.0, after=0.0, keep_next=True
                )
            )
            model.items.append(Para(GENERATED, (Run(line, italic=True),), keep_next=True))
        last = model.items[-1]  # one signatory's block is never split over two pages
        model.items[-1] = dataclasses.replace(last, keep_next=False)


# The whole document ---------------------------------------------------------------------------


def build_document(draft: Draft, form: Form | None = None, *, strict: bool = True) -> DocumentModel:
    """The draft as the list of paragraphs and tables that the .docx will contain.

    `strict=False` (the page estimate) uses the draft's title when the form's title template
    cannot be filled in, instead of failing on every keystroke; the export itself is strict.
    """
    form = form or draft.form
    model = DocumentModel(form=form, styles=document_styles(form))
    try:
        model.title = render_title(draft, form)
    except UserError:
        if strict:
            raise
        model.title = xml_safe(draft.title)
    if model.title:
        model.items.append(Para("Title", (Run(model.title),)))
    if form.preamble:
        _section_paras(form.preamble, model, italic=True)
    if draft.prelude.strip():
        _section_paras(draft.prelude, model)
    placed: set[int] = set()

    def extras_after(key: str | None) -> None:
        for i, extra in enumerate(draft.extra):
            if i not in placed and extra.after == key:
                placed.add(i)
                model.items.append(Para(EXTRA_HEADING, (Run(_text(extra.heading) or extra.key),)))
                _section_paras(extra.text, model)

    extras_after(None)
    for heading in form.headings:
        if heading.kind == "signature":
            for i, extra in enumerate(draft.extra):  # sections placed after a heading the form lacks
                if i not in placed and extra.after not in form.keys:
                    extras_after(extra.after)
        _heading(heading, draft, form, model)
        extras_after(heading.key)
    for i, extra in enumerate(draft.extra):
        if i not in placed:
            extras_after(extra.after)
    _air_after_tables(model)
    return model


def _air_after_tables(model: DocumentModel) -> None:
    """Text right after a table gets the body spacing above it, so it does not touch the border."""
    space = model.styles["Normal"].after
    for i in range(1, len(model.items)):
        item, previous = model.items[i], model.items[i - 1]
        if isinstance(previous, Table) and isinstance(item, Para):
            style_before = model.styles[item.style].before
            if (item.before if item.before is not None else style_before) < space:
                model.items[i] = dataclasses.replace(item, before=space)


def _heading(heading: Heading, draft: Draft, form: Form, model: DocumentModel) -> None:
    style = f"Heading {min(max(heading.level, 1), 3)}"
    model.items.append(Para(style, (Run(xml_safe(heading.display)),), page_break_before=heading.own_page))
    text = draft.sections.get(heading.key, "")
    if heading.kind == "tidsplan":
        _tidsplan(draft, model)
    if heading.kind == "signature":
        _section_paras(text, model)
        _signature(draft, form, model)
        return
    _section_paras(text, model)
    if heading.kind == "contacts":
        _contacts(draft, form, model)
    elif heading.kind == "budget":
        _budget(draft, form, model)


# ---------------------------------------------------------------------------------------------
# Writing the .docx


def export_docx(draft: Draft, out_path: Path | str, *, form: Form | None = None) -> Path:
    """Write the draft as a .docx (atomically) and return the path."""
    form = form or draft.form
    model = build_document(draft, form)
    data = render_docx(model, draft)
    out = Path(out_path)
    write_shared_file(out, data)
    return out


def write_shared_file(path: Path, data: bytes) -> None:
    """Write atomically; a new file gets the usual permissions (umask), not the temp file's 0600,
    because an exported application is meant to be shared."""
    existed = path.exists()
    atomic_write_bytes(path, data, backup=False)
    if not existed:
        mask = os.umask(0)
        os.umask(mask)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o666 & ~mask)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_COLOR = (0x1F, 0x38, 0x64)
_ALIGN = {"left": 0, "center": 1, "right": 2}


def render_docx(model: DocumentModel, draft: Draft) -> bytes:
    """The model as .docx bytes (python-docx), formatted from the form's page setup."""
    import docx

    form = model.form
    template = _template_path(form)
    document = _open_template(template) if template else docx.Document()
    if template:
        _clear_body(document)
    _setup_styles(document, model)
    _setup_page(document, form, keep_footer=bool(template))
    numbering = _Numbering(document, form)
    _write_body(document, model, numbering)
    _core_properties(document, model, draft)
    _embed_draft_data(document, draft)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _template_path(form: Form) -> Path | None:
    if not form.template:
        return None
    base = form.path.parent if form.path else Path.cwd()
    path = (base / form.template).resolve()
    if not path.is_file():
        raise UserError(
            f"formulärets mall `{form.template}` finns inte",
            f"the form's template `{form.template}` does not exist",
            where=path,
            hint_sv="rätta `template` i formuläret",
            hint_en="fix `template` in the form",
        )
    return path


def _open_template(path: Path):
    """The form's Word template, refused clearly when it is not a .docx (or unpacks to gigabytes)."""
    import docx

    from assistant.core.sources.documents import _check_zip

    try:
        _check_zip(path)
        return docx.Document(str(path))
    except UserError as exc:
        raise UserError(
            f"formulärets mall går inte att använda: {exc.sv}",
            f"the form's template cannot be used: {exc.en}",
            where=path,
        ) from None
    except Exception as exc:  # python-docx raises many kinds on a file that is not a Word package
        raise UserError(
            f"formulärets mall är ingen Word-fil (.docx) ({type(exc).__name__})",
            f"the form's template is not a Word file (.docx) ({type(exc).__name__})",
            where=path,
            hint_sv="rätta `template` i formuläret",
            hint_en="fix `template` in the form",
        ) from None


def _clear_body(document) -> None:
    """Keep the template's styles, header, footer and page setup; drop its sample text."""
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)


def _qn(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _set_fonts(rpr, name: str) -> None:
    """Explicit fonts for every script, and no theme fonts (a theme reference would win)."""
    from lxml import etree

    fonts = rpr.find(_qn("rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, _qn("rFonts"))
        rpr.remove(fonts)
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(_qn(attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(_qn(attr), name)


def _strip(style_element, keep: tuple[str, ...]) -> None:
    """Remove a template style's own formatting except the elements named in `keep`."""
    for container in ("pPr", "rPr"):
        props = style_element.find(_qn(container))
        if props is None:
            continue
        for child in list(props):
            if child.tag.split("}")[1] not in keep:
                props.remove(child)


def _style(document, name: str):
    from docx.enum.style import WD_STYLE_TYPE

    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        return style


def _setup_styles(document, model: DocumentModel) -> None:
    from docx.shared import Pt, RGBColor

    defaults = document.styles.element.find(_qn("docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{_qn('rPrDefault')}/{_qn('rPr')}")
        if rpr is not None:
            _set_fonts(rpr, model.styles["Normal"].font)
            lang = rpr.find(_qn("lang"))
            if lang is not None:
                lang.set(_qn("val"), "sv-SE")
    for key, spec in model.styles.items():
        style = _style(document, spec.word_name)
        _strip(style.element, keep=("outlineLvl", "numPr"))
        font = style.font
        font.name = spec.font
        font.size = Pt(spec.size)
        font.bold = spec.bold
        font.italic = spec.italic
        _set_fonts(style.element.get_or_add_rPr(), spec.font)
        if key == EXTRA_HEADING:
            style.base_style = document.styles["Heading 3"]  # in the navigation pane like the others
        if key.startswith(("Heading", "Title")) or key == EXTRA_HEADING:
            font.color.rgb = RGBColor(*HEADING_COLOR)
        pf = style.paragraph_format
        pf.space_before = Pt(spec.before)
        pf.space_after = Pt(spec.after)
        pf.line_spacing = spec.line_spacing
        pf.widow_control = True
        pf.keep_with_next = spec.keep_next
        if spec.keep_next:
            pf.keep_together = True
        if spec.indent and not key.startswith("List"):
            pf.left_indent = Pt(spec.indent)
    footer = _style(document, "Footer")
    footer.font.size = Pt(9)
    footer.font.name = model.styles["Normal"].font
    _set_fonts(footer.element.get_or_add_rPr(), model.styles["Normal"].font)


def _setup_page(document, form: Form, *, keep_footer: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    page = form.page
    for section in document.sections:
        section.page_width, section.page_height = Cm(page.width_cm), Cm(page.height_cm)
        section.top_margin, section.bottom_margin = Cm(page.margin_top_cm), Cm(page.margin_bottom_cm)
        section.left_margin, section.right_margin = Cm(page.margin_left_cm), Cm(page.margin_right_cm)
        footer = section.footer
        if keep_footer and any(p.text.strip() for p in footer.paragraphs):
            continue
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.style = document.styles["Footer"]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(paragraph)


def _page_field(paragraph) -> None:
    """A PAGE field, so every page shows its number."""
    from lxml import etree

    def fld(kind: str):
        run = paragraph.add_run()
        element = etree.SubElement(run._r, _qn("fldChar"))
        element.set(_qn("fldCharType"), kind)

    fld("begin")
    instr = etree.SubElement(paragraph.add_run()._r, _qn("instrText"))
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    fld("separate")
    paragraph.add_run("1")
    fld("end")


class _Numbering:
    """Bullets drawn in the body font (not Symbol) and one restartable numbering per list."""

    def __init__(self, document, form: Form) -> None:
        self.style_ids = {s.name: s.style_id for s in document.styles}
        self.by_list: dict[int, int] = {}
        self.part = document.part.numbering_part.element
        abstract_of_num = {
            num.get(_qn("numId")): num.find(_qn("abstractNumId")).get(_qn("val"))
            for num in self.part.findall(_qn("num"))
            if num.find(_qn("abstractNumId")) is not None
        }
        self.abstract_for_style: dict[str, str] = {}
        for style_name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
            if style_name not in self.style_ids:
                continue
            num_id = document.styles[style_name].element.find(f"{_qn('pPr')}/{_qn('numPr')}/{_qn('numId')}")
            if num_id is not None:
                self.abstract_for_style[style_name] = abstract_of_num.get(num_id.get(_qn("val")), "")
        self._plain_bullets(form.page.font)

    def _plain_bullets(self, font: str) -> None:
        for style_name in ("List Bullet", "List Bullet 2"):
            abstract_id = self.abstract_for_style.get(style_name)
            for abstract in self.part.findall(_qn("abstractNum")):
                if abstract.get(_qn("abstractNumId")) != abstract_id:
                    continue
                level = abstract.find(_qn("lvl"))
                text = level.find(_qn("lvlText"))
                if text is not None:
                    text.set(_qn("val"), "•")
                rpr = level.find(_qn("rPr"))
                if rpr is not None:
                    _set_fonts(rpr, font)

    def num_id(self, style: str, list_id: int) -> str | None:
        """A fresh w:num (restarting at 1) for each numbered list."""
        from lxml import etree

        if list_id in self.by_list:
            return str(self.by_list[list_id])
        abstract = self.abstract_for_style.get(style)
        if not abstract:
            return None
        ids = [int(n.get(_qn("numId"))) for n in self.part.findall(_qn("num"))]
        new_id = max(ids, default=0) + 1
        num = etree.SubElement(self.part, _qn("num"))
        num.set(_qn("numId"), str(new_id))
        etree.SubElement(num, _qn("abstractNumId")).set(_qn("val"), abstract)
        override = etree.SubElement(num, _qn("lvlOverride"))
        override.set(_qn("ilvl"), "0")
        etree.SubElement(override, _qn("startOverride")).set(_qn("val"), "1")
        self.by_list[list_id] = new_id
        return str(new_id)


# The body is written as one XML string and parsed once: building it element by element
# through python-docx costs a second for a long application, this a few milliseconds.


def _twips(points: float) -> int:
    return round(points * 20)


def _runs_xml(runs: tuple[Run, ...]) -> str:
    out = []
    for run in runs:
        props = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        pieces = re.split(r"(\t|\r\n|\n|\r)", xml_safe(run.text))
        content = []
        for piece in pieces:
            if piece == "\t":
                content.append("<w:tab/>")
            elif piece in ("\n", "\r", "\r\n"):
                content.append("<w:br/>")
            elif piece:
                content.append(f'<w:t xml:space="preserve">{xml_escape(piece)}</w:t>')
        if content:
            out.append(f"<w:r>{rpr}{''.join(content)}</w:r>")
    return "".join(out)


def _para_xml(para: Para, numbering: _Numbering) -> str:
    # pPr children in the schema's order: pStyle, keepNext, pageBreakBefore, numPr, spacing, jc.
    props = []
    style_id = numbering.style_ids.get(para.style)
    if style_id and para.style != "Normal":
        props.append(f'<w:pStyle w:val="{style_id}"/>')
    if para.keep_next is not None:
        props.append(f'<w:keepNext w:val="{1 if para.keep_next else 0}"/>')
    if para.page_break_before:
        props.append("<w:pageBreakBefore/>")
    if para.list_id:
        num_id = numbering.num_id(para.style, para.list_id)
        if num_id:
            props.append(f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    spacing = ""
    if para.before is not None:
        spacing += f' w:before="{_twips(para.before)}"'
    if para.after is not None:
        spacing += f' w:after="{_twips(para.after)}"'
    if spacing:
        props.append(f"<w:spacing{spacing}/>")
    if para.align != "left":
        props.append(f'<w:jc w:val="{para.align}"/>')
    return f"<w:p><w:pPr>{''.join(props)}</w:pPr>{_runs_xml(para.runs)}</w:p>"


def _table_xml(table: Table, style_id: str, table_style_id: str) -> str:
    """A grid table with fixed column widths and rows that never split; amounts right-aligned.

    No repeated header rows (tblHeader): LibreOffice 7.4 drops the rows after a page break in
    some tables that repeat their header (seen on a split budget table).
    """
    widths = [_twips(w) for w in table.widths]
    margins = "".join(
        f'<w:{side} w:w="{_twips(value)}" w:type="dxa"/>'
        for side, value in (
            ("top", CELL_PAD_PT),
            ("left", CELL_MARGIN_PT),
            ("bottom", CELL_PAD_PT),
            ("right", CELL_MARGIN_PT),
        )
    )
    parts = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{table_style_id}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="left"/><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}</w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
    ]
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    for r, row in enumerate(table.rows):
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        # keepNext in every row but the last keeps the table on one page (Word and LibreOffice).
        keep = "<w:keepNext/>" if table.keep_together and r < len(table.rows) - 1 else ""
        for cell, width in zip(row, widths, strict=False):
            jc = f'<w:jc w:val="{cell.align}"/>' if cell.align != "left" else ""
            parts.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
                f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}{jc}</w:pPr>{_runs_xml(cell.runs)}</w:p>'
                "</w:tc>"
            )
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _write_body(document, model: DocumentModel, numbering: _Numbering) -> None:
    from lxml import etree

    cell_style = numbering.style_ids["Tabelltext"]
    generated_cell_style = numbering.style_ids[GENERATED_TABLE]
    table_style = numbering.style_ids.get("Table Grid", "TableGrid")
    xml = [f'<w:body xmlns:w="{W_NS}">']
    for item in model.items:
        if isinstance(item, Table):
            style = cell_style if item.kind == "text" else generated_cell_style
            xml.append(_table_xml(item, style, table_style))
        else:
            xml.append(_para_xml(item, numbering))
    xml.append("</w:body>")
    parsed = etree.fromstring("".join(xml).encode("utf-8"))
    body = document.element.body
    end = body.find(_qn("sectPr"))
    for child in list(parsed):
        if end is not None:
            end.addprevious(child)
        else:
            body.append(child)


def _embed_draft_data(document, draft: Draft) -> None:
    """The draft's own data (dates, contacts, budget, sources) as a customXml part, so that
    `ansokan new --from` on the exported file gives the draft back; Word keeps customXml parts."""
    from xml.sax.saxutils import escape

    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    from assistant.core.model.drafts import front_matter_text

    body = xml_safe(front_matter_text(draft))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<ansokan xmlns="{DATA_NAMESPACE}">{escape(body)}</ansokan>'
    )
    part = Part(PackURI("/customXml/ansokan1.xml"), "application/xml", xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT_CUSTOM_XML)


def _core_properties(document, model: DocumentModel, draft: Draft) -> None:
    props = document.core_properties
    props.title = (model.title or draft.title)[:255]
    props.author = xml_safe(draft.organisation)[:255]
    props.subject = model.form.name[:255]
    props.language = "sv-SE"
