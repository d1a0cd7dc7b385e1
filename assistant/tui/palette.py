"""The command palette's own entries (Ctrl+P): the headings, the main screen's actions, a new application."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.tui.i18n import tr
from assistant.usecases.forms import list_forms

SCREEN_ACTIONS = (
    (("Nästa rubrik", "Next heading"), "next_section"),
    (("Föregående rubrik", "Previous heading"), "prev_section"),
    (("Budget", "Budget"), "budget"),
    (("Kontrollera ansökan", "Check the application"), "check"),
    (("Exportera till Word", "Export to Word"), "export"),
    (("Spara", "Save"), "save"),
    (("Projektuppgifter …", "Project details …"), "facts"),
    (("Sök förslag i biblioteket", "Search the library"), "search_now_from_palette"),
)


class AnsokanCommands(Provider):
    """“Gå till rubrik …”, every action, and a new application per form."""

    def commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        from assistant.tui.screens.main import MainScreen

        app: Any = self.app
        screen = self.screen  # the screen the palette was opened from
        out: list[tuple[str, Callable[[], Any], str]] = []
        if isinstance(screen, MainScreen):
            for h in screen.form.headings:
                out.append(
                    (
                        tr(f"Gå till rubrik {h.display}", f"Go to heading {h.display}"),
                        partial(app.call_later, screen.go_to, h.key),
                        h.guidance[:80],
                    )
                )
            for label, action in SCREEN_ACTIONS:
                out.append((tr(*label), partial(app.call_later, screen.run_action, action), ""))
            from assistant.tui.screens.submission import SubmissionScreen

            def submission(draft: Any = screen.draft) -> None:
                app.push_screen(SubmissionScreen(draft))

            out.append(
                (
                    tr("Inskickning …", "Submission …"),
                    submission,
                    tr("vad saknas före inskickning", "what is missing before sending"),
                )
            )
        for form in list_forms():  # a broken form file of the user's is left out (forms list names it)
            out.append(
                (
                    tr(f"Ny ansökan: {form.name}", f"New application: {form.name}"),
                    partial(app.new_application, form.id),
                    form.funder,
                )
            )
        out.append((tr("Öppna demo", "Open the demo"), app.open_demo, ""))
        out.append((tr("Hjälp", "Help"), app.action_help, ""))
        out.append((tr("Växla ljust/mörkt tema", "Toggle light/dark theme"), app.action_toggle_theme, ""))
        return out

    async def discover(self) -> Hits:
        for label, command, help_text in self.commands():
            yield DiscoveryHit(label, command, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, command, help_text in self.commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), command, text=label, help=help_text or None)
