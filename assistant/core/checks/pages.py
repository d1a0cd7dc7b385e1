"""The page limit: the fast line-layout estimate live, LibreOffice's count with --exact."""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.errors import UserError

CHARS_PER_PAGE = 3000  # only when the layout module is missing or fails: a rough figure, said so
ESTIMATE_TIMEOUT_S = 5.0  # the estimate takes ~10 ms; far beyond that something is looping
log = logging.getLogger(__name__)
_T = TypeVar("_T")


@dataclass
class PageResult:
    estimate: float | None = None
    exact: int | None = None
    limit: int | None = None
    counted: int | None = None
    borderline: bool = False
    findings: list[Finding] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "estimate": self.estimate,
            "exact": self.exact,
            "limit": self.limit,
            "counted": self.counted,
            "borderline": self.borderline,
        }


def _rough(ctx: Context) -> tuple[float, int, bool, bool]:
    chars = sum(len(text) for _, text in ctx.texts())
    pages = max(chars / CHARS_PER_PAGE, 0.1)
    return round(pages, 1), math.ceil(pages), False, True


def _estimate(ctx: Context) -> tuple[float, int, bool, bool]:
    """(pages, body pages, borderline, rough)."""
    try:
        from assistant.core.document.layout import estimate_pages
    except ImportError:
        return _rough(ctx)
    est = _within(ESTIMATE_TIMEOUT_S, lambda: estimate_pages(ctx.draft, ctx.form))
    return float(est.pages), int(est.body_pages), bool(est.borderline), False


def _within(seconds: float, work: Callable[[], _T]) -> _T:
    """Run `work` but give up after `seconds`: the live checks must never freeze on one odd draft.

    A daemon thread, so that a runaway layout cannot keep the program from exiting either.
    """
    values: list[_T] = []
    errors: list[Exception] = []

    def run() -> None:
        try:
            values.append(work())
        except Exception as exc:  # handed to the caller below
            errors.append(exc)

    worker = threading.Thread(target=run, name="ansokan-page-estimate", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeoutError(f"the page estimate took more than {seconds:g} s")
    if errors:
        raise errors[0]
    return values[0]


def _estimate_or_rough(ctx: Context) -> tuple[tuple[float, int, bool, bool], Finding | None]:
    """The line-layout estimate; when it fails or runs away, the rough one and a warning saying so."""
    try:
        return _estimate(ctx), None
    except Exception as exc:  # a layout bug must not hide the other checks
        log.debug("page estimate failed: %r", exc)
        return _rough(ctx), finding(
            Severity.WARNING,
            "pages.estimate_failed",
            None,
            "sidantalet kunde inte beräknas med radlayouten; visar en grov uppskattning",
            "the line layout could not count the pages; showing a rough estimate",
            "kontrollera med `ansokan check --exact` (LibreOffice)",
            "check with `ansokan check --exact` (LibreOffice)",
        )


def check_pages(ctx: Context, *, exact: bool = False) -> PageResult:
    limit = ctx.form.page.max_pages
    (pages, body_pages, borderline, rough), failure = _estimate_or_rough(ctx)
    estimate = round(pages, 1)
    result = PageResult(estimate=estimate, limit=limit, counted=body_pages, borderline=borderline)
    if exact:
        result.exact = _exact(ctx, result)
        if result.exact is not None:
            result.counted = result.exact
    if failure:
        result.findings.append(failure)
    counted = result.counted
    # Whole pages, as LibreOffice counts them (the fractional estimate's 3,02 is a fourth page).
    shown = str(counted if counted is not None else math.ceil(estimate))
    signature_sv, signature_en = (" + underskriftssida", " + signature page") if ctx.form.page.uncounted else ("", "")
    how_sv = " (LibreOffice)" if result.exact is not None else (" (grov uppskattning)" if rough else " (uppskattat)")
    how_en = " (LibreOffice)" if result.exact is not None else (" (rough estimate)" if rough else " (estimated)")
    if limit:
        result.findings.append(
            finding(
                Severity.INFO,
                "pages.count",
                None,
                f"{shown} av {limit} sidor{signature_sv}{how_sv}",
                f"{shown} of {limit} pages{signature_en}{how_en}",
            )
        )
    else:
        result.findings.append(
            finding(
                Severity.INFO,
                "pages.count",
                None,
                f"{shown} sidor{signature_sv}, ingen sidgräns{how_sv}",
                f"{shown} pages{signature_en}, no page limit{how_en}",
            )
        )
    if limit and counted is not None and counted > limit:
        result.findings.append(
            finding(
                Severity.ERROR,
                "pages.over_limit",
                None,
                f"ansökan fyller {counted} sidor men formuläret tillåter högst {limit}",
                f"the application fills {counted} pages but the form allows at most {limit}",
                "korta texten; underskriftssidan räknas inte" if ctx.form.page.uncounted else "korta texten",
                "shorten the text; the signature page is not counted"
                if ctx.form.page.uncounted
                else "shorten the text",
            )
        )
    elif limit and borderline and result.exact is None and counted is not None and limit <= counted <= limit + 1:
        result.findings.append(
            finding(
                Severity.WARNING,
                "pages.borderline",
                None,
                f"sidantalet ligger nära en sidbrytning vid gränsen {limit} sidor; några rader kan avgöra",
                f"the page count is within a few lines of a page break at the {limit}-page limit",
                "kontrollera med `ansokan check --exact` (LibreOffice)",
                "check with `ansokan check --exact` (LibreOffice)",
            )
        )
    return result


def _exact(ctx: Context, result: PageResult) -> int | None:
    try:
        from assistant.core.document.office import exact_pages
    except ImportError:
        result.findings.append(
            finding(
                Severity.WARNING,
                "pages.exact_unavailable",
                None,
                "exakt sidräkning finns inte i den här versionen",
                "exact page counting is not available in this version",
            )
        )
        return None
    try:
        _total, counted = exact_pages(ctx.draft, ctx.form)
    except UserError as exc:  # LibreOffice missing, or the conversion failed
        result.findings.append(
            finding(
                Severity.WARNING,
                "pages.exact_unavailable",
                None,
                f"exakt sidantal kunde inte räknas: {exc.message('sv')}",
                f"the exact page count failed: {exc.message('en')}",
                "sidantalet nedan är uppskattat",
                "the page count shown is estimated",
            )
        )
        return None
    return int(counted)
