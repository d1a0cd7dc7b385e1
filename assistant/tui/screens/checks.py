"""All findings grouped by section; choosing one jumps there. Exact page count via LibreOffice."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.tui import services
from assistant.tui.i18n import lang, localise_bindings, tr

STYLE = {"fel": "bold red", "varning": "yellow", "info": "dim"}
ORDER = {"fel": 0, "varning": 1, "info": 2}


def group_findings(findings: list[Any], form) -> dict[str, list[Any]]:
    """Findings per section key in the form's order; findings about the whole draft under ''."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        key = getattr(f, "section", "") or ""
        grouped[key if form.heading(key) else ""].append(f)
    order = ["", *form.keys]
    return {k: sorted(grouped[k], key=lambda f: ORDER.get(services.severity(f), 3)) for k in order if grouped.get(k)}


class CheckScreen(Screen[tuple[dict, str | None] | None]):
    BINDINGS = [
        Binding("escape", "close", "Tillbaka", id="check.close"),
        Binding("ctrl+e", "exact", "Exakt sidantal", id="check.exact"),
        Binding("ctrl+r", "rerun", "Kör igen", id="check.rerun"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.form = draft.form
        self.grouped: dict[str, list[Any]] = {}
        self.report: Any = None
        self.exact: int | None = None
        self.finished = False  # the first run has shown its result (tests wait on it)

    def compose(self) -> ComposeResult:
        yield Static(tr(f"[b]Kontroll[/b] · {self.draft.title}", f"[b]Check[/b] · {self.draft.title}"), id="titlebar")
        with Vertical(id="check-body"):
            yield Static(id="check-summary")
            yield LoadingIndicator(id="check-loading")
            yield OptionList(id="findings")
            with Horizontal(id="check-buttons"):
                yield Button(tr("Exakt sidantal (LibreOffice)", "Exact page count (LibreOffice)"), id="exact")
                yield Static(id="exact-result")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#findings").display = False
        self.run_all()

    def action_rerun(self) -> None:
        self.query_one("#check-loading").display = True
        self.run_all()

    @work(exclusive=True, thread=True, group="checks")
    def run_all(self) -> None:
        try:
            report, error = services.run_checks(self.draft, self.form), None
        except UserError as exc:
            report, error = None, exc.message(lang())
        self.app.call_from_thread(self.show_report, report, error)

    def show_report(self, report: Any, error: str | None) -> None:
        if not self.is_mounted:  # the screen closed while the worker ran
            return
        self.report = report
        self.query_one("#check-loading").display = False
        options = self.query_one("#findings", OptionList)
        options.display = True
        options.clear_options()
        if error:
            self.query_one("#check-summary", Static).update(
                tr("Kontrollerna är inte tillgängliga: ", "The checks are not available: ") + error
            )
            self.finished = True
            return
        findings = list(getattr(report, "findings", []))
        self.grouped = group_findings(findings, self.form)
        counts = {s: sum(1 for f in findings if services.severity(f) == s) for s in ORDER}
        summary = tr(
            f"{counts['fel']} fel, {counts['varning']} varningar, {counts['info']} upplysningar",
            f"{counts['fel']} errors, {counts['varning']} warnings, {counts['info']} notes",
        )
        pages = getattr(report, "pages", None) or {}
        estimate = pages.get("estimate") if isinstance(pages, dict) else None
        if estimate is not None:
            shown = f"{float(estimate):.1f}"
            shown = shown.replace(".", ",") if lang() == "sv" else shown
            limit = self.form.page.max_pages
            summary += tr(f" · uppskattat {shown}", f" · estimated {shown}") + (
                tr(f" av {limit} sidor", f" of {limit} pages") if limit else tr(" sidor", " pages")
            )
        self.query_one("#check-summary", Static).update(summary)
        for key, items in self.grouped.items():
            heading = self.form.heading(key)
            title = heading.display if heading else tr("Hela ansökan", "The whole application")
            options.add_option(Option(Text(title, style="bold underline"), disabled=True))
            for i, f in enumerate(items):
                label = Text("  ")
                label.append(services.severity_label(f), style=STYLE.get(services.severity(f), ""))
                label.append(": " + services.finding_message(f))
                hint = services.finding_hint(f)
                if hint:
                    label.append("\n    " + hint, style="dim")
                options.add_option(Option(label, id=f"{key or '_'}:{i}"))
        if not self.grouped:
            options.add_option(
                Option(Text(tr("Inga anmärkningar – bra!", "No remarks – well done!"), style="green"), disabled=True)
            )
        options.focus()
        self.finished = True

    @on(OptionList.OptionSelected, "#findings")
    def finding_chosen(self, event: OptionList.OptionSelected) -> None:
        key = (event.option.id or "").split(":", 1)[0]
        self.dismiss((self.grouped, None if key == "_" else key))

    def action_close(self) -> None:
        self.dismiss((self.grouped, None) if self.report is not None else None)

    @on(Button.Pressed, "#exact")
    def exact_pressed(self) -> None:
        self.action_exact()

    def action_exact(self) -> None:
        self.query_one("#exact-result", Static).update(
            tr("Räknar sidor med LibreOffice …", "Counting pages with LibreOffice …")
        )
        self.query_one("#exact", Button).loading = True
        self.count_exact()

    @work(exclusive=True, thread=True, group="exact")
    def count_exact(self) -> None:
        try:
            (total, counted), error = services.exact_pages(self.draft, self.form), None
        except UserError as exc:
            total = counted = None
            error = exc.message(lang())
        self.app.call_from_thread(self.show_exact, total, counted, error)

    def show_exact(self, total: int | None, counted: int | None, error: str | None) -> None:
        if not self.is_mounted:  # the screen closed while the worker ran
            return
        self.query_one("#exact", Button).loading = False
        if error:
            self.query_one("#exact-result", Static).update(Text(error, style="red"))
            return
        self.exact = counted
        limit = self.form.page.max_pages
        text = tr(
            f"Exakt (LibreOffice): {counted} sidor som räknas", f"Exact (LibreOffice): {counted} pages that count"
        )
        if total != counted:
            text += tr(f", {total} totalt", f", {total} in total")
        if limit:
            text += tr(f" · gräns {limit}", f" · limit {limit}")
        over = bool(limit and counted is not None and counted > limit)
        self.query_one("#exact-result", Static).update(Text(text, style="bold red" if over else "bold green"))
