"""The checks on a draft: structure, page limit, budget, Tidsplan, contacts and the writing.

Each rule is switched on and tuned by the form's `[checks.<id>]` table (with its `source`);
a rule the form does not mention, or sets `enabled = false`, does not run. `run_checks` is what
`ansokan check` and the UI's check screen show; `check_section` is the UI's per-section feedback
and skips the page layout, which concerns the whole document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.core.checks.base import Context, Finding, Severity, finding
from assistant.core.checks.budget_rules import check_budget
from assistant.core.checks.limits import check_section_limits
from assistant.core.checks.pages import check_pages
from assistant.core.checks.structure import (
    check_contacts,
    check_required_sections,
    check_section_order,
    check_tidsplan,
    valid_email,
    valid_phone,
)
from assistant.core.checks.text_rules import (
    check_gender,
    check_placeholders,
    check_readability,
    check_summary,
    check_unadapted,
)
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form

Rule = Callable[[Context], Iterable[Finding]]

# check id in the form's TOML -> the rule. page_limit is handled apart (it fills `pages`).
RULES: dict[str, Rule] = {
    "required_sections": check_required_sections,
    "section_order": check_section_order,
    "tidsplan": check_tidsplan,
    "budget": check_budget,
    "summary": check_summary,
    "contacts": check_contacts,
    "placeholders": check_placeholders,
    "unadapted": check_unadapted,
    "gender": check_gender,
    "readability": check_readability,
}
# Rules of the form's own keys rather than of a [checks.<id>] table: they run whenever the form
# sets what they check (a heading's max_words or max_chars).
ALWAYS: tuple[Rule, ...] = (check_section_limits,)


@dataclass
class CheckReport:
    pages: dict[str, Any] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def as_json(self, lang: str = "sv") -> dict[str, Any]:
        return {"pages": dict(self.pages), "findings": [f.as_json(lang) for f in self.findings]}


def run_checks(draft: Draft, form: Form | None = None, *, exact: bool = False) -> CheckReport:
    """All the form's checks on the draft. `exact` counts pages with LibreOffice (seconds, not ms)."""
    form = form or draft.form
    report = CheckReport(
        pages={"estimate": None, "exact": None, "limit": form.page.max_pages, "counted": None, "borderline": False}
    )
    if form.check_settings("page_limit") is not None:
        result = check_pages(Context(draft, form, form.check_settings("page_limit") or {}), exact=exact)
        report.pages = result.as_dict()
        report.findings.extend(result.findings)
    report.findings.extend(_rule_findings(draft, form))
    report.findings = _ordered(report.findings, form)
    return report


def check_section(draft: Draft, key: str, form: Form | None = None) -> list[Finding]:
    """The findings about one section, for the UI when the writer leaves it."""
    form = form or draft.form
    return _ordered([f for f in _rule_findings(draft, form, only=key) if f.section == key], form)


def _rule_findings(draft: Draft, form: Form, *, only: str | None = None) -> list[Finding]:
    findings: list[Finding] = []
    for check_id, rule in RULES.items():
        settings = form.check_settings(check_id)
        if settings is None:
            continue
        findings.extend(rule(Context(draft, form, settings, only=only)))
    for always in ALWAYS:
        findings.extend(always(Context(draft, form, {}, only=only)))
    return findings


def _ordered(findings: list[Finding], form: Form) -> list[Finding]:
    """Whole-application findings first, then by the form's heading order, worst first."""
    position = {h.key: i for i, h in enumerate(form.headings)}

    def key(item: tuple[int, Finding]) -> tuple[int, int, int]:
        index, f = item
        where = -1 if f.section is None else position.get(f.section, len(position))
        return (where, f.severity.rank, index)

    return [f for _, f in sorted(enumerate(findings), key=key)]


__all__ = [
    "RULES",
    "CheckReport",
    "Finding",
    "Severity",
    "check_section",
    "finding",
    "run_checks",
    "valid_email",
    "valid_phone",
]
