"""`ansokan export DRAFT [-o OUT.docx] [--pdf]`: the .docx ready for signature (and a PDF)."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from assistant.commands._common import lang, t
from assistant.core.errors import UserError
from assistant.core.model.drafts import load_draft


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="skriv ansökan som .docx (och PDF) redo för underskrift")
    p.add_argument("draft", metavar="UTKAST", help="utkastet, t.ex. ansokan.md")
    p.add_argument("-o", "--output", metavar="UT.docx", help="filen som skrivs (annars bredvid utkastet)")
    p.add_argument("--pdf", action="store_true", help="skriv också en PDF (kräver LibreOffice)")
    p.set_defaults(func=cmd_export)


def output_path(draft_path: Path, requested: str | None) -> tuple[Path, bool]:
    """Where to write, and whether the user named it. Refuses what could write somewhere else."""
    if requested is None:
        target = draft_path.with_suffix(".docx")
        named = False
    else:
        target = Path(requested).expanduser()
        named = True
        if target.is_dir() or requested.endswith(("/", "\\")):
            raise UserError(
                "är en katalog; ange ett filnamn som slutar på .docx",
                "is a directory; give a file name ending in .docx",
                where=target,
            )
        if target.suffix.lower() != ".docx":
            raise UserError("filnamnet ska sluta på .docx", "the file name must end in .docx", where=target)
    if target.resolve() == draft_path.resolve():
        raise UserError(
            "skulle skriva över utkastet; välj ett annat namn",
            "would overwrite the draft; choose another name",
            where=target,
        )
    if not named:
        refuse_symlink(target)
    return target, named


def refuse_symlink(target: Path) -> None:
    """A file the user did not name must not be written through a symbolic link."""
    if target.is_symlink():
        raise UserError(
            "är en symbolisk länk; ange utfilen med -o om du vill skriva dit",
            "is a symbolic link; name the output with -o to write there",
            where=target,
        )


def ensure_parent(target: Path, *, named: bool) -> Path | None:
    """Create the one directory the user named for the output, never a chain of directories."""
    parent = target.parent
    if parent.is_dir():
        return None
    if not named or not parent.parent.is_dir():
        raise UserError("katalogen finns inte", "the directory does not exist", where=parent)
    parent.mkdir()
    return parent


def cmd_export(args: argparse.Namespace) -> int:
    from assistant.core.document.export import export_docx
    from assistant.core.document.layout import estimate_pages

    draft_path = Path(args.draft)
    draft = load_draft(draft_path)
    form = draft.form
    target, named = output_path(draft_path, args.output)
    created = ensure_parent(target, named=named)
    if created:
        print(t(args, f"Skapade katalogen {created}", f"Created the directory {created}"))
    export_docx(draft, target, form=form)
    estimate = estimate_pages(draft, form)
    pages = _pages(args, estimate.body_pages, form)
    print(t(args, f"Skrev {target} ({pages})", f"Wrote {target} ({pages})"))
    if args.pdf:
        _export_pdf(args, target, form)
    return 0


def _pages(args: argparse.Namespace, pages: int, form) -> str:
    """ "7 sidor + underskriftssida; gräns 7" in the invocation's language."""
    en = lang(args) == "en"
    unit = (lambda n: "page" if n == 1 else "pages") if en else (lambda n: "sida" if n == 1 else "sidor")
    text = f"{pages} {unit(pages)}"
    if form.page.uncounted:
        text += " + signature page" if en else " + underskriftssida"
    limit = form.page.max_pages
    if limit:
        text += f"; {'limit' if en else 'gräns'} {limit}"
        if pages > limit:
            text += f", {pages - limit} {unit(pages - limit)} {'too many' if en else 'för mycket'}"
    return text


def _export_pdf(args: argparse.Namespace, docx: Path, form) -> None:
    from assistant.core.document.export import write_shared_file
    from assistant.core.document.office import convert_to_pdf, counted_pages, find_soffice, uncounted_heading

    if not find_soffice():
        print(
            t(
                args,
                "PDF skrevs inte: LibreOffice är inte installerat (öppna .docx-filen och spara som PDF).",
                "No PDF written: LibreOffice is not installed (open the .docx file and save it as PDF).",
            )
        )
        return
    pdf_target = docx.with_suffix(".pdf")
    refuse_symlink(pdf_target)
    with tempfile.TemporaryDirectory(prefix="ansokan-pdf-") as tmp:
        copy = Path(tmp) / docx.name
        copy.write_bytes(docx.read_bytes())
        pdf = convert_to_pdf(copy, Path(tmp))
        _total, counted = counted_pages(pdf, uncounted_heading(form))
        write_shared_file(pdf_target, pdf.read_bytes())
    pages = _pages(args, counted, form)
    print(
        t(
            args,
            f"Skrev {pdf_target} ({pages}, enligt LibreOffice)",
            f"Wrote {pdf_target} ({pages}, as laid out by LibreOffice)",
        )
    )
