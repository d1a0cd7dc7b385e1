"""Export dialog: what is still open (errors, ⟦… → ?⟧ markers), where to write the .docx,
optionally a PDF, and the result with its page count."""

from __future__ import annotations

import asyncio
import copy
import shutil
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, LoadingIndicator, Static

from assistant.core.errors import UserError
from assistant.core.i18n import format_number
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.usecases.export import ExportResult, ExportReview, default_output, export_application, review_export


class ExportScreen(ClosesOnce, ModalScreen[Path | None]):
    """Before anything is written the dialog says what is still open; with something open the
    button says "Exportera ändå", so exporting it is a choice, not a surprise."""

    DEFAULT_CSS = """
    ExportScreen .dialog { height: 90%; }
    ExportScreen .export-scroll { height: 1fr; }
    ExportScreen #export-review { height: auto; margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "close", "Avbryt", id="dialog.cancel")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.result: ExportResult | None = None  # the last export that was written
        self.review = reviewed(draft)

    def compose(self) -> ComposeResult:
        clean = self.review is None or self.review.clean
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Exportera till Word[/b]", "[b]Export to Word[/b]"), classes="dialog-title")
            with VerticalScroll(classes="export-scroll", can_focus=False):
                yield from self.fields()
            with Horizontal(classes="buttons"):
                yield Button(
                    tr("Exportera", "Export") if clean else tr("Exportera ändå", "Export anyway"),
                    id="export-go",
                    variant="primary" if clean else "warning",
                )
                yield Button(tr("Stäng", "Close") if clean else tr("Avbryt", "Cancel"), id="export-close")

    def fields(self) -> ComposeResult:
        yield Static(tr("Fil (.docx):", "File (.docx):"))
        yield Input(str(default_output(self.draft) or ""), id="export-path")
        yield Checkbox(
            tr(
                "Skapa även PDF (LibreOffice) och räkna sidorna",
                "Also create a PDF (LibreOffice) and count the pages",
            ),
            value=shutil.which("soffice") is not None,
            id="export-pdf",
        )
        yield LoadingIndicator(id="export-loading")
        yield Static(id="export-result")
        yield Static(review_text(self.review, self.draft), id="export-review")

    def on_mount(self) -> None:
        self.query_one("#export-loading").display = False
        self.query_one("#export-path", Input).focus()  # not the scrolling review above it

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.result.docx if self.result else None)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def start(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.show_error(tr("ange en fil att skriva till", "give a file to write to"))
            return
        try:
            output = requested_output(self.draft, text)
        except UserError as exc:
            self.show_error(exc.message(lang()))
            return
        self.query_one("#export-loading").display = True
        self.query_one("#export-go", Button).disabled = True
        self.query_one("#export-result", Static).update("")
        self.export(output, self.query_one("#export-pdf", Checkbox).value)

    class Exported(Message):
        def __init__(self, result: ExportResult | None, error: str | None) -> None:
            super().__init__()
            self.result = result
            self.error = error

    @work(exclusive=True, group="export")
    async def export(self, output: Path | None, with_pdf: bool) -> None:
        """The CLI's export (its rules on where it may write), on a copy of the draft, in a thread."""
        snapshot = copy.deepcopy(self.draft)
        try:
            result = await asyncio.to_thread(
                export_application, snapshot, output, pdf=with_pdf, create_parent=output is not None
            )
        except UserError as exc:
            self.post_message(self.Exported(None, exc.message(lang())))
        except OSError as exc:
            self.post_message(self.Exported(None, f"{exc.filename or output}: {exc.strerror or exc}"))
        else:
            self.post_message(self.Exported(result, None))

    def on_export_screen_exported(self, message: Exported) -> None:
        if message.result is None:
            self.show_error(message.error or "")
        else:
            self.show_result(message.result)

    def show_error(self, message: str) -> None:
        self.query_one("#export-loading").display = False
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-result", Static).update(Text(message, style="bold red"))

    def show_result(self, result: ExportResult) -> None:
        self.result = result
        self.query_one("#export-close", Button).label = tr("Stäng", "Close")
        self.query_one("#export-loading").display = False
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-result", Static).update(Text("\n".join(result_lines(result)), style="green"))


def reviewed(draft: Draft) -> ExportReview | None:
    """What is still open; None when the draft cannot be checked (the export then says why)."""
    try:
        return review_export(draft)
    except UserError:
        return None


def review_text(review: ExportReview | None, draft: Draft) -> Text:
    """The open errors and markers, each with the heading it stands under."""
    if review is None:
        return Text("")
    if review.clean:
        return Text(tr("Inga fel och inga öppna markeringar.", "No errors and no open markers."), style="green")
    text = Text(tr("Kvar att åtgärda: ", "Still open: ") + str(review.phrase()), style="bold")
    for finding in review.errors:
        heading = draft.form.heading(finding.section) if finding.section else None
        where = heading.display if heading else tr("hela ansökan", "the whole application")
        message = finding.message_en if lang() == "en" else finding.message
        text.append(f"\n• {where}: {message}")
    for marker in review.markers:
        text.append(f"\n• {marker.heading}: {marker.text}")
    return text


def requested_output(draft: Draft, text: str) -> Path | None:
    """What the writer named: None while the field holds the default (held to the default's rules)."""
    target = Path(text).expanduser()
    if target.name in ("", ".", ".."):  # no file name to give a suffix
        raise UserError("ange ett filnamn", "give a file name", where=text)
    if target.suffix.lower() != ".docx":
        target = target.with_suffix(".docx")
    return None if target == default_output(draft) else target


def result_lines(result: ExportResult) -> list[str]:
    lines = []
    if result.created_dir:
        lines.append(tr(f"Skapade katalogen {result.created_dir}", f"Created the directory {result.created_dir}"))
    lines.append(tr(f"Skrev {result.docx}", f"Wrote {result.docx}"))
    if result.pdf is not None:
        lines.append(tr(f"Skrev {result.pdf}", f"Wrote {result.pdf}"))
    if result.pdf_pages is not None:
        lines.append(tr("Räknat av LibreOffice: ", "Counted by LibreOffice: ") + result.pdf_pages.phrase())
    elif result.pages is not None and result.pages.estimate is not None:
        estimate = format_number(result.pages.estimate, decimals=1)
        lines.append(tr(f"uppskattat {estimate} sidor", f"estimated {estimate} pages"))
    if not result.review.clean:  # written all the same, as the CLI does without --strict
        lines.append(
            tr(
                f"Obs: {result.review.phrase()} finns kvar i texten (F8 visar var).",
                f"Note: {result.review.phrase()} still in the text (F8 shows where).",
            )
        )
    if result.pdf_unavailable:
        lines.append(
            tr(
                "PDF skrevs inte: LibreOffice är inte installerat (öppna .docx-filen och spara som PDF).",
                "No PDF written: LibreOffice is not installed (open the .docx file and save it as PDF).",
            )
        )
    return lines
