"""`ansokan export DRAFT [-o OUT.docx] [--pdf]`: the .docx ready for signature (and a PDF).

Where an export may write is decided by `assistant.usecases.export`, the same for the interface.
"""

from __future__ import annotations

import argparse

from assistant.core.i18n import tr
from assistant.usecases.export import ExportResult, export_application


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help=tr(
            "skriv ansökan som .docx (och PDF) redo för underskrift",
            "write the application as .docx (and PDF) ready for signature",
        ),
    )
    p.add_argument(
        "draft", metavar=tr("UTKAST", "DRAFT"), help=tr("utkastet, t.ex. ansokan.md", "the draft, e.g. ansokan.md")
    )
    p.add_argument(
        "-o",
        "--output",
        metavar=tr("UT.docx", "OUT.docx"),
        help=tr("filen som skrivs (annars bredvid utkastet)", "the file to write (else beside the draft)"),
    )
    p.add_argument(
        "--pdf",
        action="store_true",
        help=tr("skriv också en PDF (kräver LibreOffice)", "also write a PDF (needs LibreOffice)"),
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    # A folder named with -o may be created (only that one folder); the default never needs one.
    result = export_application(args.draft, args.output, pdf=args.pdf, create_parent=args.output is not None)
    _print_result(result)
    return 0


def _print_result(result: ExportResult) -> None:
    if result.created_dir:
        print(tr(f"Skapade katalogen {result.created_dir}", f"Created the directory {result.created_dir}"))
    pages = f" ({result.pages.phrase()})" if result.pages else ""
    print(tr(f"Skrev {result.docx}{pages}", f"Wrote {result.docx}{pages}"))
    if result.pdf_unavailable:
        print(
            tr(
                "PDF skrevs inte: LibreOffice är inte installerat (öppna .docx-filen och spara som PDF).",
                "No PDF written: LibreOffice is not installed (open the .docx file and save it as PDF).",
            )
        )
    if result.pdf and result.pdf_pages:
        phrase = result.pdf_pages.phrase()
        print(
            tr(
                f"Skrev {result.pdf} ({phrase}, enligt LibreOffice)",
                f"Wrote {result.pdf} ({phrase}, as laid out by LibreOffice)",
            )
        )
