"""The draft's `[budget]` table: a Budget written as TOML values and read back, every mistake
reported with the line of the draft it is on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.core.errors import DraftError
from assistant.core.model.budget import CONTRIBUTION_KINDS, Budget, BudgetItem, Contribution, StatedTotals

# Makes the DraftError for a mistake at the line of a front-matter key: fail(key, sv, en).
Fail = Callable[[str, str, str], DraftError]


def budget_to_toml(budget: Budget) -> dict[str, Any]:
    years = budget.years
    out: dict[str, Any] = {"years": list(years), "categories": list(budget.categories)}
    out["compiled"] = {
        c: [budget.cell(c, y) for y in years] for c in budget.categories if any(budget.cell(c, y) for y in years)
    }
    items = []
    for item in budget.items:
        entry: dict[str, Any] = {"category": item.category, "text": item.text}
        if item.quantity:
            entry["quantity"] = item.quantity
        if item.total:
            entry["total"] = item.total
        if any(v for v in item.per_year.values()):
            entry["per_year"] = {str(y): v for y, v in sorted(item.per_year.items())}
        items.append(entry)
    if items:
        out["items"] = items
    if budget.cofinancing:
        out["cofinancing"] = [_contribution_to_toml(c) for c in budget.cofinancing]
    if not budget.stated.is_empty():
        out["stated"] = _stated_to_toml(budget.stated)
    if budget.unread:
        out["unread"] = list(budget.unread)
    return out


def _contribution_to_toml(contribution: Contribution) -> dict[str, Any]:
    entry: dict[str, Any] = {"partner": contribution.partner, "kind": contribution.kind}
    if contribution.text:
        entry["text"] = contribution.text
    if contribution.total:
        entry["total"] = contribution.total
    if any(v for v in contribution.per_year.values()):
        entry["per_year"] = {str(y): v for y, v in sorted(contribution.per_year.items())}
    return entry


def _stated_to_toml(st: StatedTotals) -> dict[str, Any]:
    stated: dict[str, Any] = {}
    if st.rows:
        stated["rows"] = dict(st.rows)
    if st.years:
        stated["years"] = {str(y): v for y, v in sorted(st.years.items())}
    if st.grand:
        stated["grand"] = st.grand
    if st.subtotals:
        stated["subtotals"] = {c: dict(v) for c, v in st.subtotals.items()}
    return stated


def budget_from_toml(raw: Any, fail: Fail) -> Budget:
    """The `[budget]` table as a Budget; `fail(key, sv, en)` makes the error for a bad value."""
    if not isinstance(raw, dict):
        raise fail("budget", "`budget` ska vara en tabell [budget]", "`budget` must be a [budget] table")

    def bad(key: str, sv: str, en: str) -> DraftError:
        return fail(key, f"budget: {sv}", f"budget: {en}")

    years = _years(raw.get("years", []), bad)
    categories = raw.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise bad("categories", "`categories` ska vara en lista med texter", "`categories` must be a list of strings")
    budget = Budget(years=list(years), categories=list(categories))
    _read_compiled(budget, raw.get("compiled", {}), years, bad)
    budget.items = _items(raw.get("items", []), bad)
    budget.cofinancing = _contributions(raw.get("cofinancing", []), bad)
    stated = raw.get("stated", {})
    if isinstance(stated, dict):
        budget.stated = _stated(stated, bad)
    unread = raw.get("unread", [])
    budget.unread = [str(u) for u in unread] if isinstance(unread, list) else []
    return budget


def _years(years: Any, bad: Fail) -> list[int]:
    if not isinstance(years, list) or not all(isinstance(y, int) and not isinstance(y, bool) for y in years):
        raise bad(
            "years",
            "`years` ska vara en lista med årtal, t.ex. [2026, 2027]",
            "`years` must be a list of years, e.g. [2026, 2027]",
        )
    if any(y < 1900 or y > 2200 for y in years):
        raise bad("years", "ett årtal i `years` är orimligt", "a year in `years` is out of range")
    if len(set(years)) != len(years):
        raise bad("years", "ett årtal står två gånger i `years`", "a year appears twice in `years`")
    return years


def _read_compiled(budget: Budget, compiled: Any, years: list[int], bad: Fail) -> None:
    if not isinstance(compiled, dict):
        raise bad("compiled", "`compiled` ska vara en tabell", "`compiled` must be a table")
    for category, cells in compiled.items():
        if not isinstance(cells, list) or len(cells) != len(years):
            raise bad(
                category,
                f"raden ”{category}” ska ha ett värde per år ({len(years)} st)",
                f"row “{category}” must have one value per year ({len(years)})",
            )
        for year, cell in zip(years, cells, strict=False):
            budget.set_cell(category, year, cell if isinstance(cell, str) else str(cell))


def _items(items: Any, bad: Fail) -> list[BudgetItem]:
    if not isinstance(items, list):
        raise bad("items", "`items` ska vara en lista [[budget.items]]", "`items` must be a list [[budget.items]]")
    out = []
    for entry in items:
        if not isinstance(entry, dict):
            raise bad("items", "varje post ska vara en tabell", "every item must be a table")
        out.append(
            BudgetItem(
                category=str(entry.get("category", "")),
                text=str(entry.get("text", "")),
                total=str(entry.get("total", "")),
                per_year=_per_year(entry.get("per_year", {}), bad),
                quantity=str(entry.get("quantity", "")),
            )
        )
    return out


def _contributions(raw: Any, bad: Fail) -> list[Contribution]:
    if not isinstance(raw, list) or not all(isinstance(entry, dict) for entry in raw):
        raise bad(
            "cofinancing",
            "`cofinancing` ska vara en lista [[budget.cofinancing]]",
            "`cofinancing` must be a list [[budget.cofinancing]]",
        )
    out = []
    for entry in raw:
        # A partner not written yet (a row just added on the budget screen, saved as the writer types)
        # is read as it was saved: `check` asks for it; refusing it here would lock the writer out.
        partner, kind = str(entry.get("partner", "")).strip(), str(entry.get("kind", "pengar"))
        if kind not in CONTRIBUTION_KINDS:
            raise bad(
                "kind",
                f"medfinansiering: `kind` ”{kind}” finns inte (välj {', '.join(CONTRIBUTION_KINDS)})",
                f"co-financing: `kind` “{kind}” does not exist (choose {', '.join(CONTRIBUTION_KINDS)})",
            )
        out.append(
            Contribution(
                partner=partner,
                text=str(entry.get("text", "")),
                kind=kind,
                total=str(entry.get("total", "")),
                per_year=_per_year(entry.get("per_year", {}), bad),
            )
        )
    return out


def _per_year(raw: Any, bad: Fail) -> dict[int, str]:
    if not isinstance(raw, dict):
        raise bad(
            "per_year",
            '`per_year` ska vara en tabell { "2026" = "…" }',
            '`per_year` must be a table { "2026" = "…" }',
        )
    per_year: dict[int, str] = {}
    for y, v in raw.items():
        if not str(y).isdigit():
            raise bad("per_year", f"”{y}” är inget årtal", f"“{y}” is not a year")
        per_year[int(y)] = v if isinstance(v, str) else str(v)
    return per_year


def _stated(stated: dict[str, Any], bad: Fail) -> StatedTotals:
    for key in ("rows", "years", "subtotals"):
        if not isinstance(stated.get(key, {}), dict):
            raise bad(key, f"`stated.{key}` ska vara en tabell", f"`stated.{key}` must be a table")
    return StatedTotals(
        rows={str(k): str(v) for k, v in stated.get("rows", {}).items()},
        years={int(k): str(v) for k, v in stated.get("years", {}).items() if str(k).isdigit()},
        grand=str(stated.get("grand", "")),
        subtotals={
            str(c): {str(k): str(v) for k, v in d.items()}
            for c, d in stated.get("subtotals", {}).items()
            if isinstance(d, dict)
        },
    )
