"""Reading the budget out of the text of an earlier application's budget section.

The text comes from PDF and Word conversions, so tables arrive in three shapes:
tab-separated rows ("Personal\t1 053 804\t1 437 703\t…"), one cell per line (each line starting
with a tab, a blank line ending the row) and prose lines ("Arbetskonsulent: 1 heltidstjänst:
1 209 124 kronor"). Everything is first turned into rows of cells; rows under a header with years
are table rows, single cells are prose. Printed totals are kept in `budget.stated`, never in the
cells, so the checks can compare them with the real sums; what cannot be placed goes into
`budget.unread` as short lines for the writer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from assistant.core.model.amounts import AmountError, amount_or_none, format_amount, parse_amount
from assistant.core.model.budget import Budget, BudgetItem, Sum
from assistant.core.model.forms import BudgetRules, Form

MAX_TEXT_CHARS = 200_000
MAX_LINES = 5_000  # a budget section longer than this is not a budget; keep the import instant
MAX_UNREAD = 40
CATEGORY_MIN_SCORE = 86
# The key in `stated.subtotals` for a total printed under the detailed budget ("Total kostnad …").
DETAILED_GRAND = "Totalt"

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_TAG_RE = re.compile(r"<[^>]{0,300}>")
_BLOCK_TAG_RE = re.compile(r"</p>\s*<p[^>]{0,200}>|<br\s*/?>|</?(?:ul|ol|li|tr|div)[^>]{0,200}>", re.I)
_YEAR_CELL_RE = re.compile(r"^(?:år)?[\s.…_\-]*((?:19|20)\d\d)[\s.…_\-]*$", re.I)
_TOTAL_LABEL_RE = re.compile(r"^(?:totalt?|total\s*kostnad\w*|totalkostnad\w*|summa\b|summering|totalsumma)", re.I)
_TOTAL_COLUMN_RE = re.compile(r"^(?:totalt?|summa|total\s*kostnad|totalt\s*kr|summa\s*kr)$", re.I)
_UNITS = {"kr", "kronor", "sek", "tkr", "mkr", "kr.", ":-"}
_STOP_RE = re.compile(r"^annat av vikt", re.I)
# A trailing comment such as "~(1,4 mkr)" or "(ca 1,2 mkr)" after an item's amount.
_TRAILING_NOTE_RE = re.compile(r"\s*~?\s*\((?:ca\.?\s*)?[\d\s.,]+\s*(?:mkr|tkr|kr|kronor)?\)\s*$", re.I)
# An amount at the end of a prose line, with its unit: "Total kostnad 3 200 000 kr".
_TRAILING_AMOUNT_RE = re.compile(
    r"(?<![\w,.])([+\-−]?\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|[+\-−]?\d+(?:,\d+)?)\s*(kr|kronor|tkr|mkr|sek|:-)\.?\s*$", re.I
)


@dataclass
class _Row:
    cells: list[str]
    line: int  # 1-based line in the section text, for the unread report

    @property
    def label(self) -> str:
        return self.cells[0].strip() if self.cells else ""


@dataclass
class _Table:
    """The columns of the table under the last header row with years."""

    years: dict[int, int] = field(default_factory=dict)  # column -> year
    total_column: int | None = None
    detailed: bool = False
    unit: str = ""


@dataclass
class _State:
    budget: Budget
    rules: BudgetRules
    table: _Table | None = None
    table_category: str | None = None  # a category heading row inside a table ("Externa tjänster")
    table_category_items: int = 0
    table_category_label: str = ""  # its text as printed ("Lokaler, Torsten + Pildammsvägen 50% (1,020)")
    text_category: str | None = None  # a category heading in prose ("Personal:")


# ---------------------------------------------------------------------------------------------
# Public API


def parse_budget_text(text: str, form: Form) -> Budget:
    """The budget in `text` (the raw budget section of an earlier application), mapped to `form`."""
    budget = Budget(categories=list(form.budget.categories))
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        budget.unread.append(f"budgettexten är längre än {MAX_TEXT_CHARS} tecken; resten lästes inte")
    if text.count("\n") > MAX_LINES:
        text = "\n".join(text.split("\n")[:MAX_LINES])
        budget.unread.append(f"budgettexten har fler än {MAX_LINES} rader; resten lästes inte")
    state = _State(budget=budget, rules=form.budget)
    for row in _rows(_clean(text)):
        if len(row.cells) == 1 and _STOP_RE.match(row.label):
            break  # "Annat av vikt": other parties' money, not part of this budget
        if _is_header(row):
            _start_table(state, row)
        elif len(row.cells) > 1:
            _table_row(state, row)
        else:
            _prose_line(state, row)
    if len(budget.unread) > MAX_UNREAD:
        rest = len(budget.unread) - MAX_UNREAD + 1
        budget.unread[MAX_UNREAD - 1 :] = [f"… och {rest} rader till som inte kunde läsas"]
    return budget


def match_category(label: str, rules: BudgetRules) -> str | None:
    """The form's category a label means: "Personal (1,025)" -> "Personal", "Lokaler, Torsten …" -> "Lokaler"."""
    names = _category_names(rules)
    for candidate in _label_candidates(label):
        if candidate in names:
            return names[candidate]
    for candidate in _label_candidates(label):
        if len(candidate) < 4:
            continue
        hit = process.extractOne(candidate, list(names), scorer=fuzz.ratio, score_cutoff=CATEGORY_MIN_SCORE)
        if hit:
            return names[hit[0]]
    return None


def budget_report(budget: Budget, lang: str = "sv") -> list[str]:
    """Short lines saying what was read and what was not, for the CLI to print after an import."""
    en = lang == "en"
    lines: list[str] = []
    filled = [c for c in budget.categories if any(budget.cell(c, y) for y in budget.years)]
    if filled:
        span = f"{budget.years[0]}–{budget.years[-1]}" if budget.years else ""
        total = _safe(budget.totals().grand)
        lines.append(
            f"compiled budget: {len(filled)} categories × {len(budget.years)} years ({span}), total {total} kr"
            if en
            else f"sammanställd budget: {len(filled)} kategorier × {len(budget.years)} år ({span}), totalt {total} kr"
        )
    if budget.items:
        total = _safe(budget.totals().detailed)
        lines.append(
            f"detailed budget: {len(budget.items)} items, total {total} kr"
            if en
            else f"detaljerad budget: {len(budget.items)} poster, totalt {total} kr"
        )
    stated = budget.stated
    printed = (
        len(stated.rows)
        + len(stated.years)
        + (1 if stated.grand else 0)
        + sum(len(v) for v in stated.subtotals.values())
    )
    if printed:
        lines.append(
            f"{printed} printed totals kept for checking" if en else f"{printed} utskrivna summor sparade för kontroll"
        )
    if not lines:
        lines.append("no budget could be read" if en else "ingen budget kunde läsas")
    prefix = "not read: " if en else "kunde inte läsas: "
    lines.extend(prefix + u for u in budget.unread)
    return lines


# ---------------------------------------------------------------------------------------------
# Text into rows of cells


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCK_TAG_RE.sub("\n", text)
    text = _TAG_RE.sub("", text)
    for space in ("\u00a0", "\u202f", "\u2007", "\u2009"):
        text = text.replace(space, " ")
    text = _CONTROL_RE.sub(" ", text)  # cells are quoted back to a terminal in the unread report
    return text.replace("&nbsp;", " ").replace("&amp;", "&")


def _rows(text: str) -> list[_Row]:
    """Tab rows as they are; runs of one-cell lines that start with a tab joined into one row."""
    lines = text.split("\n")
    rows: list[_Row] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            j = i
            while j < len(lines) and _is_cell_line(lines[j]):
                j += 1
            if j - i >= 2:
                rows.append(_Row([c.strip() for c in lines[i:j]], i + 1))
                i = j
                continue
        if line.strip():
            cells = [c.strip() for c in line.split("\t")]
            while len(cells) > 1 and not cells[-1]:
                cells.pop()
            if len(cells) > 1 and sum(1 for c in cells if c) <= 1:
                cells = [next((c for c in cells if c), "")]  # "\tAnnat av vikt": prose behind a tab
            rows.append(_Row(cells, i + 1))
        i += 1
    return [r for r in rows if any(r.cells)]


def _is_cell_line(line: str) -> bool:
    """A line holding one table cell in the one-cell-per-line layout: "\\t1 073 334"."""
    return line.startswith("\t") and line.count("\t") == 1


# ---------------------------------------------------------------------------------------------
# Tables


def _year_of(cell: str) -> int | None:
    m = _YEAR_CELL_RE.match(cell.strip())
    return int(m.group(1)) if m else None


def _is_header(row: _Row) -> bool:
    return (
        len(row.cells) > 2
        and sum(1 for c in row.cells if _year_of(c)) >= 1
        and not any(_is_amount(c) for c in row.cells if not _year_of(c))
    )


def _start_table(state: _State, row: _Row) -> None:
    table = _Table(detailed="detalj" in row.label.lower())
    for col, cell in enumerate(row.cells):
        year = _year_of(cell)
        if year is not None and col > 0:
            table.years[col] = year
        elif col > 0 and _TOTAL_COLUMN_RE.match(cell.strip()):
            table.total_column = col
    state.table = table
    state.table_category = None
    state.table_category_items = 0
    for year in table.years.values():
        if year not in state.budget.years:
            state.budget.years.append(year)
    state.budget.years.sort()


def _table_row(state: _State, row: _Row) -> None:
    table = state.table
    values = {col: cell for col, cell in enumerate(row.cells) if col > 0 and cell}
    if table is None:
        if values and any(_is_amount(v) for v in values.values()):
            state.budget.unread.append(f"rad {row.line}: ”{_short(row)}” står i en tabell utan rubrikrad med år")
        return
    if values and all(v.lower().strip(".") in _UNITS for v in values.values()):
        table.unit = next(iter(values.values())).lower()  # "kr kr": the unit row
        return
    label = row.label
    per_year = {table.years[c]: _with_unit(v, table.unit) for c, v in values.items() if c in table.years}
    total = _with_unit(values.get(table.total_column, ""), table.unit) if table.total_column else ""
    others = [v for c, v in values.items() if c not in table.years and c != table.total_column]
    # "Omfattning  Summa  Summa" is a sub-header; a cell with a digit is meant as an amount.
    has_amounts = any(re.search(r"\d", v) for v in [*per_year.values(), total])
    if _TOTAL_LABEL_RE.match(label):
        _table_total(state, row, per_year, total)
        return
    category = match_category(label, state.rules) if label else None
    if category and not has_amounts:
        state.table_category, state.table_category_items = category, 0
        state.table_category_label = label
        return
    if category and not table.detailed:
        _compiled_row(state, row, category, per_year, total, others)
        return
    if not has_amounts:
        return  # a sub-header such as "Omfattning  Summa  Summa"
    owner = category or state.table_category
    if owner is None:
        state.budget.unread.append(
            f"rad {row.line}: ”{_short(row)}” hör inte till någon budgetkategori ({', '.join(state.rules.categories)})"
        )
        return
    table.detailed = True
    state.table_category_items += 1
    state.budget.items.append(
        BudgetItem(category=owner, text=label or owner, total=total, per_year=per_year, quantity=" ".join(others))
    )


def _compiled_row(
    state: _State, row: _Row, category: str, per_year: dict[int, str], total: str, others: list[str]
) -> None:
    budget = state.budget
    state.table_category = None
    if category in budget.compiled and any(budget.compiled[category].values()):
        budget.unread.append(f"rad {row.line}: kategorin {category} står två gånger; den andra raden lästes inte")
        return
    for year, cell in per_year.items():
        budget.set_cell(category, year, cell)
    if total:
        budget.stated.rows[category] = total
    for value in others:
        budget.unread.append(f"rad {row.line}: värdet ”{value}” på raden {category} står inte under något år")


def _table_total(state: _State, row: _Row, per_year: dict[int, str], total: str) -> None:
    stated = state.budget.stated
    # In a compiled table an empty category row is just empty, and its "Totalt" is the table's.
    detailed = state.table is not None and state.table.detailed
    category = state.table_category if detailed else None
    if category is not None and state.table_category_items == 0:
        # "Lokaler …" followed directly by "SUMMA": the sum is the only detail there is.
        state.budget.items.append(
            BudgetItem(category=category, text=state.table_category_label or category, total="", per_year=per_year)
        )
        state.table_category_items += 1
        return
    if category is not None:
        sub = stated.subtotals.setdefault(category, {})
        sub.update({str(y): v for y, v in per_year.items()})
        if total:
            sub["total"] = total
        return
    stated.years.update(per_year)
    if total:
        _set_grand(state, total, row)


def _with_unit(cell: str, unit: str) -> str:
    """A bare cell under a "tkr" unit row becomes "550 tkr", so that it is read as thousands."""
    if cell and unit in ("tkr", "mkr") and not re.search(r"[a-zA-Z]", cell):
        return f"{cell} {unit}"
    return cell


# ---------------------------------------------------------------------------------------------
# Prose lines: "Personal:", "Arbetskonsulent: 1 heltidstjänst: 1 209 124 kronor"


def _prose_line(state: _State, row: _Row) -> None:
    line = row.label
    split = _split_amount(line)
    if split is None:
        category = match_category(line.rstrip(":").strip(), state.rules) if len(line) < 80 else None
        if category:  # "Personal:" in prose, or "Externa tjänster" heading a part of a detailed table
            state.text_category = state.table_category = category
            state.table_category_items, state.table_category_label = 0, line
        return
    label, amount = split
    if _TOTAL_LABEL_RE.match(label):
        rest = _TOTAL_LABEL_RE.sub("", label).strip(" :")
        category = match_category(rest, state.rules) if rest else None
        if category:
            state.budget.stated.subtotals.setdefault(category, {})["total"] = amount
        else:
            _set_grand(state, amount, row)
        return
    category = match_category(label, state.rules)
    if category:
        state.text_category = category
    owner = category or state.text_category
    if owner is None:
        state.budget.unread.append(f"rad {row.line}: ”{line[:60]}” hör inte till någon budgetkategori")
        return
    state.budget.items.append(BudgetItem(category=owner, text=label.rstrip(" :=") or owner, total=amount))


def _split_amount(line: str) -> tuple[str, str] | None:
    """(label, amount text) when a prose line ends in an amount, else None."""
    core = _TRAILING_NOTE_RE.sub("", line).strip()
    m = re.match(r"^(?P<label>.*)[:=]\s*(?P<value>[^:=]+)$", core)
    if m and _is_amount(m.group("value")):
        return m.group("label").strip(), m.group("value").strip()
    m = _TRAILING_AMOUNT_RE.search(core)
    if m and m.start() > 0:
        return core[: m.start()].strip(" :="), m.group(0).strip()
    return None


def _set_grand(state: _State, amount: str, row: _Row) -> None:
    """The budget's printed grand total; a second, different one is kept with the detailed sums."""
    stated = state.budget.stated
    if not stated.grand:
        stated.grand = amount
        return
    if amount_or_none(stated.grand) == amount_or_none(amount):
        return
    # A compiled "Totalt" wins; a prose "Total kostnad" printed before it describes the detailed part.
    if state.table is not None and not state.table.detailed:
        stated.subtotals.setdefault(DETAILED_GRAND, {})["total"] = stated.grand
        stated.grand = amount
    else:
        stated.subtotals.setdefault(DETAILED_GRAND, {})["total"] = amount


# ---------------------------------------------------------------------------------------------
# Small helpers


def _category_names(rules: BudgetRules) -> dict[str, str]:
    names: dict[str, str] = {}
    for category in rules.categories:
        for candidate in _label_candidates(category):
            names.setdefault(candidate, category)
    for alias, target in rules.category_aliases.items():
        for candidate in _label_candidates(alias):
            names.setdefault(candidate, target)
    return names


def _label_candidates(label: str) -> list[str]:
    """The whole label, then its head before a comma, colon or parenthesis, both normalised."""
    text = " ".join(label.lower().replace("\t", " ").split()).strip(" :;.")
    without_parens = re.sub(r"\([^)]*\)", " ", text)
    head = re.split(r"[,:;(]", text, maxsplit=1)[0]
    out = []
    for candidate in (text, " ".join(without_parens.split()), head.strip()):
        candidate = candidate.strip(" :;.-")
        if candidate and candidate not in out:
            out.append(candidate)
    return out


def _is_amount(text: str) -> bool:
    try:
        return parse_amount(text) is not None
    except AmountError:
        return False


def _safe(total: Sum) -> str:
    """A total for the report, "?" when a cell it adds is not an amount (the checks name it)."""
    return format_amount(total.value) if total.complete else "?"


def _short(row: _Row) -> str:
    return " ".join(c for c in row.cells if c)[:60]
