"""Export a draft as the .docx ready for signature, and a PDF when asked: the one place with the
rules about where an export may write (docs/data-promises.md, "Export writes only where you asked").

- Without a named output the .docx goes beside the draft, and that default file must not be a
  symbolic link (a link planted there would send the export somewhere else).
- A named output (`-o`, the interface's file field) is followed literally, `../` included.
- Only the one missing folder of a named output is created, and only when the caller asks.
- The draft itself is never overwritten, whatever the names.
- The .docx and the PDF are written atomically (storage.atomic): the file on disk is the old
  version or the new one, whole; a failure leaves no temp file behind.

Before writing, the draft is reviewed (`review_export`): every error `check` would report and every
⟦… → ?⟧ marker still in the text. The faces show that list; `strict` refuses to write while any
remain, and markers that go into the .docx are highlighted there for a reviewer to see.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.core.i18n import Text, tr
from assistant.usecases.drafts import ensure_parent
from assistant.usecases.paths import check_path, shown

if TYPE_CHECKING:
    from assistant.core.checks.base import Finding
    from assistant.core.document.comments import ReviewNote
    from assistant.core.document.export import Since
    from assistant.core.model.drafts import Draft
    from assistant.core.model.forms import Form

PAGE = Text("sida", "page")
PAGES = Text("sidor", "pages")


@dataclass(frozen=True)
class PageCount:
    """How many pages count towards the form's limit, and what to say about it."""

    pages: int  # pages that count (before the uncounted signature page)
    limit: int | None  # the form's page limit
    uncounted: bool  # the form has pages that do not count (a signature page)
    exact: bool = False  # laid out by LibreOffice, not estimated
    total: int | None = None  # every page, when LibreOffice counted them
    estimate: float | None = None  # e.g. 5.4: five full pages and 40 % of the sixth

    @property
    def over_by(self) -> int:
        return max(0, self.pages - self.limit) if self.limit else 0

    def against_limit(self) -> str:
        """'4 av 7 sidor + underskriftssida' / '4 of 7 pages + signature page' (the page meter)."""
        from assistant.core.i18n import plural, tr

        if self.limit:  # "1 av 7 sidor": the plural follows the limit
            text = tr(f"{self.pages} av {self.limit} ", f"{self.pages} of {self.limit} ") + PAGES.render()
        else:
            text = plural(self.pages, PAGE, PAGES)
        return text + (tr(" + underskriftssida", " + signature page") if self.uncounted else "")

    def phrase(self) -> str:
        """'7 sidor + underskriftssida; gräns 7' / '7 pages + signature page; limit 7'."""
        from assistant.core.i18n import plural, tr

        text = plural(self.pages, PAGE, PAGES)
        if self.uncounted:
            text += tr(" + underskriftssida", " + signature page")
        if self.limit:
            text += tr(f"; gräns {self.limit}", f"; limit {self.limit}")
            if self.over_by:
                text += ", " + plural(self.over_by, PAGE, PAGES) + tr(" för mycket", " too many")
        return text


@dataclass(frozen=True)
class OpenMarker:
    """A ⟦… → ?⟧ still in the text: the section it stands in and the marker itself."""

    section: str  # the section's key
    heading: str  # as the writer sees it, e.g. "2. Bakgrund"
    text: str  # "⟦Malmö stad → ?⟧"


@dataclass(frozen=True)
class ExportReview:
    """What is still open in a draft about to be exported: `check`'s errors (other than the
    markers) and the markers, each once."""

    errors: list[Finding] = field(default_factory=list)
    markers: list[OpenMarker] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.errors and not self.markers

    def phrase(self) -> Text:
        """'5 fel och 1 markering ⟦… → ?⟧' / '5 errors and 1 marker ⟦… → ?⟧' (usecases.checks.open_items)."""
        from assistant.usecases.checks import open_items

        return open_items(len(self.errors), len(self.markers))


class ExportRefused(UserError):
    """`strict` and something is still open: nothing was written (exit 1, as `check` with errors)."""

    exit_code = 1

    def __init__(self, review: ExportReview) -> None:
        left = review.phrase()
        super().__init__(
            f"exporterar inte (--strict): {left.sv} kvar; inget skrevs",
            f"not exporting (--strict): {left.en} left; nothing was written",
        )
        self.review = review


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote. `pdf_unavailable`: a PDF was asked for but LibreOffice is missing."""

    docx: Path
    pages: PageCount | None  # the estimate (None if it could not be made; the .docx is written)
    pdf: Path | None = None
    pdf_pages: PageCount | None = None  # as LibreOffice laid the PDF out
    created_dir: Path | None = None
    pdf_unavailable: bool = False
    review: ExportReview = field(default_factory=ExportReview)  # what was still open when written
    budget_xlsx: Path | None = None  # the budget as a spreadsheet, when asked (usecases.package)
    comments: int = 0  # for review: the writer's open questions placed as Word comments
    tracked: int = 0  # for review since a version: the changes marked as tracked changes
    since_version: int | None = None  # that version's number


def review_notes(draft: Draft, review: ExportReview) -> list[ReviewNote]:
    """The writer's open questions as comments for reviewers (`export --review`), in the form's
    order: every open note on a section (on its anchor text, else the section's first paragraph,
    by its author), every unresolved marker and every carried-over figure not yet confirmed, on
    the text it is about."""
    from assistant.core.document.comments import ReviewNote
    from assistant.core.model.drafts.carried import open_facts
    from assistant.core.model.drafts.notes import open_notes

    notes = [ReviewNote(n.section, n.anchor, n.text, n.author, n.date) for n in open_notes(draft.notes)]
    notes += [
        ReviewNote(
            m.section,
            m.text,
            tr(f"Ej anpassat: {m.text} – vad gäller för vårt projekt?", f"Not adapted: {m.text} – what holds for us?"),
        )
        for m in review.markers
    ]
    for fact in open_facts(draft.carried, draft.sections):
        notes.append(
            ReviewNote(
                fact.section,
                fact.text,
                tr(
                    f"”{fact.text}” kommer från {fact.origin} – stämmer det för vårt projekt?",
                    f"“{fact.text}” comes from {fact.origin} – does it hold for our project?",
                ),
            )
        )
    order = {key: n for n, key in enumerate(draft.form.keys)}
    return sorted(notes, key=lambda note: order.get(note.section, len(order)))


def writer_name(draft: Draft) -> str:
    """Who the comments are by: the first contact, else the first signatory, else the organisation."""
    names = [c.name for c in draft.contacts] + [s.name for s in draft.signatories] + [draft.organisation]
    return next((n.strip() for n in names if n and n.strip()), "")


def export_application(
    draft: Draft | Path | str,
    output: Path | str | None = None,
    *,
    pdf: bool = False,
    create_parent: bool = False,
    strict: bool = False,
    budget_xlsx: Path | str | None = None,
    for_review: bool = False,
    since: str | None = None,
) -> ExportResult:
    """Write the draft as .docx (and PDF) where the rules above allow; UserError otherwise.

    `draft` is an open draft (its unsaved text is exported) or a draft file. `output` None means
    the default beside the draft; `create_parent` lets the one missing folder of a named output
    be created. Once the target is known good, the draft is reviewed (`ExportResult.review`), and
    `strict` raises ExportRefused (holding the review) if anything is open. Refusals come before
    anything is written. `for_review` puts the open questions in as Word comments; `since` (a
    version's number, the .docx sent, or "" for the last) also marks what changed since that
    version as tracked changes."""
    from assistant.usecases.drafts import open_draft

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    form = draft.form
    target, named = output_path(draft, output, for_review=for_review or since is not None)
    pdf_target = _pdf_target(draft, target) if pdf else None
    from assistant.usecases.package import write_budget_xlsx, xlsx_target

    sheet_target = xlsx_target(draft, budget_xlsx) if budget_xlsx is not None else None
    review = review_export(draft)
    if strict and not review.clean:
        raise ExportRefused(review)
    earlier = _since(draft, since) if since is not None else None
    created = ensure_parent(target, create=create_parent and named)
    from assistant.core.document.export import export_review_docx

    notes = review_notes(draft, review) if for_review else []
    written = export_review_docx(
        draft, target, form=form, comments=notes, author=writer_name(draft), since=earlier[1] if earlier else None
    )
    pages = _estimate(draft, form)
    done = ExportResult(
        docx=target,
        pages=pages,
        created_dir=created,
        review=review,
        comments=written.comments,
        tracked=written.changes,
        since_version=earlier[0] if earlier else None,
    )
    if sheet_target is not None:
        done = dataclasses.replace(done, budget_xlsx=write_budget_xlsx(draft, sheet_target, create=True))
    if pdf_target is None:
        return done
    from assistant.core.document.office import find_soffice

    if not find_soffice():
        return dataclasses.replace(done, pdf_unavailable=True)
    return dataclasses.replace(done, pdf=pdf_target, pdf_pages=_write_pdf(target, pdf_target, form))


def _since(draft: Draft, wanted: str) -> tuple[int, Since]:
    """The version `wanted` names (number, the .docx sent, "" for the last) and what changed since."""
    from assistant.core.document.export import Since
    from assistant.core.model.drafts.file import parse_draft
    from assistant.core.sources.review_versions import diff_sections, find_version

    if draft.path is None:
        raise UserError("utkastet har ingen fil, och därmed inga versioner", "the draft has no file, so no versions")
    version = find_version(Path(draft.path), wanted.strip() or None)
    old = parse_draft(version.text(), version.text_file)
    own = {e.key: e.text for e in draft.extra if not e.unplaced}
    was = {e.key: e.text for e in old.extra if not e.unplaced}
    changed = tuple(d.section for d in diff_sections(old.sections | was, draft.sections | own))
    return version.number, Since(old, changed)


def review_export(draft: Draft) -> ExportReview:
    """Every error `check` reports on the draft and every marker left in the text that is exported
    (the unplaced notes are not): what the interface's export dialog lists before "Exportera ändå"."""
    from assistant.core.model.markers import find_markers
    from assistant.usecases.checks import check_application

    checked = check_application(draft)
    titles = checked.section_titles()
    errors = [f for f in checked.report.errors if f.code != "marker"]
    texts = [(h.key, draft.text(h.key)) for h in checked.form.headings]
    texts += [(extra.key, extra.text) for extra in draft.extra if not extra.unplaced]
    markers = [
        OpenMarker(section=key, heading=titles.get(key, key), text=found.text)
        for key, text in texts
        for found in find_markers(text)
    ]
    return ExportReview(errors=errors, markers=markers)


def default_output(draft: Draft, *, for_review: bool = False) -> Path | None:
    """Where the .docx goes when the writer names no file: beside the draft (None: no draft file).
    A copy for review gets its own name ('utkast-granskning.docx'), so it never overwrites the copy
    made for the funder, which has the writer's private questions in it none of."""
    if draft.path is None:
        return None
    if for_review:
        return draft.path.with_name(draft.path.stem + tr("-granskning", "-for-review") + ".docx")
    return draft.path.with_suffix(".docx")


def output_path(draft: Draft, requested: Path | str | None, *, for_review: bool = False) -> tuple[Path, bool]:
    """Where to write, and whether the caller named it. Refuses what could write somewhere else."""
    if requested is None or not str(requested).strip():
        target = default_output(draft, for_review=for_review)
        if target is None:
            raise UserError("ange en fil att skriva till", "give a file to write to")
        named = False
    else:
        target = Path(requested).expanduser()
        named = True
        if os.path.isdir(target) or str(requested).endswith(("/", "\\")):  # os.path: no OSError
            raise UserError(
                "är en katalog; ange ett filnamn som slutar på .docx",
                "is a directory; give a file name ending in .docx",
                where=shown(target),
            )
        check_path(target)
        if target.suffix.lower() != ".docx":
            raise UserError("filnamnet ska sluta på .docx", "the file name must end in .docx", where=shown(target))
    _refuse_the_draft(draft, target)
    if not named:
        refuse_symlink(target)
    return target, named


def _refuse_the_draft(draft: Draft, target: Path) -> None:
    if draft.path is not None and target.resolve() == Path(draft.path).resolve():
        raise UserError(
            "skulle skriva över utkastet; välj ett annat namn",
            "would overwrite the draft; choose another name",
            where=target,
        )


def refuse_symlink(target: Path) -> None:
    """A file the writer did not name must not be written through a symbolic link."""
    if target.is_symlink():
        raise UserError(
            "är en symbolisk länk; ange utfilen med -o om du vill skriva dit",
            "is a symbolic link; name the output with -o to write there",
            where=target,
        )


def _pdf_target(draft: Draft, docx: Path) -> Path:
    """The PDF beside the .docx: a name nobody gave, so it is held to the default's rules."""
    target = docx.with_suffix(".pdf")
    _refuse_the_draft(draft, target)
    refuse_symlink(target)
    return target


def _estimate(draft: Draft, form: Form) -> PageCount | None:
    from assistant.core.document.layout import estimate_pages

    try:
        estimate = estimate_pages(draft, form)
    except UserError:
        return None
    return PageCount(
        pages=estimate.body_pages,
        limit=form.page.max_pages,
        uncounted=bool(form.page.uncounted),
        estimate=estimate.pages,
    )


def _write_pdf(docx: Path, target: Path, form: Form) -> PageCount:
    """Convert a copy in a private temp folder (LibreOffice writes there, non-atomically), count its
    pages, then put the PDF in place atomically."""
    from assistant.core.document.export import write_shared_file
    from assistant.core.document.office import pdf_of, uncounted_heading

    converted = pdf_of(docx, uncounted_heading(form))  # in a private work folder no kill leaves behind
    write_shared_file(target, converted.data)
    total, counted = converted.total, converted.counted
    return PageCount(
        pages=counted, limit=form.page.max_pages, uncounted=bool(form.page.uncounted), exact=True, total=total
    )
