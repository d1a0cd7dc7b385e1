"""Export dialog: what is still open (errors, ⟦… → ?⟧ markers), where to write the .docx,
optionally a PDF, for review (the open questions as Word comments, and what changed since a version
sent before as tracked changes), and the result with its page count. Every export is kept as a
version, as `ansokan export` keeps one."""

from __future__ import annotations

import asyncio
import copy
import shutil
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, LoadingIndicator, Select, Static

from assistant.core.errors import UserError
from assistant.core.i18n import format_number
from assistant.core.model.drafts import Draft
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.usecases.export import ExportResult, ExportReview, default_output, export_application, review_export
from assistant.usecases.review import keep_exported_version, sent_versions

if TYPE_CHECKING:
    from assistant.usecases.review import Version


class ExportScreen(ClosesOnce, ModalScreen[Path | None]):
    """Before anything is written the dialog says what is still open; with something open the
    button says "Exportera ändå", so exporting it is a choice, not a surprise."""

    DEFAULT_CSS = """
    ExportScreen .dialog { height: 90%; }
    ExportScreen .export-scroll { height: 1fr; }
    ExportScreen #export-review { height: auto; margin-top: 1; }
    ExportScreen #export-review-hint { color: $text-muted; padding: 0 1 0 5; }
    ExportScreen #export-since-row { height: auto; }
    ExportScreen #export-since-version { width: 1fr; margin-top: 1; }
    """

    BINDINGS = [Binding("escape", "close", "Avbryt", id="dialog.cancel")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.result: ExportResult | None = None  # the last export that was written
        self.review = reviewed(draft)
        self.versions = kept_versions(draft)

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
        yield Checkbox(tr("För granskning, med kommentarer", "For review, with comments"), id="export-for-review")
        yield Static(
            tr(
                "Anteckningar, markeringar ⟦… → ?⟧ och obekräftade siffror blir kommentarer i marginalen.",
                "Notes, markers ⟦… → ?⟧ and unconfirmed figures become comments in the margin.",
            ),
            id="export-review-hint",
        )
        with Horizontal(id="export-since-row"):
            yield Checkbox(tr("Med ändringar sedan", "With changes since"), id="export-since")
            yield Select(
                version_options(self.versions),
                value=str(self.versions[-1].number) if self.versions else Select.NULL,
                allow_blank=not self.versions,
                prompt=tr("Välj version", "Choose a version"),
                compact=True,
                id="export-since-version",
            )
        yield LoadingIndicator(id="export-loading")
        yield Static(id="export-result")
        yield Static(review_text(self.review, self.draft), id="export-review")

    def on_mount(self) -> None:
        self.query_one("#export-loading").display = False
        self.query_one("#export-since-row").display = bool(self.versions)  # nothing sent before: no choice
        self.query_one("#export-path", Input).focus()  # not the scrolling review above it
        scroll = self.query_one(".export-scroll", VerticalScroll)
        self.call_after_refresh(scroll.scroll_home, animate=False)  # the field's label too, not only the field

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.result.docx if self.result else None)

    @on(Checkbox.Changed, "#export-for-review")
    def review_chosen(self, event: Checkbox.Changed) -> None:
        if not event.value:  # the changes since a version are a review copy's
            self.query_one("#export-since", Checkbox).value = False
        # A review copy has its own default name, so it never overwrites the funder's copy; a name the
        # writer typed is theirs and stays.
        field = self.query_one("#export-path", Input)
        if field.value.strip() == str(default_output(self.draft, for_review=not event.value) or ""):
            field.value = str(default_output(self.draft, for_review=event.value) or "")

    @on(Checkbox.Changed, "#export-since")
    def since_chosen(self, event: Checkbox.Changed) -> None:
        if event.value:
            self.query_one("#export-for-review", Checkbox).value = True

    @on(Select.Changed, "#export-since-version")
    def version_chosen(self, event: Select.Changed) -> None:
        if event.value != Select.NULL and self.versions and event.select.has_focus_within:
            self.query_one("#export-since", Checkbox).value = True  # choosing a version asks for it

    def since(self) -> str | None:
        """The version to mark changes since ("2"), or None: not asked for, or nothing sent before."""
        chosen = self.query_one("#export-since-version", Select).value
        if not self.versions or not self.query_one("#export-since", Checkbox).value or chosen == Select.NULL:
            return None
        return str(chosen)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def start(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.show_error(tr("ange en fil att skriva till", "give a file to write to"))
            return
        try:
            output = requested_output(self.draft, text, for_review=self.for_review())
        except UserError as exc:
            self.show_error(exc.message(lang()))
            return
        self.query_one("#export-loading").display = True
        self.query_one("#export-go", Button).disabled = True
        self.query_one("#export-result", Static).update("")
        self.export(output, self.query_one("#export-pdf", Checkbox).value, self.for_review(), self.since())

    def for_review(self) -> bool:
        return self.since() is not None or self.query_one("#export-for-review", Checkbox).value

    class Exported(Message):
        def __init__(
            self, result: ExportResult | None, error: str | None, kept: list[str] | None = None, review: bool = False
        ) -> None:
            super().__init__()
            self.result = result
            self.error = error
            self.kept = kept or []  # the line about the version kept
            self.review = review

    @work(exclusive=True, group="export")
    async def export(self, output: Path | None, with_pdf: bool, for_review: bool, since: str | None) -> None:
        """The CLI's export (its rules on where it may write), on a copy of the draft, in a thread;
        then the copy, as exported, kept as a version (as `ansokan export` keeps one)."""
        snapshot = copy.deepcopy(self.draft)
        try:
            result = await asyncio.to_thread(
                export_application,
                snapshot,
                output,
                pdf=with_pdf,
                create_parent=output is not None,
                for_review=for_review,
                since=since,
            )
        except UserError as exc:
            self.post_message(self.Exported(None, exc.message(lang())))
            return
        except OSError as exc:
            self.post_message(self.Exported(None, f"{exc.filename or output}: {exc.strerror or exc}"))
            return
        try:
            version = await asyncio.to_thread(keep_exported_version, snapshot, result.docx)
        except OSError as exc:  # the export stands; only the record of it is missing
            kept = [tr(f"Versionen sparades inte ({exc})", f"The version was not kept ({exc})")]
        else:
            kept = [version_kept(version)] if version is not None else []
        self.post_message(self.Exported(result, None, kept, for_review))

    def on_export_screen_exported(self, message: Exported) -> None:
        if message.result is None:
            self.show_error(message.error or "")
        else:
            self.refresh_versions()
            self.show_result(message.result, message.kept, message.review)

    def refresh_versions(self) -> None:
        """The version just kept is one to mark changes since, next time (the last, by default)."""
        versions = kept_versions(self.draft)
        if [v.number for v in versions] == [v.number for v in self.versions]:
            return
        self.versions = versions
        select = self.query_one("#export-since-version", Select)
        select.set_options(version_options(versions))
        select.value = str(versions[-1].number)
        self.query_one("#export-since-row").display = True

    def show_error(self, message: str) -> None:
        self.query_one("#export-loading").display = False
        self.query_one("#export-go", Button).disabled = False
        self.query_one("#export-result", Static).update(Text(message, style="bold red"))

    def show_result(self, result: ExportResult, kept: list[str] | None = None, for_review: bool = False) -> None:
        self.result = result
        self.query_one("#export-close", Button).label = tr("Stäng", "Close")
        self.query_one("#export-loading").display = False
        self.query_one("#export-go", Button).disabled = False
        lines = result_lines(result, for_review=for_review, kept=kept or [])
        shown = self.query_one("#export-result", Static)
        shown.update(Text("\n".join(lines), style="green"))
        self.call_after_refresh(shown.scroll_visible)  # below the fold of a short terminal


def reviewed(draft: Draft) -> ExportReview | None:
    """What is still open; None when the draft cannot be checked (the export then says why)."""
    try:
        return review_export(draft)
    except UserError:
        return None


def kept_versions(draft: Draft) -> list[Version]:
    """The versions sent before (none when the folder cannot be read: the export still works)."""
    try:
        return sent_versions(draft)
    except OSError:
        return []


def version_options(versions: list[Version]) -> list[tuple[str, str]]:
    """'version 2 (4/12 01:40)' for each version, the last first."""
    options = []
    for version in reversed(versions):
        try:
            saved = datetime.fromisoformat(version.saved).astimezone()
            when = f"{saved.day}/{saved.month} {saved:%H:%M}"
        except ValueError:
            when = version.saved
        options.append((f"version {version.number} ({when})", str(version.number)))
    return options


def version_kept(version: Version) -> str:
    return tr(
        f"Sparade det som version {version.number} (att jämföra med nästa gång)",
        f"Kept it as version {version.number} (to compare with next time)",
    )


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


def requested_output(draft: Draft, text: str, *, for_review: bool = False) -> Path | None:
    """What the writer named: None while the field holds the default (held to the default's rules)."""
    target = Path(text).expanduser()
    if target.name in ("", ".", ".."):  # no file name to give a suffix
        raise UserError("ange ett filnamn", "give a file name", where=text)
    if target.suffix.lower() != ".docx":
        target = target.with_suffix(".docx")
    return None if target == default_output(draft, for_review=for_review) else target


def result_lines(result: ExportResult, *, for_review: bool = False, kept: list[str] | None = None) -> list[str]:
    """What was written, for review what it holds, the version kept (`kept`), then pages and PDF."""
    lines = []
    if result.created_dir:
        lines.append(tr(f"Skapade katalogen {result.created_dir}", f"Created the directory {result.created_dir}"))
    lines.append(tr(f"Skrev {result.docx}", f"Wrote {result.docx}"))
    if for_review or result.since_version is not None:
        lines.append(review_line(result))
    lines += kept or []  # before the pages: a short terminal shows the first lines
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


def review_line(result: ExportResult) -> str:
    """'3 kommentarer, 4 spårade ändringar sedan version 2' / '3 comments, 4 tracked changes since version 2'."""
    n = result.comments
    if n == 0:
        text = tr("inga kommentarer", "no comments")
    else:
        text = tr(f"{n} {'kommentar' if n == 1 else 'kommentarer'}", f"{n} {'comment' if n == 1 else 'comments'}")
    if result.since_version is None:
        return text[:1].upper() + text[1:] + tr(" till granskarna", " for the reviewers")
    t, v = result.tracked, result.since_version
    if t == 0:
        changes = tr(f"inga ändringar sedan version {v}", f"no changes since version {v}")
    else:
        changes = tr(
            f"{t} {'spårad ändring' if t == 1 else 'spårade ändringar'} sedan version {v}",
            f"{t} tracked {'change' if t == 1 else 'changes'} since version {v}",
        )
    return text[:1].upper() + text[1:] + ", " + changes
