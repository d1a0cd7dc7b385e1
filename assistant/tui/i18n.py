"""The interface's words: section states and key descriptions, in both languages.

The language itself is decided in one place, `assistant.core.i18n`; texts are written as
`tr(sv, en)` pairs next to where they are used, so a translator sees both.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from assistant.core.i18n import language as lang
from assistant.core.i18n import set_language as set_lang
from assistant.core.i18n import tr

__all__ = [
    "KEYS",
    "SHORT_KEYS",
    "STATES",
    "full_description",
    "key_description",
    "lang",
    "localise_bindings",
    "set_lang",
    "tr",
]

STATES = {
    "tom": ("tom", "empty"),
    "påbörjad": ("påbörjad", "started"),
    "klar": ("klar", "done"),
    "problem": ("har problem", "has problems"),
}

# Binding id -> (Swedish, English) description shown in the footer and the help screen.
KEYS = {
    "app.help": ("Hjälp", "Help"),
    "app.palette": ("Kommandon", "Commands"),
    "app.theme": ("Ljust/mörkt", "Light/dark"),
    "app.quit": ("Avsluta", "Quit"),
    "start.new": ("Ny ansökan", "New application"),
    "start.demo": ("Öppna demo", "Open demo"),
    "start.open": ("Öppna fil", "Open file"),
    "start.rename": ("Byt namn", "Rename"),
    "start.delete": ("Ta bort", "Delete"),
    "start.undo": ("Ångra", "Undo"),
    "main.next": ("Nästa rubrik", "Next heading"),
    "main.prev": ("Föregående", "Previous"),
    "main.save": ("Spara", "Save"),
    "main.save_as": ("Spara som …", "Save as …"),
    "main.command": ("Kommando", "Command"),
    "main.editor": ("Till texten", "To the text"),
    "main.conversation": ("Dölj/visa samtalet", "Hide/show the conversation"),
    "main.insert": ("Infoga förslag", "Insert suggestion"),
    "main.append": ("Lägg sist", "Append"),
    "main.replace": ("Ersätt", "Replace"),
    "main.show": ("Visa förslag", "Show suggestion"),
    "main.adapt": ("Anpassa", "Adapt"),
    "main.sugg_next": ("Nästa förslag", "Next suggestion"),
    "main.sugg_prev": ("Förra förslaget", "Previous suggestion"),
    "main.budget": ("Budget", "Budget"),
    "editor.undo": ("Ångra", "Undo"),
    "editor.redo": ("Gör om", "Redo"),
    "main.check": ("Kontroll", "Check"),
    "main.export": ("Exportera", "Export"),
    "main.facts": ("Projektuppgifter", "Project details"),
    "facts.save": ("Spara", "Save"),
    "budget.close": ("Tillbaka", "Back"),
    "budget.add": ("Ny post", "New item"),
    "budget.remove": ("Ta bort post", "Remove item"),
    "check.close": ("Tillbaka", "Back"),
    "check.confirm": ("Bekräfta", "Confirm"),
    "check.undo": ("Ångra bekräftelsen", "Undo the confirmation"),
    "check.exact": ("Exakt sidantal", "Exact page count"),
    "check.rerun": ("Kör igen", "Run again"),
    "dialog.cancel": ("Avbryt", "Cancel"),
    "main.review": ("Läs in granskning", "Read a review"),
    "review.close": ("Tillbaka", "Back"),
    "review.accept": ("Godkänn ändringen", "Accept the change"),
    "review.reject": ("Avvisa ändringen", "Reject the change"),
    "review.edit": ("Ändra och godkänn", "Edit and accept"),
    "review.accept_author": ("Godkänn alla granskarens", "Accept all of the reviewer's"),
    "review.reject_author": ("Avvisa alla granskarens", "Reject all of the reviewer's"),
    "review.undo": ("Ångra beslutet", "Undo the decision"),
    "review.resolve": ("Markera kommentaren löst (eller öppen igen)", "Mark the comment resolved (or open again)"),
    "review.answer": ("Svara på kommentaren", "Answer the comment"),
}

# Shorter words for the key bar, where every key of the main screen must fit at 80 columns; the help
# screen (F1) and the bar's tooltips keep the full description above.
SHORT_KEYS = {
    "main.next": ("Nästa", "Next"),
    "main.prev": ("Förra", "Previous"),
    "main.insert": ("Infoga", "Insert"),
    "main.append": ("Sist", "Append"),
    "main.show": ("Visa", "Show"),
    "main.command": ("Fråga", "Ask"),
    "main.facts": ("Uppgifter", "Details"),
    "main.review": ("Granska", "Review"),
    "review.accept": ("Godkänn", "Accept"),
    "review.reject": ("Avvisa", "Reject"),
    "review.edit": ("Ändra", "Edit"),
    "review.accept_author": ("Godkänn alla", "Accept all"),
    "review.reject_author": ("Avvisa alla", "Reject all"),
    "review.undo": ("Ångra", "Undo"),
    "review.resolve": ("Löst", "Resolve"),
    "review.answer": ("Svara", "Answer"),
}


def key_description(binding_id: str | None, fallback: str) -> str:
    pair = KEYS.get(binding_id or "")
    return tr(*pair) if pair else fallback


def localise_bindings(node: Any) -> None:
    """Give a widget's bindings descriptions in the current language: the key bar's word as the
    description, the full one as the tooltip (the help screen lists that).

    Textual merges BINDINGS once per class; the language is chosen per run, so each instance
    gets its own copies with translated descriptions.
    """
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [localised(b) for b in bindings]


def localised(binding: Any) -> Any:
    full = key_description(binding.id, binding.description)
    short = SHORT_KEYS.get(binding.id or "")
    if not short:
        return dataclasses.replace(binding, description=full)
    return dataclasses.replace(binding, description=tr(*short), tooltip=full)


# Textual's own editing keys (TextArea, focus) come with English descriptions and no id: the help screen
# lists them too, so in Swedish they are said in Swedish. Keyed by Textual's words.
TEXTUAL_WORDS = {
    "Cursor up": "Upp",
    "Cursor down": "Ned",
    "Cursor left": "Vänster",
    "Cursor right": "Höger",
    "Cursor word left": "Ett ord åt vänster",
    "Cursor word right": "Ett ord åt höger",
    "Cursor line start": "Radens början",
    "Cursor line end": "Radens slut",
    "Cursor page up": "En skärmsida upp",
    "Cursor page down": "En skärmsida ned",
    "Cursor up select": "Markera uppåt",
    "Cursor down select": "Markera nedåt",
    "Cursor left select": "Markera åt vänster",
    "Cursor right select": "Markera åt höger",
    "Cursor left word select": "Markera ett ord åt vänster",
    "Cursor right word select": "Markera ett ord åt höger",
    "Cursor line start select": "Markera till radens början",
    "Cursor line end select": "Markera till radens slut",
    "Delete character left": "Radera tecknet till vänster",
    "Delete character right": "Radera tecknet till höger",
    "Delete left to start of word": "Radera till ordets början",
    "Delete right to start of word": "Radera till nästa ords början",
    "Delete to line start": "Radera till radens början",
    "Delete to line end": "Radera till radens slut",
    "Delete line": "Radera raden",
    "Copy": "Kopiera",
    "Cut": "Klipp ut",
    "Paste": "Klistra in",
    "Undo": "Ångra",
    "Redo": "Gör om",
    "Select all": "Markera allt",
    "Focus Next": "Nästa fält",
    "Focus Previous": "Föregående fält",
}


def full_description(binding: Any) -> str:
    """What the help screen says a key does (the key bar may show a shorter word)."""
    pair = KEYS.get(binding.id or "")
    if pair:
        return tr(*pair)
    described = str(binding.description)
    return tr(TEXTUAL_WORDS[described], described) if described in TEXTUAL_WORDS else described
