"""Export dialog: where to write the .docx, optionally a PDF, and the result with its page count."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, LoadingIndicator, Static

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.tui import services
from assistant.tui.i18n import lang, localise_bindings, tr


def default_docx(draft: Draft) -> Path:
    base = draft.path or Path.cwd() / "ansokan.md"
    return base.with_suffix(".docx")


class ExportScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "close", "Avbryt", id="dialog.cancel")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.written: Path | None = None
        self.pdf: Path | None = None
        self.pages: int | None = None
        self.done = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(tr("[b]Exportera till Word[/b]", "[b]Export to Word[/b]"), classes="dialog-title")
            yield Static(tr("Fil (.docx):", "File (.docx):"))
            yield Input(str(default_docx(self.draft)), id="export-path")
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
            with Horizontal(classes="buttons"):
                yield Button(tr("Exportera", "Export"), id="export-go", variant="primary")
                yield Button(tr("Stäng", "Close"), id="export-close")

    def on_mount(self) -> None:
        self.query_one("#export-loading").display = False

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.written)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def start(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.show_error(tr("ange en fil att skriva till", "give a file to write to"))
            return
        target = Path(text).expanduser()
        if target.suffix.lower() != ".docx":
            target = target.with_suffix(".docx")
        self.query_one("#export-loading").display = True
        self.query_one("#export-go", Button).disabled = True
        self.query_one("#export-result", Static).update("")
        self.export(target, self.query_one("#export-pdf", Checkbox).value)

    @work(exclusive=True, thread=True, group="export")
    def export(self, target: Path, with_pdf: bool) -> None:
        pdf = pages = estimate = None
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            written = Path(services.export_docx(self.draft, target, self.draft.form))
            if with_pdf:
                pdf = Path(services.convert_to_pdf(written, written.parent))
                pages = services.pdf_pages(pdf, self.draft.form)
            else:
                try:
                    estimate = services.estimate_pages(self.draft, self.draft.form)
                except UserError:
                    estimate = None
        except UserError as exc:
            self.app.call_from_thread(self.show_error, exc.message(lang()))
            return
        except OSError as exc:
            self.app.call_from_thread(self.show_error, f"{target}: {exc.strerror or exc}")
            return
        self.app.call_from_thread(self.show_result, written, pdf, pages, estimate)

    def show_error(self, message: str) -> None:
        if not self.is_mounted:  # the screen closed while the worker ran
            return
        self.query_one("#export-loading").display = False
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-result", Static).update(Text(message, style="bold red"))
        self.done = True

    def show_result(self, written: Path, pdf: Path | None, pages: tuple[int, int] | None, estimate: Any) -> None:
        if not self.is_mounted:  # the screen closed while the worker ran
            return
        self.written, self.pdf = written, pdf
        self.pages = pages[1] if pages else None
        self.query_one("#export-loading").display = False
        self.query_one("#export-go", Button).disabled = False
        lines = [tr(f"Skrev {written}", f"Wrote {written}")]
        if pdf is not None:
            lines.append(tr(f"Skrev {pdf}", f"Wrote {pdf}"))
        limit = self.draft.form.page.max_pages
        if pages is not None:
            total, counted = pages
            lines.append(
                tr(f"{counted} sidor som räknas", f"{counted} pages that count")
                + (tr(f" av högst {limit}", f" of at most {limit}") if limit else "")
                + (tr(f", {total} totalt", f", {total} in total") if total != counted else "")
            )
        elif estimate is not None:
            shown = f"{float(estimate.pages):.1f}"
            lines.append(tr(f"uppskattat {shown.replace('.', ',')} sidor", f"estimated {shown} pages"))
        self.query_one("#export-result", Static).update(Text("\n".join(lines), style="green"))
        self.done = True
