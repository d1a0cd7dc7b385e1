"""A screen that closes once: a key and a button may both ask it to close before it is gone.

Textual's `Screen.dismiss` pops whatever screen is on top. A Button.Pressed still queued in a
dialog when Escape has already closed it would then close the screen *under* it (the main screen:
the writer's editor gone, "No screens on stack" after). So a screen that is no longer the active
one ignores a late dismiss."""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


async def _nothing() -> None:
    return None


class ClosesOnce:
    """Mixed into the app's screens and dialogs, before their Screen or ModalScreen base:
    `dismiss` does nothing once the screen is not on top.

    A mixin, not a Screen subclass: Textual takes a screen's CSS type names (`ModalScreen { align:
    center middle; }`, the dimmed background) from the first Textual class among its bases, so a
    Screen subclass first would hide ModalScreen and every dialog would sit in the top-left corner."""

    is_active: bool

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete(_nothing())
        return super().dismiss(result)  # type: ignore[misc]
