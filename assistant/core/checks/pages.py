"""The page limit: the fast line-layout estimate live, LibreOffice's count with --exact."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from assistant.core.checks.base import Context, Finding, finding
from assistant.core.errors import UserError

CHARS_PER_PAGE = 3000  # only when the layout module is missing: a rough figure, said so


@dataclass
class PageResult:
    estimate: float | None = None
    exact: int | None = None
    limit: int | None = None
    counted: int | None = None
    borderline: bool = False
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"estimate": self.estimate, "exact": self.exact, "limit": self.limit,
                "counted": self.counted, "borderline": self.borderline}


def _sv_number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _estimate(ctx: Context) -> tuple[float, int, bool, bool]:
    """(pages, body pages, borderline, rough)."""
    try:
        from assistant.core.layout import estimate_pages
    except ImportError:
        chars = sum(len(text) for _, text in ctx.texts())
        pages = max(chars / CHARS_PER_PAGE, 0.1)
        return round(pages, 1), math.ceil(pages), False, True
    est = estimate_pages(ctx.draft, ctx.form)
    return float(est.pages), int(est.body_pages), bool(est.borderline), False


def check_pages(ctx: Context, *, exact: bool = False) -> PageResult:
    limit = ctx.form.page.max_pages
    pages, body_pages, borderline, rough = _estimate(ctx)
    result = PageResult(estimate=round(pages, 1), limit=limit, counted=body_pages, borderline=borderline)
    if exact:
        result.exact = _exact(ctx, result)
        if result.exact is not None:
            result.counted = result.exact
    counted = result.counted
    shown = str(result.exact) if result.exact is not None else _sv_number(result.estimate)
    how_sv = " (LibreOffice)" if result.exact is not None else (" (grov uppskattning)" if rough else " (uppskattat)")
    how_en = " (LibreOffice)" if result.exact is not None else (" (rough estimate)" if rough else " (estimated)")
    if limit:
        result.findings.append(finding("info", "pages.count", None, f"{shown} av {limit} sidor{how_sv}",
                                       f"{shown.replace(',', '.')} of {limit} pages{how_en}"))
    else:
        result.findings.append(finding("info", "pages.count", None, f"{shown} sidor, ingen sidgräns{how_sv}",
                                       f"{shown.replace(',', '.')} pages, no page limit{how_en}"))
    if limit and counted is not None and counted > limit:
        result.findings.append(finding(
            "fel", "pages.over_limit", None,
            f"ansökan fyller {counted} sidor men formuläret tillåter högst {limit}",
            f"the application fills {counted} pages but the form allows at most {limit}",
            "korta texten; underskriftssidan räknas inte" if ctx.form.page.uncounted else "korta texten",
            "shorten the text; the signature page is not counted" if ctx.form.page.uncounted else "shorten the text"))
    elif limit and borderline and result.exact is None and counted is not None and limit <= counted <= limit + 1:
        result.findings.append(finding(
            "varning", "pages.borderline", None,
            f"sidantalet ligger nära en sidbrytning vid gränsen {limit} sidor; några rader kan avgöra",
            f"the page count is within a few lines of a page break at the {limit}-page limit",
            "kontrollera med `ansokan check --exact` (LibreOffice)",
            "check with `ansokan check --exact` (LibreOffice)"))
    return result


def _exact(ctx: Context, result: PageResult) -> int | None:
    try:
        from assistant.core.office import exact_pages
    except ImportError:
        result.findings.append(finding("varning", "pages.exact_unavailable", None,
                                       "exakt sidräkning finns inte i den här versionen",
                                       "exact page counting is not available in this version"))
        return None
    try:
        _total, counted = exact_pages(ctx.draft, ctx.form)
    except UserError as exc:  # LibreOffice missing, or the conversion failed
        result.findings.append(finding("varning", "pages.exact_unavailable", None,
                                       f"exakt sidantal kunde inte räknas: {exc.message('sv')}",
                                       f"the exact page count failed: {exc.message('en')}",
                                       "sidantalet nedan är uppskattat", "the page count shown is estimated"))
        return None
    return int(counted)
