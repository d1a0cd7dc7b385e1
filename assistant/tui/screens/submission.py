"""Inskickning: what is still missing before the application is sent (the deadline and the days
left, each attachment the form asks for, errors, signatures), from usecases.submission; the
package itself is written by `ansokan package` (shown here as the next step)."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from assistant.core.model.drafts import Draft
from assistant.tui.i18n import localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.widgets.keybar import KeyBar
from assistant.usecases.submission import Readiness, readiness


def submission_lines(ready: Readiness) -> list[str]:
    """The screen's lines (plain text), in the language of the run."""
    from assistant.usecases.package import days_phrase

    draft = ready.draft
    if draft.deadline:
        lines = [tr("Sista ansökningsdag: ", "Deadline: ") + f"{draft.deadline} ({days_phrase(ready)})"]
    else:
        lines = [tr("Sista ansökningsdag: saknas", "Deadline: missing")]
    lines.append("")
    lines.append(tr("Bilagor:", "Attachments:"))
    for piece in ready.pieces:
        mark = "✓" if piece.present else "·"
        lines.append(f"  {mark} {piece.name.render()}")
    if not ready.pieces:
        lines.append(tr("  (formuläret kräver inga)", "  (the form asks for none)"))
    lines.append("")
    blockers = ready.blockers()
    if blockers:
        lines.append(tr("Saknas före inskickning:", "Missing before sending:"))
        lines += [f"  ! {b.render()}" for b in blockers]
    else:
        lines.append(tr("Redo att skickas.", "Ready to send."))
    lines.append("")
    lines.append(
        tr(
            "Bilagor läggs till med `ansokan attach UTKAST FIL --as SLAG`; paketet skrivs med `ansokan package UTKAST -o KATALOG`.",
            "Add attachments with `ansokan attach DRAFT FILE --as KIND`; write the package with `ansokan package DRAFT -o DIR`.",
        )
    )
    return lines


class SubmissionScreen(ClosesOnce, ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Tillbaka", id="check.close")]
    DEFAULT_CSS = """
    SubmissionScreen { align: center middle; }
    SubmissionScreen > Vertical { width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; padding: 1 2; background: $surface; }
    """

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(tr("Inskickning", "Submission"), id="submission-title")
            yield Static(tr("Kontrollerar …", "Checking …"), id="submission-body", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        try:
            text = "\n".join(submission_lines(readiness(self.draft)))
        except Exception as exc:  # a draft the checks cannot read: say so, never crash the screen
            text = tr(f"Kunde inte kontrollera: {exc}", f"Could not check: {exc}")
        self.app.call_from_thread(self._show, text)

    def _show(self, text: str) -> None:
        if self.is_attached:
            self.query_one("#submission-body", Static).update(text)

    def action_close(self) -> None:
        self.dismiss(None)
