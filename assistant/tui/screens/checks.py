"""All findings grouped by section; choosing one jumps there. Exact page count via LibreOffice.

A figure carried over from another application is confirmed here with one key (the writer says it
holds for this project too): it stops being reported, Ctrl+Z takes the confirmation back, and
the main screen saves the draft when the screen closes (`CheckResult.changed`)."""

from __future__ import annotations

import asyncio
import copy
from collections import defaultdict
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from assistant.core.errors import UserError
from assistant.core.model.drafts import Draft
from assistant.core.model.forms import Form
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.widgets.keybar import KeyBar
from assistant.usecases.checks import check_application, confirm_carried, exact_pages
from assistant.usecases.export import PageCount

if TYPE_CHECKING:
    from assistant.usecases.checks import ApplicationCheck

STYLE = {"fel": "bold red", "varning": "yellow", "info": "dim"}


def group_findings(findings: list[Any], form: Form) -> dict[str, list[Any]]:
    """Findings per section key in the form's order, worst first; about the whole draft under ''."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        key = f.section or ""
        grouped[key if form.heading(key) else ""].append(f)
    order = ["", *form.keys]
    return {k: sorted(grouped[k], key=lambda f: f.severity.rank) for k in order if grouped.get(k)}


class CheckResult(NamedTuple):
    """What the check screen hands back: the findings per section, the section to jump to, and
    whether it changed the draft (confirmed carried figures), so the caller saves it."""

    grouped: dict[str, list[Any]]
    key: str | None
    changed: bool = False


class CheckScreen(ClosesOnce, Screen[CheckResult | None]):
    BINDINGS = [
        Binding("escape", "close", "Tillbaka", id="check.close"),
        Binding("ctrl+k", "confirm", "Bekräfta", id="check.confirm"),
        Binding("ctrl+z", "undo_confirm", "Ångra bekräftelsen", id="check.undo", show=False),
        Binding("ctrl+e", "exact", "Exakt sidantal", id="check.exact"),
        Binding("ctrl+r", "rerun", "Kör igen", id="check.rerun"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.form = draft.form
        self.grouped: dict[str, list[Any]] = {}
        self.report: ApplicationCheck | None = None
        self.exact: int | None = None
        self.confirmed: list[list[str]] = []  # the ids of each confirmation, newest last (Ctrl+Z)
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static(tr(f"[b]Kontroll[/b] · {self.draft.title}", f"[b]Check[/b] · {self.draft.title}"), id="titlebar")
        with Vertical(id="check-body"):
            yield Static(id="check-summary")
            yield LoadingIndicator(id="check-loading")
            yield OptionList(id="findings")
            with Horizontal(id="check-buttons"):
                yield Button(tr("Exakt sidantal (LibreOffice)", "Exact page count (LibreOffice)"), id="exact")
                yield Static(id="exact-result")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#findings").display = False
        self.run_all()

    def action_rerun(self) -> None:
        self.query_one("#check-loading").display = True
        self.run_all()

    class Checked(Message):
        def __init__(self, result: ApplicationCheck | None, error: str | None) -> None:
            super().__init__()
            self.result = result
            self.error = error

    @work(exclusive=True, group="checks")
    async def run_all(self) -> None:
        snapshot = copy.deepcopy(self.draft)
        try:
            result, error = await asyncio.to_thread(check_application, snapshot), None
        except UserError as exc:
            result, error = None, exc.message(lang())
        self.post_message(self.Checked(result, error))

    def on_check_screen_checked(self, message: Checked) -> None:
        self.show_report(message.result, message.error)

    def show_report(self, result: ApplicationCheck | None, error: str | None) -> None:
        self.report = result
        self.query_one("#check-loading").display = False
        options = self.query_one("#findings", OptionList)
        options.display = True
        was = options.highlighted  # a rerun (after a confirmation) keeps the place in the list
        options.clear_options()
        if error or result is None:
            self.query_one("#check-summary", Static).update(
                tr("Kontrollerna är inte tillgängliga: ", "The checks are not available: ") + (error or "")
            )
            return
        self.grouped = group_findings(result.findings, self.form)
        counts = result.counts()
        summary = tr(
            f"{counts['fel']} fel, {counts['varning']} varningar, {counts['info']} upplysningar",
            f"{counts['fel']} errors, {counts['varning']} warnings, {counts['info']} notes",
        )
        counted = result.report.pages.get("counted")  # whole pages, as LibreOffice would lay them out
        if counted is not None:
            count = PageCount(pages=counted, limit=self.form.page.max_pages, uncounted=bool(self.form.page.uncounted))
            summary += tr(" · uppskattat ", " · estimated ") + count.against_limit()
        self.query_one("#check-summary", Static).update(summary)
        shown: list[Option] = []  # given to the list at once: it measures and lays itself out once
        for key, items in self.grouped.items():
            heading = self.form.heading(key)
            title = heading.display if heading else tr("Hela ansökan", "The whole application")
            shown.append(Option(Text(title, style="bold underline"), disabled=True))
            for i, f in enumerate(items):
                label = Text("  ")
                label.append(str(f.severity.label), style=STYLE.get(f.severity, ""))
                label.append(": " + f.text(lang()))
                hint = f.hint_text(lang())
                if f.code == "carried":  # here it is one key, not a command
                    hint = self.confirm_hint(f.ref)
                if hint:
                    label.append("\n    " + hint, style="dim")
                shown.append(Option(label, id=f"{key or '_'}:{i}"))
        if not self.grouped:
            shown.append(
                Option(Text(tr("Inga anmärkningar – bra!", "No remarks – well done!"), style="green"), disabled=True)
            )
        options.add_options(shown)
        if was is not None and options.option_count:
            options.highlighted = min(was, options.option_count - 1)
        options.focus()

    @on(OptionList.OptionSelected, "#findings")
    def finding_chosen(self, event: OptionList.OptionSelected) -> None:
        key = (event.option.id or "").split(":", 1)[0]
        self.dismiss(CheckResult(self.grouped, None if key == "_" else key, self.changed))

    def action_close(self) -> None:
        self.dismiss(CheckResult(self.grouped, None, self.changed) if self.report is not None else None)

    def highlighted_finding(self) -> Any | None:
        highlighted = self.query_one("#findings", OptionList).highlighted
        return None if highlighted is None else self.finding_at(highlighted)

    def finding_at(self, index: int) -> Any | None:
        """The finding the list shows at `index` (None for a section's title)."""
        key, _, position = (self.query_one("#findings", OptionList).get_option_at_index(index).id or "").partition(":")
        items = self.grouped.get("" if key == "_" else key, [])
        return items[int(position)] if position.isdigit() and int(position) < len(items) else None

    def confirm_hint(self, ref: str) -> str:
        """What to do about a carried-over figure or name, with the key that confirms it."""
        kind = next((fact.kind for fact in self.draft.carried if fact.id == ref), "")
        if kind == "organisation":
            return tr(
                "skriv er egen organisation, eller bekräfta den med Ctrl+K",
                "write your own organisation, or confirm it with Ctrl+K",
            )
        if kind in ("person", "place"):
            return tr(
                "skriv rätt namn, eller bekräfta det med Ctrl+K", "write the right name, or confirm it with Ctrl+K"
            )
        return tr(
            "skriv er egen siffra, eller bekräfta den med Ctrl+K", "write your own figure, or confirm it with Ctrl+K"
        )

    def action_confirm(self) -> None:
        """The highlighted carried-over figure or name holds for this project: confirmed, one step."""
        found = self.highlighted_finding()
        if found is None or found.code != "carried" or not found.ref:
            self.notify(
                tr(
                    "Välj en överförd siffra eller ett överfört namn (”kommer från …”) att bekräfta.",
                    "Choose a carried-over figure or name (“comes from …”) to confirm.",
                ),
                severity="warning",
                timeout=3,
            )
            return
        done = confirm_carried(self.draft, [found.ref], save=False)
        self.confirmed.append([fact.id for fact in done])
        self.changed = True
        texts = ", ".join(dict.fromkeys(f"”{fact.text}”" for fact in done))  # a name confirmed everywhere: once
        self.notify(tr(f"{texts} bekräftad – Ctrl+Z ångrar.", f"{texts} confirmed – Ctrl+Z undoes it."), timeout=3)
        self.action_rerun()

    def action_undo_confirm(self) -> None:
        """Take the newest confirmation back: the figure is asked about again."""
        if not self.confirmed:
            return
        ids = set(self.confirmed.pop())
        for fact in self.draft.carried:
            if fact.id in ids:
                fact.confirmed = ""
        self.changed = bool(self.confirmed)  # all taken back: the draft is as it was
        self.notify(tr("Bekräftelsen är ångrad.", "The confirmation is undone."), timeout=3)
        self.action_rerun()

    @on(Button.Pressed, "#exact")
    def exact_pressed(self) -> None:
        self.action_exact()

    def action_exact(self) -> None:
        self.query_one("#exact-result", Static).update(
            tr("Räknar sidor med LibreOffice …", "Counting pages with LibreOffice …")
        )
        self.query_one("#exact", Button).loading = True
        self.count_exact()

    class Counted(Message):
        def __init__(self, total: int | None, counted: int | None, error: str | None) -> None:
            super().__init__()
            self.total = total
            self.counted = counted
            self.error = error

    @work(exclusive=True, group="exact")
    async def count_exact(self) -> None:
        snapshot = copy.deepcopy(self.draft)
        try:
            total, counted = await asyncio.to_thread(exact_pages, snapshot)
            self.post_message(self.Counted(total, counted, None))
        except UserError as exc:
            self.post_message(self.Counted(None, None, exc.message(lang())))

    def on_check_screen_counted(self, message: Counted) -> None:
        self.show_exact(message.total, message.counted, message.error)

    def show_exact(self, total: int | None, counted: int | None, error: str | None) -> None:
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
