"""The fast page estimate: lay out the exported document line by line, as LibreOffice does.

`estimate_pages` builds the same paragraphs and tables the exporter writes
(`build.build_document`) and breaks them into lines (linebreak.py) with the fonts' real advance
widths (read from the installed Carlito/Liberation TTF files), the fonts' own line heights and
LibreOffice's page-break rules (see docs/design/page-layout.md):

- the space between two paragraphs is the larger of one's "after" and the next one's "before";
- space-before is dropped at the top of a page, except on page 1 and after a page break;
- widow/orphan control keeps at least 2 lines of a paragraph together at either side of a break;
- a keep-with-next heading moves with the first lines of what follows it;
- table rows never split (the exporter sets cantSplit); budget tables stay on one page.

It runs on every keystroke: width tables are cached per font face, word widths per word.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from functools import lru_cache

from assistant.core.document.build import build_document
from assistant.core.document.fonts import face, family
from assistant.core.document.linebreak import EPSILON, count_lines
from assistant.core.document.model import (
    CELL_MARGIN_PT,
    CELL_PAD_PT,
    DocumentModel,
    ParaStyle,
    Table,
    text_height_pt,
)
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form

TABLE_BORDER_PT = 0.5  # Table Grid's single 0.5 pt lines, one per row boundary


@dataclass(frozen=True)
class PageEstimate:
    """The estimate. `body_pages` is the count, what LibreOffice makes of the exported draft and
    what to show; `pages` says how far into the last page the text goes (5.4: five full pages
    and 40 % of the sixth), never less than a tenth in, so that shown with one decimal it
    cannot read as a page fewer than the count (a sixth page begun is 5.1, not "5,0")."""

    pages: float
    body_pages: int  # pages before the (uncounted) signature page
    last_page_fill: float  # 0–1, how full the last body page is
    lines_left_on_last_page: int  # body lines that still fit on the last body page
    borderline: bool  # within a few lines of a page break: check with LibreOffice
    limit: int | None  # the form's page limit

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.body_pages > self.limit


# ---------------------------------------------------------------------------------------------
# Line heights


# Single line heights in twips where LibreOffice 7.4 lays a line out one twip taller than the
# font's height rounded to twips (measured at 8–16 pt in steps of 0.5 pt; the other sizes agree).
_MEASURED_SINGLE = {
    "Liberation Sans": {8.5: 196, 10.5: 242, 11.5: 265, 13.0: 300, 13.5: 311, 16.0: 369},
    "Liberation Serif": {9.5: 219, 10.0: 231, 10.5: 242, 11.5: 265, 12.5: 288, 13.5: 311},
}


@lru_cache(maxsize=256)
def line_height(style_font: str, size: float, spacing: float, bold: bool = False, italic: bool = False) -> float:
    """LibreOffice's line height in points: the font's single height rounded to twips, times the
    proportional spacing rounded down to twips (docs/design/page-layout.md)."""
    single = _MEASURED_SINGLE.get(family(style_font), {}).get(size)
    if single is None:
        single = round(face(style_font, bold, italic).line_ratio * size * 20)
    if spacing == 1.0:
        return single / 20
    return math.floor(round(single * spacing, 6)) / 20  # 220 × 1.15 is 252.99999… in binary


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass
class _Box:
    """A laid-out item: a paragraph (lines of one height) or a table (rows)."""

    before: float
    after: float
    lines: list[float]  # line heights (paragraph) or row heights (table)
    keep_next: bool = False
    keep_together: bool = False
    page_break_before: bool = False
    is_table: bool = False
    kept_rows: int = 0  # a table's rows at the top that stay on one page
    marks_end: bool = False  # the first box not counted (signature page)
    # How far the last line on a page may hang below the bottom margin: LibreOffice fits a line
    # by its single height, so the extra of 1.15 (or 1.5) spacing may stick out (measured at
    # 1, 1.15, 1.5 and 2 times, both forms' margins: the slack is exactly that extra).
    overhang: float = 0.0


class _Pages:
    def __init__(self, height: float) -> None:
        self.height = height  # the body area: page height minus the margins
        self.page = 1
        self.used = 0.0
        self.prev_after = 0.0
        self.keep_top_space = True  # page 1 and after an explicit page break

    def new_page(self, explicit: bool = False) -> None:
        self.page += 1
        self.used = 0.0
        self.prev_after = 0.0
        self.keep_top_space = explicit

    @property
    def at_top(self) -> bool:
        return self.used == 0.0

    def gap(self, box: _Box) -> float:
        if self.at_top:
            return box.before if self.keep_top_space else 0.0
        return max(self.prev_after, box.before)

    def room(self, box: _Box) -> float:
        return self.height - self.used - self.gap(box)


def _first_chunk(box: _Box) -> float:
    """The least of a box that must share the page with a keep-with-next paragraph before it."""
    if box.is_table:
        return sum(box.lines[: max(1, box.kept_rows)]) + TABLE_BORDER_PT
    n = len(box.lines)
    take = n if (n <= 3 or box.keep_together) else 2
    return sum(box.lines[:take])


def _place(pages: _Pages, box: _Box) -> bool:
    """Lay the box out from where the pages stand; True for a table that had to start a new
    page because its first rows did not fit."""
    if box.page_break_before and not (pages.page == 1 and pages.at_top):
        pages.new_page(explicit=True)
    if box.is_table:
        return _place_rows(pages, box)
    remaining = list(box.lines)
    while remaining:
        room = pages.room(box) + box.overhang
        total = sum(remaining)
        if total <= room + EPSILON:
            pages.used += pages.gap(box) + total
            break
        fit = 0
        acc = 0.0
        for h in remaining:
            if acc + h > room + EPSILON:
                break
            acc += h
            fit += 1
        n = len(remaining)
        if not box.keep_together and n - fit < 2:  # widow: leave 2 lines for the next page
            fit = n - 2
        if box.keep_together or fit < 2:  # orphan: never 1 line alone at the bottom
            fit = 0
        if fit == 0 and pages.at_top:  # taller than a page: it has to split
            fit = max(1, min(n - 1, int(room // remaining[0]) if remaining[0] else 1))
        if fit > 0:
            pages.used += pages.gap(box) + sum(remaining[:fit])
            remaining = remaining[fit:]
        pages.new_page()
    pages.prev_after = box.after
    return False


def _place_rows(pages: _Pages, box: _Box) -> bool:
    limit = pages.height  # single-spaced rows: nothing may hang below the margin
    first_page = pages.page
    moved = False
    kept = sum(box.lines[: box.kept_rows]) + TABLE_BORDER_PT
    if kept <= limit and not pages.at_top and pages.used + pages.gap(box) + kept > limit + EPSILON:
        pages.new_page()
    for i, row in enumerate(box.lines):
        gap = pages.gap(box) if i == 0 else 0.0
        if pages.used + gap + row + TABLE_BORDER_PT > limit + EPSILON and not pages.at_top:
            pages.new_page()
            gap = 0.0
        if i == 0:
            moved = pages.page != first_page
        pages.used += gap + row
        pages.prev_after = 0.0
    pages.used += TABLE_BORDER_PT
    pages.prev_after = box.after
    return moved


def _needs_new_page(pages: _Pages, boxes: list[_Box], i: int) -> bool:
    """True when a keep-with-next chain starting at boxes[i] cannot start on this page."""
    if pages.at_top:
        return False
    need = pages.gap(boxes[i])
    j = i
    prev_after = 0.0
    while boxes[j].keep_next and j + 1 < len(boxes) and not boxes[j + 1].page_break_before and j - i < 6:
        need += (max(prev_after, boxes[j].before) if j > i else 0.0) + sum(boxes[j].lines)
        prev_after = boxes[j].after
        j += 1
    if j == i:
        return False  # nothing kept with it, or what follows starts a new page anyway
    nxt = boxes[j]
    need += max(prev_after, nxt.before) + _first_chunk(nxt)
    return pages.used + need > pages.height + nxt.overhang + EPSILON


def _boxes(model: DocumentModel) -> list[_Box]:
    styles = model.styles
    table_style = styles["Tabelltext"]
    uncounted = set(model.form.page.uncounted)
    end_titles = {h.display for h in model.form.headings if h.key in uncounted and h.own_page}
    boxes: list[_Box] = []
    width = model.text_width
    for item in model.items:
        if isinstance(item, Table):
            boxes.append(_table_box(item, table_style))
            continue
        style = styles[item.style]
        lh, overhang = _runs_line_height(style, frozenset((r.bold, r.italic) for r in item.runs))
        n = count_lines(item.runs, style, style.size, width - style.indent)
        boxes.append(
            _Box(
                before=style.before if item.before is None else item.before,
                after=style.after if item.after is None else item.after,
                lines=[lh] * n,
                keep_next=style.keep_next if item.keep_next is None else item.keep_next,
                keep_together=style.keep_next,
                page_break_before=item.page_break_before,
                marks_end=item.page_break_before and item.style.startswith("Heading") and item.text in end_titles,
                overhang=overhang,
            )
        )
    return boxes


@lru_cache(maxsize=256)
def _runs_line_height(style: ParaStyle, flags: frozenset[tuple[bool, bool]]) -> tuple[float, float]:
    """The tallest line of the faces used (bold, italic) in a paragraph of `style`, and how much
    of it is line spacing beyond the single height (what may hang below the bottom margin)."""
    faces = {(b or style.bold, i or style.italic) for b, i in flags} or {(style.bold, style.italic)}
    height = max(line_height(style.font, style.size, style.line_spacing, b, i) for b, i in faces)
    single = max(line_height(style.font, style.size, 1.0, b, i) for b, i in faces)
    return height, height - single


_TABLE_ROWS: dict[int, tuple[Table, ParaStyle, list[float]]] = {}


def _table_box(table: Table, style: ParaStyle) -> _Box:
    """Row heights of a table; cached by identity (unchanged tables are the same object)."""
    hit = _TABLE_ROWS.get(id(table))
    if hit is not None and hit[0] is table and hit[1] == style:
        return _table_box_of(table, hit[2])
    if len(_TABLE_ROWS) > 512:
        _TABLE_ROWS.clear()
    rows = []
    for row in table.rows:
        tallest = 0.0
        for cell, width in zip(row, table.widths, strict=False):
            lh = _runs_line_height(style, frozenset((r.bold, r.italic) for r in cell.runs))[0]
            n = count_lines(cell.runs, style, style.size, width - 2 * CELL_MARGIN_PT)
            tallest = max(tallest, n * lh)
        rows.append(tallest + 2 * CELL_PAD_PT + TABLE_BORDER_PT)
    _TABLE_ROWS[id(table)] = (table, style, rows)
    return _table_box_of(table, rows)


def _table_box_of(table: Table, rows: list[float]) -> _Box:
    return _Box(
        before=0.0,
        after=0.0,
        lines=list(rows),
        is_table=True,
        kept_rows=table.kept_rows,
        page_break_before=table.page_break_before,
    )


def layout_pages(model: DocumentModel) -> tuple[int, float, int]:
    """(body pages, points used on the last body page, total pages) for a built document."""
    laid = _layout(model)
    return laid.body_pages, laid.last_used, laid.total


def with_table_breaks(model: DocumentModel) -> DocumentModel:
    """The model with a page break before each table that starts a new page because its first
    rows do not fit where it stands.

    The export writes these breaks: left to itself, LibreOffice 7.4 moves such a table to the
    next page but then fills only part of that page with it (measured: 5 to 45 rows of 47, by
    the table's length), a page the estimate cannot foresee. After an explicit break it lays
    the table out like any other, and where the estimate says.
    """
    moved = _layout(model).moved_tables
    if not moved:
        return model
    items = list(model.items)
    for i in moved:
        table = items[i]
        if isinstance(table, Table):
            items[i] = dataclasses.replace(table, page_break_before=True)
    return dataclasses.replace(model, items=items)


@dataclass(frozen=True)
class _Laid:
    body_pages: int
    last_used: float
    total: int
    moved_tables: tuple[int, ...]  # indices of the tables that had to start a new page


def _layout(model: DocumentModel) -> _Laid:
    height = text_height_pt(model.form)
    boxes = _boxes(model)
    pages = _Pages(height)
    body_pages = None
    last_used = 0.0
    moved = []
    for i, box in enumerate(boxes):
        if box.marks_end and body_pages is None:
            body_pages, last_used = pages.page, pages.used
        if _needs_new_page(pages, boxes, i) and not box.page_break_before:
            pages.new_page()
        if _place(pages, box):
            moved.append(i)
    if body_pages is None:
        body_pages, last_used = pages.page, pages.used
    return _Laid(body_pages, last_used, pages.page, tuple(moved))


def estimate_pages(draft: Draft, form: Form | None = None) -> PageEstimate:
    """How many pages the exported draft fills, without LibreOffice (about 10 ms)."""
    form = form or draft.form
    model = build_document(draft, form, strict=False)
    body_pages, used, _total = layout_pages(model)
    normal = model.styles["Normal"]
    body_line = line_height(normal.font, normal.size, normal.line_spacing)
    height = text_height_pt(form) + body_line - line_height(normal.font, normal.size, 1.0)
    fill = min(1.0, max(0.0, used / height))
    lines_left = max(0, int((height - used) // body_line))
    settings = form.check_settings("page_limit") or {}
    margin_lines = int(settings.get("borderline_lines", 4))
    lines_used = int(used // body_line)
    return PageEstimate(
        pages=round(body_pages - 1 + max(fill, 0.1), 2),
        body_pages=body_pages,
        last_page_fill=round(fill, 3),
        lines_left_on_last_page=lines_left,
        borderline=lines_left < margin_lines or lines_used < margin_lines,
        limit=form.page.max_pages,
    )
