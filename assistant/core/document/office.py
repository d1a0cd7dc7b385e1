"""LibreOffice as the page-count truth: convert .docx to PDF and count pages.

Every conversion runs with its own throw-away LibreOffice profile (`-env:UserInstallation`),
so it neither touches the user's LibreOffice settings nor collides with a LibreOffice the
user has open. Several files are converted in one invocation when possible (start-up is
most of the cost).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form

CANDIDATES = ("soffice", "libreoffice")
KNOWN_PATHS = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
TIMEOUT_S = 180


class OfficeMissing(UserError):
    """LibreOffice is not installed (PDF export and the exact page count need it)."""


def find_soffice() -> str | None:
    """The LibreOffice executable, or None. $ANSOKAN_SOFFICE overrides the search."""
    override = os.environ.get("ANSOKAN_SOFFICE")
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in KNOWN_PATHS if Path(p).exists()), None)


def require_soffice() -> str:
    found = find_soffice()
    if not found:
        raise OfficeMissing(
            "LibreOffice saknas; installera det för PDF och exakt sidantal",
            "LibreOffice is not installed; install it for PDF and the exact page count",
            hint_sv="t.ex. apt install libreoffice-writer",
            hint_en="e.g. apt install libreoffice-writer",
        )
    return found


def convert_many(docs: list[Path], outdir: Path, *, timeout: float = TIMEOUT_S) -> list[Path]:
    """Convert .docx files to PDF in `outdir` with one LibreOffice run; returns the PDFs in order."""
    soffice = require_soffice()
    docs = [Path(d).resolve() for d in docs]
    outdir = Path(outdir).resolve()
    stems = [d.stem for d in docs]
    if len(set(stems)) != len(stems):
        raise UserError(
            "två filer med samma namn kan inte konverteras i samma katalog",
            "two files with the same name cannot be converted into one directory",
        )
    with tempfile.TemporaryDirectory(prefix="ansokan-lo-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, docs),
        ]
        try:
            result = subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise UserError(
                f"LibreOffice svarade inte inom {int(timeout)} s",
                f"LibreOffice did not finish within {int(timeout)} s",
                where=docs[0],
            ) from None
        except OSError as exc:
            raise OfficeMissing(
                f"LibreOffice kunde inte startas: {exc.strerror}", f"LibreOffice could not be started: {exc.strerror}"
            ) from None
    pdfs = [outdir / f"{d.stem}.pdf" for d in docs]
    missing = [p for p in pdfs if not p.exists()]
    if missing:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        raise UserError(
            f"LibreOffice kunde inte göra PDF av filen {detail[0]}".strip(),
            f"LibreOffice could not convert the file to PDF {detail[0]}".strip(),
            where=docs[pdfs.index(missing[0])],
        )
    return pdfs


def convert_to_pdf(docx: Path, outdir: Path, *, timeout: float = TIMEOUT_S) -> Path:
    """One .docx to PDF (in `outdir`, same stem)."""
    return convert_many([Path(docx)], Path(outdir), timeout=timeout)[0]


def pdf_page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(pdf)).pages)


def pdf_page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def counted_pages(pdf: Path, end_heading: str | None) -> tuple[int, int]:
    """(total pages, pages before the page where `end_heading` starts) of a converted PDF.

    Pages are read from the end (the signature page is last), so only a page or two is parsed.
    """
    from pypdf import PdfReader

    pages = PdfReader(str(pdf)).pages
    total = len(pages)
    if not end_heading:
        return total, total
    wanted = _squash(end_heading)
    for index in range(total - 1, -1, -1):
        if wanted in _squash(pages[index].extract_text() or ""):
            return total, index
    return total, total


def uncounted_heading(form: Form) -> str | None:
    """The display text of the first uncounted heading that starts its own page (the signature)."""
    for heading in form.headings:
        if heading.key in form.page.uncounted and heading.own_page:
            return heading.display
    return None


def exact_pages(draft: Draft, form: Form | None = None) -> tuple[int, int]:
    """(total, counted) pages of the exported draft, as LibreOffice lays it out."""
    from assistant.core.document.export import export_docx  # python-docx only when exporting

    form = form or draft.form
    require_soffice()
    with tempfile.TemporaryDirectory(prefix="ansokan-pages-") as tmp:
        docx = export_docx(draft, Path(tmp) / "utkast.docx", form=form)
        pdf = convert_to_pdf(docx, Path(tmp))
        return counted_pages(pdf, uncounted_heading(form))
