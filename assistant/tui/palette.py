"""The command palette's own entries (Ctrl+P): the headings, the main screen's actions, a new application."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.tui.i18n import tr
from assistant.usecases.forms import list_forms

# (Swedish, English) and the main screen's action; the key bound to it is shown beside it (the palette
# teaches the keys, as the keymap has them).
SCREEN_ACTIONS = (
    (("Nästa rubrik", "Next heading"), "next_section"),
    (("Föregående rubrik", "Previous heading"), "prev_section"),
    (("Infoga förslaget vid markören", "Insert the suggestion at the cursor"), "take('insert')"),
    (("Lägg förslaget sist i avsnittet", "Append the suggestion to the section"), "take('append')"),
    (("Ersätt avsnittet med förslaget …", "Replace the section with the suggestion …"), "confirm_replace"),
    (("Visa förslaget", "Show the suggestion"), "show_suggestion"),
    (("Anpassa förslaget till projektet", "Adapt the suggestion to the project"), "adapt_suggestion"),
    (("Budget", "Budget"), "budget"),
    (("Kontrollera ansökan", "Check the application"), "check"),
    (("Exportera till Word", "Export to Word"), "export"),
    (("Läs in granskning från Word …", "Read a review from Word …"), "app.review"),
    (("Projektuppgifter …", "Project details …"), "facts"),
    (("Fråga eller skriv ett kommando", "Ask or type a command"), "focus_command"),
    (("Dölj eller visa samtalet", "Hide or show the conversation"), "toggle_conversation"),
    (("Spara", "Save"), "save"),
    (("Spara som …", "Save as …"), "save_as"),
    (("Sök förslag i biblioteket", "Search the library"), "search_now_from_palette"),
)


def bound_keys(screen: Any) -> dict[str, str]:
    """Action -> the key that runs it on `screen` ('f2', '^n'), after the writer's keymap."""
    keys: dict[str, str] = {}
    for active in screen.active_bindings.values():
        keys.setdefault(active.binding.action, screen.app.get_key_display(active.binding))
    return keys


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
            keys = bound_keys(screen)
            for label, action in SCREEN_ACTIONS:
                out.append((tr(*label), partial(app.call_later, screen.run_action, action), keys.get(action, "")))
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
