"""Checking a draft against its form, and how many pages it fills."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.i18n import Text
from assistant.usecases.drafts import open_draft

if TYPE_CHECKING:
    from assistant.core.checks import CheckReport
    from assistant.core.checks.base import Finding
    from assistant.core.document.layout import PageEstimate
    from assistant.core.model.drafts import Draft
    from assistant.core.model.drafts.carried import CarriedFact
    from assistant.core.model.forms import Form


def open_items(errors: int, markers: int) -> Text:
    """'5 fel och 1 markering ⟦… → ?⟧' / '5 errors and 1 marker ⟦… → ?⟧': what is still open, as export,
    package and the submission screen say it; a kind with none is left out ('5 fel', not '5 fel och 0 markeringar')."""
    sv: list[str] = []
    en: list[str] = []
    if errors:
        sv.append(f"{errors} fel")
        en.append(f"{errors} {'error' if errors == 1 else 'errors'}")
    if markers:
        sv.append(f"{markers} {'markering' if markers == 1 else 'markeringar'} ⟦… → ?⟧")
        en.append(f"{markers} {'marker' if markers == 1 else 'markers'} ⟦… → ?⟧")
    return Text(" och ".join(sv), " and ".join(en))


@dataclass(frozen=True)
class ApplicationCheck:
    """Every check the form asks for, on one draft."""

    draft: Draft
    form: Form
    report: CheckReport

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings

    @property
    def has_errors(self) -> bool:
        return self.report.has_errors

    def counts(self) -> dict[str, int]:
        """Findings per severity, worst first: {'fel': 1, 'varning': 2, 'info': 0}."""
        from assistant.core.checks import Severity

        return {str(s): sum(1 for f in self.findings if f.severity == s) for s in Severity}

    def section_titles(self) -> dict[str, str]:
        """The heading to show for each section key a finding may name (form and extra sections)."""
        titles = {h.key: f"{h.number} {h.label}".strip() for h in self.form.headings}
        titles.update({extra.key: extra.heading for extra in self.draft.extra})
        return titles


def check_application(draft: Draft | Path | str, *, exact: bool = False) -> ApplicationCheck:
    """All the form's checks. `exact` counts the pages with LibreOffice (seconds, not milliseconds)."""
    from assistant.core.checks import run_checks

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    form = draft.form
    return ApplicationCheck(draft=draft, form=form, report=run_checks(draft, form, exact=exact))


def confirm_carried(draft: Draft | Path | str, ids: list[str], *, save: bool = True) -> list[CarriedFact]:
    """The writer says these carried-over figures hold for their project: they are marked confirmed
    (with today's date) and saved, and the checks stop asking. An id that names no figure of the
    draft is refused before anything is saved, with the ids there are. The interface passes its
    draft with `save=False` and saves it its own way (autosave, one undoable step)."""
    from assistant.core.errors import UserError
    from assistant.core.model.drafts.carried import confirm, matching, open_facts
    from assistant.usecases.drafts import save_draft

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    wanted = [part.strip() for raw in ids for part in raw.split(",") if part.strip()]
    for one in wanted:
        if not matching(draft.carried, one):
            still = ", ".join(f.id for f in open_facts(draft.carried, draft.sections)) or "–"
            raise UserError(
                f"{one}: inget överfört värde i utkastet har det id:t (öppna: {still})",
                f"{one}: no carried-over figure or name in the draft has that id (open: {still})",
            )
    done = confirm(draft.carried, wanted)
    if save:
        save_draft(draft)
    return done


def check_section(draft: Draft, key: str) -> list[Finding]:
    """The findings about one section (what the interface says when the writer leaves it)."""
    from assistant.core.checks import check_section as _check_section

    return _check_section(draft, key)


def estimate_pages(draft: Draft) -> PageEstimate:
    """The page count of the exported draft without LibreOffice (about 10 ms)."""
    from assistant.core.document.layout import estimate_pages as _estimate

    return _estimate(draft, draft.form)


def exact_pages(draft: Draft) -> tuple[int, int]:
    """(all pages, pages that count) as LibreOffice lays the exported draft out (seconds)."""
    from assistant.core.document.office import exact_pages as _exact

    return _exact(draft, draft.form)
