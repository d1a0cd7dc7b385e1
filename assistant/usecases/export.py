"""Export a draft as the .docx ready for signature, and a PDF when asked: the one place with the
rules about where an export may write (docs/data-promises.md, "Export writes only where you asked").

- Without a named output the .docx goes beside the draft, and that default file must not be a
  symbolic link (a link planted there would send the export somewhere else).
- A named output (`-o`, the interface's file field) is followed literally, `../` included.
- Only the one missing folder of a named output is created, and only when the caller asks.
- The draft itself is never overwritten, whatever the names.
- The .docx and the PDF are written atomically (storage.atomic): the file on disk is the old
  version or the new one, whole; a failure leaves no temp file behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.core.errors import UserError
from assistant.core.i18n import Text
from assistant.usecases.drafts import ensure_parent

if TYPE_CHECKING:
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
class ExportResult:
    """What an export wrote. `pdf_unavailable`: a PDF was asked for but LibreOffice is missing."""

    docx: Path
    pages: PageCount | None  # the estimate (None if it could not be made; the .docx is written)
    pdf: Path | None = None
    pdf_pages: PageCount | None = None  # as LibreOffice laid the PDF out
    created_dir: Path | None = None
    pdf_unavailable: bool = False


def export_application(
    draft: Draft | Path | str,
    output: Path | str | None = None,
    *,
    pdf: bool = False,
    create_parent: bool = False,
) -> ExportResult:
    """Write the draft as .docx (and PDF) where the rules above allow; UserError otherwise.

    `draft` is an open draft (its unsaved text is exported) or a draft file. `output` None means
    the default beside the draft; `create_parent` lets the one missing folder of a named output
    be created. Refusals come before anything is written."""
    from assistant.usecases.drafts import open_draft

    if isinstance(draft, (str, Path)):
        draft = open_draft(draft)
    form = draft.form
    target, named = output_path(draft, output)
    pdf_target = _pdf_target(draft, target) if pdf else None
    created = ensure_parent(target, create=create_parent and named)
    from assistant.core.document.export import export_docx

    export_docx(draft, target, form=form)
    pages = _estimate(draft, form)
    if pdf_target is None:
        return ExportResult(docx=target, pages=pages, created_dir=created)
    from assistant.core.document.office import find_soffice

    if not find_soffice():
        return ExportResult(docx=target, pages=pages, created_dir=created, pdf_unavailable=True)
    pdf_pages = _write_pdf(target, pdf_target, form)
    return ExportResult(docx=target, pages=pages, pdf=pdf_target, pdf_pages=pdf_pages, created_dir=created)


def default_output(draft: Draft) -> Path | None:
    """Where the .docx goes when the writer names no file: beside the draft (None: no draft file)."""
    return draft.path.with_suffix(".docx") if draft.path is not None else None


def output_path(draft: Draft, requested: Path | str | None) -> tuple[Path, bool]:
    """Where to write, and whether the caller named it. Refuses what could write somewhere else."""
    if requested is None or not str(requested).strip():
        target = default_output(draft)
        if target is None:
            raise UserError("ange en fil att skriva till", "give a file to write to")
        named = False
    else:
        target = Path(requested).expanduser()
        named = True
        if target.is_dir() or str(requested).endswith(("/", "\\")):
            raise UserError(
                "är en katalog; ange ett filnamn som slutar på .docx",
                "is a directory; give a file name ending in .docx",
                where=target,
            )
        if target.suffix.lower() != ".docx":
            raise UserError("filnamnet ska sluta på .docx", "the file name must end in .docx", where=target)
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
    import tempfile

    from assistant.core.document.export import write_shared_file
    from assistant.core.document.office import convert_to_pdf, counted_pages, uncounted_heading

    with tempfile.TemporaryDirectory(prefix="ansokan-pdf-") as tmp:
        copy = Path(tmp) / docx.name
        copy.write_bytes(docx.read_bytes())
        converted = convert_to_pdf(copy, Path(tmp))
        total, counted = counted_pages(converted, uncounted_heading(form))
        write_shared_file(target, converted.read_bytes())
    return PageCount(
        pages=counted, limit=form.page.max_pages, uncounted=bool(form.page.uncounted), exact=True, total=total
    )
