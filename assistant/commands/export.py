"""`ansokan export DRAFT [-o OUT.docx] [--pdf] [--strict] [--review [--since VERSION]]`: the .docx
ready for signature (and a PDF); for review, with comments and tracked changes.

Where an export may write is decided by `assistant.usecases.export`, the same for the interface.
Before writing, every error `check` reports and every ⟦… → ?⟧ marker left in the text is listed
on stderr; `--strict` then refuses (exit 1) and writes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.core.i18n import language, tr
from assistant.usecases.export import ExportRefused, ExportResult, ExportReview, export_application
from assistant.usecases.review import keep_sent_version


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
    p.add_argument(
        "--strict",
        action="store_true",
        help=tr(
            "skriv ingenting medan fel eller markeringar ⟦… → ?⟧ finns kvar (slutkod 1)",
            "write nothing while errors or markers ⟦… → ?⟧ remain (exit code 1)",
        ),
    )
    p.add_argument(
        "--budget-xlsx",
        metavar=tr("BUDGET.xlsx", "BUDGET.xlsx"),
        help=tr(
            "skriv också budgeten som kalkylblad med levande formler",
            "also write the budget as a spreadsheet with live formulas",
        ),
    )
    p.add_argument(
        "--review",
        action="store_true",
        help=tr(
            "för granskning: varje öppen fråga (markering ⟦… → ?⟧, obekräftat överfört värde) blir en kommentar i Word",
            "for review: every open question (a marker ⟦… → ?⟧, an unconfirmed carried-over figure) becomes a Word comment",
        ),
    )
    p.add_argument(
        "--since",
        nargs="?",
        const="",
        metavar=tr("VERSION", "VERSION"),
        help=tr(
            "med --review: det som ändrats sedan versionen (nummer eller den skickade .docx-filen; "
            "annars den senaste) visas som spårade ändringar",
            "with --review: what changed since the version (its number or the .docx sent; else the last) "
            "is shown as tracked changes",
        ),
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    # A folder named with -o may be created (only that one folder); the default never needs one.
    try:
        result = export_application(
            args.draft,
            args.output,
            pdf=args.pdf,
            create_parent=args.output is not None,
            strict=args.strict,
            budget_xlsx=args.budget_xlsx,
            for_review=args.review or args.since is not None,
            since=args.since,
        )
    except ExportRefused as refused:
        _print_review(refused.review)
        raise
    _print_review(result.review)
    _print_result(result, _keep_version(args.draft, result.docx))
    return 0


def _keep_version(draft: Path | str, docx: Path) -> str | None:
    """Keep what was sent as a numbered version; the line that says so, or None when it could not
    be kept (said on stderr: the export itself is written, only the record of it is missing)."""
    try:
        version = keep_sent_version(draft, docx)
    except OSError as exc:
        print(
            tr(f"ansokan: versionen sparades inte ({exc})", f"ansokan: the version was not kept ({exc})"),
            file=sys.stderr,
        )
        return None
    return tr(
        f"Sparade det som version {version.number} (`ansokan diff` visar vad du ändrar sedan)",
        f"Kept it as version {version.number} (`ansokan diff` shows what you change since)",
    )


def _print_review(review: ExportReview) -> None:
    """What is still open when the draft was exported (or refused), on stderr; stdout says what was
    written. A refusal for any other reason (a bad -o, an unreadable form) stays one line."""
    if review.clean:
        return
    lang = language()
    lines = [tr(f"ansokan: kvar i ansökan: {review.phrase().sv}", f"ansokan: still open: {review.phrase().en}")]
    lines += [f"  {tr('FEL', 'ERROR')}  {f.text(lang)}" for f in review.errors]
    lines += [f"  {tr('MARKERING', 'MARKER')}  {m.heading}: {m.text}" for m in review.markers]
    if review.markers:
        lines.append(
            tr(
                "  (markeringarna är gulmarkerade i dokumentet; `ansokan check` visar var)",
                "  (the markers are highlighted in yellow in the document; `ansokan check` shows where)",
            )
        )
    print("\n".join(lines), file=sys.stderr)


def _print_result(result: ExportResult, version_line: str | None) -> None:
    """What was written, the version kept beside it, then what became of the PDF (last, where a
    writer who asked for one looks)."""
    if result.created_dir:
        print(tr(f"Skapade katalogen {result.created_dir}", f"Created the directory {result.created_dir}"))
    pages = f" ({result.pages.phrase()})" if result.pages else ""
    print(tr(f"Skrev {result.docx}{pages}", f"Wrote {result.docx}{pages}"))
    if result.comments:
        n = result.comments
        print(
            tr(
                f"{n} {'kommentar' if n == 1 else 'kommentarer'} till granskarna",
                f"{n} {'comment' if n == 1 else 'comments'} for the reviewers",
            )
        )
    if result.since_version is not None:
        n, v = result.tracked, result.since_version
        print(
            tr(
                f"{n} {'spårad ändring' if n == 1 else 'spårade ändringar'} sedan version {v}",
                f"{n} tracked {'change' if n == 1 else 'changes'} since version {v}",
            )
        )
    if result.budget_xlsx:
        print(tr(f"Skrev {result.budget_xlsx} (budgeten)", f"Wrote {result.budget_xlsx} (the budget)"))
    if version_line:
        print(version_line)
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
