"""Projektuppgifter: the draft's title, organisation, municipality, period, contacts and signatories.

Each field is checked as it is typed (the message stands under the field); nothing is set on the
draft until every field is right, and then the main screen saves it as it saves everything else.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from assistant.core.errors import UserError
from assistant.core.model.drafts import Contact, Draft, Signatory
from assistant.tui.i18n import lang, localise_bindings, tr
from assistant.tui.screens.closing import ClosesOnce
from assistant.tui.widgets.sized_input import SizedInput
from assistant.usecases.facts import (
    CONTACT_PARTS,
    SIGNATORY_PARTS,
    ProjectFacts,
    parse_facts,
    project_facts,
    update_facts,
)

if TYPE_CHECKING:
    from assistant.tui.screens.main import MainScreen

# Field name -> (Swedish label, English label); the people fields take one person a line.
LINE_FIELDS = {
    "title": ("Projektets titel", "Project title"),
    "organisation": ("Organisation", "Organisation"),
    "municipality": ("Kommun", "Municipality"),
    "start": ("Startdatum (ÅÅÅÅ-MM-DD)", "Start date (YYYY-MM-DD)"),
    "end": ("Slutdatum (ÅÅÅÅ-MM-DD)", "End date (YYYY-MM-DD)"),
}
# An organisation's name may hold a comma ("Trelleborgs kommun, Arbetsmarknadsförvaltningen"),
# so the screen separates the parts with ";" as the /kontakt command does.
LIST_FIELDS = {
    "contacts": (
        "Kontaktpersoner – en per rad: Namn; roll; organisation; telefon; e-post",
        "Contacts – one a line: Name; role; organisation; phone; e-mail",
    ),
    "signatories": (
        "Firmatecknare – en per rad: Namn; titel; organisation",
        "Signatories – one a line: Name; title; organisation",
    ),
}
PARTS = {"contacts": CONTACT_PARTS, "signatories": SIGNATORY_PARTS}


def field_label(name: str) -> str:
    sv, en = {**LINE_FIELDS, **LIST_FIELDS}[name]
    return tr(sv, en).split(" (")[0].split(" –")[0]


def labels() -> dict[str, str]:
    return {name: field_label(name) for name in (*LINE_FIELDS, *LIST_FIELDS)}


def person_lines(people: Iterable[Contact | Signatory] | None, parts: tuple[str, ...]) -> str:
    """People as the lines the writer edits ("Namn; titel; organisation"), trailing blanks dropped."""
    lines = []
    for person in people or ():
        fields = asdict(person)
        values = [fields[p] for p in parts]
        while values and not values[-1]:
            values.pop()
        lines.append("; ".join(values))
    return "\n".join(lines)


def read_people(name: str, text: str) -> list[dict[str, str]]:
    """The people of a list field, one a line; UserError naming the line that is wrong. Each part
    is held to the use case's rules for a fact (one printable line, not too long), a contact's
    phone and e-mail to its rules for those."""
    parts = PARTS[name]
    people = []
    lines = [line for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, 1):
        where = tr(f"{field_label(name)}, rad {number}", f"{field_label(name)}, line {number}")
        values = [v.strip() for v in line.split(";")]
        if len(values) > len(parts) or not values[0]:
            pattern_sv, pattern_en = (label.split(": ", 1)[-1] for label in LIST_FIELDS[name])
            raise UserError(
                f"skriv ”{pattern_sv}” (de sista delarna får utelämnas)",
                f"write “{pattern_en}” (the last parts may be left out)",
                where=where,
            )
        person = dict(zip(parts, values, strict=False))
        try:
            for value in values:
                parse_facts(organisation=value)
            if person.get("phone") or person.get("email"):
                parse_facts(contacts=[f"-, , , {person.get('phone', '')}, {person.get('email', '')}"])
        except UserError as exc:
            raise UserError(exc.sv, exc.en, where=where) from None
        people.append(person)
    return people


def read_contacts(text: str) -> tuple[Contact, ...]:
    return tuple(Contact(**person) for person in read_people("contacts", text))


def read_signatories(text: str) -> tuple[Signatory, ...]:
    return tuple(Signatory(**person) for person in read_people("signatories", text))


class FactsScreen(ClosesOnce, ModalScreen[bool]):
    """Returns True when the facts were changed on the draft (the caller saves)."""

    DEFAULT_CSS = """
    FactsScreen .facts-scroll { height: auto; max-height: 1fr; }
    FactsScreen .facts-error { color: $error; height: auto; }
    FactsScreen TextArea { height: 5; }
    FactsScreen Input { margin: 0; }
    """

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Avbryt", id="dialog.cancel"),
        Binding("ctrl+s", "save", "Spara", id="facts.save"),
    ]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        localise_bindings(self)
        self.draft = draft

    def compose(self) -> ComposeResult:
        facts = project_facts(self.draft)
        values = {
            "title": self.draft.title,
            "organisation": facts.organisation or "",
            "municipality": facts.municipality or "",
            "start": facts.start.isoformat() if facts.start else "",
            "end": facts.end.isoformat() if facts.end else "",
        }
        with Vertical(classes="dialog wide"):
            yield Static(tr("[b]Projektuppgifter[/b]", "[b]Project details[/b]"), classes="dialog-title")
            with VerticalScroll(classes="dialog-scroll"):
                for name, (sv, en) in LINE_FIELDS.items():
                    yield Static(tr(sv, en))
                    yield SizedInput(values[name], id=f"facts-{name}")
                    yield Static(id=f"facts-{name}-error", classes="facts-error")
                yield Static(tr(*LIST_FIELDS["contacts"]))
                yield TextArea(person_lines(facts.contacts, CONTACT_PARTS), id="facts-contacts")
                yield Static(id="facts-contacts-error", classes="facts-error")
                yield Static(tr(*LIST_FIELDS["signatories"]))
                yield TextArea(person_lines(facts.signatories, SIGNATORY_PARTS), id="facts-signatories")
                yield Static(id="facts-signatories-error", classes="facts-error")
            with Horizontal(classes="buttons"):
                yield Button(tr("Spara", "Save"), id="facts-save", variant="primary")
                yield Button(tr("Avbryt", "Cancel"), id="facts-cancel")

    def on_mount(self) -> None:
        self.query_one("#facts-title", Input).focus()

    # -----------------------------------------------------------------------------------------

    def text_of(self, name: str) -> str:
        if name in LIST_FIELDS:
            return self.query_one(f"#facts-{name}", TextArea).text
        return self.query_one(f"#facts-{name}", Input).value

    def parsed(self, name: str) -> ProjectFacts:
        """One field read on its own (the period's end is read together with the start)."""
        text = self.text_of(name)
        if name in LIST_FIELDS:
            if name == "contacts":
                return ProjectFacts(contacts=read_contacts(text))
            return ProjectFacts(signatories=read_signatories(text))
        if name in ("start", "end"):
            dates = {n: self.text_of(n).strip() or None for n in ("start", "end")}
            if name == "start":  # the start's own mistake first; the order of the two under the end
                return parse_facts(start=dates["start"], labels=labels())
            if dates["start"] is not None:
                try:
                    parse_facts(start=dates["start"], labels=labels())
                except UserError:
                    dates["start"] = None  # shown under the start already
            return parse_facts(**dates, labels=labels())
        return parse_facts(**{name: text}, labels=labels()) if name != "title" else ProjectFacts()

    def check_field(self, name: str) -> bool:
        """Show the field's mistake under it (or nothing); True when it is right."""
        problem = ""
        try:
            self.parsed(name)
        except UserError as exc:
            problem = exc.message(lang())
        self.query_one(f"#facts-{name}-error", Static).update(Text(problem))
        return not problem

    @on(Input.Changed)
    def line_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("facts-")
        if name in LINE_FIELDS:
            self.check_field(name)
            if name == "start":
                self.check_field("end")

    @on(TextArea.Changed)
    def list_changed(self, event: TextArea.Changed) -> None:
        name = (event.text_area.id or "").removeprefix("facts-")
        if name in LIST_FIELDS:
            self.check_field(name)

    @on(Button.Pressed, "#facts-cancel")
    def cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#facts-save")
    def action_save(self) -> None:
        wrong = [name for name in (*LINE_FIELDS, *LIST_FIELDS) if not self.check_field(name)]
        if wrong:
            self.query_one(f"#facts-{wrong[0]}").focus()
            self.notify(tr("Rätta det markerade först.", "Correct what is marked first."), severity="error")
            return
        dates = {n: self.text_of(n).strip() or None for n in ("start", "end")}
        try:
            facts = parse_facts(
                organisation=self.text_of("organisation"),
                municipality=self.text_of("municipality"),
                **dates,
                labels=labels(),
            )
            facts = replace(
                facts,
                contacts=read_contacts(self.text_of("contacts")),
                signatories=read_signatories(self.text_of("signatories")),
                clear=frozenset(name for name, text in dates.items() if text is None),  # an emptied date field
            )
            changed = update_facts(self.draft, facts, labels=labels())
        except UserError as exc:  # e.g. the period against the draft's own dates
            self.query_one("#facts-end-error", Static).update(Text(exc.message(lang())))
            return
        title = " ".join(self.text_of("title").split())
        if title != self.draft.title:
            self.draft.title = title
            changed.append("title")
        self.dismiss(bool(changed))


def open_facts(screen: MainScreen) -> None:
    """The main screen's Projektuppgifter: shown over it, saved through its autosave when changed."""
    screen.sync_editor()

    def closed(changed: bool | None) -> None:
        if changed:
            screen.query_one("#titlebar", Static).update(screen._title_text())
            screen.draft_changed()
            screen.notify(tr("Projektuppgifterna sparas.", "The project details are being saved."), timeout=3)

    screen.app.push_screen(FactsScreen(screen.draft), closed)
