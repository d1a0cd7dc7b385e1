"""The main screen and the pieces it wires: autosave, slash commands, the assistant's words."""

from assistant.tui.screens.main.screen import MainScreen

__all__ = ["MainScreen"]
