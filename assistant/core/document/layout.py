"""The fast page estimate: lay out the exported document line by line, as LibreOffice does.

`estimate_pages` builds the same paragraphs and tables the exporter writes
(`build.build_document`) and breaks them into lines with the fonts' real advance widths
(read from the installed Carlito/Liberation TTF files), the fonts' own line heights and
LibreOffice's page-break rules (see docs/design/page-layout.md):

- the space between two paragraphs is the larger of one's "after" and the next one's "before";
- space-before is dropped at the top of a page, except on page 1 and after a page break;
- widow/orphan control keeps at least 2 lines of a paragraph together at either side of a break;
- a keep-with-next heading moves with the first lines of what follows it;
- table rows never split (the exporter sets cantSplit); budget tables stay on one page.

It runs on every keystroke: width tables are cached per font face, word widths per word.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from assistant.core.document.build import build_document
from assistant.core.document.fonts import face
from assistant.core.document.model import (
    CELL_MARGIN_PT,
    CELL_PAD_PT,
    DocumentModel,
    Para,
    ParaStyle,
    Table,
    text_height_pt,
)
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form
from assistant.core.model.markup import Run

TABLE_BORDER_PT = 0.5  # Table Grid's single 0.5 pt lines, one per row boundary
EPSILON = 0.01  # points; rounding slack when a line just fits
# LibreOffice's body area is 2 pt taller than page height minus margins with the exporter's
# footer (measured by bisection on both forms' margins: 702.2 pt for 2.5 cm, 730.5 pt for 2 cm).
BODY_SLACK_PT = 2.0


@dataclass(frozen=True)
class PageEstimate:
    pages: float  # e.g. 5.4 = 5 full body pages and 40 % of the sixth
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


@lru_cache(maxsize=256)
def line_height(style_font: str, size: float, spacing: float, bold: bool = False, italic: bool = False) -> float:
    """LibreOffice's line height in points: the font's single height rounded to twips, times the
    proportional spacing rounded down to twips (docs/design/page-layout.md)."""
    single = round(face(style_font, bold, italic).line_ratio * size * 20)
    if spacing == 1.0:
        return single / 20
    return math.floor(single * spacing) / 20


# ---------------------------------------------------------------------------------------------
# Breaking a paragraph into lines


def _tokens(runs: tuple[Run, ...], font: str, base_bold: bool, base_italic: bool) -> list[tuple[float, float]]:
    """(width, width of the space after it) for every unbreakable piece, at 1 pt.

    Lines break at spaces and after a hyphen between letters or digits ("arbets-|marknad",
    "2026-03-|01", as measured in LibreOffice), never after "/".
    """
    tokens: list[tuple[float, float]] = []
    append = tokens.append
    current = 0.0
    has_piece = False
    for run in runs:
        f = face(font, run.bold or base_bold, run.italic or base_italic)
        cache, width, space = f.cache, f.width, f.space
        first = True
        for piece in run.text.split(" "):
            if first:
                first = False
            else:
                if has_piece:
                    append((current, space))
                current, has_piece = 0.0, False
            if not piece:
                continue
            has_piece = True
            if "-" in piece and len(piece) > 2:
                parts = piece.split("-")
                for j, part in enumerate(parts[:-1]):
                    current += width(part + "-")
                    if parts[j + 1][:1].isalnum() and part[-1:].isalnum():
                        append((current, 0.0))
                        current = 0.0
                current += width(parts[-1])
                continue
            w = cache.get(piece)
            current += w if w is not None else width(piece)
    if has_piece:
        append((current, 0.0))
    return tokens


@lru_cache(maxsize=8192)
def count_lines(runs: tuple[Run, ...], style: ParaStyle, size: float, width: float) -> int:
    """How many lines the runs take in a column `width` points wide (greedy, like Writer).

    Cached: on a keystroke only the paragraph being typed in is laid out again.
    """
    if len(runs) == 1 and "-" not in runs[0].text:
        return _count_plain(runs[0], style, size, width)
    tokens = _tokens(runs, style.font, style.bold, style.italic)
    if not tokens:
        return 1
    limit = _line_limit(width, size)
    lines = 1
    used = -1.0
    pending_space = 0.0
    for w, space in tokens:
        if used < 0:
            used = w
        elif used + pending_space + w <= limit:
            used += pending_space + w
        else:
            lines += 1
            used = w
        if used > limit:  # a word longer than the line is broken by characters
            lines, used = _break_long(lines, used, limit)
        pending_space = space
    return lines


def _count_plain(run: Run, style: ParaStyle, size: float, width: float) -> int:
    """count_lines for the common case, one run without hyphens: the same greedy wrap, faster."""
    f = face(style.font, run.bold or style.bold, run.italic or style.italic)
    cache, measure, space = f.cache, f.width, f.space
    limit = _line_limit(width, size)
    lines = 1
    used = -1.0
    for piece in run.text.split(" "):
        if not piece:
            continue
        w = cache.get(piece)
        if w is None:
            w = measure(piece)
        if used < 0:
            used = w
        elif used + space + w <= limit:
            used += space + w
        else:
            lines += 1
            used = w
        if used > limit:
            lines, used = _break_long(lines, used, limit)
    return lines


def _line_limit(width: float, size: float) -> float:
    """The line width in ems; at least one em, so a column squeezed to nothing (a table with
    hundreds of columns) still ends instead of breaking a word into endless empty lines."""
    return max(width / size + EPSILON / size, 1.0)


def _break_long(lines: int, used: float, limit: float) -> tuple[int, float]:
    """A word wider than the line, broken by characters: the same as subtracting a line's width
    until it fits, in one step (a 1 MB word must not take a million iterations)."""
    extra = math.ceil((used - limit) / limit)
    return lines + extra, used - extra * limit


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
    marks_end: bool = False  # the first box not counted (signature page)


class _Pages:
    def __init__(self, height: float) -> None:
        self.height = height
        # Table rows get no slack: they must fit the body area exactly (measured: a row that
        # would end less than 2.5 pt above the bottom margin goes to the next page).
        self.table_height = height - BODY_SLACK_PT
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
        return sum(box.lines) + TABLE_BORDER_PT if box.keep_together else box.lines[0] + TABLE_BORDER_PT
    n = len(box.lines)
    take = n if (n <= 3 or box.keep_together) else 2
    return sum(box.lines[:take])


def _place(pages: _Pages, box: _Box) -> None:
    if box.page_break_before and not (pages.page == 1 and pages.at_top):
        pages.new_page(explicit=True)
    if box.is_table:
        _place_rows(pages, box)
        return
    remaining = list(box.lines)
    while remaining:
        room = pages.room(box)
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


def _place_rows(pages: _Pages, box: _Box) -> None:
    limit = pages.table_height
    whole = sum(box.lines) + TABLE_BORDER_PT
    if (
        box.keep_together
        and whole <= limit
        and not pages.at_top
        and pages.used + pages.gap(box) + whole > limit + EPSILON
    ):
        pages.new_page()
    for i, row in enumerate(box.lines):
        gap = pages.gap(box) if i == 0 else 0.0
        if pages.used + gap + row + TABLE_BORDER_PT > limit + EPSILON and not pages.at_top:
            pages.new_page()
            gap = 0.0
        pages.used += gap + row
        pages.prev_after = 0.0
    pages.used += TABLE_BORDER_PT
    pages.prev_after = box.after


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
    return pages.used + need > (pages.table_height if nxt.is_table else pages.height) + EPSILON


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
        lh = _para_line_height(item, style)
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
            )
        )
    return boxes


def _para_line_height(item: Para, style: ParaStyle) -> float:
    return _runs_line_height(style, frozenset((r.bold, r.italic) for r in item.runs))


def _runs_line_height_of(runs: tuple[Run, ...], style: ParaStyle) -> float:
    return _runs_line_height(style, frozenset((r.bold, r.italic) for r in runs))


@lru_cache(maxsize=256)
def _runs_line_height(style: ParaStyle, flags: frozenset[tuple[bool, bool]]) -> float:
    """The tallest line of the faces used (bold, italic) in a paragraph of `style`."""
    faces = {(b or style.bold, i or style.italic) for b, i in flags} or {(style.bold, style.italic)}
    return max(line_height(style.font, style.size, style.line_spacing, b, i) for b, i in faces)


_TABLE_ROWS: dict[int, tuple[Table, ParaStyle, list[float]]] = {}


def _table_box(table: Table, style: ParaStyle) -> _Box:
    """Row heights of a table; cached by identity (unchanged tables are the same object)."""
    hit = _TABLE_ROWS.get(id(table))
    if hit is not None and hit[0] is table and hit[1] == style:
        return _Box(before=0.0, after=0.0, lines=list(hit[2]), is_table=True, keep_together=table.keep_together)
    if len(_TABLE_ROWS) > 512:
        _TABLE_ROWS.clear()
    rows = []
    for row in table.rows:
        tallest = 0.0
        for cell, width in zip(row, table.widths, strict=False):
            lh = _runs_line_height_of(cell.runs, style)
            n = count_lines(cell.runs, style, style.size, width - 2 * CELL_MARGIN_PT)
            tallest = max(tallest, n * lh)
        rows.append(tallest + 2 * CELL_PAD_PT + TABLE_BORDER_PT)
    _TABLE_ROWS[id(table)] = (table, style, rows)
    return _Box(before=0.0, after=0.0, lines=list(rows), is_table=True, keep_together=table.keep_together)


def layout_pages(model: DocumentModel) -> tuple[int, float, int]:
    """(body pages, points used on the last body page, total pages) for a built document."""
    height = text_height_pt(model.form) + BODY_SLACK_PT
    boxes = _boxes(model)
    pages = _Pages(height)
    body_pages = None
    last_used = 0.0
    for i, box in enumerate(boxes):
        if box.marks_end and body_pages is None:
            body_pages, last_used = pages.page, pages.used
        if _needs_new_page(pages, boxes, i) and not box.page_break_before:
            pages.new_page()
        _place(pages, box)
    if body_pages is None:
        body_pages, last_used = pages.page, pages.used
    return body_pages, last_used, pages.page


def estimate_pages(draft: Draft, form: Form | None = None) -> PageEstimate:
    """How many pages the exported draft fills, without LibreOffice (about 10 ms)."""
    form = form or draft.form
    model = build_document(draft, form, strict=False)
    body_pages, used, _total = layout_pages(model)
    height = text_height_pt(form) + BODY_SLACK_PT
    normal = model.styles["Normal"]
    body_line = line_height(normal.font, normal.size, normal.line_spacing)
    fill = min(1.0, max(0.0, used / height))
    lines_left = max(0, int((height - used) // body_line))
    settings = form.check_settings("page_limit") or {}
    margin_lines = int(settings.get("borderline_lines", 4))
    lines_used = int(used // body_line)
    return PageEstimate(
        pages=round(body_pages - 1 + fill, 2),
        body_pages=body_pages,
        last_page_fill=round(fill, 3),
        lines_left_on_last_page=lines_left,
        borderline=lines_left < margin_lines or lines_used < margin_lines,
        limit=form.page.max_pages,
    )
