"""The main screen: outline and page meter, the conversation, the composer with suggestions."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.worker import get_current_worker

from assistant.core.errors import UserError
from assistant.core.model.drafts import Contact, Draft, changed_on_disk, load_draft, save_draft, word_count
from assistant.core.model.forms import Form, Heading
from assistant.core.model.headings import match_heading, normalise_heading
from assistant.tui import services
from assistant.tui.conversation import Message, load_conversation, save_conversation
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.widgets.chat import Chat
from assistant.tui.widgets.outline import Outline, PageMeter, legend, section_state
from assistant.tui.widgets.suggestions import Suggestions, source_line

SUGGEST_DELAY = 0.1  # debounce while typing: the search takes ~10 ms, so refresh soon after a pause
ESTIMATE_DELAY = 0.6
AUTOSAVE_DELAY = 3.0
AUTOSAVE_MAX_WAIT = 8.0  # …but typing without a pause never postpones the save longer than this
RETRY_DELAY = 5.0
QUERY_CHARS = 200  # the text before the cursor that the library is searched with

SLASH = {
    "nästa": "next",
    "next": "next",
    "n": "next",
    "föregående": "prev",
    "prev": "prev",
    "previous": "prev",
    "gå": "go",
    "go": "go",
    "ga": "go",
    "förslag": "suggest",
    "suggest": "suggest",
    "budget": "budget",
    "kontroll": "check",
    "check": "check",
    "exportera": "export",
    "export": "export",
    "hjälp": "help",
    "help": "help",
    "spara": "save",
    "save": "save",
    "kontakt": "contact",
    "contact": "contact",
    "period": "period",
}
CONTACT_FIELDS = ("name", "role", "organisation", "phone", "email")


class Editor(TextArea, inherit_bindings=False):
    """The composer's TextArea without its F6/F7 (select line/all): those open Anpassa and Budget."""

    BINDINGS = [b for b in TextArea.BINDINGS if getattr(b, "key", "") not in ("f6", "f7")]


class MainScreen(Screen):
    # Ordered as the footer shows them, most used first, so 80 columns still show what matters.
    # Not priority bindings: a key bubbling up from the editor arrives after the text typed before it.
    BINDINGS = [
        Binding("ctrl+n", "next_section", "Nästa rubrik", id="main.next"),
        Binding("f2", "take('insert')", "Infoga förslag", id="main.insert"),
        Binding("f5", "show_suggestion", "Visa förslag", id="main.show"),
        Binding("f6", "adapt_suggestion", "Anpassa", id="main.adapt"),
        Binding("f7", "budget", "Budget", id="main.budget"),
        Binding("f8", "check", "Kontroll", id="main.check"),
        Binding("f9", "export", "Exportera", id="main.export"),
        Binding("ctrl+b", "prev_section", "Föregående", id="main.prev"),
        Binding("f3", "take('append')", "Lägg sist", id="main.append"),
        Binding("f4", "take('replace')", "Ersätt", id="main.replace"),
        # Priority: handled as the key arrives, so the keys typed right after it go to the command line.
        Binding("ctrl+l", "focus_command", "Kommando", id="main.command", priority=True),
        Binding("ctrl+s", "save", "Spara", id="main.save", show=False),
        Binding("escape", "focus_editor", "Till texten", id="main.editor", show=False),
        Binding("ctrl+down", "move_suggestion(1)", "Nästa förslag", id="main.sugg_next", show=False),
        Binding("ctrl+up", "move_suggestion(-1)", "Förra förslaget", id="main.sugg_prev", show=False),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft
        self.form: Form = draft.form
        self.messages: list[Message] = []
        self.done: set[str] = set()
        self.findings: dict[str, list[Any]] = {}
        self.findings_checked = False  # the first full check has marked the outline
        self.estimate: Any = None
        self.dirty = False
        self.conflict_open = False
        self.suggest_error: str | None = None
        self.typed_at: float | None = None
        self.suggest_latency: float | None = None  # keystroke to refreshed suggestions (benchmarks)
        self.suggest_count = 0  # finished searches, for tests waiting on one
        self._debounce: dict[str, Timer] = {}
        self.taken: list[tuple[str, tuple[str, str], dict]] = []  # (section, probes, source record) this session
        self._unsaved_since: float | None = None  # the first edit since the last save attempt

    # -----------------------------------------------------------------------------------------
    # Layout

    def compose(self) -> ComposeResult:
        yield Static(self._title_text(), id="titlebar")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Outline(id="outline")
                yield Static(legend(), id="legend")
                yield PageMeter(id="pages")
            with Vertical(id="right"):
                yield Chat(id="chat")
                yield Input(
                    placeholder=tr(
                        "Skriv /hjälp, /nästa, /gå 3.2 … eller sök i biblioteket",
                        "Type /help, /next, /go 3.2 … or search the library",
                    ),
                    id="command",
                )
                with Horizontal(id="composer"):
                    with Vertical(id="editor-box"):
                        yield Static(id="section-label")
                        yield Editor(id="editor", soft_wrap=True, show_line_numbers=False)
                    with Vertical(id="suggestions-box"):
                        yield Static(
                            tr("Förslag ur biblioteket", "Suggestions from the library"), id="suggestions-title"
                        )
                        yield Suggestions(id="suggestions")
        yield Footer(compact=True)

    def _title_text(self) -> str:
        title = self.draft.title or tr("(utan titel)", "(untitled)")
        where = self.draft.path.name if self.draft.path else ""
        return f"Ansökan · {title} · {self.form.name}" + (f" · {where}" if where else "")

    async def on_mount(self) -> None:
        # The editor first, so the writer can type at once; the conversation is drawn after it.
        self.show_section(self.draft.current or self.form.headings[0].key)
        self.set_focus(self.query_one("#editor", TextArea))
        if self.draft.path:
            convo = load_conversation(self.draft.path)
            self.messages, self.done = convo.messages, set(convo.done)
            self.refresh_outline()
        await self.query_one(Chat).show_history(self.messages)
        report = getattr(self.app, "start_report", None)
        if report is not None:  # a draft just read out of an earlier application
            self.app.start_report = None
            await self.say(self.import_summary(report))
        await self.introduce(self.draft.current)

    def import_summary(self, report: Any) -> str:
        """What the import from an earlier application placed, missed and could not read."""
        placed = getattr(report, "placed", {}) or {}
        lines = [
            tr(
                f"Jag läste in den tidigare ansökan: {len(placed)} rubriker hittade sin plats.",
                f"I read the earlier application: {len(placed)} headings found their place.",
            )
        ]
        for label_sv, label_en, items in (
            ("Saknas i källan", "Missing from the source", getattr(report, "missing", [])),
            (
                "Text jag inte kunde placera (sparad som extra avsnitt)",
                "Text I could not place (kept as extra sections)",
                getattr(report, "unplaced", []),
            ),
            ("Budget som inte gick att läsa", "Budget that could not be read", getattr(report, "budget", [])),
            ("Att tänka på", "Notes", getattr(report, "notes", [])),
        ):
            if items:
                lines += ["", f"**{tr(label_sv, label_en)}:**", *[f"- {item}" for item in items]]
        return "\n".join(lines)

    # -----------------------------------------------------------------------------------------
    # Sections

    @property
    def heading(self) -> Heading:
        return self.form.heading(self.draft.current) or self.form.headings[0]

    async def enter_section(self, key: str, *, save: bool = True, focus: bool = True) -> None:
        """Show a section in the composer, give the editor the focus, let the assistant introduce it."""
        self.sync_editor()
        if save:
            self.save_now()
        self.show_section(key)
        if focus:
            self.set_focus(self.query_one("#editor", TextArea))  # before the (slower) introduction is drawn
        await self.introduce(key)

    def show_section(self, key: str) -> None:
        self.draft.current = key
        editor = self.query_one("#editor", TextArea)
        editor.load_text(self.draft.text(key))
        editor.move_cursor(editor.document.end)
        self.update_section_label()
        self.refresh_outline()
        self.schedule("suggest", SUGGEST_DELAY, self.start_suggestions)
        self.schedule("estimate", 0.05, self.start_estimate)

    async def introduce(self, key: str) -> None:
        last = self.messages[-1] if self.messages else None
        if not (last and last.role == "assistant" and last.section == key):
            await self.say(self.introduction(self.heading), section=key)

    def introduction(self, heading: Heading) -> str:
        lines = [f"### {heading.display}", "", heading.guidance or ""]
        tips = self.tips(heading)
        if tips:
            lines += ["", tr("**Ett bra svar:**", "**A good answer:**"), *[f"- {tip}" for tip in tips]]
        if heading.kind == "contacts" and self.draft.contacts:
            lines += ["", self.contacts_table()]
        if heading.kind == "tidsplan" and (self.draft.start or self.draft.end):
            lines += [
                "",
                tr(
                    f"Projektperiod: {self.draft.start or '?'} – {self.draft.end or '?'}",
                    f"Project period: {self.draft.start or '?'} – {self.draft.end or '?'}",
                ),
            ]
        if not heading.required:
            lines += ["", tr("*Rubriken är frivillig.*", "*This heading is optional.*")]
        return "\n".join(lines)

    def tips(self, heading: Heading) -> list[str]:
        """What the form's own rules ask of this heading (from its checks), as advice."""
        tips: list[str] = []
        summary = self.form.check_settings("summary")
        if summary and summary.get("section") == heading.key and summary.get("max_words"):
            tips.append(
                tr(
                    f"börjar med en sammanfattning på högst {summary['max_words']} ord",
                    f"opens with a summary of at most {summary['max_words']} words",
                )
            )
        gender = self.form.check_settings("gender")
        if gender and heading.key in gender.get("sections", []):
            tips.append(tr("redovisar kvinnor och män var för sig", "reports women and men separately"))
        if heading.kind == "tidsplan":
            tips.append(
                tr(
                    "anger startdatum och slutdatum – skriv `/period 2026-01-01 2027-12-31`",
                    "gives a start and an end date – type `/period 2026-01-01 2027-12-31`",
                )
            )
        if heading.kind == "budget":
            tips.append(
                tr(
                    "har en detaljerad och en sammanställd budget – tryck F7 eller skriv /budget",
                    "has a detailed and a compiled budget – press F7 or type /budget",
                )
            )
        if heading.kind == "contacts":
            tips.append(
                tr(
                    "ger namn, roll, telefon och e-post för varje kontaktperson – "
                    "`/kontakt namn; roll; organisation; telefon; e-post`",
                    "gives name, role, phone and e-mail for every contact – "
                    "`/contact name; role; organisation; phone; e-mail`",
                )
            )
        if self.form.check_settings("placeholders"):
            tips.append(
                tr("innehåller inga platshållare som TODO eller XX", "contains no placeholders such as TODO or XX")
            )
        return tips

    def update_section_label(self) -> None:
        words = word_count(self.query_one("#editor", TextArea).text)
        label = Text(tr(f"{words} ord · ", f"{words} words · "), style="dim")
        label.append(self.heading.display, style="bold")
        self.query_one("#section-label", Static).update(label)

    def states(self) -> dict[str, str]:
        out = {}
        for h in self.form.headings:
            problems = [f for f in self.findings.get(h.key, []) if services.severity(f) in ("fel", "varning")]
            text = self.draft.text(h.key)
            if h.kind == "budget" and not text and (self.draft.budget.compiled or self.draft.budget.items):
                text = "budget"
            out[h.key] = section_state(text, done=h.key in self.done, problems=len(problems))
        return out

    def refresh_outline(self) -> None:
        for outline in self.query(Outline):  # none while the screen is being torn down
            outline.show(self.form, self.states(), self.draft.current)

    def neighbour(self, step: int) -> str | None:
        keys = self.form.keys
        index = keys.index(self.draft.current) + step if self.draft.current in keys else 0
        return keys[index] if 0 <= index < len(keys) else None

    async def finish_section(self) -> None:
        """The assistant's answer when the writer leaves a section: what it noticed."""
        self.sync_editor()
        key = self.draft.current
        text = self.draft.text(key)
        lines = [
            tr(
                f"{word_count(text)} ord i **{self.heading.display}**.",
                f"{word_count(text)} words in **{self.heading.display}**.",
            )
        ]
        try:
            findings = services.check_section(self.draft, key)
            self.findings[key] = findings
            if findings:
                lines += ["", tr("Det här la jag märke till:", "This is what I noticed:")]
                for f in findings:
                    hint = services.finding_hint(f)
                    lines.append(
                        f"- **{services.severity_label(f)}**: {services.finding_message(f)}"
                        + (f" – {hint}" if hint else "")
                    )
            else:
                lines += ["", tr("Inga anmärkningar på avsnittet.", "No remarks on this section.")]
        except services.Unavailable:
            lines += ["", tr("(Kontrollerna är inte tillgängliga ännu.)", "(The checks are not available yet.)")]
        except UserError as exc:
            lines += ["", exc.message(lang())]
        unresolved = self.unresolved_names(key)
        if unresolved:
            lines += [
                "",
                tr("Återanvänd text nämner fortfarande: ", "Reused text still mentions: ")
                + ", ".join(sorted(unresolved)),
            ]
        if word_count(text):
            self.done.add(key)
        await self.say("\n".join(lines), section=key)

    def unresolved_names(self, key: str) -> set[str]:
        """Names from taken suggestions that adapt could not replace and that are still in the text."""
        text = self.draft.text(key)
        names: set[str] = set()
        for source in self.draft.sources:
            if source.get("section") != key:
                continue
            for name in source.get("unresolved", []) or []:
                if isinstance(name, str) and name and name in text:
                    names.add(name)
        return names

    # -----------------------------------------------------------------------------------------
    # The conversation

    async def say(self, text: str, *, role: str = "assistant", section: str | None = None) -> None:
        message = Message(role, text, section if section is not None else self.draft.current)
        self.messages.append(message)
        await self.query_one(Chat).add(message)
        self.save_conversation()

    @on(Input.Submitted, "#command")
    async def command_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if not text:
            return
        await self.run_command(text)

    async def run_command(self, text: str) -> None:
        if not text.startswith("/"):
            await self.say(text, role="writer")
            self.search_now(text, announce=True)
            return
        name, _, rest = text[1:].partition(" ")
        action = SLASH.get(name.lower())
        if action is None:
            await self.say(
                tr(
                    f"Okänt kommando `/{name}`. Skriv `/hjälp` för en lista.",
                    f"Unknown command `/{name}`. Type `/help` for a list.",
                )
            )
            return
        if action == "go":
            await self.go_to(rest)
        elif action == "suggest":
            self.search_now(rest or None, announce=True)
        elif action == "help":
            self.app.action_help()
        elif action == "contact":
            await self.contact_command(rest)
        elif action == "period":
            await self.period_command(rest)
        else:
            names = {"next": "next_section", "prev": "prev_section"}
            await self.run_action(names.get(action, action))

    async def contact_command(self, rest: str) -> None:
        """`/kontakt namn; roll; organisation; telefon; e-post` adds one, `/kontakt ta bort 2` removes one."""
        rest = rest.strip()
        removal = re.fullmatch(r"(?:ta bort|remove)\s+(\d+)", rest, flags=re.I)
        if removal:
            number = removal.group(1)
            if 1 <= int(number) <= len(self.draft.contacts):
                removed = self.draft.contacts.pop(int(number) - 1)
                self.dirty = True
                self.save_now()
                await self.say(
                    tr(f"Tog bort {removed.name}.", f"Removed {removed.name}.") + "\n\n" + self.contacts_table()
                )
            else:
                await self.say(tr(f"Det finns ingen kontakt nummer {number}.", f"There is no contact number {number}."))
            return
        if rest:
            parts = [p.strip() for p in rest.split(";")]
            if len(parts) > len(CONTACT_FIELDS) or not parts[0]:
                await self.say(
                    tr(
                        "Skriv `/kontakt namn; roll; organisation; telefon; e-post`.",
                        "Type `/contact name; role; organisation; phone; e-mail`.",
                    )
                )
                return
            self.draft.contacts.append(Contact(**dict(zip(CONTACT_FIELDS, parts, strict=False))))
            self.dirty = True
            self.save_now()
        await self.say(self.contacts_table())

    def contacts_table(self) -> str:
        if not self.draft.contacts:
            return tr(
                "Inga kontaktpersoner ännu. Lägg till med `/kontakt namn; roll; organisation; telefon; e-post`.",
                "No contacts yet. Add one with `/contact name; role; organisation; phone; e-mail`.",
            )
        head = tr(
            "| # | Namn | Roll | Organisation | Telefon | E-post |",
            "| # | Name | Role | Organisation | Phone | E-mail |",
        )
        rows = [head, "|---|---|---|---|---|---|"]
        for i, c in enumerate(self.draft.contacts, 1):
            cells = [_cell(getattr(c, f)) for f in CONTACT_FIELDS]
            rows.append(f"| {i} | " + " | ".join(cells) + " |")
        return "\n".join(rows)

    async def period_command(self, rest: str) -> None:
        """`/period 2026-01-01 2027-12-31`: the project's start and end (the budget's years follow)."""
        parts = rest.replace("–", " ").replace("—", " ").split()
        try:
            start, end = (dt.date.fromisoformat(p) for p in parts) if len(parts) == 2 else (None, None)
        except ValueError:
            start = end = None
        if start is None or end is None or end < start:
            await self.say(
                tr(
                    "Skriv `/period 2026-01-01 2027-12-31` (start före slut).",
                    "Type `/period 2026-01-01 2027-12-31` (start before end).",
                )
            )
            return
        self.draft.start, self.draft.end = start, end
        self.dirty = True
        self.save_now()
        self.refresh_outline()
        await self.say(
            tr(
                f"Projektperiod: {start} – {end}. Budgeten får en kolumn per år (F7).",
                f"Project period: {start} – {end}. The budget gets a column per year (F7).",
            )
        )

    async def go_to(self, query: str) -> None:
        key = self.find_heading(query)
        if key is None:
            await self.say(tr(f"Hittar ingen rubrik som liknar ”{query}”.", f"No heading resembles “{query}”."))
            return
        await self.enter_section(key)

    def find_heading(self, query: str) -> str | None:
        query = query.strip()
        if not query:
            return None
        for h in self.form.headings:  # a number ("3.2"), a key or a short label first
            if query.rstrip(".") == h.number.rstrip(".") and h.number:
                return h.key
            if normalise_heading(query) in (normalise_heading(h.key), normalise_heading(h.label)):
                return h.key
        key, _score = match_heading(query, self.form)
        if key:
            return key
        lowered = query.lower()
        return next((h.key for h in self.form.headings if lowered in h.display.lower()), None)

    # -----------------------------------------------------------------------------------------
    # Typing: debounced suggestions, page estimate and autosave

    @on(TextArea.Changed, "#editor")
    def editor_changed(self) -> None:
        editor = self.query_one("#editor", TextArea)
        self.update_section_label()
        if editor.text.strip() == self.draft.text(self.draft.current).strip():
            return  # loading a section, not an edit
        self.typed_at = time.perf_counter()
        self.sync_editor()
        self.dirty = True
        self.schedule("suggest", SUGGEST_DELAY, self.start_suggestions)
        self.schedule("estimate", ESTIMATE_DELAY, self.start_estimate)
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        self.schedule(
            "autosave", min(AUTOSAVE_DELAY, max(0.0, self._unsaved_since + AUTOSAVE_MAX_WAIT - now)), self.save_now
        )
        self.schedule("outline", 0.3, self.refresh_outline)

    def schedule(self, name: str, delay: float, callback) -> None:
        timer = self._debounce.pop(name, None)
        if timer is not None:
            timer.stop()
        self._debounce[name] = self.set_timer(delay, callback, name=name)

    def sync_editor(self) -> None:
        if not self.is_mounted:
            return
        editor = self.query_one("#editor", TextArea)
        if self.draft.current:
            self.draft.set_text(self.draft.current, editor.text)

    def query_text(self) -> str:
        """What the writer is writing now: the paragraph at the cursor up to it, its last ~200 characters.

        Short queries find more (a long query dilutes the match, see notes/retrieval.md); an
        empty section searches with its heading and guidance.
        """
        editor = self.query_one("#editor", TextArea)
        if not editor.text.strip():
            return ""
        row, col = editor.cursor_location
        lines = editor.text.split("\n")
        before = [*lines[:row], lines[row][:col] if row < len(lines) else ""]
        paragraph: list[str] = []
        for line in reversed(before):
            if not line.strip() and paragraph:
                break
            paragraph.insert(0, line)
        text = " ".join(" ".join(paragraph).split())
        if len(text) < 40:  # at the start of a paragraph: the text before it says more
            text = " ".join(" ".join(before).split())
        if len(text) > QUERY_CHARS:
            text = text[-QUERY_CHARS:].split(" ", 1)[-1]
        return text

    def start_suggestions(self) -> None:
        self.search_suggestions(self.query_text(), self.draft.current, announce=False)

    def search_now(self, query: str | None, *, announce: bool) -> None:
        self.search_suggestions(
            query if query is not None else self.query_text(), self.draft.current, announce=announce
        )

    @work(exclusive=True, thread=True, group="suggest")
    def search_suggestions(self, query: str, section: str, announce: bool) -> None:
        worker = get_current_worker()
        try:
            results = services.suggest(query, form_id=self.form.id, section=section, library=self.app.library)
            error = None
        except UserError as exc:
            results, error = [], exc.message(lang())
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_suggestions, results, error, announce)

    async def show_suggestions(self, results: list[Any], error: str | None, announce: bool) -> None:
        if not self.is_mounted:  # the screen closed while the worker ran
            return
        panel = self.query_one(Suggestions)
        if error:
            self.suggest_error = error
            panel.show_message(tr("Biblioteket är inte tillgängligt: ", "The library is not available: ") + error)
        else:
            self.suggest_error = None
            panel.show(results)
        if self.typed_at is not None:
            self.suggest_latency = time.perf_counter() - self.typed_at
            self.typed_at = None
        self.suggest_count += 1
        if announce:
            if error or not results:
                await self.say(tr("Jag hittade inga förslag i biblioteket.", "I found no suggestions in the library."))
            else:
                lines = [
                    tr(
                        "Förslag ur tidigare beviljade ansökningar (F2 infoga, F5 visa, F6 anpassa):",
                        "Suggestions from earlier approved applications (F2 insert, F5 show, F6 adapt):",
                    )
                ]
                for s in results[:3]:
                    lines.append(f"- **{float(getattr(s, 'score', 0)):.0f}** {source_line(s)}")
                await self.say("\n".join(lines))

    def start_estimate(self) -> None:
        self.estimate_pages()
        self.refresh_findings()

    @work(exclusive=True, thread=True, group="findings")
    def refresh_findings(self) -> None:
        """All checks (about 15 ms on 7 pages) in a worker, so the outline marks sections with problems."""
        worker = get_current_worker()
        try:
            report = services.run_checks(self.draft, self.form)
        except Exception:
            return
        grouped: dict[str, list[Any]] = {}
        for finding in getattr(report, "findings", []):
            # An empty required section already shows as "tom"; "!" is for what needs fixing.
            if getattr(finding, "section", None) and finding.code != "sections.missing":
                grouped.setdefault(finding.section, []).append(finding)
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_findings, grouped)

    def show_findings(self, grouped: dict[str, list[Any]]) -> None:
        if not self.is_mounted:
            return
        self.findings = grouped
        self.findings_checked = True
        self.refresh_outline()

    @work(exclusive=True, thread=True, group="estimate")
    def estimate_pages(self) -> None:
        worker = get_current_worker()
        try:
            estimate = services.estimate_pages(self.draft, self.form)
        except UserError:
            estimate = None
        if not worker.is_cancelled:
            self.app.call_from_thread(self.show_estimate, estimate)

    def show_estimate(self, estimate: Any) -> None:
        if not self.is_mounted:  # the screen closed while the worker ran
            return
        self.estimate = estimate
        for meter in self.query(PageMeter):  # none while the screen is being torn down
            meter.show(estimate, self.form.page.max_pages)

    # -----------------------------------------------------------------------------------------
    # Saving

    def save_now(self) -> bool:
        """Save the draft (atomically); on a conflict ask, on failure keep the text and retry."""
        self._unsaved_since = None
        self.sync_editor()
        self.forget_undone_sources()
        if self.draft.path is None:
            return False
        if changed_on_disk(self.draft):
            self.ask_about_conflict()
            return False
        try:
            save_draft(self.draft)
        except UserError as exc:
            self.notify(
                exc.message(lang()) + tr(" – försöker igen om en stund", " – retrying shortly"),
                severity="error",
                timeout=6,
            )
            self.schedule("autosave", RETRY_DELAY, self.save_now)
            return False
        self.dirty = False
        self.save_conversation()
        return True

    def forget_undone_sources(self) -> None:
        """A suggestion taken and then undone (Ctrl+Z) is no longer a source of the draft."""
        for entry in list(self.taken):
            section, (opening, ending), record = entry
            text = " ".join(self.draft.text(section).split())
            if opening not in text and ending not in text:
                self.taken.remove(entry)
                if record in self.draft.sources:
                    self.draft.sources.remove(record)

    def save_conversation(self) -> None:
        if self.draft.path is None:
            return
        try:
            save_conversation(self.draft.path, self.messages, self.done)
        except (UserError, OSError):
            pass  # the conversation is a convenience; the draft's own save reports disk problems

    def ask_about_conflict(self) -> None:
        if self.conflict_open:
            return
        from assistant.tui.screens.dialogs import ConflictScreen

        self.conflict_open = True
        self.app.push_screen(ConflictScreen(self.draft.path), self.resolve_conflict)

    async def resolve_conflict(self, choice: str | None) -> None:
        self.conflict_open = False
        if choice == "reload":
            fresh = load_draft(self.draft.path)
            fresh.current = self.draft.current if self.draft.current in fresh.sections else fresh.current
            self.draft = fresh
            self.query_one("#editor", TextArea).load_text(self.draft.text(self.draft.current))
            self.refresh_outline()
            self.notify(tr("Läste in versionen från disken.", "Reloaded the version on disk."))
        elif choice == "copy":
            target = self.save_as_copy()
            self.notify(tr(f"Din version sparades som {target.name}", f"Your version was saved as {target.name}"))
        elif choice == "keep":
            save_draft(self.draft, force=True)
            self.notify(tr("Din version sparades över den på disken.", "Your version replaced the one on disk."))

    def save_as_copy(self) -> Path:
        """Write my version next to the original under a free name, and go on editing the copy."""
        original = self.draft.path
        n = 1
        while True:
            target = original.with_name(f"{original.stem}.kopia{'' if n == 1 else n}{original.suffix}")
            if not target.exists():
                break
            n += 1
        self.draft.loaded_digest = None
        save_draft(self.draft, target)
        self.app.remember(self.draft)
        self.query_one("#titlebar", Static).update(self._title_text())
        return target

    def save_before_quit(self) -> None:
        """On quit never lose text: a conflict then saves a copy instead of asking."""
        self.sync_editor()
        if self.draft.path is None:
            return
        try:
            if changed_on_disk(self.draft):
                self.save_as_copy()
            else:
                save_draft(self.draft)
            self.save_conversation()
        except UserError:
            pass

    # -----------------------------------------------------------------------------------------
    # Actions

    async def action_next_section(self) -> None:
        focused = self.focused
        await self.finish_section()
        following = self.neighbour(1)
        if following is None:
            await self.say(
                tr(
                    "Det var sista rubriken. Skriv `/kontroll` för att se hela ansökan "
                    "eller `/exportera` för att skapa Word-filen.",
                    "That was the last heading. Type `/check` to review the whole application "
                    "or `/export` to create the Word file.",
                )
            )
            self.save_now()
            self.refresh_outline()
            return
        # If the writer moved the focus while the answer was written (Ctrl+L), leave it there.
        await self.enter_section(following, focus=self.focused is focused)

    async def action_prev_section(self) -> None:
        previous = self.neighbour(-1)
        if previous is not None:
            await self.enter_section(previous)

    def action_save(self) -> None:
        if self.save_now():
            self.notify(tr(f"Sparat i {self.draft.path.name}", f"Saved to {self.draft.path.name}"), timeout=2)

    # Focus is set at once (Screen.set_focus), not deferred like Widget.focus(): keys already
    # queued behind Ctrl+L must land in the command line.
    def action_focus_command(self) -> None:
        self.set_focus(self.query_one("#command", Input))

    def action_focus_editor(self) -> None:
        self.set_focus(self.query_one("#editor", TextArea))

    @on(OptionList.OptionSelected, "#outline")
    async def outline_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id != self.draft.current:
            await self.enter_section(event.option.id)
        self.set_focus(self.query_one("#editor", TextArea))

    @on(OptionList.OptionSelected, "#suggestions")
    def suggestion_selected(self) -> None:
        self.action_show_suggestion()

    def action_move_suggestion(self, step: int) -> None:
        self.query_one(Suggestions).move(step)

    def chosen(self) -> Any | None:
        chosen = self.query_one(Suggestions).chosen
        if chosen is None:
            self.notify(
                self.suggest_error or tr("Inget förslag är valt.", "No suggestion is selected."), severity="warning"
            )
        return chosen

    def action_take(self, how: str, adapted: Any = None) -> None:
        """Insert, append or replace with the chosen suggestion; one Ctrl+Z undoes it."""
        suggestion = self.chosen()
        if suggestion is None:
            return
        text = (getattr(adapted, "text", None) or str(getattr(suggestion, "text", ""))).strip()
        self.take_text(text, how)
        try:
            record = services.record_source(self.draft, suggestion, self.draft.current, adapted)
        except UserError:
            record = None  # adapt not there yet: the text is still taken
        if record is not None:
            self.taken.append((self.draft.current, _probe(text), record))
        message = tr("Förslaget togs in – Ctrl+Z ångrar.", "Suggestion taken – Ctrl+Z undoes it.")
        unresolved = getattr(adapted, "unresolved", None) or []
        if unresolved:
            message += tr(
                f" {len(unresolved)} ställen markerade ⟦… → ?⟧ att anpassa själv.",
                f" {len(unresolved)} places marked ⟦… → ?⟧ to adapt yourself.",
            )
        self.notify(message, timeout=5)

    def take_text(self, text: str, how: str) -> None:
        editor = self.query_one("#editor", TextArea)
        if how == "replace":
            editor.replace(text, editor.document.start, editor.document.end)
        elif how == "append":
            current = editor.text.rstrip("\n")
            separator = "\n\n" if current.strip() else ""
            editor.insert(separator + text, (len(current.split("\n")) - 1, len(current.split("\n")[-1])))
        else:
            editor.insert(text)
        editor.focus()

    def action_show_suggestion(self) -> None:
        suggestion = self.chosen()
        if suggestion is None:
            return
        from assistant.tui.screens.dialogs import SuggestionScreen

        self.app.push_screen(SuggestionScreen(suggestion, self.draft), self.suggestion_dialog_closed)

    def action_adapt_suggestion(self) -> None:
        suggestion = self.chosen()
        if suggestion is None:
            return
        from assistant.tui.screens.dialogs import SuggestionScreen

        self.app.push_screen(
            SuggestionScreen(suggestion, self.draft, adapt=True, library=self.app.library),
            self.suggestion_dialog_closed,
        )

    def suggestion_dialog_closed(self, result: tuple[str, Any] | None) -> None:
        if result:
            how, adapted = result
            self.action_take(how, adapted)

    def action_budget(self) -> None:
        from assistant.tui.screens.budget import BudgetScreen

        self.sync_editor()
        self.app.push_screen(BudgetScreen(self.draft), self.after_budget)

    def after_budget(self, _result: Any = None) -> None:
        self.dirty = True
        self.save_now()
        self.refresh_outline()
        self.schedule("estimate", 0.05, self.start_estimate)

    def action_check(self) -> None:
        from assistant.tui.screens.checks import CheckScreen

        self.sync_editor()
        self.app.push_screen(CheckScreen(self.draft), self.after_check)

    async def after_check(self, result: tuple[dict, str | None] | None) -> None:
        if not result:
            return
        findings, key = result
        self.findings = findings
        self.refresh_outline()
        if key:
            await self.enter_section(key)
            self.set_focus(self.query_one("#editor", TextArea))

    def action_export(self) -> None:
        from assistant.tui.screens.export import ExportScreen

        self.sync_editor()
        self.save_now()
        self.app.push_screen(ExportScreen(self.draft))

    def action_search_now_from_palette(self) -> None:
        self.search_now(None, announce=True)


def _cell(text: str) -> str:
    """A value safe inside a Markdown table cell."""
    return (text or "–").replace("|", "/").replace("\n", " ")


def _probe(text: str) -> tuple[str, str]:
    """The opening and the end of a taken passage: while either is in the section, it is still used."""
    flat = " ".join(text.split())
    return flat[:40], flat[-40:]
