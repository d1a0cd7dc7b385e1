"""From a draft and its form to the `DocumentModel`: title, sections, lists, tables, contacts,
dates, budget and signature, in the form's order, with the writer's extra sections where they
were written."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.core.document.budget_tables import budget_tables
from assistant.core.document.columns import column_widths, measured_widths
from assistant.core.document.model import (
    Cell,
    DocumentModel,
    Para,
    Table,
    document_styles,
    field_text,
    table_font_size,
)
from assistant.core.document.signature import signature_block
from assistant.core.errors import UserError
from assistant.core.model.docx_names import EXTRA_HEADING, GENERATED
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form, Heading
from assistant.core.model.markup import Block, Run, parse_blocks, xml_safe

if TYPE_CHECKING:
    from jinja2 import Template

MISSING = "–"


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
                if extra.unplaced:
                    continue  # a source's text the import could not place: the writer's notes
                model.items.append(Para(EXTRA_HEADING, (Run(field_text(extra.heading) or extra.key),)))
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


@lru_cache(maxsize=32)
def _title_template(source: str) -> Template:
    """The compiled title template (sandboxed: a form's template never reaches Python internals)."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=False).from_string(source)


_FIELD_RE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def render_title(draft: Draft, form: Form) -> str:
    """The form's title line filled in from the draft; a missing field is a clear error. Plain text
    with `{{ field }}` (every shipped form) is filled in here: jinja2 costs ~50 ms to import, paid by
    every export and check (the page estimate builds the document); anything more is jinja2's."""
    from assistant.core.model.forms.validate_rules import SIMPLE_TEMPLATE_RE

    fields = draft.fields()
    if SIMPLE_TEMPLATE_RE.fullmatch(form.title_template):
        missing = next((m.group(1) for m in _FIELD_RE.finditer(form.title_template) if m.group(1) not in fields), None)
        if missing is None:
            filled = _FIELD_RE.sub(lambda m: str(fields[m.group(1)]), form.title_template)
            return xml_safe(filled).strip()
        raise _missing_field(missing, form)
    from jinja2 import TemplateError, UndefinedError

    try:
        return xml_safe(_title_template(form.title_template).render(**fields)).strip()
    except UndefinedError as exc:
        m = re.search(r"'([^']+)' is undefined", str(exc))
        raise _missing_field(m.group(1) if m else str(exc), form) from None
    except TemplateError as exc:
        raise UserError(
            f"formulärets rubrikmall kan inte fyllas i: {exc}",
            f"the form's title template cannot be filled in: {exc}",
            where=form.path or form.id,
        ) from None


def _missing_field(name: str, form: Form) -> UserError:
    return UserError(
        f"formulärets rubrikmall använder fältet `{name}`, som utkastet inte har",
        f"the form's title template uses the field `{name}`, which the draft does not have",
        where=form.path or form.id,
        hint_sv="ändra `title_template` i formuläret",
        hint_en="change `title_template` in the form",
    )


def _heading(heading: Heading, draft: Draft, form: Form, model: DocumentModel) -> None:
    style = f"Heading {min(max(heading.level, 1), 3)}"
    model.items.append(Para(style, (Run(xml_safe(heading.display)),), page_break_before=heading.own_page))
    text = draft.sections.get(heading.key, "")
    if heading.kind == "tidsplan":
        _tidsplan(draft, model)
    if heading.kind == "signature":
        _section_paras(text, model)
        signature_block(draft, form, model)
        return
    _section_paras(text, model)
    if heading.kind == "contacts":
        _contacts(draft, form, model)
    elif heading.kind == "budget":
        budget_tables(draft, form, model)


def _section_paras(text: str, model: DocumentModel, *, italic: bool = False) -> None:
    """The section's markup as paragraphs and tables, appended to the model."""
    previous_kind = ""
    for block in parse_blocks(text):
        if block.kind == "table":
            model.items.append(_markup_table(block, model))
        elif block.kind in ("bullet", "number"):
            _list_item(block, model, continues=previous_kind == block.kind)
        elif block.kind == "heading" and not italic:  # the form's preamble (italic) has no headings:
            model.items.append(Para("Heading 3", block.runs))  # a "### Projekt" there is a line of it
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
    return Table(measured_widths(rows, font, size, total), tuple(rows))


def _contacts(draft: Draft, form: Form, model: DocumentModel) -> None:
    """The contacts as the form's table, or one line per person when the form has no table."""
    contacts = [c for c in draft.contacts if not c.is_empty()]
    if form.contacts is not None:
        header = tuple(Cell((Run(field_text(col), bold=True),)) for col in form.contacts.columns)
        rows = [tuple(Cell((Run(field_text(getattr(c, f, ""))),)) for f in form.contacts.fields) for c in contacts]
        if not rows:
            rows = [tuple(Cell() for _ in form.contacts.fields)]
        table_rows = [header, *rows]
        model.items.append(Table(column_widths(table_rows, model), tuple(table_rows), kind="contacts"))
        return
    for c in contacts:
        details = (c.role, c.organisation, c.phone and f"tel. {c.phone}", c.email)
        rest = ", ".join(field_text(v) for v in details if v)
        runs: tuple[Run, ...] = (Run(field_text(c.name), bold=True),) if c.name else ()
        if rest:
            runs += (Run((", " if c.name else "") + rest),)
        model.items.append(Para(GENERATED, runs))


def _tidsplan(draft: Draft, model: DocumentModel) -> None:
    start = draft.start.isoformat() if draft.start else MISSING
    end = draft.end.isoformat() if draft.end else MISSING
    model.items.append(Para(GENERATED, (Run("Startdatum: ", bold=True), Run(start)), after=0.0))
    model.items.append(Para(GENERATED, (Run("Slutdatum: ", bold=True), Run(end))))


def _air_after_tables(model: DocumentModel) -> None:
    """Text right after a table gets the body spacing above it, so it does not touch the border."""
    space = model.styles["Normal"].after
    for i in range(1, len(model.items)):
        item, previous = model.items[i], model.items[i - 1]
        if isinstance(previous, Table) and isinstance(item, Para):
            style_before = model.styles[item.style].before
            if (item.before if item.before is not None else style_before) < space:
                model.items[i] = dataclasses.replace(item, before=space)
